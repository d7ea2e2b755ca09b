"""Personal access tokens: the page under /account/tokens/ and the JSON API."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import PersonalAccessToken
from rxguild.accounts.tokens import MAX_ACTIVE_TOKENS, TokenError, token_create, token_revoke

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me"
TOKENS = "/api/v1/accounts/tokens"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# --- the page ---------------------------------------------------------------------------


def test_tokens_page_needs_login(client):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_create_token_on_page_shows_secret_once(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:tokens"),
        {"name": "Calendar sync", "access": "read", "expires_in_days": "30"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    token = PersonalAccessToken.objects.get(user=member)
    assert token.name == "Calendar sync"
    assert token.expires_at is not None
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert f'value="rxg_{token.prefix}_' in html
    assert "no-store" in response["Cache-Control"]
    # The list never shows the secret again.
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert f'value="rxg_{token.prefix}_' not in html
    assert f"<code>rxg_{token.prefix}</code>" in html
    assert "Calendar sync" in html
    assert "<td>Active</td>" in html


def test_create_token_without_name_saves_nothing(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:tokens"), {"name": "", "expires_in_days": ""})
    assert response.status_code == 422
    assert b'id="id_name_error"' in response.content
    assert PersonalAccessToken.objects.count() == 0


def test_token_list_query_count_does_not_grow(client, member, django_assert_num_queries):
    for n in range(8):
        token_create(user=member, name=f"token {n}")
    client.force_login(member)
    client.get(reverse("accounts:tokens"))  # the first request records the user session
    # Session, user, allauth's session tracking (read, touch, in savepoints) and one query
    # for the tokens: the same for 8 tokens as for 1.
    with django_assert_num_queries(8):
        response = client.get(reverse("accounts:tokens"))
    assert response.content.decode().count("<td>Active</td>") == 8


def test_revoke_on_page(client, member):
    new = token_create(user=member, name="Old script")
    client.force_login(member)
    response = client.post(reverse("accounts:token_revoke", args=[new.token.pk]))
    assert response.status_code == 302
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None
    assert "<td>Revoked</td>" in client.get(reverse("accounts:tokens")).content.decode()


def test_revoke_by_get_is_refused(client, member):
    new = token_create(user=member, name="Old script")
    client.force_login(member)
    assert client.get(reverse("accounts:token_revoke", args=[new.token.pk])).status_code == 405
    new.token.refresh_from_db()
    assert new.token.revoked_at is None


def test_cannot_revoke_another_members_token_on_page(client, member, other_member):
    theirs = token_create(user=other_member, name="Theirs")
    client.force_login(member)
    response = client.post(reverse("accounts:token_revoke", args=[theirs.token.pk]))
    assert response.status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None
    assert "Theirs" not in client.get(reverse("accounts:tokens")).content.decode()


# --- the service ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "days", "message"),
    [
        ("  ", None, "Give the token a name"),
        ("x" * 81, None, "80 characters"),
        ("ok", 0, "1 to 366 days"),
        ("ok", 367, "1 to 366 days"),
    ],
    ids=["blank-name", "long-name", "zero-days", "too-many-days"],
)
def test_token_create_rejects_bad_input(member, name, days, message):
    with pytest.raises(TokenError, match=message):
        token_create(user=member, name=name, expires_in_days=days)
    assert PersonalAccessToken.objects.count() == 0


def test_token_limit_counts_only_active_tokens(member):
    for n in range(MAX_ACTIVE_TOKENS):
        token_create(user=member, name=f"t{n}")
    with pytest.raises(TokenError, match="revoke one first"):
        token_create(user=member, name="one too many")
    first = PersonalAccessToken.objects.filter(user=member).last()
    assert first is not None
    PersonalAccessToken.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    token_create(user=member, name="after one expired")
    assert PersonalAccessToken.objects.filter(user=member).count() == MAX_ACTIVE_TOKENS + 1


def test_only_a_digest_is_stored(member):
    new = token_create(user=member, name="x")
    token = PersonalAccessToken.objects.get()
    assert new.secret not in token.token_hash
    assert len(token.token_hash) == 64


# --- the API ----------------------------------------------------------------------------


def test_me_with_bearer_token(client, member):
    new = token_create(user=member, name="cli")
    response = client.get(ME, **bearer(new.secret))
    assert response.status_code == 200
    assert response.json() == {"id": member.pk, "email": "maria@example.org", "roles": ["member"]}
    new.token.refresh_from_db()
    assert new.token.last_used_at is not None


def test_me_with_session(client, member):
    client.force_login(member)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == "maria@example.org"


def test_me_without_auth_is_401(client):
    assert client.get(ME).status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer rxg_deadbeef_not-a-real-token",
        "Bearer not-even-our-format",
        "Bearer ",
        "Token rxg_abc",
        "Bearer " + "rxg_" + "x" * 300,
    ],
    ids=["unknown", "wrong-format", "empty", "wrong-scheme", "overlong"],
)
def test_malformed_or_unknown_token_is_401(client, member, header):
    response = client.get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_revoked_token_is_401(client, member):
    new = token_create(user=member, name="cli")
    token_revoke(user=member, token_id=new.token.pk)
    assert client.get(ME, **bearer(new.secret)).status_code == 401


def test_expired_token_is_401(client, member):
    new = token_create(user=member, name="cli", expires_in_days=1)
    PersonalAccessToken.objects.filter(pk=new.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(ME, **bearer(new.secret)).status_code == 401


def test_inactive_users_token_is_401(client, member):
    new = token_create(user=member, name="cli")
    member.is_active = False
    member.save()
    assert client.get(ME, **bearer(new.secret)).status_code == 401


def test_api_list_create_and_delete_tokens_signed_in(client, member):
    client.force_login(member)
    response = client.post(
        TOKENS,
        data=json.dumps({"name": "CI job", "scopes": ["ce:write"], "expires_in_days": 7}),
        content_type="application/json",
    )
    assert response.status_code == 201
    created = response.json()
    assert created["token"]["name"] == "CI job"
    assert created["token"]["status"] == "active"
    assert created["token"]["scopes"] == ["ce:write"]
    assert created["secret"].startswith(f"rxg_{created['token']['prefix']}_")
    # The new secret works on its own, within its scopes.
    browserless = Client()
    assert browserless.get(ME, **bearer(created["secret"])).status_code == 403
    assert browserless.get("/api/v1/ce/records", **bearer(created["secret"])).status_code == 200

    token_create(user=member, name="cli")
    listed = client.get(TOKENS).json()
    assert [t["name"] for t in listed] == ["cli", "CI job"]
    assert all("secret" not in t and "token_hash" not in t for t in listed)

    response = client.delete(f"{TOKENS}/{created['token']['id']}")
    assert response.status_code == 204
    assert browserless.get("/api/v1/ce/records", **bearer(created["secret"])).status_code == 401
    statuses = {t["name"]: t["status"] for t in client.get(TOKENS).json()}
    assert statuses == {"CI job": "revoked", "cli": "active"}


def test_api_create_rejects_bad_input(client, member):
    client.force_login(member)
    response = client.post(
        TOKENS,
        data=json.dumps({"name": "x", "expires_in_days": 0}),
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client.post(
        TOKENS, data=json.dumps({"name": "   "}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "Give the token a name, so you can recognise it later."}
    response = client.post(
        TOKENS,
        data=json.dumps({"name": "x", "scopes": ["admin", "ce:read"]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "Unknown scopes: admin. Use read, write, or e.g. ce:read."}
    assert PersonalAccessToken.objects.count() == 0


def test_member_cannot_see_or_revoke_anothers_token(client, member, other_member):
    token_create(user=member, name="mine")
    theirs = token_create(user=other_member, name="theirs", scopes=["read"])
    client.force_login(member)
    listed = client.get(TOKENS).json()
    assert [t["name"] for t in listed] == ["mine"]
    response = client.delete(f"{TOKENS}/{theirs.token.pk}")
    assert response.status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None
    assert Client().get(ME, **bearer(theirs.secret)).json()["email"] == "olu@example.org"


def test_session_post_without_csrf_is_refused(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    response = browser.post(
        TOKENS, data=json.dumps({"name": "sneaky"}), content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert response.status_code == 403 or response.json()["detail"].startswith("Sign in")
    assert PersonalAccessToken.objects.count() == 0


def test_session_post_with_csrf_token_works(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    browser.get(reverse("accounts:tokens"))  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(
        TOKENS,
        data=json.dumps({"name": "from the browser"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 201
    assert PersonalAccessToken.objects.get().name == "from the browser"


def test_last_used_is_written_at_most_every_five_minutes(client, member):
    new = token_create(user=member, name="cli")
    client.get(ME, **bearer(new.secret))
    new.token.refresh_from_db()
    first_use = new.token.last_used_at
    assert first_use is not None
    client.get(ME, **bearer(new.secret))
    new.token.refresh_from_db()
    assert new.token.last_used_at == first_use  # no write per request
    PersonalAccessToken.objects.filter(pk=new.token.pk).update(
        last_used_at=first_use - timedelta(minutes=6)
    )
    client.get(ME, **bearer(new.secret))
    new.token.refresh_from_db()
    assert new.token.last_used_at is not None
    assert new.token.last_used_at > first_use
