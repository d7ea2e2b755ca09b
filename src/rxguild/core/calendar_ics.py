"""The member's whole calendar (every capability's `CalendarItem`s) as one iCalendar feed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import timedelta

from icalendar import Calendar, Event

from rxguild.core.calendar_grid import CalendarItem, sorted_items

# A timed item with no end of its own lasts an hour, as calendar apps assume.
TIMED_LENGTH = timedelta(hours=1)


def calendar_items_ics(
    items: Iterable[CalendarItem], *, uid_domain: str, member_id: int, base_url: str
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//RxGuild//My calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "RxGuild")
    for item in sorted_items(items):
        event = Event()
        # Stable across runs, so a calendar app updates an item instead of duplicating it.
        digest = hashlib.sha256(item.title.encode()).hexdigest()[:12]
        key = item.uid or f"{item.kind.value}-{item.day.isoformat()}-{digest}"
        event.add("uid", f"{key}-{member_id}@{uid_domain}")
        event.add("summary", item.title)
        if item.starts_at is not None:
            event.add("dtstart", item.starts_at)
            event.add("dtend", item.ends_at or item.starts_at + TIMED_LENGTH)
        else:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
        description = " · ".join(p for p in (item.detail, item.progress_label) if p)
        if description:
            event.add("description", description)
        event.add("url", base_url + item.url)
        event.add("categories", [item.kind.label])
        calendar.add_component(event)
    return calendar.to_ical()
