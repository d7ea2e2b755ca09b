"""CSV import: preview shows every row's errors; nothing saved unless all valid or valid-only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rxguild.ce.models import CeRecord
from rxguild.ce.services import ce_records_import_csv

from .conftest import TODAY, add_record

pytestmark = pytest.mark.django_db

HEADER = "title,completed_on,hours,provider,uan,format,topic,audience,kind,tags\n"
GOOD = (
    HEADER
    + "Law update,2026-01-10,1,RxCe,0669-0000-25-023-H03-T,,,,acpe,state_law:tx\n"
    + "Safety,2026-02-11,2,,0204-0000-26-101-H05-T,,,,,medication_errors\n"
    + "HIPAA training,2026-03-12,1,Employer,,home study,04,,non_acpe,\n"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The submitted file is empty."),
        (b"\n\n", "The file is empty: it needs a header row and records."),
        (HEADER.encode(), "The file has a header but no records."),
        (b"title,hours\nX,1\n", "Missing required column(s): completed_on."),
        (b"title,completed_on,hours,colour\nX,2026-01-01,1,red\n", "Unknown column(s): colour."),
        (b"\x00\x01\x02binary", "The file is not a text CSV (save it as CSV UTF-8)."),
        (HEADER.encode() + b"Bad date,14/31/2026,1\n", "“14/31/2026” is not a date"),
        (
            HEADER.encode() + b"Future,2027-01-01,1\n",
            "The completion date Jan 1, 2027 is in the future.",
        ),
        (HEADER.encode() + b"Negative,2026-01-01,-2\n", "Hours cannot be negative."),
        (
            HEADER.encode() + b"Absurd,2026-01-01,900\n",
            "900 hours for one activity is not plausible",
        ),
        (HEADER.encode() + b"Words,2026-01-01,two\n", "“two” is not a number of hours."),
        (
            HEADER.encode() + b"BadUan,2026-01-01,1,,0204-0000-26-1-H05-T\n",
            "The activity sequence “1”",
        ),
        (
            HEADER.encode() + b"Extra,2026-01-01,1,a,,,,,,,,z\n",
            "This row has more cells than the header.",
        ),
    ],
    ids=[
        "empty",
        "blank-lines",
        "header-only",
        "missing-column",
        "unknown-column",
        "binary",
        "bad-date",
        "future-date",
        "negative-hours",
        "absurd-hours",
        "hours-not-number",
        "bad-uan",
        "too-many-cells",
    ],
)
def test_bad_csv_saves_nothing(member_client, member, fixed_today, content, expected) -> None:
    upload = SimpleUploadedFile("t.csv", content, content_type="text/csv")
    response = member_client.post(reverse("ce:csv_import"), {"file": upload})
    assert expected in response.content.decode()
    # Even asking to import everything saves nothing.
    member_client.post(reverse("ce:csv_import"), {"mode": "all"})
    assert CeRecord.objects.filter(member=member).count() == 0


def test_preview_then_import_all(member_client, member, fixed_today) -> None:
    upload = SimpleUploadedFile("t.csv", GOOD.encode())
    preview = member_client.post(reverse("ce:csv_import"), {"file": upload}).content.decode()
    assert "3 rows: 3 valid, 0 with errors." in preview
    assert "Import all 3 records" in preview
    assert CeRecord.objects.count() == 0
    response = member_client.post(reverse("ce:csv_import"), {"mode": "all"})
    assert response.status_code == 302
    records = CeRecord.objects.filter(member=member).order_by("completed_on")
    assert [r.title for r in records] == ["Law update", "Safety", "HIPAA training"]
    assert [r.source for r in records] == ["csv", "csv", "csv"]
    assert records[0].tags == ["state_law:tx"]
    assert records[2].cpe_monitor_status == CeRecord.CpeMonitor.NOT_APPLICABLE


def test_mixed_file_needs_valid_only_choice(member_client, member, fixed_today) -> None:
    content = GOOD + "Broken,not-a-date,1\n"
    upload = SimpleUploadedFile("t.csv", content.encode())
    preview = member_client.post(reverse("ce:csv_import"), {"file": upload}).content.decode()
    assert "4 rows: 3 valid, 1 with errors." in preview
    assert "Import only the 3 valid rows" in preview
    refused = member_client.post(reverse("ce:csv_import"), {"mode": "all"}, follow=True)
    assert "Nothing was imported" in refused.content.decode()
    assert CeRecord.objects.count() == 0
    member_client.post(reverse("ce:csv_import"), {"mode": "valid"})
    assert CeRecord.objects.filter(member=member).count() == 3


def test_duplicates_in_file_and_transcript_are_flagged(member, fixed_today) -> None:
    add_record(member, uan="0669-0000-25-023-H03-T", completed_on=TODAY.replace(month=1, day=10))
    content = GOOD + "Safety again,2026-02-11,2,,0204-0000-26-101-H05-T\n"
    report = ce_records_import_csv(member=member, content=content.encode())
    assert [row.duplicate_of for row in report.rows] == [
        "Same UAN and date as a record already in your transcript.",
        "",
        "",
        "Same UAN and date as line 3.",
    ]
    report = ce_records_import_csv(member=member, content=content.encode(), commit=True)
    assert report.created == 4
    assert CeRecord.objects.filter(member=member, is_duplicate=True).count() == 2
    assert CeRecord.objects.filter(member=member).count() == 5


def test_export_csv_round_trips_through_import(
    member_client, member, other_member, fixed_today
) -> None:
    add_record(
        member, title="=HYPERLINK(evil)", uan="0204-0000-26-101-H05-T", tags=["patient_safety"]
    )
    export = member_client.get(reverse("ce:export_csv"))
    assert export["Content-Disposition"] == 'attachment; filename="ce-transcript.csv"'
    text = export.content.decode()
    assert text.splitlines()[0] == (
        "title,provider,uan,completed_on,hours,format,topic,audience,kind,tags,cpe_monitor"
    )
    assert text.splitlines()[1].startswith("'=HYPERLINK(evil),")
    report = ce_records_import_csv(
        member=other_member, content=text.replace(",cpe_monitor", ",notes").encode(), commit=True
    )
    assert report.file_errors == []
    assert report.created == 1
