"""TOTP two-factor authentication: activation (behind re-authentication), then required at
log-in. Codes are computed here with hmac (RFC 6238), independent of allauth's own code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

NOW = 1_800_000_000.0  # a fixed clock; the clock is the one boundary patched here


def totp_code(secret_b32: str, at: float, period: int = 30) -> str:
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // period), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def frozen_clock(at: float):  # type: ignore[no-untyped-def]
    return mock.patch("allauth.mfa.totp.internal.auth.time", SimpleNamespace(time=lambda: at))


def test_rfc6238_reference_vector():
    # RFC 6238 appendix B, SHA-1, T=59 → 94287082 (8 digits); the last 6 digits are ours.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp_code(secret, 59) == "287082"


def _activate_totp(client: Client) -> str:
    response = client.get(reverse("mfa_activate_totp"))
    # Changing MFA needs a fresh password even inside a session.
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(response.url, {"password": PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR', html)
    assert "<script" not in html.split("<main", 1)[1]
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', html)
    if secret is None:
        secret = re.search(r'value="([A-Z2-7]+)"[^>]*id="authenticator_secret"', html)
    assert secret is not None
    with frozen_clock(NOW):
        response = client.post(
            reverse("mfa_activate_totp"), {"code": totp_code(secret.group(1), NOW)}
        )
    assert response.status_code == 302
    return secret.group(1)


def test_wrong_code_does_not_activate(client, member):
    client.force_login(member)
    client.post(
        client.get(reverse("mfa_activate_totp")).url, {"password": PASSWORD}
    )  # re-authenticate
    with frozen_clock(NOW):
        response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert Authenticator.objects.filter(user=member).count() == 0


# allauth sends the "activated" mail on commit, inside the request: real transactions here.
@pytest.mark.django_db(transaction=True)
def test_activate_totp_then_login_requires_code(client, member):
    client.force_login(member)
    secret = _activate_totp(client)
    types = set(Authenticator.objects.filter(user=member).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert [m.subject for m in mail.outbox] == ["[RxGuild] Authenticator App Activated"]

    browser = Client()
    response = browser.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    # The password alone does not sign in.
    assert browser.get(reverse("accounts:settings")).status_code == 302

    later = NOW + 30  # the next time step: a code is never accepted twice
    with frozen_clock(later):
        response = browser.post(reverse("mfa_authenticate"), {"code": "123456"})
        assert response.status_code == 200
        assert b'aria-invalid="true"' in response.content
        response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(secret, later)})
    assert response.status_code == 302
    assert browser.get(reverse("accounts:settings")).status_code == 200


def test_recovery_code_page_lists_ten_codes_without_scripts(client, member):
    client.force_login(member)
    _activate_totp(client)
    response = client.get(reverse("mfa_view_recovery_codes"))
    html = response.content.decode()
    assert response.status_code == 200
    codes = re.search(r'<textarea[^>]*id="recovery_codes"[^>]*>([^<]*)</textarea>', html)
    assert codes is not None
    assert len(codes.group(1).split()) == 10
    assert "<script" not in html.split("<main", 1)[1]


def test_deactivating_totp_needs_reauthentication(client, member):
    client.force_login(member)
    _activate_totp(client)
    # Six minutes later the recent password no longer counts (timeout is 300 s).
    later = SimpleNamespace(time=lambda: time.time() + 360)
    with mock.patch("allauth.account.internal.flows.reauthentication.time", later):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).count() == 1
    # Within the window, deactivation goes through.
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).count() == 0
