"""Documents backing a credential: upload, staff review, the mark on the profile and API."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.wallet.conftest import hold

from rxguild.wallet.models import CredentialDocument, DocumentStatus
from rxguild.wallet.services import credential_document_submit

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "cpht-certificate.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submitted(member, held) -> CredentialDocument:
    return credential_document_submit(member=member, credential_held=held, upload=pdf())


def test_upload_from_the_wallet_page_waits_for_review(member, member_client):
    held = hold(member)
    response = member_client.post("/wallet/", {"credential_held": held.pk, "file": pdf()})
    assert response.status_code == 302
    document = CredentialDocument.objects.get()
    assert (document.member, document.credential_held, document.status) == (
        member,
        held,
        DocumentStatus.PENDING,
    )
    assert document.original_name == "cpht-certificate.pdf"
    assert document.file.name.startswith("wallet-documents/")
    assert "cpht-certificate" not in document.file.name  # the member's name is never a path
    page = member_client.get("/wallet/").content.decode()
    assert "Waiting for review" in page
    assert "a document is waiting for staff review" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("card.pdf", b"MZ\x90\x00 not a pdf", "its contents are not .pdf"),
        ("card.exe", PDF_BYTES, "Only these file types are accepted"),
        ("card.pdf", b"", "file is empty"),
        ("card.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1), "the limit is 5 MB"),
    ],
    ids=["magic-mismatch", "extension", "empty", "too-big"],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(
    member, member_client, name, content, message, settings
):
    held = hold(member)
    response = member_client.post(
        "/wallet/", {"credential_held": held.pk, "file": pdf(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CredentialDocument.objects.count() == 0
    uploads = settings.MEDIA_ROOT / "wallet-documents"
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_a_member_cannot_upload_for_someone_elses_credential(member, other_member, other_client):
    held = hold(member)
    response = other_client.post("/wallet/", {"credential_held": held.pk, "file": pdf()})
    assert response.status_code == 400  # not one of their choices
    assert CredentialDocument.objects.count() == 0
    api = other_client.post("/api/v1/wallet/documents", {"credential_held": held.pk, "file": pdf()})
    assert api.status_code == 404
    assert CredentialDocument.objects.count() == 0


def test_staff_approve_and_the_mark_shows_on_profile_and_api(member, member_client, staff_client):
    held = hold(member, number="123456")
    document = submitted(member, held)
    queue = staff_client.get("/wallet/review/").content.decode()
    assert "Maria Alvarez" in queue and "cpht-certificate.pdf" in queue
    assert staff_client.get(f"/wallet/documents/{document.pk}/file").status_code == 200
    response = staff_client.post(f"/wallet/review/{document.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED
    assert document.reviewed_by_name == "Sam Staff"

    profile_page = member_client.get("/profile/").content.decode()
    assert 'data-mark="document"' in profile_page
    assert "Verified by document" in profile_page
    api = member_client.get("/api/v1/profiles/me/credentials").json()
    assert api[0]["verification"]["kind"] == "document"
    wallet_api = member_client.get("/api/v1/wallet/credentials").json()
    assert [(c["credential"], c["mark"]["kind"]) for c in wallet_api] == [("ptcb-cpht", "document")]


def test_public_profile_shows_the_mark(member, other_client):
    held = hold(member)
    hold(member, "ptcb-cspt")
    document = submitted(member, held)
    CredentialDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.APPROVED)
    CredentialDocument.objects.filter(pk=document.pk).update(reviewed_at=document.submitted_at)
    handle = member.profile.handle
    page = other_client.get(f"/p/{handle}/").content.decode()
    assert page.count('data-mark="document"') == 1
    assert page.count('data-mark="self-reported"') == 1
    api = other_client.get(f"/api/v1/profiles/{handle}").json()
    assert sorted(c["verification"]["kind"] for c in api["credentials"]) == [
        "document",
        "self-reported",
    ]


def test_reject_needs_a_reason_and_the_member_sees_it(member, member_client, staff_client):
    document = submitted(member, hold(member))
    staff_client.post(f"/wallet/review/{document.pk}/", {"decision": "reject", "reason": " "})
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    staff_client.post(
        f"/wallet/review/{document.pk}/",
        {"decision": "reject", "reason": "The name on the card is not yours."},
    )
    document.refresh_from_db()
    assert (document.status, document.reason) == (
        DocumentStatus.REJECTED,
        "The name on the card is not yours.",
    )
    # A decided document cannot be decided again.
    staff_client.post(f"/wallet/review/{document.pk}/", {"decision": "approve"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.REJECTED
    page = member_client.get("/wallet/").content.decode()
    assert "The name on the card is not yours." in page
    assert 'data-mark="self-reported"' in page


def test_review_api(member, staff_client, member_client):
    document = submitted(member, hold(member))
    assert member_client.get("/api/v1/wallet/review").status_code == 404
    assert member_client.post(f"/api/v1/wallet/review/{document.pk}/approve").status_code == 404
    assert [d["id"] for d in staff_client.get("/api/v1/wallet/review").json()] == [document.pk]
    bad = staff_client.post(
        f"/api/v1/wallet/review/{document.pk}/reject",
        json.dumps({"reason": ""}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    ok = staff_client.post(f"/api/v1/wallet/review/{document.pk}/approve")
    assert ok.json()["status"] == "approved"


def test_staff_cannot_review_their_own_document(staff, staff_client):
    document = submitted(staff, hold(staff))
    staff_client.post(f"/wallet/review/{document.pk}/", {"decision": "approve"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_other_members_documents_are_404_on_pages_and_api(member, other_client):
    document = submitted(member, hold(member))
    assert other_client.get(f"/wallet/documents/{document.pk}/file").status_code == 404
    assert other_client.post(f"/wallet/documents/{document.pk}/delete/").status_code == 404
    assert other_client.get("/wallet/review/").status_code == 404
    assert (
        other_client.post(f"/wallet/review/{document.pk}/", {"decision": "approve"}).status_code
        == 404
    )
    assert other_client.get(f"/api/v1/wallet/documents/{document.pk}").status_code == 404
    assert other_client.delete(f"/api/v1/wallet/documents/{document.pk}").status_code == 404
    assert other_client.get("/api/v1/wallet/documents").json() == []
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_member_removes_their_document_and_its_file(
    member, member_client, settings, django_capture_on_commit_callbacks
):
    document = submitted(member, hold(member))
    path = settings.MEDIA_ROOT / document.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/wallet/documents/{document.pk}/delete/")
    assert response.status_code == 302
    assert CredentialDocument.objects.count() == 0
    assert not path.exists()


def test_signed_out_visitors_are_sent_to_log_in(client, db):
    assert client.get("/wallet/").status_code == 302
    assert client.get("/api/v1/wallet/credentials").status_code == 401


def test_documents_are_in_the_members_export_and_not_the_reviewers(member, staff):
    from rxguild.accounts.member_data import member_files, member_rows

    document = submitted(member, hold(member))
    from rxguild.wallet.services import credential_document_approve

    credential_document_approve(reviewer=staff, document=document)
    rows = member_rows(member)
    assert [row.pk for row in rows.deleted["wallet.credentialdocument"]] == [document.pk]
    assert member_files(rows) == [document.file.name]
    assert "wallet.credentialdocument" not in member_rows(staff).deleted
    assert "wallet.credentialdocument" not in member_rows(staff).unlinked


def test_no_imported_badge_says_what_a_badge_is_for(member_client):
    page = member_client.get("/wallet/").content.decode()
    section = page.split('id="imported-h"')[1].split("</section>")[0]
    assert "No badges imported yet" in section
    assert "it verifies the credential it backs" in section
    assert section.count('href="/wallet/import/"') == 1
