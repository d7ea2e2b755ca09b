"""One settings module, configured from the environment (django-environ), in three parts.

It boots with no service at all (SQLite under var/, local files, console email, database
task queue) and scales by configuration: DATABASE_URL, REDIS_URL, EMAIL_URL, storage.
DJANGO_ENV=production turns on the hardened defaults and refuses to start without a secret
key and allowed hosts.

- ``base``: paths, the environment, production's required settings, apps, middleware,
  templates, language and time, RxGuild's own settings;
- ``services``: database, cache, task queue, email, static and uploaded files;
- ``security``: accounts and passwords, security headers and cookies, logging.

DJANGO_SETTINGS_MODULE stays ``rxguild.settings``: the parts are imported here.
"""

from rxguild.settings.base import *  # noqa: F403
from rxguild.settings.security import *  # noqa: F403
from rxguild.settings.services import *  # noqa: F403
