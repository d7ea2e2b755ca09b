# ruff: noqa: E501 - CSV rows and rule tables read best one per line
"""JSON-LD on job pages, the feeds, and imports (CSV and JSON-LD)."""

from __future__ import annotations

import io
import json
import re

import pytest
from defusedxml import ElementTree
from django.core.management import CommandError, call_command
from tests.jobs.factories import publish, staff_user

from rxguild.jobs import importers
from rxguild.jobs.jsonld import jsonld_to_input, posting_to_jsonld
from rxguild.jobs.models import JobPosting

CSV_HEADER = (
    "external_id,title,description,employment_type,zip_code,pay_min,pay_max,pay_unit,"
    "required_credentials\n"
)


def _jsonld_from(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json" id="job-posting-jsonld">(.*?)</script>', html, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def test_job_page_embeds_valid_jobposting_jsonld(client, catalog, employer):
    posting = publish(
        employer,
        title="IV Technician",
        description="Bring your </script><script>alert(1)</script> skills & care.",
        required_credentials=["ptcb-cpht", "state-tx-technician"],
        preferred_credentials=["ptcb-cspt"],
        skills=["sterile-compounding"],
        practice_setting="hospital",
    )
    response = client.get(f"/jobs/{posting.public_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    # The description can't close the data block early.
    assert "</script><script>alert(1)" not in html
    data = _jsonld_from(html)
    assert data["@type"] == "JobPosting"
    assert data["title"] == "IV Technician"
    assert data["description"] == posting.description
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Bayou Health System"}
    assert data["jobLocation"]["address"]["postalCode"] == "77030"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue", "unitText": "HOUR", "minValue": 19.0, "maxValue": 24.0,
    }  # fmt: skip
    assert [c["identifier"] for c in data["educationRequirements"]] == [
        "ptcb-cpht",
        "state-tx-technician",
    ]
    assert data["educationRequirements"][1]["validIn"] == {
        "@type": "AdministrativeArea",
        "name": "TX",
    }
    assert data["educationRequirements"][1]["credentialCategory"] == "license"
    assert [c["identifier"] for c in data["qualifications"]] == ["ptcb-cspt"]
    assert data["validThrough"] == posting.valid_through.isoformat()
    assert "Last verified by the employer" in html
    # Markdown is rendered sanitized: the script tag is text, not markup.
    assert "<script>alert(1)</script>" not in html


def test_jsonld_round_trips_through_import(catalog, employer):
    posting = publish(
        employer, required_credentials=["ptcb-cpht"], skills=["prior-authorization"],
        external_id="REQ-1",
    )  # fmt: skip
    posting = JobPosting.objects.prefetch_related("credential_requirements__credential").get(
        pk=posting.pk
    )
    data = posting_to_jsonld(posting, url="https://example.org/jobs/x/")
    parsed = jsonld_to_input(json.loads(json.dumps(data)))
    assert (parsed.title, parsed.zip_code, parsed.pay_unit) == (
        "Pharmacy Technician",
        "77030",
        "HOUR",
    )
    assert (parsed.required_credentials, parsed.skills) == (["ptcb-cpht"], ["prior-authorization"])
    assert parsed.external_id == "REQ-1"


def test_feeds_list_live_postings(client, catalog, employer):
    live = publish(employer, title="Night <Tech> & Co")
    JobPosting.objects.filter(pk=publish(employer, title="Old").pk).update(status="expired")
    feed = client.get("/jobs/feed.jsonld")
    assert feed["Content-Type"] == "application/ld+json"
    items = feed.json()["itemListElement"]
    assert [i["item"]["title"] for i in items] == ["Night <Tech> & Co"]
    xml = client.get("/jobs/feed.xml")
    assert xml["Content-Type"] == "application/xml; charset=utf-8"
    root = ElementTree.fromstring(xml.content)
    jobs = root.findall("job")
    assert [j.findtext("title") for j in jobs] == ["Night <Tech> & Co"]
    assert jobs[0].findtext("referencenumber") == str(live.public_id)
    assert jobs[0].findtext("salary") == "$19.00 - $24.00 per hour"
    assert jobs[0].findtext("postalcode") == "77030"


def _csv(*rows: str) -> bytes:
    return (CSV_HEADER + "\n".join(rows) + "\n").encode()


GOOD_1 = 'R1,CPhT Technician,Fill prescriptions,FULL_TIME,77030,20,25,HOUR,"ptcb-cpht,state-tx-technician"'
GOOD_2 = "R2,Retail Technician,Customer service,PART_TIME,75201,17,19,HOUR,"
BAD_PAY = "R3,Bad Pay,Typo,FULL_TIME,77030,2000,2500,HOUR,"
BAD_ZIP = "R4,Bad Zip,Nowhere,FULL_TIME,00000,20,25,HOUR,"


def test_csv_import_is_all_or_nothing_with_a_row_report(catalog, employer):
    rows = importers.parse_csv(_csv(GOOD_1, BAD_PAY, BAD_ZIP, GOOD_2))
    report = importers.jobs_import(employer=employer, actor=staff_user(), rows=rows)
    assert report.saved is False
    assert (report.created, report.updated) == (0, 0)
    assert [(e.row, e.messages) for e in report.errors] == [
        (2, ["pay_min: Pay of $2,000.00 per hour looks wrong: expected $7.25 to $150.",
             "pay_max: Pay of $2,500.00 per hour looks wrong: expected $7.25 to $150."]),
        (3, ["zip_code: We don't know ZIP code 00000. Check it, or try a nearby one."]),
    ]  # fmt: skip
    assert JobPosting.objects.count() == 0


def test_csv_import_valid_rows_only_and_reimport_updates(catalog, employer):
    staff = staff_user()
    rows = importers.parse_csv(_csv(GOOD_1, BAD_PAY, GOOD_2))
    report = importers.jobs_import(employer=employer, actor=staff, rows=rows, valid_only=True)
    assert (report.saved, report.created, report.updated, len(report.errors)) == (True, 2, 0, 1)
    assert JobPosting.objects.filter(status="published").count() == 2
    changed = GOOD_1.replace("CPhT Technician", "CPhT Technician II")
    again = importers.jobs_import(
        employer=employer, actor=staff, rows=importers.parse_csv(_csv(changed, GOOD_2))
    )
    assert (again.saved, again.created, again.updated) == (True, 0, 2)
    assert sorted(JobPosting.objects.values_list("external_id", "title")) == [
        ("R1", "CPhT Technician II"),
        ("R2", "Retail Technician"),
    ]


def test_recruiter_imports_go_to_review(catalog, employer, recruiter):
    report = importers.jobs_import(
        employer=employer, actor=recruiter, rows=importers.parse_csv(_csv(GOOD_1))
    )
    assert report.created == 1
    assert JobPosting.objects.get().status == JobPosting.Status.IN_REVIEW


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("jobs.txt", b"x", "Upload a .csv or a .json / .jsonld file."),
        ("jobs.csv", b"a,b\n1,2\n", "The CSV needs a header row with at least"),
        ("jobs.json", b"{not json", "The file is not valid JSON"),
    ],
    ids=["extension", "header", "json"],
)
def test_unreadable_files_are_refused(name, content, message):
    with pytest.raises(importers.ImportFileError, match=re.escape(message)):
        importers.parse_file(name, content)


