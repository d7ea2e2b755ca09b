"""Verification links on job applications, and everything of the wallet in the data export."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from tests.tracker.factories import EmployerFactory, PostingFactory, recruiter_for
from tests.wallet.conftest import confirmed_verification, hold
from tests.wallet.test_documents import submitted

from rxguild.tracker.services import applications as application_services
from rxguild.wallet import services
from rxguild.wallet.models import ApplicationProof, BadgeKind, ImportedBadge


@pytest.fixture
def applied(member):
    employer = EmployerFactory(name="Lone Star Health")
    posting = PostingFactory(employer=employer, title="Inpatient Pharmacy Technician")
    application = application_services.application_submit(
        member=member, posting=posting, resume=application_services.ResumeChoice()
    )
    recruiter = Client()
    recruiter.force_login(recruiter_for(employer))
    return application, recruiter


def issued_for(member):
    verification = confirmed_verification(member)
    return services.badge_issue(member=member, kind=BadgeKind.EXPERIENCE, source_id=verification.pk)


def test_the_employer_sees_the_attached_verified_badge(member, member_client, applied):
    application, recruiter = applied
    badge = issued_for(member)
    page = member_client.get(f"/jobs/tracker/{application.pk}/").content.decode()
    assert f'value="issued:{badge.pk}"' in page
    response = member_client.post(
        f"/wallet/applications/{application.pk}/proofs/", {"badge": f"issued:{badge.pk}"}
    )
    assert response.status_code == 302
    employer_page = recruiter.get(f"/jobs/employer/applicants/{application.pk}/").content.decode()
    assert 'data-proof="verified"' in employer_page
    assert "Verified experience: IV room technician, St. Mary&#x27;s Hospital" in employer_page
    assert f"https://rxguild.example/wallet/badges/{badge.public_id}/" in employer_page
    assert "Remove" not in employer_page.split('id="proofs-h"')[1].split("</section>")[0]
    services.badge_revoke(actor=member, badge=badge, reason="Left")
    employer_page = recruiter.get(f"/jobs/employer/applicants/{application.pk}/").content.decode()
    assert 'data-proof="revoked"' in employer_page


def test_only_ones_own_badges_on_ones_own_applications(
    member, other_member, other_client, member_client, applied
):
    application, _ = applied
    badge = issued_for(member)
    # Someone else's application: 404, nothing attached.
    response = other_client.post(
        f"/wallet/applications/{application.pk}/proofs/", {"badge": f"issued:{badge.pk}"}
    )
    assert response.status_code == 404
    # Someone else's badge on one's own application: refused.
    other_badge = issued_for(other_member)
    member_client.post(
        f"/wallet/applications/{application.pk}/proofs/", {"badge": f"issued:{other_badge.pk}"}
    )
    assert ApplicationProof.objects.count() == 0
    proof = services.application_proof_attach(
        member=member, application=application, badge_ref=f"issued:{badge.pk}"
    )
    assert other_client.post(f"/wallet/proofs/{proof.pk}/delete/").status_code == 404
    assert ApplicationProof.objects.count() == 1
    api = other_client.get(f"/api/v1/wallet/applications/{application.pk}/proofs")
    assert api.status_code == 404


def test_proofs_api(member, member_client, applied):
    application, _ = applied
    badge = issued_for(member)
    created = member_client.post(
        f"/api/v1/wallet/applications/{application.pk}/proofs",
        json.dumps({"badge": f"issued:{badge.pk}"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    again = member_client.post(
        f"/api/v1/wallet/applications/{application.pk}/proofs",
        json.dumps({"badge": f"issued:{badge.pk}"}),
        content_type="application/json",
    )
    assert again.status_code == 422
    listed = member_client.get(f"/api/v1/wallet/applications/{application.pk}/proofs").json()
    assert [(p["state"], p["name"]) for p in listed] == [
        ("verified", "Verified experience: IV room technician, St. Mary's Hospital")
    ]
    assert member_client.delete(f"/api/v1/wallet/proofs/{listed[0]['id']}").status_code == 204
    assert ApplicationProof.objects.count() == 0


def test_everything_of_the_wallet_is_in_the_members_export(member, applied):
    from rxguild.accounts.member_data import export_write

    application, _ = applied
    held = hold(member)
    document = submitted(member, held)
    badge = issued_for(member)
    imported = ImportedBadge.objects.create(
        member=member,
        credential_held=held,
        spec="ob2",
        badge_id="https://badges.example/a/1",
        badge_digest="0" * 64,
        name="CPhT",
        issuer_name="PTCB",
    )
    services.application_proof_attach(
        member=member, application=application, badge_ref=f"issued:{badge.pk}"
    )
    out = io.BytesIO()
    export_write(member, out, site="test", progress=lambda percent: None)
    with zipfile.ZipFile(out) as archive:
        data = json.loads(archive.read("member-data.json"))["deleted_with_account"]
        assert f"files/{document.file.name}" in archive.namelist()
    assert [row["id"] for row in data["wallet.credentialdocument"]] == [document.pk]
    assert [row["credential_jwt"] for row in data["wallet.issuedbadge"]] == [badge.credential_jwt]
    assert [row["name"] for row in data["wallet.importedbadge"]] == [imported.name]
    assert [row["application"] for row in data["wallet.applicationproof"]] == [application.pk]
