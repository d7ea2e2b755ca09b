"""A member with one of everything the dashboard and calendar show (fixtures in conftest)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from tests.ce.conftest import add_record, make_member

from rxguild.accounts.models import User
from rxguild.community.models import Event, Rsvp
from rxguild.growth.models import Goal
from rxguild.mentoring.models import CheckIn, Mentorship
from rxguild.profiles.models import Profile
from rxguild.tracker.models import InformationalInterview, TrackedApplication

TODAY = date(2026, 12, 4)
CHICAGO = ZoneInfo("America/Chicago")


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CHICAGO)


def populate(member: User, *, copies: int = 1) -> None:
    """`copies` of each dated thing (the query count must not depend on it)."""
    Profile.objects.filter(user=member).update(display_name="Tess Tech")
    mentor = make_member(f"mentor{member.pk}-{copies}@example.org")
    Profile.objects.update_or_create(user=mentor, defaults={"display_name": "Dana Mentor"})
    mentorship = Mentorship.objects.create(mentor=mentor, mentee=member)
    for n in range(copies):
        TrackedApplication.objects.create(
            member=member,
            title=f"IV room technician {n}",
            organization="Lone Star Health",
            stage="applied",
            position=n,
            follow_up_on=TODAY + timedelta(days=5),
        )
        TrackedApplication.objects.create(
            member=member, title=f"Retail technician {n}", stage="saved", position=n
        )
        InformationalInterview.objects.create(
            member=member,
            person_name="Jordan Kim",
            organization="Gulf Coast Radiopharmacy",
            held_on=TODAY - timedelta(days=3),
            next_step="Ask to shadow a shift",
            next_step_on=TODAY + timedelta(days=12),
        )
        event = Event.objects.create(
            organizer=mentor,
            title=f"USP 797 refresher {n}",
            starts_at=at(TODAY + timedelta(days=10), 18),
            ends_at=at(TODAY + timedelta(days=10), 19),
            time_zone="America/Chicago",
        )
        Rsvp.objects.create(event=event, user=member, status=Rsvp.Status.GOING)
        CheckIn.objects.create(mentorship=mentorship, starts_at=at(TODAY + timedelta(days=3), 12))
        Goal.objects.create(
            member=member,
            title=f"Earn the CSPT {n}",
            target_date=TODAY + timedelta(days=20),
            progress=40,
        )
        add_record(
            member,
            title=f"Law {n}",
            topic_code="03",
            hours=Decimal("1"),
            completed_on=TODAY - timedelta(days=30),
        )
