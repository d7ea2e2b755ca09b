"""The roadmap's part of the dashboard and calendar (issue 13: the member's target and
progress on the dashboard): each target with how many of its requirements are met and the
next step of its dated plan; plan steps on the calendar. One `roadmap_for_member` call
(its queries are stated there) serves both."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.calendar_grid import CalendarItem, Kind
from rxguild.core.home import Contribution, HomeSource, RoadmapSummary, dashboard_window
from rxguild.core.shared_reads import shared
from rxguild.roadmap.gap import Status
from rxguild.roadmap.selectors import RoadmapItem, roadmap_for_member


def roadmap_shared(member: User, today: date) -> list[RoadmapItem]:
    """One gap-and-plan computation for the dashboard's panel and its next steps."""
    return shared(("roadmap", member.pk, today), lambda: roadmap_for_member(member, today=today))


def _summary(item: RoadmapItem) -> RoadmapSummary:
    url = reverse("roadmap:target", args=[item.target.pk])
    requirements = item.gap.relevant_requirements() if item.gap else []
    met = sum(1 for r in requirements if r.status is Status.MET)
    steps = sorted(item.plan.steps, key=lambda s: (s.due, s.code)) if item.plan else []
    first = steps[0] if steps else None
    return RoadmapSummary(
        name=item.name,
        met=met,
        total=len(requirements),
        url=url,
        next_step=first.label if first else "",
        next_due=first.due if first else None,
        finish=item.plan.finish if item.plan and steps else None,
    )


def _items(roadmap: Sequence[RoadmapItem], start: date, end: date) -> list[CalendarItem]:
    return [
        CalendarItem(
            day=step.due,
            title=f"Roadmap: {step.label}",
            kind=Kind.PLAN_STEP,
            url=reverse("roadmap:target", args=[item.target.pk]),
            detail=f"Toward {item.name}",
            uid=f"plan-{item.target.pk}-{step.code}",
        )
        for item in roadmap
        if item.plan is not None
        for step in item.plan.steps
        if start <= step.due <= end
    ]


def roadmap_calendar(member: User, start: date, end: date) -> list[CalendarItem]:
    return _items(roadmap_for_member(member, today=timezone.localdate()), start, end)


def roadmap_dashboard(member: User, today: date) -> Contribution:
    roadmap = roadmap_shared(member, today)
    start, end = dashboard_window(today)
    return Contribution(
        items=tuple(_items(roadmap, max(start, today), end)),
        roadmap=tuple(_summary(item) for item in roadmap),
    )


SOURCE = HomeSource(
    name="roadmap", calendar=roadmap_calendar, dashboard=roadmap_dashboard, order=70
)
