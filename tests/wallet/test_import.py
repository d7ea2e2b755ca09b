"""Importing digital badges: Open Badges 2.0 hosted (Credly-style, URL, JSON, baked PNG/SVG) and
Open Badges 3.0 VC-JWT. Tampered, expired, revoked, replayed and foreign badges are refused with
a message and nothing is stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from joserfc.jwk import ECKey
from tests.wallet import badge_fixtures as fx
from tests.wallet.conftest import confirmed_verification, hold

from rxguild.wallet import services
from rxguild.wallet.models import BadgeKind, ImportedBadge
from rxguild.wallet.services.imports import badge_import


@pytest.fixture
def server():
    running = fx.BadgeServer()
    yield running
    running.close()


@pytest.fixture
def fetch():
    return fx.test_fetcher()


@pytest.fixture
def use_test_fetcher(monkeypatch, fetch):
    """Pages and API use the default fetcher: point it at the loopback-allowing one."""
    monkeypatch.setattr("rxguild.wallet.services.imports.default_fetcher", lambda: fetch)


def refused(member, fetch, match: str, **kwargs) -> None:
    with pytest.raises(ValidationError, match=match):
        badge_import(member=member, fetch=fetch, **kwargs)
    assert ImportedBadge.objects.count() == 0


# --- Open Badges 2.0, hosted -------------------------------------------------------------


def test_a_hosted_ptcb_badge_imports_and_marks_the_credential(member, server, fetch, member_client):
    held = hold(member)
    url = fx.ob2_badge(server, "maria@example.org")
    badge = badge_import(member=member, text=url, credential_held=held, fetch=fetch)
    assert (badge.spec, badge.name, badge.issuer_name, badge.badge_id) == (
        "ob2",
        "Certified Pharmacy Technician (CPhT)",
        "Pharmacy Technician Certification Board",
        url,
    )
    assert badge.issued_at == datetime(2024, 3, 1, tzinfo=UTC)
    page = member_client.get("/profile/").content.decode()
    assert 'data-mark="badge"' in page
    assert "A digital badge from Pharmacy Technician Certification Board was verified" in page
    wallet = member_client.get("/api/v1/wallet/credentials").json()
    assert wallet[0]["mark"]["kind"] == "badge"


def test_the_assertion_json_imports_when_it_matches_the_hosted_one(member, server, fetch):
    url = fx.ob2_badge(server, "maria@example.org")
    assertion = json.loads(server.routes["/assertions/abc"][2])
    badge = badge_import(member=member, text=json.dumps(assertion), fetch=fetch)
    assert badge.badge_id == url


def test_tampered_assertion_json_is_refused(member, server, fetch):
    fx.ob2_badge(server, "maria@example.org")
    assertion = json.loads(server.routes["/assertions/abc"][2])
    assertion["issuedOn"] = "2019-01-01T00:00:00Z"
    refused(member, fetch, "differs from the one its issuer hosts", text=json.dumps(assertion))


def test_a_revoked_ob2_badge_is_refused(member, server, fetch):
    url = fx.ob2_badge(server, "maria@example.org", revoked=True, revocationReason="Lapsed")
    refused(member, fetch, r"revoked this badge \(Lapsed\)", text=url)


def test_a_badge_its_issuer_no_longer_hosts_is_refused(member, server, fetch):
    url = fx.ob2_badge(server, "maria@example.org")
    server.routes["/assertions/abc"] = (410, "application/json", b"{}", {})
    refused(member, fetch, "HTTP 410", text=url)


def test_an_expired_ob2_badge_is_refused(member, server, fetch):
    url = fx.ob2_badge(server, "maria@example.org", expires="2025-03-01T00:00:00Z")
    refused(member, fetch, "expired on Mar 1, 2025", text=url)


def test_someone_elses_badge_is_refused(member, server, fetch):
    url = fx.ob2_badge(server, "jordan@example.org")
    refused(member, fetch, "issued to someone else", text=url)


def test_a_badge_hosted_off_the_issuers_site_is_refused(member, server, fetch):
    other = fx.BadgeServer()
    try:
        fx.ob2_badge(server, "maria@example.org")
        assertion = json.loads(server.routes["/assertions/abc"][2])
        assertion["id"] = f"{other.base}/assertions/abc"
        url = other.json("/assertions/abc", assertion)
        refused(member, fetch, "site its issuer does not name", text=url)
    finally:
        other.close()


def test_a_replayed_badge_is_refused_in_any_wallet(member, other_member, server, fetch):
    url = fx.ob2_badge(server, "maria@example.org")
    badge_import(member=member, text=url, fetch=fetch)
    with pytest.raises(ValidationError, match="already imported"):
        badge_import(member=member, text=url, fetch=fetch)
    with pytest.raises(ValidationError, match="issued to someone else"):
        badge_import(member=other_member, text=url, fetch=fetch)
    assert ImportedBadge.objects.count() == 1


def test_baked_png_and_svg_badges_import(member, server, fetch):
    png_url = fx.ob2_badge(server, "maria@example.org", name="png")
    svg_url = fx.ob2_badge(server, "maria@example.org", name="svg")
    png = SimpleUploadedFile("cpht.png", fx.png_baked(png_url), content_type="image/png")
    svg = SimpleUploadedFile("cpht.svg", fx.svg_baked(svg_url), content_type="image/svg+xml")
    assert badge_import(member=member, upload=png, fetch=fetch).badge_id == png_url
    assert badge_import(member=member, upload=svg, fetch=fetch).badge_id == svg_url


def test_an_image_without_a_badge_is_refused(member, fetch):
    plain = SimpleUploadedFile("x.png", fx.png_baked("x").replace(b"openbadges", b"comment000"))
    refused(member, fetch, "no badge baked", upload=plain)
    hostile = SimpleUploadedFile(
        "x.svg",
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<svg>&e;</svg>",
    )
    refused(member, fetch, "cannot be read", upload=hostile)


# --- Open Badges 3.0, VC-JWT -------------------------------------------------------------


@pytest.fixture
def issuer_key():
    return ECKey.generate_key("P-256")


def test_an_ob3_badge_from_a_did_jwk_issuer_imports(member, fetch, issuer_key):
    did = fx.did_jwk(issuer_key)
    token = fx.ob3_jwt(issuer_key, issuer_id=did, kid=f"{did}#0", email="maria@example.org")
    badge = badge_import(member=member, text=token, fetch=fetch)
    assert (badge.spec, badge.name, badge.issuer_name) == (
        "ob3",
        "Aseptic technique",
        "Sterile Compounding Academy",
    )
    assert badge.vc_jwt == token


def test_a_tampered_ob3_badge_is_refused(member, fetch, issuer_key):
    did = fx.did_jwk(issuer_key)
    token = fx.ob3_jwt(issuer_key, issuer_id=did, kid=f"{did}#0", email="maria@example.org")
    header, payload, signature = token.split(".")
    import base64

    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Chief pharmacist"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    refused(member, fetch, "signature does not match", text=f"{header}.{forged}.{signature}")


def test_an_ob3_badge_signed_by_another_key_is_refused(member, fetch, issuer_key):
    did = fx.did_jwk(issuer_key)
    impostor = ECKey.generate_key("P-256")
    token = fx.ob3_jwt(impostor, issuer_id=did, kid=f"{did}#0", email="maria@example.org")
    refused(member, fetch, "signature does not match", text=token)


def test_an_expired_ob3_badge_is_refused(member, fetch, issuer_key):
    did = fx.did_jwk(issuer_key)
    token = fx.ob3_jwt(
        issuer_key,
        issuer_id=did,
        kid=f"{did}#0",
        email="maria@example.org",
        valid_from=datetime(2023, 1, 1, tzinfo=UTC),
        valid_until=datetime(2024, 1, 1, tzinfo=UTC),
    )
    refused(member, fetch, "expired", text=token)


def test_a_foreign_ob3_badge_is_refused(member, fetch, issuer_key):
    did = fx.did_jwk(issuer_key)
    token = fx.ob3_jwt(issuer_key, issuer_id=did, kid=f"{did}#0", email="jordan@example.org")
    refused(member, fetch, "issued to someone else", text=token)


def test_an_ob3_key_only_in_the_header_proves_nothing(member, fetch, issuer_key):
    token = fx.ob3_jwt(
        issuer_key, issuer_id="https://academy.example", kid="key-1", email="maria@example.org"
    )
    refused(member, fetch, "cannot be traced to its issuer", text=token)


def test_an_https_issuer_with_hosted_keys_and_a_status_list(member, server, fetch, issuer_key):
    issuer_id = f"{server.base}/issuer"
    kid = f"{server.base}/keys.json#k1"
    server.json("/keys.json", {"keys": [{**issuer_key.as_dict(private=False), "kid": "k1"}]})
    list_url = f"{server.base}/status/1"
    status = {
        "id": f"{list_url}#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": list_url,
    }
    server.text(
        "/status/1",
        fx.status_list_jwt(
            issuer_key, issuer_id=issuer_id, kid=kid, list_url=list_url, revoked={3}
        ),
    )
    token = fx.ob3_jwt(
        issuer_key, issuer_id=issuer_id, kid=kid, email="maria@example.org", status=status
    )
    badge = badge_import(member=member, text=token, fetch=fetch)
    assert badge.issuer_id == issuer_id
    badge.delete()
    server.text(
        "/status/1",
        fx.status_list_jwt(
            issuer_key, issuer_id=issuer_id, kid=kid, list_url=list_url, revoked={7}
        ),
    )
    refused(member, fetch, "The issuer revoked this badge", text=token)


def test_a_badge_issued_here_imports_and_a_revoked_one_does_not(member, member_client, fetch):
    verification = confirmed_verification(member)
    issued = services.badge_issue(
        member=member, kind=BadgeKind.EXPERIENCE, source_id=verification.pk
    )
    imported = badge_import(member=member, text=issued.credential_jwt, fetch=fetch)
    assert imported.issuer_id == "https://rxguild.example/wallet/issuer"
    imported.delete()
    services.badge_revoke(actor=member, badge=issued, reason="test")
    refused(member, fetch, "The issuer revoked this badge", text=issued.credential_jwt)


def test_plain_ob3_json_is_refused_with_what_to_do(member, fetch):
    refused(
        member,
        fetch,
        "only its signed form",
        text=json.dumps({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": []}),
    )


# --- pages and API -----------------------------------------------------------------------


def test_import_page_adds_a_badge_and_shows_a_refusal(
    member, member_client, server, use_test_fetcher
):
    held = hold(member)
    url = fx.ob2_badge(server, "maria@example.org")
    foreign = fx.ob2_badge(server, "jordan@example.org", name="foreign")
    bad = member_client.post("/wallet/import/", {"badge": foreign, "credential_held": held.pk})
    assert bad.status_code == 400
    assert "issued to someone else" in bad.content.decode()
    assert ImportedBadge.objects.count() == 0
    ok = member_client.post("/wallet/import/", {"badge": url, "credential_held": held.pk})
    assert ok.status_code == 302
    page = member_client.get("/wallet/").content.decode()
    assert "Certified Pharmacy Technician (CPhT)" in page and "backs" in page


def test_import_api(member, member_client, server, use_test_fetcher):
    url = fx.ob2_badge(server, "maria@example.org")
    created = member_client.post(
        "/api/v1/wallet/badges", json.dumps({"badge": url}), content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["issuer_name"] == "Pharmacy Technician Certification Board"
    again = member_client.post(
        "/api/v1/wallet/badges", json.dumps({"badge": url}), content_type="application/json"
    )
    assert again.status_code == 422
    assert "already imported" in json.dumps(again.json())
    assert [b["badge_id"] for b in member_client.get("/api/v1/wallet/badges").json()] == [url]


def test_other_members_imported_badges_are_404(member, other_client, server, fetch):
    badge = badge_import(member=member, text=fx.ob2_badge(server, "maria@example.org"), fetch=fetch)
    assert other_client.post(f"/wallet/imported/{badge.pk}/delete/").status_code == 404
    assert other_client.delete(f"/api/v1/wallet/badges/{badge.pk}").status_code == 404
    assert other_client.get("/api/v1/wallet/badges").json() == []
    held = hold(member)
    response = other_client.post(
        "/api/v1/wallet/badges",
        json.dumps({"badge": "https://x.example/a", "credential_held": held.pk}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert ImportedBadge.objects.count() == 1


def test_expiry_passes_on_the_mark(member, server, fetch, member_client):
    held = hold(member)
    soon = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    badge_import(
        member=member,
        text=fx.ob2_badge(server, "maria@example.org", expires=soon),
        credential_held=held,
        fetch=fetch,
    )
    ImportedBadge.objects.update(expires_at=datetime.now(UTC) - timedelta(days=1))
    page = member_client.get("/profile/").content.decode()
    assert 'data-mark="self-reported"' in page


def test_the_recheck_marks_badges_revoked_since_and_keeps_unreachable_ones(
    member, server, fetch, member_client, use_test_fetcher
):
    from django.core.management import call_command

    held = hold(member)
    revoked_url = fx.ob2_badge(server, "maria@example.org", name="later-revoked")
    down_url = fx.ob2_badge(server, "maria@example.org", name="issuer-down")
    badge_import(member=member, text=revoked_url, credential_held=held, fetch=fetch)
    badge_import(member=member, text=down_url, fetch=fetch)
    assertion = json.loads(server.routes["/assertions/later-revoked"][2])
    server.json(
        "/assertions/later-revoked", {**assertion, "revoked": True, "revocationReason": "Lapsed"}
    )
    server.routes["/assertions/issuer-down"] = (503, "text/plain", b"busy", {})
    call_command("wallet_recheck_badges")
    call_command("wallet_recheck_badges")  # idempotent
    states = dict(ImportedBadge.objects.values_list("badge_id", "revoked_reason"))
    assert states == {revoked_url: "The issuer revoked this badge (Lapsed).", down_url: ""}
    page = member_client.get("/wallet/").content.decode()
    assert "Revoked" in page and "Lapsed" in page
    assert 'data-mark="self-reported"' in page
