"""The services RxGuild stores and sends through: database, cache, task queue, email and
files. Each has a no-service default and scales by configuration."""

from pathlib import Path

from rxguild.settings.base import PRODUCTION, SRC_DIR, TESTING, VAR_DIR, env

# --- Database -------------------------------------------------------------------------
# PostgreSQL sessions: no JIT compilation. It pays off for long analytic queries; here a
# job search whose plan is costed above jit_above_cost spent 55 ms compiling for 220 ms of
# work (1,000,000 postings). A page's queries are short.
POSTGRES_OPTIONS = {"options": "-c jit=off"}

# SQLite under var/ by default; DATABASE_URL (postgres://...) for PostgreSQL.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'rxguild.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE transactions take the write lock at
    # BEGIN so concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # A file, not memory: browser tests share it with the live-server thread. Parallel runs
    # on one checkout each name their own with SQLITE_TEST_NAME.
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("SQLITE_TEST_NAME", default=str(VAR_DIR / "test.sqlite3"))
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRES_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and task queue: the database by default, Redis when REDIS_URL is set ----------
# REDIS_URL (redis://host:6379/0) puts the shared cache (allauth's rate limits) and the task
# queue on Redis. The cache is django-redis with IGNORE_EXCEPTIONS: when Redis is down a read
# is a miss and a write is dropped (logged on rxguild.cache), so pages keep working and rate
# limits are not enforced until it is back; /readyz reports the cache as degraded. The queue
# is django-tasks-rq (RQ, by django-tasks' author), worked by `manage.py rqworker`.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rxguild",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A dead Redis costs a page at most this long per call, not a hang.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
elif TESTING:
    # Per-process memory cache keeps pure-engine tests free of the database.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rxguild_cache",
        }
    }

DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "rxguild.cache"

# --- Tasks (django-tasks): database queue by default (`manage.py db_worker`), RQ on Redis
# when REDIS_URL is set (`manage.py rqworker --job-class django_tasks_rq.Job`) -------------
RQ_BACKEND = "django_tasks_rq.RQBackend"
if TESTING:
    _default_tasks_backend = "django_tasks.backends.immediate.ImmediateBackend"
elif REDIS_URL:
    _default_tasks_backend = RQ_BACKEND
else:
    _default_tasks_backend = "django_tasks_db.DatabaseBackend"
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default=_default_tasks_backend)}}
if TASKS["default"]["BACKEND"] == RQ_BACKEND:
    TASKS["default"]["QUEUES"] = ["default"]
RQ_QUEUES = {"default": {"URL": env.str("RQ_URL", default=REDIS_URL or "redis://127.0.0.1:6379/0")}}
RQ_SHOW_ADMIN_LINK = False

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Mail goes through the task queue (core.mail_queue): stored with the change that caused it,
# sent by the worker with EMAIL_URL's backend, retried when the provider fails. (The test
# runner replaces EMAIL_BACKEND with its memory outbox.)
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
if EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    # The same, recording the hand-over before the final "." (no email sent twice).
    EMAIL_DELIVERY_BACKEND = "rxguild.core.smtp_handover.HandoverSMTPBackend"
# A provider that stops answering fails the attempt (retried) well before a claim goes stale.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
EMAIL_BACKEND = "rxguild.core.mail_queue.QueuedEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="RxGuild <no-reply@rxguild.local>")

# --- Static and uploaded files -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
WHITENOISE_USE_FINDERS = (
    not PRODUCTION
)  # serve from the apps in development; collectstatic in production
STATICFILES_DIRS = [SRC_DIR / "rxguild" / "static"]
# Uploads live outside any served folder; views hand them back to their owner only.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "uploads")))
MEDIA_URL = "/media-not-served/"
# AWS_STORAGE_BUCKET_NAME puts uploads in an S3-compatible bucket (django-storages; MinIO,
# Ceph, Garage or AWS): AWS_S3_ENDPOINT_URL for a server other than AWS, AWS_S3_REGION_NAME,
# and the credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3). Objects
# are private (no ACL, no public URLs): views still hand files back to their owner only.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE: dict[str, object] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
else:
    # Stored whole or not at all: a full disk leaves no partial file (core/storage.py).
    DEFAULT_STORAGE = {"BACKEND": "rxguild.core.storage.LocalStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
