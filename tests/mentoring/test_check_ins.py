"""Check-ins with an .ics for the two members, notes private unless shared, the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from tests.mentoring.factories import client_for, member, mentee, mentor, mentorship

from rxguild.mentoring.models import CheckIn, MentorshipNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    return rosa, tomas, mentorship(rosa, tomas)


def test_schedule_a_check_in_and_download_the_ics(pair, django_capture_on_commit_callbacks):
    rosa, tomas, row = pair
    when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tomas).post(
            f"/mentoring/mentorships/{row.pk}/check-ins/",
            {"starts_at": when.strftime("%Y-%m-%dT%H:%M"), "minutes": "30", "agenda": "CSPT plan"},
        )
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert (check_in.minutes, check_in.agenda, check_in.created_by) == (30, "CSPT plan", tomas)
    assert mail.outbox[-1].to == ["rosa@example.org"]
    ics = client_for(rosa).get(f"/mentoring/check-ins/{check_in.pk}.ics")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Mentoring check-in with Tomas"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=30)
    assert "Mentoring check-in soon" in client_for(rosa).get("/dashboard/").content.decode()
    assert (
        client_for(member("Sal")).get(f"/mentoring/check-ins/{check_in.pk}.ics").status_code == 404
    )


def test_a_check_in_in_the_past_is_refused(pair):
    _, tomas, row = pair
    response = client_for(tomas).post(
        f"/mentoring/mentorships/{row.pk}/check-ins/",
        {"starts_at": "2020-01-01T10:00", "minutes": "30"},
    )
    assert response.status_code == 422
    assert response.context["check_in_form"].errors["starts_at"] == ["Choose a time in the future."]
    assert CheckIn.objects.count() == 0


def test_notes_are_private_unless_shared(pair):
    rosa, tomas, row = pair
    client_for(tomas).post(
        f"/mentoring/mentorships/{row.pk}/notes/", {"body": "Nervous about the exam"}
    )
    client_for(tomas).post(
        f"/mentoring/mentorships/{row.pk}/notes/", {"body": "Goal: pass by June", "shared": "on"}
    )
    mentor_page = client_for(rosa).get(f"/mentoring/mentorships/{row.pk}/").content.decode()
    assert "Goal: pass by June" in mentor_page
    assert "Nervous about the exam" not in mentor_page
    assert (
        "Nervous about the exam"
        in client_for(tomas).get(f"/mentoring/mentorships/{row.pk}/").content.decode()
    )
    stranger = client_for(member("Sal"))
    assert (
        stranger.post(f"/mentoring/mentorships/{row.pk}/notes/", {"body": "x"}).status_code == 404
    )
    assert MentorshipNote.objects.count() == 2


def test_quiet_mentorships_are_nudged_once(pair, django_capture_on_commit_callbacks):
    from rxguild.mentoring.services.meetings import mentorships_quiet_nudge

    _, _, row = pair
    assert mentorships_quiet_nudge() == 0  # started today: not quiet yet
    row.started_at = timezone.now() - timedelta(days=20)
    row.save(update_fields=["started_at"])
    with django_capture_on_commit_callbacks(execute=True):
        assert mentorships_quiet_nudge() == 1
        assert mentorships_quiet_nudge() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["rosa@example.org", "tomas@example.org"]
    CheckIn.objects.create(mentorship=row, starts_at=timezone.now() + timedelta(days=2))
    later = timezone.now() + timedelta(days=15)
    assert mentorships_quiet_nudge(now=later) == 0  # a check-in within the last two weeks
