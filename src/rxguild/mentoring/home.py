"""Mentoring's part of the dashboard and calendar: check-ins of the member's open
mentorships, as mentor or mentee. One query."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.calendar_grid import CalendarItem, Kind
from rxguild.core.home import Contribution, HomeSource, dashboard_window
from rxguild.mentoring.models import CheckIn, Mentorship


def mentoring_calendar(member: User, start: date, end: date) -> list[CalendarItem]:
    zone = timezone.get_current_timezone()
    check_ins = (
        CheckIn.objects.filter(
            Q(mentorship__mentor=member) | Q(mentorship__mentee=member),
            mentorship__status__in=Mentorship.OPEN_STATUSES,
            starts_at__gte=datetime.combine(start, time.min, tzinfo=zone),
            starts_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
        )
        .select_related("mentorship__mentor__profile", "mentorship__mentee__profile")
        .order_by("starts_at", "id")
    )
    items = []
    for check_in in check_ins:
        mentorship = check_in.mentorship
        mentor = mentorship.mentor_id == member.pk
        other = mentorship.mentee if mentor else mentorship.mentor
        profile = getattr(other, "profile", None)
        name = (profile.display_name if profile else "") or "your " + (
            "mentee" if mentor else "mentor"
        )
        local = timezone.localtime(check_in.starts_at, zone)
        items.append(
            CalendarItem(
                day=local.date(),
                title=f"Check-in with {name}",
                kind=Kind.CHECK_IN,
                url=reverse("mentoring:mentorship", args=[mentorship.pk]),
                detail=f"{check_in.minutes} min" + (" as mentor" if mentor else ""),
                starts_at=local,
                ends_at=local + timedelta(minutes=check_in.minutes),
                uid=f"check-in-{check_in.pk}",
            )
        )
    return items


def mentoring_dashboard(member: User, today: date) -> Contribution:
    start, end = dashboard_window(today)
    return Contribution(items=tuple(mentoring_calendar(member, max(start, today), end)))


SOURCE = HomeSource(
    name="mentoring", calendar=mentoring_calendar, dashboard=mentoring_dashboard, order=50
)
