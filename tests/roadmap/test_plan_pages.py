"""Plan on the target page, member dates, the .ics export and the comparison (pages and API)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from rxguild.roadmap.models import PlanDate
from rxguild.roadmap.services import target_add
from rxguild.tracker.services.applications import tracked_application_track_posting

pytestmark = pytest.mark.django_db


def test_target_page_shows_the_dated_plan(member, member_client):
    target = target_add(member=member, code="ptcb-cspt")
    page = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    finish = timezone.localdate() + dt.timedelta(weeks=8)
    assert "Your plan" in page
    assert f"Finish by <strong>{finish:%b} {finish.day}, {finish.year}</strong>" in page
    assert "known fees <strong>$199</strong>" in page
    assert reverse("roadmap:plan_ics", args=[target.pk]) in page


def test_set_and_clear_a_plan_date(member, member_client):
    target = target_add(member=member, code="ptcb-cspt")
    url = reverse("roadmap:plan_date", args=[target.pk])
    due = timezone.localdate() + dt.timedelta(days=60)
    response = member_client.post(
        url, {"requirement_code": "cspt-exam", "due_on": due.isoformat()}, HTTP_HX_REQUEST="true"
    )
    assert "Plan updated." in response.content.decode()
    assert PlanDate.objects.get(member=member).due_on == due
    member_client.post(url, {"requirement_code": "cspt-exam", "due_on": ""})
    assert PlanDate.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"requirement_code": "cspt-exam", "due_on": "2001-01-01"}, "Pick today or a later date"),
        ({"requirement_code": "cspt-exam", "due_on": "2999-01-01"}, "within 10 years"),
        ({"requirement_code": "nope", "due_on": ""}, "That is not a step on your roadmap."),
        ({"requirement_code": "cspt-exam", "due_on": "soon"}, "valid date"),
    ],
    ids=["past", "too-far", "unknown-step", "not-a-date"],
)
def test_bad_plan_dates_change_nothing(member, member_client, fields, message):
    target = target_add(member=member, code="ptcb-cspt")
    response = member_client.post(
        reverse("roadmap:plan_date", args=[target.pk]), fields, HTTP_HX_REQUEST="true"
    )
    assert message in response.content.decode()
    assert PlanDate.objects.count() == 0


def test_others_cannot_date_or_export_my_plan(member, other_client):
    target = target_add(member=member, code="ptcb-cspt")
    response = other_client.post(
        reverse("roadmap:plan_date", args=[target.pk]),
        {"requirement_code": "cspt-exam", "due_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 404
    assert other_client.get(reverse("roadmap:plan_ics", args=[target.pk])).status_code == 404
    assert PlanDate.objects.count() == 0


def test_plan_exports_as_ics(member, member_client):
    target = target_add(member=member, code="ptcb-cspt")
    response = member_client.get(reverse("roadmap:plan_ics", args=[target.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    from icalendar import Calendar

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]).split(" (")[0] for e in events] == [
        "A qualified supervisor completes the CSPT Competency Attestation Form",
        "Apply for CSPT and pass the CSPT exam",
    ]


def test_compare_page_shows_targets_and_saved_jobs(member, member_client, posting):
    target_add(member=member, code="ptcb-cspt")
    target_add(member=member, code="ptcb-cpht-adv")
    tracked_application_track_posting(member=member, posting=posting)
    page = member_client.get(reverse("roadmap:compare")).content.decode()
    cspt = page.index("PTCB Certified Compounded Sterile Preparation Technician (CSPT)")
    adv = page.index("PTCB Advanced Certified Pharmacy Technician (CPhT-Adv)")
    job = page.index("IV Technician at")
    assert job < cspt < adv  # closest first: the job asks for nothing the member lacks
    assert "(saved job)" in page
    assert "Make it a target" in page
    without_jobs = member_client.get(reverse("roadmap:compare") + "?jobs=0").content.decode()
    assert "IV Technician at" not in without_jobs


def test_api_plan_dates_and_compare(member, member_client, posting):
    target = target_add(member=member, code="ptcb-cspt")
    tracked_application_track_posting(member=member, posting=posting)
    body = member_client.get(f"/api/v1/roadmap/targets/{target.pk}").json()
    assert [s["requirement_code"] for s in body["plan"]["steps"]] == [
        "cspt-attestation",
        "cspt-exam",
    ]
    assert body["plan"]["known_cost"] == "199"
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = member_client.post(
        "/api/v1/roadmap/plan-dates",
        json.dumps({"requirement_code": "cspt-attestation", "due_on": due}),
        content_type="application/json",
    )
    assert response.status_code == 204
    body = member_client.get(f"/api/v1/roadmap/targets/{target.pk}").json()
    assert body["plan"]["steps"][0]["due"] == due
    assert body["plan"]["steps"][0]["member_date"] is True
    rows = member_client.get(f"/api/v1/roadmap/compare?target={target.pk}").json()
    assert [(r["name"].split(" at ")[0], r["target_id"]) for r in rows] == [
        ("IV Technician", None),
        ("PTCB Certified Compounded Sterile Preparation Technician (CSPT)", target.pk),
    ]
    rows = member_client.get("/api/v1/roadmap/compare?saved_jobs=false").json()
    assert len(rows) == 1
    bad = member_client.post(
        "/api/v1/roadmap/plan-dates",
        json.dumps({"requirement_code": "cspt-exam", "due_on": "2001-01-01"}),
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_plan_becomes_a_growth_goal_with_milestones(member, member_client, other_client):
    from rxguild.growth.models import Goal

    target = target_add(member=member, code="ptcb-cspt")
    url = reverse("roadmap:plan_goal", args=[target.pk])
    assert other_client.post(url).status_code == 404
    assert Goal.objects.count() == 0
    response = member_client.post(url)
    assert response["Location"] == reverse("growth:home")
    goal = Goal.objects.get(member=member)
    assert goal.title == "Reach PTCB Certified Compounded Sterile Preparation Technician (CSPT)"
    assert goal.credential.code == "ptcb-cspt"
    assert goal.target_date == timezone.localdate() + dt.timedelta(weeks=8)
    assert [m.title for m in goal.milestones.all()] == [
        "A qualified supervisor completes the CSPT Competency Attestation Form",
        "Apply for CSPT and pass the CSPT exam (75 questions, 2 hours)",
    ]
