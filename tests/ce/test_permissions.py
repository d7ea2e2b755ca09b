"""Only the member sees a transcript; staff only with a logged reason."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rxguild.ce.models import CeRecord, StaffAccessLog
from rxguild.ce.services import ce_record_add

from .conftest import add_record, certificate_pdf, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim_record(other_member, fixed_today):
    return ce_record_add(
        member=other_member,
        data={"title": "Private course", "completed_on": "2026-10-01", "hours": "1"},
        proof=SimpleUploadedFile("proof.pdf", certificate_pdf(["secret"])),
    )


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("ce:record_edit", "get"),
        ("ce:record_edit", "post"),
        ("ce:record_delete", "post"),
        ("ce:record_reported", "post"),
        ("ce:record_proof", "get"),
    ],
)
def test_other_members_record_is_404_and_unchanged(
    member_client, victim_record, name, method
) -> None:
    url = reverse(name, args=[victim_record.id])
    response = getattr(member_client, method)(
        url, {"title": "hacked", "hours": "1"} if method == "post" else None
    )
    assert response.status_code == 404
    victim_record.refresh_from_db()
    assert victim_record.title == "Private course"
    assert victim_record.cpe_monitor_status == CeRecord.CpeMonitor.NOT_APPLICABLE


def test_other_members_pending_certificate_is_404(member_client, other_member) -> None:
    from rxguild.ce.models import CertificateUpload

    pending = CertificateUpload.objects.create(
        member=other_member, original_name="x.pdf", status="read", file="ce-proof/x.pdf"
    )
    assert (
        member_client.get(reverse("ce:certificate_confirm", args=[pending.id])).status_code == 404
    )


def test_exports_hold_only_own_records(member_client, member, victim_record) -> None:
    add_record(member, title="My own")
    text = member_client.get(reverse("ce:export_csv")).content.decode()
    assert "My own" in text
    assert "Private course" not in text


def test_feed_with_wrong_token_is_404(client) -> None:
    assert client.get(reverse("ce:calendar_feed", args=["not-a-real-token"])).status_code == 404


def test_plain_member_cannot_use_staff_view(member_client, other_member) -> None:
    assert (
        member_client.get(reverse("ce:staff_transcript", args=[other_member.id])).status_code == 404
    )
    assert StaffAccessLog.objects.count() == 0


def test_staff_must_give_a_reason_which_is_logged(client, victim_record, other_member) -> None:
    staff = make_member("staff@example.org", is_staff=True)
    client.force_login(staff)
    url = reverse("ce:staff_transcript", args=[other_member.id])
    first = client.get(url).content.decode()
    assert "Private course" not in first
    short = client.post(url, {"reason": "because"}).content.decode()
    assert "Private course" not in short
    assert StaffAccessLog.objects.count() == 0
    response = client.post(url, {"reason": "Member asked for help with an audit (ticket 42)"})
    assert "Private course" in response.content.decode()
    log = StaffAccessLog.objects.get()
    assert (log.staff, log.member, log.reason) == (
        staff,
        other_member,
        "Member asked for help with an audit (ticket 42)",
    )
