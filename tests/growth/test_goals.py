"""Goals: create (also from a weak area), milestones drive progress, completion keeps the
record, owner-only access, bad input explained with nothing saved."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.tracker.factories import UserFactory

from rxguild.ce.models import CeProvider, Course
from rxguild.growth.models import Goal, Milestone
from rxguild.growth.services import assessment_create, goal_create, milestone_add
from rxguild.tracker.models import TrackedApplication

pytestmark = pytest.mark.django_db


def _future(days: int = 60) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def courses(db):
    provider = CeProvider.objects.create(name="Test CE", acpe_number="0204")
    return {
        "lasa": Course.objects.create(
            provider=provider,
            title="Look-alike drug names: a quick review",
            hours=Decimal("0.5"),
            topic_code="05",
            audience="T",
            tags=["medication_errors"],
        ),
        "law": Course.objects.create(
            provider=provider,
            title="Pharmacy law essentials: DEA and controlled substances",
            hours=Decimal("1"),
            topic_code="03",
            audience="T",
            tags=["pharmacy_law"],
        ),
        "oncology": Course.objects.create(
            provider=provider, title="Oncology basics", hours=Decimal("2"), topic_code="01"
        ),
    }


def test_weak_areas_suggest_fitting_courses_and_a_goal(member, member_client, frameworks, courses):
    assessment_create(
        member=member,
        framework=frameworks["ptce"],
        ratings={"ptce-safety-high-alert-lasa": 1, "ptce-fed-cs-handling": 2, "ptce-med-nti": 4},
    )
    body = member_client.get("/growth/history/ptce/").content.decode()
    weak = body[body.index('id="weak-h"') : body.index('id="past-h"')]
    assert weak.index("High-alert and look-alike") < weak.index("Controlled substance handling")
    assert "Look-alike drug names: a quick review" in weak
    assert "tagged “medication_errors”" in weak
    assert "Pharmacy law essentials" in weak
    assert "Oncology basics" not in weak
    assert "Narrow therapeutic" not in weak  # rated 4: not weak
    assert f"?competency=ptce-safety-high-alert-lasa&amp;course={courses['lasa'].pk}" in weak


def test_goal_from_weak_area_prefills_and_saves_links(member, member_client, frameworks, courses):
    page = member_client.get(
        f"/growth/goals/?competency=ptce-safety-high-alert-lasa&course={courses['lasa'].pk}"
    )
    body = page.content.decode()
    assert 'value="Get stronger at high-alert and look-alike/sound-alike medicines"' in body
    assert "Linked CE course: <strong>Look-alike drug names: a quick review</strong>" in body
    response = member_client.post(
        "/growth/goals/",
        {
            "title": "Get stronger at LASA",
            "target_date": _future().isoformat(),
            "competency": "ptce-safety-high-alert-lasa",
            "course": str(courses["lasa"].pk),
        },
    )
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/growth/goals/{goal.pk}/"
    assert (goal.member, goal.competency.code, goal.course, goal.progress) == (
        member,
        "ptce-safety-high-alert-lasa",
        courses["lasa"],
        0,
    )


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        pytest.param(
            {"title": "", "target_date": "2027-01-01"}, "This field is required.", id="no-title"
        ),
        pytest.param({"title": "T"}, "Choose a target date.", id="no-date"),
        pytest.param(
            {"title": "T", "target_date": "2099-01-01"}, "Choose a date within 5 years.", id="far"
        ),
        pytest.param(
            {"title": "T", "target_date": "2027-01-01", "progress": "140"},
            "Progress is a percentage from 0 to 100.",
            id="progress",
        ),
        pytest.param(
            {"title": "T", "target_date": "2027-01-01", "note": "n" * 2001},
            "Keep the note under 2000 characters.",
            id="huge-note",
        ),
        pytest.param(
            {"title": "T", "target_date": "2027-01-01", "competency": "made-up"},
            "Select a valid choice.",
            id="competency",
        ),
    ],
)
def test_bad_goal_input_is_explained_and_nothing_saved(
    member_client, frameworks, data, field_message
):
    response = member_client.post("/growth/goals/", data)
    assert response.status_code == 422
    assert field_message in response.content.decode()
    assert Goal.objects.count() == 0


def test_someone_elses_saved_job_cannot_be_linked(member, other_member, frameworks):
    card = TrackedApplication.objects.create(
        member=other_member, title="Secret job", external_url="https://example.org/j"
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        goal_create(member=member, title="T", target_date=_future(), saved_job_id=card.pk)
    assert caught.value.message_dict == {"saved_job": ["Choose one of the jobs in your tracker."]}
    assert Goal.objects.count() == 0


def test_milestones_drive_progress_and_completion_keeps_the_goal(member, member_client, frameworks):
    goal = goal_create(member=member, title="Pass the CSPT", target_date=_future())
    first = milestone_add(goal=goal, title="Finish the ASHP course")
    milestone_add(goal=goal, title="Book the exam")
    member_client.post(f"/growth/milestones/{first.pk}/toggle/")
    goal.refresh_from_db()
    assert goal.progress == 50
    member_client.post(f"/growth/goals/{goal.pk}/status/", {"action": "complete"})
    goal.refresh_from_db()
    assert (goal.status, goal.progress, goal.completed_at is not None) == ("completed", 100, True)
    page = member_client.get("/growth/goals/").content.decode()
    assert page.index('id="done-h"') < page.index(">Pass the CSPT</a>")
    assert "No goals in progress." in page


def test_goal_edit_with_bad_progress_changes_nothing(member, member_client, frameworks):
    goal = goal_create(member=member, title="Learn sig codes", target_date=_future(), progress=20)
    response = member_client.post(
        f"/growth/goals/{goal.pk}/",
        {"title": "Renamed", "target_date": _future().isoformat(), "progress": "-5"},
    )
    assert response.status_code == 422
    goal.refresh_from_db()
    assert (goal.title, goal.progress) == ("Learn sig codes", 20)


def test_other_member_gets_404_and_nothing_changes(member, other_client, frameworks):
    goal = goal_create(member=member, title="Mine", target_date=_future())
    milestone = milestone_add(goal=goal, title="Step")
    assert other_client.get(f"/growth/goals/{goal.pk}/").status_code == 404
    assert (
        other_client.post(f"/growth/goals/{goal.pk}/status/", {"action": "delete"}).status_code
        == 404
    )
    assert other_client.post(f"/growth/milestones/{milestone.pk}/toggle/").status_code == 404
    assert other_client.post(f"/growth/milestones/{milestone.pk}/delete/").status_code == 404
    assert other_client.get(f"/api/v1/growth/goals/{goal.pk}").status_code == 404
    assert other_client.get("/api/v1/growth/goals").json() == []
    assert Goal.objects.filter(pk=goal.pk, status="active").exists()
    assert Milestone.objects.get(pk=milestone.pk).done_at is None


def test_goal_api_round_trip(member, member_client, frameworks):
    created = member_client.post(
        "/api/v1/growth/goals",
        json.dumps(
            {
                "title": "Learn DSCSA",
                "target_date": _future().isoformat(),
                "competency": "inv-tracing",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201
    goal_id = created.json()["id"]
    added = member_client.post(
        f"/api/v1/growth/goals/{goal_id}/milestones",
        json.dumps({"title": "Read the FDA overview"}),
        content_type="application/json",
    )
    milestone_id = added.json()["milestones"][0]["id"]
    toggled = member_client.post(f"/api/v1/growth/milestones/{milestone_id}/toggle").json()
    assert (toggled["progress"], toggled["milestones"][0]["done"], toggled["competency"]) == (
        100,
        True,
        "inv-tracing",
    )
    bad = member_client.patch(
        f"/api/v1/growth/goals/{goal_id}",
        json.dumps({"progress": 101}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json() == {"detail": {"progress": ["Progress is a percentage from 0 to 100."]}}


def test_goal_list_query_count(member, frameworks, django_assert_num_queries):
    from rxguild.growth.selectors import goals_for_member

    for index in range(4):
        goal = goal_create(member=member, title=f"G{index}", target_date=_future())
        milestone_add(goal=goal, title="step")
    with django_assert_num_queries(2):
        goals = list(goals_for_member(member))
        assert sum(len(g.milestones.all()) for g in goals) == 4


def test_goals_due_soon_show_in_dashboard_next_steps(member, frameworks):
    from rxguild.core.next_steps import next_steps_for

    goal_create(member=member, title="Soon", target_date=_future(5), progress=40)
    goal_create(member=member, title="Later", target_date=_future(60))
    titles = [s.title for s in next_steps_for(member) if s.title.startswith("Goal:")]
    details = [s.detail for s in next_steps_for(member) if s.title.startswith("Goal:")]
    assert titles == ["Goal: Soon"]
    assert details[0].endswith("· 40 % done")


def test_goal_shared_with_mentor_read_only_until_mentorship_ends(member, frameworks):
    from django.test import Client

    from rxguild.growth.services import goal_share_set
    from rxguild.mentoring.models import Mentorship

    mentor = UserFactory(first_name="Ana", last_name="Mentor")
    mentor_client = Client()
    mentor_client.force_login(mentor)
    mentorship = Mentorship.objects.create(mentor=mentor, mentee=member)
    goal = goal_create(member=member, title="Shared goal", target_date=_future())
    assert mentor_client.get(f"/growth/goals/{goal.pk}/").status_code == 404
    goal_share_set(goal=goal, mentorship_id=mentorship.pk)
    page = mentor_client.get(f"/growth/goals/{goal.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Shared with you by Maria Alvarez, read-only." in body
    assert "Save changes" not in body and "Mark done" not in body
    assert "Shared goal" in mentor_client.get("/growth/goals/").content.decode()
    refused = mentor_client.post(
        f"/growth/goals/{goal.pk}/", {"title": "Hijacked", "progress": "0"}
    )
    assert refused.status_code == 404
    assert (
        mentor_client.post(f"/growth/goals/{goal.pk}/status/", {"action": "delete"}).status_code
        == 404
    )
    goal.refresh_from_db()
    assert goal.title == "Shared goal"
    Mentorship.objects.filter(pk=mentorship.pk).update(status="completed")
    assert mentor_client.get(f"/growth/goals/{goal.pk}/").status_code == 404


def test_cannot_share_through_someone_elses_mentorship(member, other_member, frameworks):
    from django.core.exceptions import ValidationError

    from rxguild.growth.services import goal_share_set
    from rxguild.mentoring.models import Mentorship

    theirs = Mentorship.objects.create(mentor=UserFactory(), mentee=other_member)
    goal = goal_create(member=member, title="Mine", target_date=_future())
    with pytest.raises(ValidationError):
        goal_share_set(goal=goal, mentorship_id=theirs.pk)
    goal.refresh_from_db()
    assert (goal.shared_with_mentor, goal.mentorship_id) == (False, None)


def test_blocked_mentor_loses_access(member, frameworks):
    from django.test import Client

    from rxguild.community.models import Block
    from rxguild.growth.services import goal_share_set
    from rxguild.mentoring.models import Mentorship

    mentor = UserFactory()
    mentorship = Mentorship.objects.create(mentor=mentor, mentee=member)
    goal = goal_create(member=member, title="Shared goal", target_date=_future())
    goal_share_set(goal=goal, mentorship_id=mentorship.pk)
    Block.objects.create(blocker=member, blocked=mentor)
    client = Client()
    client.force_login(mentor)
    assert client.get(f"/growth/goals/{goal.pk}/").status_code == 404


def test_goals_calendar_feed(member, member_client, frameworks):
    from django.test import Client

    from rxguild.ce.services import calendar_feed_rotate

    goal = goal_create(member=member, title="Pass the CSPT", target_date=date(2027, 3, 1))
    milestone_add(goal=goal, title="Book the exam", due_on=date(2027, 2, 1))
    feed = calendar_feed_rotate(member=member)
    assert (
        f"/growth/goals/calendar/{feed.token}.ics"
        in member_client.get("/growth/goals/").content.decode()
    )
    response = Client().get(f"/growth/goals/calendar/{feed.token}.ics")
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Goal due: Pass the CSPT" in body
    assert "DTSTART;VALUE=DATE:20270301" in body
    assert "SUMMARY:Milestone: Book the exam (Pass the CSPT)" in body
    assert Client().get("/growth/goals/calendar/wrong.ics").status_code == 404
