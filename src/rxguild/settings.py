"""One settings module, configured from the environment (django-environ).

It boots with no service at all (SQLite under var/, local files, console email, database
task queue) and scales by configuration: DATABASE_URL, REDIS_URL, EMAIL_URL, storage.
DJANGO_ENV=production turns on the hardened defaults and refuses to start without a secret
key and allowed hosts.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SRC_DIR = BASE_DIR / "src"
VAR_DIR = BASE_DIR / "var"
DATA_DIR = BASE_DIR / "data"

env = environ.Env()
DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
TESTING = env.bool("RXGUILD_TESTING", default=False)

# What production cannot run without, each with what it is for: all the missing ones are
# named in one error at start-up, instead of a KeyError for the first.
PRODUCTION_REQUIRED = {
    "SECRET_KEY": "a long random string that signs sessions and links, e.g. the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`",
    "ALLOWED_HOSTS": "the host names the site answers to, comma-separated, "
    "e.g. rxguild.example.org",
    "EMAIL_URL": "how to send email (sign-up confirmations, password resets), e.g. "
    "smtp+tls://user:password@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "the sender of the site's email, e.g. RxGuild <no-reply@example.org>",
}
if PRODUCTION:
    missing = [name for name in PRODUCTION_REQUIRED if not env.str(name, default="").strip()]
    if env.str("SECRET_KEY", default="") and len(env.str("SECRET_KEY")) < 50:
        missing.append("SECRET_KEY")
        PRODUCTION_REQUIRED["SECRET_KEY"] = (
            "is shorter than 50 characters: " + (PRODUCTION_REQUIRED["SECRET_KEY"])
        )
    if missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "RxGuild cannot start with DJANGO_ENV=production until these are set in the "
            "environment:\n"
            + "\n".join(f"  {name}: {PRODUCTION_REQUIRED[name]}" for name in dict.fromkeys(missing))
        )
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DEBUG = False
else:
    # A development-only key: never used when DJANGO_ENV=production.
    SECRET_KEY = env.str("SECRET_KEY", default="dev-insecure-key-not-for-production-use-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
    DEBUG = env.bool("DEBUG", default=not TESTING)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # RQ on Redis, the task queue when REDIS_URL is set (installed always: one schema)
    "django_rq",
    "django_tasks_rq",
    "rxguild.core",
    "rxguild.accounts",
    "rxguild.catalog",
    "rxguild.profiles",
    "rxguild.ce",
    "rxguild.jobs",
    "rxguild.tracker",
    "rxguild.resumes",
    "rxguild.community",
    "rxguild.mentoring",
    "rxguild.growth",
    "rxguild.roadmap",
    "rxguild.experience",
    "rxguild.wallet",
    "rxguild.api",
]

MIDDLEWARE = [
    # Probes first: before the HTTPS redirect and the host check (see core.health).
    "rxguild.core.health.HealthCheckMiddleware",
    "rxguild.core.request_log.RequestLogMiddleware",
    "rxguild.core.urlsafe.RefuseNulInUrlMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
]

ROOT_URLCONF = "rxguild.urls"
WSGI_APPLICATION = "rxguild.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # accounts' templates override allauth's, whose app comes earlier in INSTALLED_APPS.
        "DIRS": [SRC_DIR / "rxguild" / "templates", SRC_DIR / "rxguild" / "accounts" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "rxguild.core.context_processors.site",
            ],
        },
    },
]

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

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Fast hashing in tests only; production always hashes with Argon2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# OWASP ASVS 2.1: at least 12 characters, up to 128+ allowed, checked against common
# passwords, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "rxguild.accounts.validators.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# The adapter grants the member role on sign-up (explicitly, not through a signal).
ACCOUNT_ADAPTER = "rxguild.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Hashes the password for a taken address too, so sign-up timing reveals nothing.
ACCOUNT_FORMS = {"signup": "rxguild.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RxGuild] "
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Days between a member asking to delete their account and its purge (accounts.data_services).
ACCOUNT_DELETION_GRACE_DAYS = env.int("ACCOUNT_DELETION_GRACE_DAYS", default=14)
# OWASP ASVS 2.2.3: tell members by email when their password, addresses or MFA change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so staff can see and tune them.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RxGuild"
USERSESSIONS_TRACK_ACTIVITY = True

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Mail goes through the task queue (core.mail_queue): stored with the change that caused it,
# sent by the worker with EMAIL_URL's backend, retried when the provider fails. (The test
# runner replaces EMAIL_BACKEND with its memory outbox.)
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "rxguild.core.mail_queue.QueuedEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="RxGuild <no-reply@rxguild.local>")

# --- I18N -----------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_I18N = True
# Human dates in pages ("Dec 2, 2026", "7:00 PM"): rxguild/formats/en/formats.py.
FORMAT_MODULE_PATH = ["rxguild.formats"]
USE_TZ = True

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

# --- Security headers -----------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    # __Host- cookies must be Secure, path=/ and have no Domain: the browser enforces it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Logging --------------------------------------------------------------------------
# LOG_FORMAT=json (the default in production) writes every record as one JSON line; the
# request log (core.request_log) is on at INFO, one line per request, with LOG_REQUESTS=1
# (the default in production and under `make serve`).
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "rxguild.core.request_log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "rxguild.request": {
            "level": "INFO" if env.bool("LOG_REQUESTS", default=PRODUCTION) else "ERROR",
        },
    },
}

# --- RxGuild --------------------------------------------------------------------------
# How long a job search's results (all but the page's postings) are reused: any posting
# change starts afresh at once (jobs.search.generation); this bounds only what no change
# announces (a posting reaching its valid-through time). 0 turns it off, as in tests, where
# a search must run each time (tests/jobs/test_search_cache.py turns it on).
JOBS_SEARCH_CACHE_SECONDS = env.int("JOBS_SEARCH_CACHE_SECONDS", default=0 if TESTING else 60)
RXGUILD_SITE_NAME = env.str("RXGUILD_SITE_NAME", default="RxGuild")
# The public address of this instance: links in emails, and the ids of the badges it issues.
RXGUILD_SITE_URL = env.str("RXGUILD_SITE_URL", default="http://127.0.0.1:8000")
# The private key the wallet signs badges with (PEM, EC P-256). Outside the repository; made
# on first use except in production, where `manage.py wallet_signing_key` makes it.
RXGUILD_WALLET_KEY_FILE = env.str(
    "RXGUILD_WALLET_KEY_FILE", default=str(VAR_DIR / "wallet-signing-key.pem")
)
RXGUILD_DATA_DIR = DATA_DIR
