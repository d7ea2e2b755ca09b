"""iCalendar (RFC 5545) files for events: one event's download and the feeds.

Times are written in the event's own time zone with a VTIMEZONE, so a calendar shows the
right wall time wherever the member is. The online link goes in only for attendees (the
caller says so): a calendar file gets forwarded."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as IcsEvent

from rxguild.community.models import Event


def _site(path: str) -> str:
    return getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _component(event: Event, *, with_link: bool) -> IcsEvent:
    tz = zoneinfo.ZoneInfo(event.time_zone)
    item = IcsEvent()
    item.add("uid", f"{event.uid}@rxguild")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at.astimezone(tz))
    item.add("dtend", event.ends_at.astimezone(tz))
    item.add("dtstamp", event.created_at)
    page = _site(reverse("community:event_detail", args=[event.pk]))
    item.add("url", page)
    description = event.description
    if event.format == Event.Format.IN_PERSON:
        item.add("location", event.address)
    elif with_link:
        item.add("location", event.online_url)
        description = f"{description}\n\nJoin: {event.online_url}".strip()
    else:
        item.add("location", "Online (the link is on the event page for attendees)")
    item.add("description", f"{description}\n\n{page}".strip())
    return item


def events_to_ical(events: Iterable[tuple[Event, bool]], *, name: str) -> bytes:
    """(event, include online link) pairs to one calendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//RxGuild//Community events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event, with_link in events:
        calendar.add_component(_component(event, with_link=with_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()
