"""The member's calendar as plain data: dated items, the month grid, the agenda, urgency.

Pure (no Django import): the date math (which days a month page shows, which items fall on
which day, what counts as "soon") is tested on its own, and the pages and the dashboard only
render what this module returns. Each capability turns its own rows into `CalendarItem`s
(registered through `rxguild.core.home`).
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from urllib.parse import quote, urlencode

# Anything due within this many days is highlighted (issue 16: "anything under 30 days").
SOON_DAYS = 30
# Weeks start on Sunday, as US wall calendars and pharmacy schedules do.
FIRST_WEEKDAY = _calendar.SUNDAY
_MONTH_PARAM = re.compile(r"^(\d{4})-(\d{2})$")
# Month pages a member can page to: far enough for a two-year CE cycle, not to year 9999.
MIN_YEAR, MAX_YEAR = 2000, 2100


class Kind(StrEnum):
    """What an item is. Deadlines get progress rings on the dashboard; the rest are things
    to go to or do."""

    CE_DEADLINE = "ce_deadline"
    RENEWAL_WINDOW = "renewal_window"
    EXPIRY = "expiry"  # a credential or registration with no CE rules, expiring
    CLAIM_DEADLINE = "claim_deadline"  # CPE Monitor's 60-day claim window closes
    EVENT = "event"
    CHECK_IN = "check_in"
    FOLLOW_UP = "follow_up"
    INTERVIEW = "interview"
    GOAL = "goal"
    PLAN_STEP = "plan_step"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_deadline(self) -> bool:
        return self in DEADLINE_KINDS


_KIND_LABELS = {
    Kind.CE_DEADLINE: "CE deadline",
    Kind.RENEWAL_WINDOW: "Renewal window",
    Kind.EXPIRY: "Expires",
    Kind.CLAIM_DEADLINE: "CPE Monitor claim",
    Kind.EVENT: "Event",
    Kind.CHECK_IN: "Mentoring check-in",
    Kind.FOLLOW_UP: "Follow-up",
    Kind.INTERVIEW: "Informational interview",
    Kind.GOAL: "Goal due",
    Kind.PLAN_STEP: "Roadmap step",
}
# Renewal deadlines and expiries: what the dashboard's "nearest deadlines" rings are for. A
# CPE Monitor claim window is a to-do with a date, shown with what is coming up.
DEADLINE_KINDS = frozenset({Kind.CE_DEADLINE, Kind.EXPIRY})


@dataclass(frozen=True)
class CalendarItem:
    day: date
    title: str
    kind: Kind
    url: str
    detail: str = ""
    starts_at: datetime | None = None  # timed items (events, check-ins); None: all day
    ends_at: datetime | None = None
    # Deadlines that something counts toward: how much of it is done, 0..1, and in words.
    progress: float | None = None
    progress_label: str = ""
    uid: str = ""  # stable id for calendar files; unique per member

    def days_left(self, today: date) -> int:
        return (self.day - today).days

    def urgency(self, today: date) -> str:
        """'overdue', 'soon' (under SOON_DAYS days away) or 'later'."""
        left = self.days_left(today)
        if left < 0:
            return "overdue"
        return "soon" if left < SOON_DAYS else "later"


def days_left_words(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days < 0:
        return f"{-days} days ago"
    return f"in {days} days"


def item_sort_key(item: CalendarItem) -> tuple[object, ...]:
    # All-day items first on their day, then by time, then title: one fixed order.
    return (item.day, item.starts_at is not None, item.starts_at or datetime.min, item.title)


def sorted_items(items: Iterable[CalendarItem]) -> list[CalendarItem]:
    return sorted(items, key=item_sort_key)


# --- months ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, _calendar.monthrange(self.year, self.month)[1])

    @property
    def param(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def title(self) -> str:
        return f"{_calendar.month_name[self.month]} {self.year}"

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def previous(self) -> Month | None:
        before = self.shifted(-1)
        return before if before.year >= MIN_YEAR else None

    @property
    def next(self) -> Month | None:
        after = self.shifted(1)
        return after if after.year <= MAX_YEAR else None


def month_of(day: date) -> Month:
    return Month(day.year, day.month)


class MonthParamError(ValueError):
    """A ?month= value that is not a month we show; the message is for people."""


def month_parse(value: str | None, *, today: date) -> Month:
    """`YYYY-MM` from the query string; empty means this month."""
    if not value:
        return month_of(today)
    found = _MONTH_PARAM.match(value.strip())
    if not found:
        raise MonthParamError("Pick a month as YYYY-MM, for example 2026-12.")
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        raise MonthParamError(f"There is no month {month}: months run from 01 to 12.")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise MonthParamError(f"The calendar shows {MIN_YEAR} to {MAX_YEAR}.")
    return Month(year, month)


@dataclass(frozen=True)
class DayCell:
    day: date
    in_month: bool
    is_today: bool
    items: tuple[CalendarItem, ...] = ()

    @property
    def weekday_name(self) -> str:
        return _calendar.day_name[self.day.weekday()]


@dataclass(frozen=True)
class MonthGrid:
    month: Month
    weeks: tuple[tuple[DayCell, ...], ...]
    weekday_names: tuple[str, ...] = field(default=())

    @property
    def item_count(self) -> int:
        return sum(len(cell.items) for week in self.weeks for cell in week if cell.in_month)


def visible_range(month: Month) -> tuple[date, date]:
    """The first and last day a month page shows: whole weeks, Sunday to Saturday."""
    weeks = _calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(month.year, month.month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(month: Month, items: Iterable[CalendarItem], *, today: date) -> MonthGrid:
    by_day: dict[date, list[CalendarItem]] = {}
    for item in sorted_items(items):
        by_day.setdefault(item.day, []).append(item)
    weeks = _calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(month.year, month.month)
    names = tuple(_calendar.day_abbr[(FIRST_WEEKDAY + n) % 7] for n in range(7))
    return MonthGrid(
        month=month,
        weeks=tuple(
            tuple(
                DayCell(
                    day=day,
                    in_month=day.month == month.month,
                    is_today=day == today,
                    items=tuple(by_day.get(day, ())),
                )
                for day in week
            )
            for week in weeks
        ),
        weekday_names=names,
    )


# --- agenda ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaDay:
    day: date
    items: tuple[CalendarItem, ...]


def agenda(items: Iterable[CalendarItem], *, start: date, end: date) -> list[AgendaDay]:
    """Days from start to end (inclusive) that have items, in order."""
    by_day: dict[date, list[CalendarItem]] = {}
    for item in sorted_items(items):
        if start <= item.day <= end:
            by_day.setdefault(item.day, []).append(item)
    return [AgendaDay(day, tuple(found)) for day, found in sorted(by_day.items())]


def nearest_deadlines(
    items: Iterable[CalendarItem], *, today: date, limit: int, overdue_days: int = 30
) -> list[CalendarItem]:
    """Deadlines from `overdue_days` ago on, nearest first: a deadline just missed is still
    the first thing a member must see."""
    since = today - timedelta(days=overdue_days)
    found = [i for i in items if i.kind.is_deadline and i.day >= since]
    return sorted_items(found)[:limit]


def upcoming(
    items: Iterable[CalendarItem], *, today: date, days: int, kinds: Sequence[Kind], limit: int
) -> list[CalendarItem]:
    end = today + timedelta(days=days)
    found = [i for i in items if i.kind in kinds and today <= i.day <= end]
    return sorted_items(found)[:limit]


# --- progress rings -------------------------------------------------------------------------

RING_RADIUS = 16.0
RING_CIRCUMFERENCE = 100.0  # pathLength: the dash values read as percent


@dataclass(frozen=True)
class Ring:
    """An SVG progress ring drawn with stroke-dasharray on a circle whose pathLength is 100,
    so the template writes percentages and needs no trigonometry or inline styles."""

    percent: int

    @property
    def dash(self) -> str:
        return f"{self.percent} {100 - self.percent}"


def ring_for(fraction: float | None) -> Ring | None:
    if fraction is None:
        return None
    clamped = min(1.0, max(0.0, fraction))
    # Not done is never drawn as a full ring: 99.6 % shows as 99.
    return Ring(percent=100 if clamped >= 1 else min(99, int(clamped * 100 + 0.5)))


# --- subscribing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscribeLinks:
    """Where a calendar app subscribes to a feed. Apple Calendar (and most desktop apps)
    open webcal:// addresses; Google and Outlook.com take the address in their own
    "add by URL" pages. Only links: nothing is sent to those services until the member
    follows one."""

    feed: str
    webcal: str
    google: str
    outlook: str


def subscribe_links(feed_url: str, *, name: str) -> SubscribeLinks:
    webcal = "webcal://" + feed_url.split("://", 1)[-1]
    return SubscribeLinks(
        feed=feed_url,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        outlook="https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": feed_url, "name": name}),
    )
