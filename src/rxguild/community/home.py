"""Community's part of the dashboard and calendar: events the member is going to or waiting
for a seat at (their own RSVP, so they may see them). One query."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import Event, Rsvp
from rxguild.core.calendar_grid import CalendarItem, Kind
from rxguild.core.home import Contribution, HomeSource, dashboard_window

_RSVP_WORDS = {Rsvp.Status.GOING: "You're going", Rsvp.Status.WAITLISTED: "On the waitlist"}


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return ZoneInfo("America/New_York")


def community_calendar(member: User, start: date, end: date) -> list[CalendarItem]:
    zone = timezone.get_current_timezone()
    # A day's margin each side: an event's own time zone can put it on another date.
    since = datetime.combine(start - timedelta(days=1), time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=2), time.min, tzinfo=zone)
    rsvps = (
        Rsvp.objects.filter(
            user=member,
            status__in=list(_RSVP_WORDS),
            event__starts_at__gte=since,
            event__starts_at__lt=until,
        )
        .select_related("event")
        .order_by("event__starts_at", "event_id")
    )
    items = []
    for rsvp in rsvps:
        event: Event = rsvp.event
        local = event.starts_at.astimezone(_zone(event.time_zone))
        items.append(
            CalendarItem(
                day=local.date(),
                title=event.title,
                kind=Kind.EVENT,
                url=reverse("community:event_detail", args=[event.pk]),
                detail=_RSVP_WORDS[Rsvp.Status(rsvp.status)],
                starts_at=local,
                ends_at=event.ends_at.astimezone(local.tzinfo),
                uid=f"event-{event.uid}",
            )
        )
    return items


def community_dashboard(member: User, today: date) -> Contribution:
    start, end = dashboard_window(today)
    return Contribution(items=tuple(community_calendar(member, max(start, today), end)))


SOURCE = HomeSource(
    name="community", calendar=community_calendar, dashboard=community_dashboard, order=40
)
