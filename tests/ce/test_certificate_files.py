"""Real certificate PDFs (tests/ce/data/certificates, made by generate.py there) read through
the upload page and the sandboxed reader: what each states is filled, what it does not is left
empty with a note."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rxguild.ce.certificate_text import certificate_fields_from_text, missing_notes
from rxguild.ce.models import CeRecord, CertificateUpload

pytestmark = pytest.mark.django_db

CERTIFICATES = Path(__file__).parent / "data" / "certificates"
NOTE_TITLE = (
    "The certificate does not state the activity title: fill it in from the course's page or "
    "your provider's record."
)
NOTE_TOPIC = (
    "The certificate does not state an ACPE topic: fill it in from the course's page or your "
    "provider's record."
)
NOTE_AUDIENCE = (
    "The certificate does not state whom the credit is for (technician or pharmacist): fill it "
    "in from the course's page or your provider's record."
)

CASES = [
    pytest.param(
        "acpe_technician_statement_of_credit.pdf",
        {
            "uan": "0430-0000-26-052-H07-T",
            "title": "USP <797> Beyond-Use Dates and Sterile Compounding Essentials",
            "provider_name": "Postgraduate Healthcare Education (PowerPak)",
            "hours": "2.0",
            "completed_on": "2026-09-30",
            "format": "H",
            "topic_code": "07",
            "audience": "T",
            "kind": "acpe",
        },
        [],
        id="technician-uan-title-after-completed",
    ),
    pytest.param(
        "acpe_pharmacist_live.pdf",
        {
            "uan": "0204-0000-26-214-L05-P",
            "title": "Look-Alike, Sound-Alike Medications: Preventing Dispensing Errors",
            "provider_name": "American Society of Health-System Pharmacists",
            "hours": "1.5",
            "completed_on": "2026-03-12",
            "format": "L",
            "topic_code": "05",
            "audience": "P",
            "kind": "acpe",
        },
        [],
        id="pharmacist-live-labelled",
    ),
    pytest.param(
        "legacy_uan_technician_law.pdf",
        {
            "uan": "129-000-12-021-H03",
            "title": "Ohio Pharmacy Law Update for Technicians",
            "hours": "1.0",
            "completed_on": "2012-11-14",
            "format": "H",
            "topic_code": "03",
            "audience": "T",
            "kind": "acpe",
        },
        [],
        id="legacy-uan-audience-from-words",
    ),
    pytest.param(
        "in_service_no_uan.pdf",
        {
            "title": "Hazardous Drug Handling (USP <800>) Annual Competency",
            "hours": "1",
            "completed_on": "2026-08-21",
            "kind": "in_service",
        },
        [NOTE_TOPIC, NOTE_AUDIENCE],
        id="in-service-no-uan",
    ),
    pytest.param(
        "no_title_stated.pdf",
        {
            "uan": "0669-0000-26-101-H01-T",
            "provider_name": "RxCe",
            "hours": "2",
            "completed_on": "2026-10-02",
            "format": "H",
            "topic_code": "01",
            "audience": "T",
            "kind": "acpe",
        },
        [NOTE_TITLE],
        id="no-title",
    ),
]


@pytest.mark.parametrize(("name", "expected", "notes"), CASES)
def test_certificate_file_fills_what_it_states(
    member_client, member, fixed_today, name, expected, notes
) -> None:
    content = (CERTIFICATES / name).read_bytes()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = member_client.post(reverse("ce:certificate_upload"), {"file": upload})
    pending = CertificateUpload.objects.get(member=member)
    assert response.status_code == 302
    assert pending.status == CertificateUpload.Status.READ
    assert pending.found == expected
    assert missing_notes(pending.found) == notes
    page = member_client.get(response.url).content.decode()
    for note in notes:
        assert note.replace("'", "&#x27;") in page
    if not notes:
        assert "Left empty: not on the certificate" not in page
    if "topic_code" in expected:
        assert f'<option value="{expected["topic_code"]}" selected>' in page
    if "audience" in expected:
        assert f'<option value="{expected["audience"]}" selected>' in page
    assert CeRecord.objects.count() == 0


def test_confirmed_certificate_keeps_topic_and_audience(member_client, member, fixed_today):
    content = (CERTIFICATES / "acpe_technician_statement_of_credit.pdf").read_bytes()
    upload = SimpleUploadedFile("cert.pdf", content, content_type="application/pdf")
    member_client.post(reverse("ce:certificate_upload"), {"file": upload})
    pending = CertificateUpload.objects.get(member=member)
    data = {**pending.found, "tags": "Sterile compounding"}
    response = member_client.post(reverse("ce:certificate_confirm", args=[pending.id]), data)
    assert response.status_code == 302
    record = CeRecord.objects.get(member=member)
    assert (record.topic_code, record.audience, record.format) == ("07", "T", "H")
    assert record.title == "USP <797> Beyond-Use Dates and Sterile Compounding Essentials"
    assert record.tags == ["sterile_compounding"]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Release date: 01/15/2026\nDate completed: 02/03/2026", "completed_on", "2026-02-03"),
        ("Completed Sept. 30, 2026", "completed_on", "2026-09-30"),
        ("issued 2026\nContact hours: 1.25", "hours", "1.25"),
        ("Target audience: pharmacy technicians", "audience", "T"),
        ("Credit designated for: Pharmacists", "audience", "P"),
        ("ACPE topic designator: 06", "topic_code", "06"),
    ],
    ids=["completion-not-release", "sept", "hours-not-year", "audience-t", "audience-p", "topic"],
)
def test_certificate_text_details(text, key, value) -> None:
    assert certificate_fields_from_text(text)[key] == value


def test_pharmacists_and_technicians_is_not_an_audience() -> None:
    found = certificate_fields_from_text("Intended for: pharmacists and pharmacy technicians")
    assert "audience" not in found
