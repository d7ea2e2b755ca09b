"""The dashboard's data, gathered from every capability's registered `HomeSource` and the
next steps; the view only renders it.

Cost: one call per registered source (each states its own queries) plus the next steps. The
page's total is guarded in tests/core/test_dashboard.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rxguild.core.calendar_grid import (
    CalendarItem,
    Kind,
    Ring,
    days_left_words,
    nearest_deadlines,
    ring_for,
    upcoming,
)
from rxguild.core.home import (
    OVERDUE_DAYS,
    GoalSummary,
    Pipeline,
    RoadmapSummary,
    contributions_for,
)
from rxguild.core.next_steps import NextStep, next_steps_for
from rxguild.core.shared_reads import shared_reads

if TYPE_CHECKING:
    from rxguild.accounts.models import User

DEADLINES_SHOWN = 5
UPCOMING_DAYS = 30
UPCOMING_SHOWN = 8
UPCOMING_KINDS = (
    Kind.EVENT,
    Kind.CHECK_IN,
    Kind.FOLLOW_UP,
    Kind.INTERVIEW,
    Kind.GOAL,
    Kind.PLAN_STEP,
    Kind.RENEWAL_WINDOW,
    Kind.CLAIM_DEADLINE,
)


@dataclass(frozen=True)
class DeadlineCard:
    item: CalendarItem
    days_left: int
    urgency: str  # "overdue" | "soon" | "later"

    @property
    def ring(self) -> Ring | None:
        return ring_for(self.item.progress)

    @property
    def when(self) -> str:
        return days_left_words(self.days_left)


@dataclass(frozen=True)
class Dashboard:
    today: date
    deadlines: tuple[DeadlineCard, ...]
    upcoming: tuple[CalendarItem, ...]
    pipeline: Pipeline | None
    goals: tuple[GoalSummary, ...]
    roadmap: tuple[RoadmapSummary, ...]
    next_steps: tuple[NextStep, ...]

    @property
    def is_new(self) -> bool:
        """Nothing anywhere yet: the page leads with how to start."""
        return not (
            self.deadlines
            or self.upcoming
            or (self.pipeline and self.pipeline.total)
            or self.goals
            or self.roadmap
        )


def dashboard_for(member: User, *, today: date) -> Dashboard:
    with shared_reads():
        return _dashboard(member, today=today)


def _dashboard(member: User, *, today: date) -> Dashboard:
    items: list[CalendarItem] = []
    pipeline: Pipeline | None = None
    goals: list[GoalSummary] = []
    roadmap: list[RoadmapSummary] = []
    for part in contributions_for(member, today=today):
        items.extend(part.items)
        pipeline = part.pipeline or pipeline
        goals.extend(part.goals)
        roadmap.extend(part.roadmap)
    deadlines = nearest_deadlines(
        items, today=today, limit=DEADLINES_SHOWN, overdue_days=OVERDUE_DAYS
    )
    return Dashboard(
        today=today,
        deadlines=tuple(
            DeadlineCard(item=i, days_left=i.days_left(today), urgency=i.urgency(today))
            for i in deadlines
        ),
        upcoming=tuple(
            upcoming(
                items, today=today, days=UPCOMING_DAYS, kinds=UPCOMING_KINDS, limit=UPCOMING_SHOWN
            )
        ),
        pipeline=pipeline,
        goals=tuple(sorted(goals, key=lambda g: (g.due_on, g.title))),
        roadmap=tuple(roadmap),
        next_steps=tuple(next_steps_for(member)),
    )
