"""Badges issued here: Open Badges 3.0 as VC-JWT, checked with an independent library (PyJWT),
revocation through the Bitstring Status List, key rotation."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json

import jwt as pyjwt
import pytest
from django.core.exceptions import ValidationError
from tests.wallet.conftest import confirmed_verification

from rxguild.wallet import services
from rxguild.wallet.models import BadgeKind, IssuedBadge, IssuerKey


def issue(member_client, verification) -> IssuedBadge:
    response = member_client.post(
        "/wallet/issued/", {"kind": BadgeKind.EXPERIENCE, "source_id": verification.pk}
    )
    assert response.status_code == 302
    return IssuedBadge.objects.get(source_id=verification.pk)


def independent_verify(client, token: str) -> dict:
    """Verify as a stranger would, with PyJWT and the published keys only."""
    jwks = client.get("/wallet/issuer/jwks.json").json()
    kid = pyjwt.get_unverified_header(token)["kid"]
    jwk = next(k for k in jwks["keys"] if k["kid"] == kid)
    key = pyjwt.PyJWK.from_dict(jwk).key
    return pyjwt.decode(token, key, algorithms=["ES256"], options={"verify_aud": False})


def status_bit(client, index: int) -> bool:
    token = client.get("/wallet/status/revocation").content.decode()
    claims = independent_verify(client, token)
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    encoded = claims["credentialSubject"]["encodedList"]
    assert encoded[0] == "u"
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 == 131072
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_a_badge_issued_here_verifies_with_an_independent_library(member, member_client, client):
    verification = confirmed_verification(member)
    badge = issue(member_client, verification)
    claims = independent_verify(client, badge.credential_jwt)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == "https://rxguild.example/wallet/issuer"
    assert claims["issuer"]["id"] == claims["iss"]
    assert (
        claims["id"] == claims["jti"] == f"https://rxguild.example/wallet/badges/{badge.public_id}/"
    )
    achievement = claims["credentialSubject"]["achievement"]
    assert achievement["name"] == "Verified experience: IV room technician, St. Mary's Hospital"
    assert (
        "Verified by Dana Reyes, Pharmacy manager, St. Mary's Hospital on Jan 15, 2025"
        in (achievement["criteria"]["narrative"])
    )
    identity = claims["credentialSubject"]["identifier"][0]
    expected = hashlib.sha256(("maria@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert "maria@example.org" not in json.dumps(claims)  # the email is only hashed
    status = claims["credentialStatus"]
    assert (status["type"], status["statusPurpose"], status["statusListIndex"]) == (
        "BitstringStatusListEntry",
        "revocation",
        str(badge.status_index),
    )
    assert status_bit(client, badge.status_index) is False
    page = client.get(f"/wallet/badges/{badge.public_id}/").content.decode()
    assert 'data-state="valid"' in page and "Maria Alvarez" in page
    data = client.get(f"/wallet/badges/{badge.public_id}.json").json()
    assert data["verification"]["state"] == "valid"
    assert data["credential"]["id"] == claims["id"]


def test_a_revoked_badge_shows_revoked(member, member_client, client):
    badge = issue(member_client, confirmed_verification(member))
    response = member_client.post(f"/wallet/issued/{badge.pk}/revoke/", {"reason": "Left job"})
    assert response.status_code == 302
    assert status_bit(client, badge.status_index) is True
    page = client.get(f"/wallet/badges/{badge.public_id}/").content.decode()
    assert 'data-state="revoked"' in page and "Left job" in page
    assert (
        client.get(f"/wallet/badges/{badge.public_id}.json").json()["verification"]["state"]
        == "revoked"
    )
    # Revoked stays revoked; a new badge for the same confirmation may be issued.
    again = member_client.post(f"/wallet/issued/{badge.pk}/revoke/")
    assert again.status_code == 302
    badge.refresh_from_db()
    assert badge.revoked_reason == "Left job"


def test_old_badges_verify_after_a_key_rotation(member, member_client, client, settings):
    from pathlib import Path

    from rxguild.wallet.keys import key_file_write

    first = issue(member_client, confirmed_verification(member))
    key_file_write(Path(settings.RXGUILD_WALLET_KEY_FILE))  # rotate: a new key in the file
    second = issue(member_client, confirmed_verification(member, site_name="Corner Pharmacy"))
    assert first.signing_kid != second.signing_kid
    for badge in (first, second):
        assert independent_verify(client, badge.credential_jwt)["id"].endswith(
            f"{badge.public_id}/"
        )
        page = client.get(f"/wallet/badges/{badge.public_id}/").content.decode()
        assert 'data-state="valid"' in page
    assert [k["kid"] for k in client.get("/wallet/issuer/jwks.json").json()["keys"]] == [
        first.signing_kid,
        second.signing_kid,
    ]
    assert IssuerKey.objects.get(kid=first.signing_kid).retired_at is not None
    assert IssuerKey.objects.get(kid=second.signing_kid).retired_at is None


def test_a_tampered_badge_does_not_verify(member, member_client, client):
    badge = issue(member_client, confirmed_verification(member))
    header, payload, signature = badge.credential_jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Chief pharmacist"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    IssuedBadge.objects.filter(pk=badge.pk).update(credential_jwt=f"{header}.{forged}.{signature}")
    page = client.get(f"/wallet/badges/{badge.public_id}/").content.decode()
    assert 'data-state="invalid"' in page
    assert "signature does not match" in page
    with pytest.raises(pyjwt.InvalidSignatureError):
        independent_verify(client, f"{header}.{forged}.{signature}")


def test_only_confirmed_facts_of_ones_own_become_badges(member, other_member, other_client):
    verification = confirmed_verification(member)
    response = other_client.post(
        "/wallet/issued/", {"kind": BadgeKind.EXPERIENCE, "source_id": verification.pk}
    )
    assert response.status_code == 302
    assert IssuedBadge.objects.count() == 0
    pending = confirmed_verification(member, site_name="Elsewhere")
    pending.status = "pending"
    pending.save()
    with pytest.raises(ValidationError, match="cannot vouch for that"):
        services.badge_issue(member=member, kind=BadgeKind.EXPERIENCE, source_id=pending.pk)
    assert IssuedBadge.objects.count() == 0


def test_one_live_badge_per_confirmation(member, member_client):
    verification = confirmed_verification(member)
    issue(member_client, verification)
    with pytest.raises(ValidationError, match="already issued"):
        services.badge_issue(member=member, kind=BadgeKind.EXPERIENCE, source_id=verification.pk)
    assert IssuedBadge.objects.count() == 1


def test_other_members_badges_cannot_be_revoked(member, member_client, other_client):
    badge = issue(member_client, confirmed_verification(member))
    assert other_client.post(f"/wallet/issued/{badge.pk}/revoke/").status_code == 404
    badge.refresh_from_db()
    assert badge.revoked_at is None


def test_production_without_a_key_file_issues_nothing(member, settings):
    settings.PRODUCTION = True
    verification = confirmed_verification(member)
    with pytest.raises(ValidationError, match="wallet_signing_key"):
        services.badge_issue(member=member, kind=BadgeKind.EXPERIENCE, source_id=verification.pk)
    assert IssuedBadge.objects.count() == 0


def test_unknown_badge_links_are_404(client, db):
    assert client.get("/wallet/badges/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/wallet/badges/not-a-uuid/").status_code == 404


def test_the_wallet_page_offers_confirmed_facts_as_badges(member, member_client):
    verification = confirmed_verification(member)
    page = member_client.get("/wallet/").content.decode()
    assert "Ready to become a badge" in page
    assert f'name="source_id" value="{verification.pk}"' in page
    issue(member_client, verification)
    page = member_client.get("/wallet/").content.decode()
    assert "Ready to become a badge" not in page
    assert "Verified experience: IV room technician" in page


def test_the_key_command_creates_then_rotates(db, settings):
    from pathlib import Path

    from django.core.management import call_command

    call_command("wallet_signing_key")
    first = Path(settings.RXGUILD_WALLET_KEY_FILE).read_bytes()
    assert oct(Path(settings.RXGUILD_WALLET_KEY_FILE).stat().st_mode & 0o777) == "0o600"
    call_command("wallet_signing_key")
    assert Path(settings.RXGUILD_WALLET_KEY_FILE).read_bytes() == first
    call_command("wallet_signing_key", "--rotate")
    assert Path(settings.RXGUILD_WALLET_KEY_FILE).read_bytes() != first
    assert IssuerKey.objects.count() == 2


def test_editing_the_verified_facts_revokes_the_badge_that_vouched_for_them(
    member, member_client, client
):
    from rxguild.experience.services.entries import experience_entry_update

    verification = confirmed_verification(member)
    badge = issue(member_client, verification)
    untouched = issue(member_client, confirmed_verification(member))
    experience_entry_update(entry=verification.entry, role="Lead technician")
    badge.refresh_from_db()
    untouched.refresh_from_db()
    assert badge.revoked_reason == "The experience entry changed after it was verified."
    assert status_bit(client, badge.status_index) is True
    assert untouched.revoked_at is None and status_bit(client, untouched.status_index) is False


def test_deleting_a_verified_entry_revokes_its_badge(member, member_client, client):
    from rxguild.experience.services.entries import experience_entry_delete

    verification = confirmed_verification(member)
    badge = issue(member_client, verification)
    experience_entry_delete(entry=verification.entry)
    badge.refresh_from_db()
    assert badge.revoked_at is not None
    assert "removed the experience entry" in badge.revoked_reason
    page = client.get(f"/wallet/badges/{badge.public_id}/").content.decode()
    assert 'data-state="revoked"' in page