def test_jsonld_import_reports_non_jobposting_items(catalog, employer):
    payload = json.dumps(
        [
            {"@type": "Event", "name": "Not a job"},
            {"@type": "JobPosting", "title": "T", "description": "D", "employmentType": "FULL_TIME",
             "identifier": {"@type": "PropertyValue", "value": "J-1"},
             "jobLocation": {"@type": "Place", "address": {"postalCode": "77030"}},
             "educationRequirements": [{"@type": "EducationalOccupationalCredential",
                                        "identifier": "ptcb-cpht"}]},
        ]
    )  # fmt: skip
    rows = importers.parse_jsonld(payload)
    report = importers.jobs_import(
        employer=employer, actor=staff_user(), rows=rows, valid_only=True
    )
    assert [(e.row, e.messages) for e in report.errors] == [
        (1, ["Each item must be a schema.org JobPosting object."])
    ]
    posting = JobPosting.objects.get()
    assert (posting.external_id, posting.city) == ("J-1", "Houston")
    assert list(posting.credential_requirements.values_list("credential__code", flat=True)) == [
        "ptcb-cpht"
    ]


def test_import_jobs_command(tmp_path, catalog, employer):
    staff = staff_user()
    good = tmp_path / "jobs.csv"
    good.write_bytes(_csv(GOOD_1, GOOD_2))
    out = io.StringIO()
    call_command("import_jobs", str(good), employer=employer.slug, actor=staff.email, stdout=out)
    assert out.getvalue() == "2 created, 0 updated, 0 skipped.\n"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(BAD_ZIP))
    with pytest.raises(CommandError, match="Nothing saved: 1 row"):
        call_command(
            "import_jobs", str(bad), employer=employer.slug, actor=staff.email,
            stderr=io.StringIO(),
        )  # fmt: skip
    assert JobPosting.objects.count() == 2


def test_import_page(client, catalog, employer, recruiter):
    client.force_login(recruiter)
    upload = io.BytesIO(_csv(GOOD_1, BAD_ZIP))
    upload.name = "jobs.csv"
    response = client.post(f"/jobs/employer/{employer.slug}/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["report"].saved is False
    assert "Nothing was saved:" in response.content.decode()
    assert JobPosting.objects.count() == 0
