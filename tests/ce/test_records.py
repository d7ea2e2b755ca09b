"""Adding records by hand, by certificate PDF and by CSV, through the pages (test client)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rxguild.ce.models import CeRecord, CertificateUpload

from .conftest import TODAY, add_record, certificate_pdf

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "uan": "0204-0000-24-101-H05-T",
        "title": "Preventing medication errors",
        "provider_name": "",
        "completed_on": "2026-03-14",
        "hours": "1.5",
        "format": "H",
        "topic_code": "",
        "audience": "",
        "kind": "acpe",
        "tags": "medication errors; state_law:tx",
    }
    data.update(overrides)
    return data


def test_add_record_by_hand_fills_from_uan(member_client, member, fixed_today) -> None:
    response = member_client.post(reverse("ce:record_add"), _form())
    assert response.status_code == 302
    record = CeRecord.objects.get(member=member)
    assert record.uan == "0204-0000-24-101-H05-T"
    assert record.topic_code == "05"
    assert record.audience == "T"
    assert record.provider_name == "American Society of Health-System Pharmacists (ASHP)"
    assert record.hours == Decimal("1.5")
    assert record.tags == ["medication_errors", "state_law:tx"]
    assert record.source == CeRecord.Source.MANUAL
    assert record.cpe_monitor_status == CeRecord.CpeMonitor.PENDING


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"completed_on": "2027-01-01"}, "The completion date Jan 1, 2027 is in the future."),
        ({"hours": "-1"}, "Hours cannot be negative."),
        ({"hours": "500"}, "500 hours for one activity is not plausible (max 60)."),
        ({"uan": "0204-0000-24-101-X05-T"}, "The format letter “X”"),
        ({"tags": "astrology"}, "Unknown tag(s): astrology."),
        ({"title": ""}, "This field is required."),
    ],
    ids=["future-date", "negative-hours", "absurd-hours", "bad-uan", "unknown-tag", "no-title"],
)
def test_bad_input_saves_nothing(member_client, fixed_today, overrides, message) -> None:
    response = member_client.post(reverse("ce:record_add"), _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CeRecord.objects.count() == 0


def test_uan_lookup_htmx_refills_fields(member_client) -> None:
    response = member_client.get(
        reverse("ce:uan_lookup"), {"uan": "0669 0000 23 023 h03 t"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="uan-fields"' in html
    assert '<option value="03" selected>' in html
    assert '<option value="T" selected>' in html
    assert 'value="RxCe"' in html


def test_uan_lookup_names_the_bad_part(member_client) -> None:
    response = member_client.get(reverse("ce:uan_lookup"), {"uan": "0204-1234-24-101-H05-T"})
    assert "The second part “1234”" in response.content.decode()


def test_duplicates_are_flagged_not_merged(member_client, member, fixed_today) -> None:
    member_client.post(reverse("ce:record_add"), _form())
    response = member_client.post(reverse("ce:record_add"), _form(), follow=True)
    assert CeRecord.objects.filter(member=member).count() == 2
    assert list(CeRecord.objects.order_by("id").values_list("is_duplicate", flat=True)) == [
        False,
        True,
    ]
    assert "same UAN and date as another" in response.content.decode()
    # Deleting the first clears the flag on the survivor.
    first = CeRecord.objects.order_by("id").first()
    assert first is not None
    member_client.post(reverse("ce:record_delete", args=[first.id]))
    assert list(CeRecord.objects.values_list("is_duplicate", flat=True)) == [False]


def test_certificate_pdf_flow(member_client, member, fixed_today) -> None:
    pdf = certificate_pdf(
        [
            "Certificate of Completion",
            "Activity: Look-alike sound-alike drugs",
            "Provider: RxCe",
            "UAN: 0669-0000-25-044-H05-T",
            "Contact hours: 2.0",
            "Date completed: 09/30/2026",
        ]
    )
    upload = SimpleUploadedFile("my cert.pdf", pdf, content_type="application/pdf")
    response = member_client.post(reverse("ce:certificate_upload"), {"file": upload})
    pending = CertificateUpload.objects.get(member=member)
    assert response.status_code == 302
    assert response.url == reverse("ce:certificate_confirm", args=[pending.id])
    assert pending.found == {
        "uan": "0669-0000-25-044-H05-T",
        "title": "Look-alike sound-alike drugs",
        "provider_name": "RxCe",
        "hours": "2.0",
        "completed_on": "2026-09-30",
        "format": "H",
        "topic_code": "05",
        "audience": "T",
        "kind": "acpe",
    }
    assert CeRecord.objects.count() == 0  # nothing saved before the member confirms
    page = member_client.get(response.url).content.decode()
    assert 'value="Look-alike sound-alike drugs"' in page
    confirm = _form(**{k: str(v) for k, v in pending.found.items()}, tags="")
    response = member_client.post(reverse("ce:certificate_confirm", args=[pending.id]), confirm)
    assert response.status_code == 302
    record = CeRecord.objects.get(member=member)
    assert record.source == CeRecord.Source.PDF
    assert record.proof_name == "my cert.pdf"
    assert record.proof_status == CeRecord.ProofStatus.READ
    assert record.proof_file.name.startswith("ce-proof/")
    assert "my cert" not in record.proof_file.name
    proof = member_client.get(reverse("ce:record_proof", args=[record.id]))
    assert proof["Content-Disposition"] == 'attachment; filename="my cert.pdf"'
    assert b"".join(proof.streaming_content) == pdf
    # The same pending upload cannot be saved twice.
    again = member_client.post(reverse("ce:certificate_confirm", args=[pending.id]), confirm)
    assert again.status_code == 404
    assert CeRecord.objects.count() == 1


def test_unreadable_pdf_is_marked_and_member_told(member_client, member, fixed_today) -> None:
    upload = SimpleUploadedFile("broken.pdf", certificate_pdf(["x"])[:300])
    response = member_client.post(reverse("ce:certificate_upload"), {"file": upload}, follow=True)
    pending = CertificateUpload.objects.get(member=member)
    assert pending.status == CertificateUpload.Status.UNREADABLE
    assert "We could not read text from this file." in response.content.decode()
    member_client.post(
        reverse("ce:certificate_confirm", args=[pending.id]),
        _form(uan="", topic_code="05", audience="T"),
    )
    record = CeRecord.objects.get(member=member)
    assert record.proof_status == CeRecord.ProofStatus.UNREADABLE


def test_upload_with_wrong_magic_bytes_is_refused(member_client) -> None:
    upload = SimpleUploadedFile("cert.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    response = member_client.post(reverse("ce:certificate_upload"), {"file": upload})
    assert "The file is named .pdf but its contents are not .pdf." in response.content.decode()
    assert CertificateUpload.objects.count() == 0


def test_mark_reported_via_htmx(member_client, member, fixed_today) -> None:
    record = add_record(
        member,
        uan="0204-0000-26-001-H05-T",
        completed_on=date(2026, 11, 1),
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
    )
    page = member_client.get(reverse("ce:transcript")).content.decode()
    assert "35 days left to appear" in page
    response = member_client.post(
        reverse("ce:record_reported", args=[record.id]), {"confirmed": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "✓ Confirmed" in response.content.decode()
    record.refresh_from_db()
    assert record.cpe_monitor_status == CeRecord.CpeMonitor.CONFIRMED
    assert record.cpe_monitor_confirmed_at is not None


def test_transcript_query_count_does_not_grow_with_records(member_client, member) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_record(member, title="Course first")
    member_client.get(reverse("ce:transcript"))  # warm up: the first request touches the session
    with CaptureQueriesContext(connection) as one:
        member_client.get(reverse("ce:transcript"))
    for index in range(30):
        add_record(member, title=f"Course {index}")
    with CaptureQueriesContext(connection) as many:
        response = member_client.get(reverse("ce:transcript"))
    assert len(many) == len(one)
    assert len(many) <= 10
    assert response.content.decode().count("Edit<span") == 31


def test_today_constant_matches_fixture() -> None:
    assert date(2026, 11, 26) == TODAY
