"""The calendar page's data: one month of every capability's dated items, as a grid and as
an agenda, and the private feed with its "add to my calendar" links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rxguild.core.calendar_grid import (
    AgendaDay,
    Month,
    MonthGrid,
    SubscribeLinks,
    agenda,
    month_grid,
    subscribe_links,
    visible_range,
)
from rxguild.core.home import CalendarFeed, calendar_feed_for, calendar_items_for

if TYPE_CHECKING:
    from rxguild.accounts.models import User

FEED_NAME = "RxGuild"


@dataclass(frozen=True)
class CalendarPage:
    month: Month
    grid: MonthGrid
    agenda: list[AgendaDay]
    feed: CalendarFeed | None
    links: SubscribeLinks | None


def calendar_page_for(member: User, *, month: Month, today: date, base_url: str) -> CalendarPage:
    """`base_url`: scheme and host (`https://rxguild.example`), for the feed's address."""
    start, end = visible_range(month)
    items = calendar_items_for(member, start=start, end=end)
    feed = calendar_feed_for(member)
    links = subscribe_links(base_url + feed.path, name=FEED_NAME) if feed and feed.path else None
    return CalendarPage(
        month=month,
        grid=month_grid(month, items, today=today),
        agenda=agenda(items, start=month.first, end=month.last),
        feed=feed,
        links=links,
    )
