"""Where RxGuild runs and what it is made of: paths, the environment and its production
requirements, apps, middleware, templates, language and time, and RxGuild's own settings."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parents[3]
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

# --- I18N -----------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_I18N = True
# Human dates in pages ("Dec 2, 2026", "7:00 PM"): rxguild/formats/en/formats.py.
FORMAT_MODULE_PATH = ["rxguild.formats"]
USE_TZ = True

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
