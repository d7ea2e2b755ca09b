"""allauth's rate limits live in the cache (memory in tests; the database or Redis in
production, see test_settings_production)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

THROTTLED = "Too many failed login attempts. Try again later."


def _login(client, password: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("account_login"), {"login": "maria@example.org", "password": password}
    )


def test_repeated_failed_logins_for_one_account_are_throttled(client, member):
    # ACCOUNT_RATE_LIMITS["login_failed"] allows 5 failures per account in 5 minutes.
    for _attempt in range(5):
        response = _login(client, "not the password")
        assert THROTTLED not in response.content.decode()
    response = _login(client, "not the password")
    assert THROTTLED in response.content.decode()
    # Even the right password is refused while throttled.
    response = _login(client, PASSWORD)
    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    assert response.wsgi_request.user.is_authenticated is False


def test_failed_logins_count_for_the_address_whatever_host_name_was_used(client, member):
    # Two allowed host names (or two app servers on two ports) share one budget per address.
    hosts = ("localhost", "127.0.0.1:8001", "testserver")
    for attempt in range(5):
        response = client.post(
            reverse("account_login"),
            {"login": "maria@example.org", "password": "not the password"},
            HTTP_HOST=hosts[attempt % 3],
        )
        assert THROTTLED not in response.content.decode()
    response = client.post(
        reverse("account_login"),
        {"login": "Maria@Example.org", "password": PASSWORD},
        HTTP_HOST="127.0.0.1:8002",
    )
    assert THROTTLED in response.content.decode()
    assert response.wsgi_request.user.is_authenticated is False


def test_successful_login_does_not_use_up_the_failure_budget(client, member):
    for _attempt in range(4):
        _login(client, "not the password")
    assert _login(client, PASSWORD).status_code == 302


def test_password_reset_requests_are_throttled(client, member):
    # "5/m/key": a sixth reset request for one address within a minute gets a 429 page.
    statuses = [
        client.post(reverse("account_reset_password"), {"email": "maria@example.org"}).status_code
        for _ in range(6)
    ]
    assert statuses == [302, 302, 302, 302, 302, 429]
    response = client.post(reverse("account_reset_password"), {"email": "maria@example.org"})
    assert "<h1>Too many attempts</h1>" in response.content.decode()
