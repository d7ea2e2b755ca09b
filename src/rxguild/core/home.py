"""What each capability puts on the member's dashboard and calendar.

Core knows no other app: each one registers a `HomeSource` in its `AppConfig.ready`, as it
registers next steps. A source answers two questions, each through the app's own selectors:
- `calendar(member, start, end)`: its dated items between two days (inclusive);
- `dashboard(member, today)`: its part of the dashboard (dated items for the deadlines and
  "coming up" panels, and any summary it owns: the tracker's pipeline, growth's goals, the
  roadmap's targets). One call per app per page, so an app whose reads are costly (the
  roadmap's gap engine) computes them once for both.
The CE app also owns the private calendar feed's secret (`feed`, `feed_member`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rxguild.core.calendar_grid import CalendarItem, Ring, ring_for

if TYPE_CHECKING:
    from rxguild.accounts.models import User


@dataclass(frozen=True)
class PipelineStage:
    label: str
    count: int


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[PipelineStage, ...]
    url: str

    @property
    def total(self) -> int:
        return sum(stage.count for stage in self.stages)


@dataclass(frozen=True)
class GoalSummary:
    title: str
    percent: int
    due_on: date
    url: str

    @property
    def ring(self) -> Ring | None:
        return ring_for(self.percent / 100)

    @property
    def progress_label(self) -> str:
        return f"{self.percent}% done"


@dataclass(frozen=True)
class RoadmapSummary:
    name: str
    met: int
    total: int
    url: str
    next_step: str = ""
    next_due: date | None = None
    finish: date | None = None

    @property
    def ring(self) -> Ring | None:
        return ring_for(self.met / self.total if self.total else None)

    @property
    def progress_label(self) -> str:
        return f"{self.met} of {self.total} requirements met"


@dataclass(frozen=True)
class Contribution:
    items: tuple[CalendarItem, ...] = ()
    pipeline: Pipeline | None = None
    goals: tuple[GoalSummary, ...] = ()
    roadmap: tuple[RoadmapSummary, ...] = ()


@dataclass(frozen=True)
class CalendarFeed:
    path: str | None  # None: the member has not made a feed address yet
    rotate_url: str  # POST here to make (or replace) the address


@dataclass(frozen=True)
class HomeSource:
    name: str
    calendar: Callable[[User, date, date], list[CalendarItem]] | None = None
    dashboard: Callable[[User, date], Contribution] | None = None
    feed: Callable[[User], CalendarFeed] | None = None
    feed_member: Callable[[str], User | None] | None = None
    order: int = 50


# How far a dashboard's dated items reach: from a deadline just missed to the end of a
# two-year CE cycle, with room.
OVERDUE_DAYS = 30
HORIZON_DAYS = 3 * 366


def dashboard_window(today: date) -> tuple[date, date]:
    return today - timedelta(days=OVERDUE_DAYS), today + timedelta(days=HORIZON_DAYS)


_sources: dict[str, HomeSource] = {}


def register(source: HomeSource) -> HomeSource:
    _sources[source.name] = source
    return source


def sources() -> list[HomeSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.name))


def calendar_items_for(member: User, *, start: date, end: date) -> list[CalendarItem]:
    items: list[CalendarItem] = []
    for source in sources():
        if source.calendar is not None:
            items.extend(i for i in source.calendar(member, start, end) if start <= i.day <= end)
    return items


def contributions_for(member: User, *, today: date) -> list[Contribution]:
    return [source.dashboard(member, today) for source in sources() if source.dashboard]


def calendar_feed_for(member: User) -> CalendarFeed | None:
    for source in sources():
        if source.feed is not None:
            return source.feed(member)
    return None


def feed_member_for(token: str) -> User | None:
    for source in sources():
        if source.feed_member is not None:
            return source.feed_member(token)
    return None
