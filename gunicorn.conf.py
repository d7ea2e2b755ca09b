"""gunicorn settings for RxGuild (`make serve`, and the systemd unit in the README).

Why gunicorn: RxGuild's views are synchronous Django, and gunicorn's pre-forked sync workers
are the plainest fit (one request per worker at a time, no event loop to keep free); it is
pure Python, so `make install` needs nothing compiled; and its master restarts a worker that
dies or hangs, and on SIGTERM lets each worker finish the request in hand (graceful_timeout)
before exiting, which is what a deploy or a reboot needs. Everything here can be overridden
from the environment, as below, or on the command line.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# (2 x cores) + 1 is gunicorn's own rule of thumb for sync workers; capped so a small server
# running SQLite does not queue writers behind a crowd of processes.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "sync"
# A request longer than this is killed and logged (the slowest pages take well under a second;
# uploads are parsed in a sandbox with its own 15 s limit).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On SIGTERM, in-flight requests get this long to finish before the workers are stopped.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then, so a slow leak in any library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a disk that may be slow or full (gunicorn makes them with
# mkstemp, so a shared directory is safe).
SHM = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
# The reverse proxy on this machine sets X-Forwarded-Proto (settings: SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Request lines come from Django as JSON (rxguild.core.request_log); gunicorn logs its own
# events (start, worker boot and exit) to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "rxguild"
# gunicorn's runtime control socket sits at one path per user: two servers on one machine
# (a test beside `make serve`) would fight over it, and nothing here uses it.
control_socket_disable = True
wsgi_app = "rxguild.wsgi:application"
pythonpath = "src"
