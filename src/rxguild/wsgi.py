"""WSGI entry point (gunicorn rxguild.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rxguild.settings")
application = get_wsgi_application()
