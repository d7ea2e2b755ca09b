"""Dashboard, courses, exports, calendar feed: what a member sees."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from rxguild.accounts.models import Role, RoleGrant
from rxguild.ce.models import CalendarFeedToken, CeProvider, CeRecord, Course
from rxguild.core.next_steps import next_steps_for

from .conftest import TODAY, add_record, hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def cpht_member(member, fixed_today):
    hold(member, "ptcb-cpht", "Certified Pharmacy Technician", expires_on=date(2027, 3, 15))
    hold(
        member,
        "state-tx-technician",
        "Texas registered pharmacy technician",
        state="TX",
        expires_on=date(2027, 6, 30),
    )
    # 14 h T-specific incl. 1 h law (03) and 2 h patient safety (05); 2 h P-specific.
    add_record(member, title="Law", topic_code="03", hours=Decimal("1"), tags=["state_law:tx"])
    add_record(member, title="Safety", topic_code="05", hours=Decimal("2"))
    add_record(member, title="Diabetes", topic_code="01", hours=Decimal("11"))
    add_record(member, title="Opioids (P)", topic_code="01", audience="P", hours=Decimal("2"))
    return member


def test_dashboard_shows_status_per_credential(member_client, cpht_member) -> None:
    html = member_client.get(reverse("ce:dashboard")).content.decode()
    assert "Certified Pharmacy Technician" in html
    assert "Deadline <strong>Mar 1, 2027</strong>" in html
    assert "(95 days left)" in html
    assert "Renewal window opens Jan 14, 2027" in html
    assert "4 h of Total CE hours by Mar 1, 2027" in html
    assert "1 h of Technician-specific (T) hours by Mar 1, 2027" in html
    assert "Human-trafficking prevention course (HHSC-approved) by Jun 30, 2027" in html
    # Charts are labelled for screen readers and say met/not met in text, not colour only.
    # (8: Texas's sterile-compounding hours are listed too, explained as not applying.)
    assert html.count('role="img"') == 8
    assert "Applies only if you compound sterile preparations. You have not told us" in html
    assert "✓ met" in html
    assert "✗ 80%" in html


def test_dashboard_queries_do_not_grow_with_records(member_client, cpht_member) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member_client.get(reverse("ce:dashboard"))
    with CaptureQueriesContext(connection) as before:
        member_client.get(reverse("ce:dashboard"))
    for index in range(40):
        add_record(cpht_member, title=f"Extra {index}", hours=Decimal("0.5"))
    with CaptureQueriesContext(connection) as after:
        member_client.get(reverse("ce:dashboard"))
    assert len(after) == len(before)


def test_next_step_on_the_main_dashboard(cpht_member) -> None:
    titles = [step.title for step in next_steps_for(cpht_member) if "still needed" in step.title]
    assert titles == [
        "4 h of Total CE hours still needed for Certified Pharmacy Technician by Mar 1, 2027",
        "4 h of Total CE hours still needed for Texas registered pharmacy technician "
        "by Jun 30, 2027",
    ]


def test_course_filter_counts_toward_what_i_still_need(member_client, cpht_member) -> None:
    provider = CeProvider.objects.create(name="RxCe", acpe_number="0669")
    Course.objects.create(
        provider=provider,
        title="Trafficking course",
        uan="0669-0000-26-120-H04-T",
        hours=Decimal("1"),
        topic_code="04",
        audience="T",
        format="H",
        tags=["human_trafficking"],
    )
    Course.objects.create(
        provider=provider,
        title="Pharmacist law",
        uan="0669-0000-26-121-H03-P",
        hours=Decimal("1"),
        topic_code="03",
        audience="P",
        format="H",
    )
    Course.objects.create(
        provider=provider,
        title="Tech general",
        uan="0669-0000-26-122-H04-T",
        hours=Decimal("1"),
        topic_code="04",
        audience="T",
        format="H",
    )
    everything = member_client.get(reverse("ce:courses")).content.decode()
    assert "3 courses." in everything
    needed = member_client.get(reverse("ce:courses"), {"needed": "1"}).content.decode()
    assert "3 courses." in needed  # each moves at least the total
    assert (
        "Texas registered pharmacy technician: Human-trafficking prevention course (HHSC-approved)"
        in needed
    )
    search = member_client.get(reverse("ce:courses"), {"q": "pharmacist"}).content.decode()
    assert "1 course." in search


def test_course_filter_hides_courses_when_nothing_is_missing(
    member_client, member, fixed_today
) -> None:
    hold(member, "ptcb-cpht", "CPhT", expires_on=date(2027, 3, 15))
    add_record(member, title="Law", topic_code="03", hours=Decimal("1"))
    add_record(member, title="Safety", topic_code="05", hours=Decimal("19"))
    provider = CeProvider.objects.create(name="RxCe")
    Course.objects.create(
        provider=provider, title="Any", hours=Decimal("1"), audience="T", topic_code="04"
    )
    html = member_client.get(reverse("ce:courses"), {"needed": "1"}).content.decode()
    assert "0 courses." in html


def test_course_import_json_for_ce_provider(client, member) -> None:
    RoleGrant.objects.create(user=member, role=Role.CE_PROVIDER)
    client.force_login(member)
    payload = json.dumps(
        [
            {
                "provider": "My CE Co",
                "title": "Law 101",
                "uan": "0999-0000-26-001-H03-T",
                "hours": "1",
                "cost": "0",
                "url": "https://example.org/law",
            }
        ]
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("ce:course_import"), {"file": SimpleUploadedFile("c.json", payload)}
    )
    assert response.status_code == 302
    course = Course.objects.get()
    assert (course.topic_code, course.audience, course.cost) == ("03", "T", Decimal("0"))
    assert list(course.provider.managers.all()) == [member]
    bad = json.dumps(
        [
            {"provider": "My CE Co", "title": "X", "hours": "-1"},
            {"provider": "", "title": "Y", "hours": "1"},
        ]
    ).encode()
    response = client.post(reverse("ce:course_import"), {"file": SimpleUploadedFile("c.json", bad)})
    html = response.content.decode()
    assert "Course 1: Hours cannot be negative." in html
    assert "Course 2: the provider is missing." in html
    assert Course.objects.count() == 1


def test_course_import_refused_for_plain_member(member_client) -> None:
    assert member_client.get(reverse("ce:course_import")).status_code == 403


def test_pdf_export_is_a_pdf_with_the_proof_fields(member_client, member) -> None:
    add_record(member, title="Safety first", uan="0204-0000-26-101-H05-T", provider_name="ASHP")
    response = member_client.get(reverse("ce:export_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in ("Tess Tech", "Safety first", "ASHP", "0204-0000-26-101-H05-T", "Aug 18, 2026"):
        assert expected in text


def test_calendar_feed_and_rotation(client, member_client, cpht_member) -> None:
    add_record(
        cpht_member,
        title="Recent",
        uan="0204-0000-26-009-H05-T",
        completed_on=TODAY - timedelta(days=20),
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
    )
    member_client.post(reverse("ce:calendar"))
    token = CalendarFeedToken.objects.get(member=cpht_member).token
    # The member's calendar page is core's now; it shows the feed that has every app's
    # dates, made from the same secret, and the CE-only address below keeps working.
    page = member_client.get(reverse("ce:calendar"), follow=True).content.decode()
    assert f"/calendar/feed/{token}.ics" in page
    client.logout()
    feed = client.get(reverse("ce:calendar_feed", args=[token]))
    body = feed.content.decode()
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.count("BEGIN:VEVENT") == 4
    assert "DTSTART;VALUE=DATE:20270301" in body
    assert "SUMMARY:Certified Pharmacy Technician: renewal window opens" in body
    assert "CPE Monitor claim window closes: Recent" in body
    member_client.force_login(cpht_member)
    member_client.post(reverse("ce:calendar"))
    assert client.get(reverse("ce:calendar_feed", args=[token])).status_code == 404
    new_token = CalendarFeedToken.objects.get(member=cpht_member).token
    assert new_token != token
    assert client.get(reverse("ce:calendar_feed", args=[new_token])).status_code == 200


def test_pages_need_login(client) -> None:
    for name in ("ce:dashboard", "ce:transcript", "ce:record_add", "ce:courses", "ce:calendar"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_course_catalog_queries_do_not_grow_with_courses(member_client, cpht_member) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    provider = CeProvider.objects.create(name="RxCe")

    def add_courses(count: int, start: int) -> None:
        for n in range(start, start + count):
            Course.objects.create(
                provider=provider, title=f"Course {n}", hours=Decimal("1"), audience="T"
            )

    add_courses(2, 0)
    member_client.get(reverse("ce:courses"), {"needed": "1"})
    with CaptureQueriesContext(connection) as few:
        member_client.get(reverse("ce:courses"), {"needed": "1"})
    add_courses(28, 2)
    with CaptureQueriesContext(connection) as many:
        html = member_client.get(reverse("ce:courses"), {"needed": "1"}).content.decode()
    assert len(many) == len(few)
    assert "30 courses." in html
