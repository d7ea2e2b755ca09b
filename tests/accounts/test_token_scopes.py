"""Token scopes, default expiry, no token management by token, revocation on a new password."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.accounts.factories import PASSWORD

from rxguild.accounts.models import PersonalAccessToken, User
from rxguild.accounts.tokens import API_AREAS, token_create, token_may_call

pytestmark = pytest.mark.django_db

TOKENS = "/api/v1/accounts/tokens"
WORK = "/api/v1/profiles/me/work"
NEW_WORK = {"employer": "Memorial", "title": "Technician", "start_date": "2020-01-01"}


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_new_token_reads_only_and_expires_in_90_days(member: User) -> None:
    new = token_create(user=member, name="cli")
    assert new.token.scopes == ["read"]
    assert new.token.expires_at is not None
    left = new.token.expires_at - timezone.now()
    assert timedelta(days=89, hours=23) < left <= timedelta(days=90)


def test_a_read_token_cannot_change_anything(member: User) -> None:
    from rxguild.profiles.models import WorkExperience

    new = token_create(user=member, name="reader")
    api = Client()
    assert api.get(WORK, **bearer(new.secret)).status_code == 200
    response = api.post(WORK, NEW_WORK, content_type="application/json", **bearer(new.secret))
    assert response.status_code == 403
    assert response.json() == {"detail": "This token may not change profiles: its scopes are read."}
    assert WorkExperience.objects.count() == 0


def test_an_area_token_stays_in_its_area(member: User) -> None:
    from rxguild.profiles.models import WorkExperience

    new = token_create(user=member, name="profile sync", scopes=["profiles:write"])
    api = Client()
    response = api.post(WORK, NEW_WORK, content_type="application/json", **bearer(new.secret))
    assert response.status_code == 201
    assert WorkExperience.objects.count() == 1
    refused = api.get("/api/v1/ce/records", **bearer(new.secret))
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "This token may not read ce: its scopes are profiles:write."
    }


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_a_token_never_manages_tokens(member: User, method: str) -> None:
    new = token_create(user=member, name="everything", scopes=["read", "write"])
    other = token_create(user=member, name="other")
    api = Client()
    if method == "get":
        response = api.get(TOKENS, **bearer(new.secret))
    elif method == "post":
        response = api.post(
            TOKENS, json.dumps({"name": "minted"}), "application/json", **bearer(new.secret)
        )
    else:
        response = api.delete(f"{TOKENS}/{other.token.pk}", **bearer(new.secret))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Tokens cannot list, create or revoke tokens: manage them signed in, "
        "at /account/tokens/."
    }
    assert PersonalAccessToken.objects.filter(user=member, revoked_at__isnull=True).count() == 2


def test_every_api_area_has_scopes() -> None:
    from rxguild.api.main import api

    mounted = {prefix.strip("/").split("/")[0] for prefix, _router in api._routers if prefix}
    assert mounted == set(API_AREAS)


@pytest.mark.parametrize(
    ("scopes", "method", "path", "allowed"),
    [
        (["read"], "GET", "/api/v1/ce/records", True),
        (["read"], "HEAD", "/api/v1/ce/records", True),
        (["read"], "PATCH", "/api/v1/ce/records/1", False),
        (["write"], "GET", "/api/v1/ce/records", True),
        (["ce:read"], "GET", "/api/v1/ce/records", True),
        (["ce:read"], "POST", "/api/v1/ce/records", False),
        (["ce:write"], "DELETE", "/api/v1/ce/records/1", True),
        (["ce:write"], "GET", "/api/v1/jobs/", False),
        (["jobs:write"], "POST", "/api/v1/jobs/tracker/items", True),
        (["read", "write"], "GET", "/api/v1/accounts/tokens", False),
        ([], "GET", "/api/v1/ce/records", False),
    ],
)
def test_scope_rules(scopes: list[str], method: str, path: str, allowed: bool) -> None:
    assert (token_may_call(scopes, path=path, method=method) is None) is allowed


def test_the_page_makes_an_area_token(client: Any, member: User) -> None:
    client.force_login(member)
    response = client.post(
        reverse("accounts:tokens"),
        {"name": "CE sync", "access": "write", "areas": ["ce", "profiles"], "expires_in_days": "7"},
    )
    assert response.status_code == 200
    token = PersonalAccessToken.objects.get(user=member)
    assert token.scopes == ["ce:write", "profiles:write"]
    assert "<td>ce:write, profiles:write</td>" in response.content.decode()


def test_the_page_offers_no_token_that_never_expires(client: Any, member: User) -> None:
    client.force_login(member)
    response = client.post(
        reverse("accounts:tokens"), {"name": "forever", "access": "read", "expires_in_days": ""}
    )
    assert response.status_code == 422
    assert PersonalAccessToken.objects.count() == 0


def test_a_password_change_revokes_every_token(client: Any, member: User) -> None:
    first = token_create(user=member, name="one", scopes=["read"])
    second = token_create(user=member, name="two", scopes=["write"])
    client.force_login(member)
    new_password = "a different long passphrase"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)
    for new in (first, second):
        new.token.refresh_from_db()
        assert new.token.revoked_at is not None
        assert Client().get("/api/v1/accounts/me", **bearer(new.secret)).status_code == 401


def test_a_password_reset_revokes_every_token(client: Any, member: User) -> None:
    from allauth.account.adapter import get_adapter

    new = token_create(user=member, name="one")
    get_adapter().set_password(member, "a different long passphrase")
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None


def test_a_failed_password_change_keeps_the_tokens(client: Any, member: User) -> None:
    new = token_create(user=member, name="one")
    client.force_login(member)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "a b c d e f g h", "password2": "a b c d e f g h"},
    )
    assert response.status_code == 200
    new.token.refresh_from_db()
    assert new.token.revoked_at is None
