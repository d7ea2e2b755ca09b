"""Production settings, imported in a subprocess under a production environment (settings are
read once per process, so the test process's own settings cannot show them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "rxguild.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "RxGuild <no-reply@rxguild.example.org>",
    "DJANGO_SETTINGS_MODULE": "rxguild.settings",
    "PYTHONPATH": str(ROOT / "src"),
}
PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_httponly": settings.CSRF_COOKIE_HTTPONLY,
    "session_samesite": settings.SESSION_COOKIE_SAMESITE,
    "csrf_samesite": settings.CSRF_COOKIE_SAMESITE,
    "session_domain": settings.SESSION_COOKIE_DOMAIN,
    "csrf_domain": settings.CSRF_COOKIE_DOMAIN,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "hsts_subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "debug": settings.DEBUG,
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "hasher": settings.PASSWORD_HASHERS[0],
}))
"""


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "RXGUILD_TESTING",
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for Playwright only
        }
        and not k.startswith("PYTEST")
    }
    return {**env, **PRODUCTION_ENV, **extra}


def _probe(**extra: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + PROBE],
        env=_clean_env(**extra),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production() -> dict[str, object]:
    return _probe()


def test_cookies_are_host_prefixed_secure_httponly_samesite(production):
    assert production["session_cookie"] == "__Host-sessionid"
    assert production["csrf_cookie"] == "__Host-csrftoken"
    assert production["session_secure"] is True
    assert production["csrf_secure"] is True
    assert production["session_httponly"] is True
    assert production["csrf_httponly"] is True
    assert production["session_samesite"] == "Lax"
    assert production["csrf_samesite"] == "Lax"
    # __Host- cookies must not carry a Domain.
    assert production["session_domain"] is None
    assert production["csrf_domain"] is None


def test_hsts_and_https(production):
    assert production["hsts"] == 31536000
    assert production["hsts_subdomains"] is True
    assert production["ssl_redirect"] is True
    assert production["debug"] is False


def test_production_hashes_with_argon2(production):
    assert production["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_rate_limit_cache_is_the_database(production):
    assert production["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert production["cache_location"] == "rxguild_cache"


def test_production_rate_limit_cache_is_redis_when_configured():
    settings = _probe(REDIS_URL="redis://127.0.0.1:6379/0")
    # django-redis: with IGNORE_EXCEPTIONS a Redis outage degrades pages instead of failing
    # them (docs/load-and-faults.md).
    assert settings["cache"] == "django_redis.cache.RedisCache"
    assert settings["cache_location"] == "redis://127.0.0.1:6379/0"


def test_production_refuses_to_start_without_secret_key():
    env = _clean_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_passes_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_clean_env(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_names_every_missing_setting_at_start_up():
    env = _clean_env()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL", "DEFAULT_FROM_EMAIL"):
        del env[name]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()
    assert message[-5:] == [
        "django.core.exceptions.ImproperlyConfigured: RxGuild cannot start with "
        "DJANGO_ENV=production until these are set in the environment:",
        "  SECRET_KEY: a long random string that signs sessions and links, e.g. the output of "
        "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`",
        "  ALLOWED_HOSTS: the host names the site answers to, comma-separated, "
        "e.g. rxguild.example.org",
        "  EMAIL_URL: how to send email (sign-up confirmations, password resets), e.g. "
        "smtp+tls://user:password@smtp.example.org:587",
        "  DEFAULT_FROM_EMAIL: the sender of the site's email, e.g. RxGuild <no-reply@example.org>",
    ]


def test_production_refuses_a_short_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=_clean_env(SECRET_KEY="too-short"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "  SECRET_KEY: is shorter than 50 characters: a long random string" in result.stderr
