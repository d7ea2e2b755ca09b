"""Growth's part of the dashboard and calendar: active goals with their progress, goal due
dates and open milestones. Two queries (`goals_for_member`: goals, then milestones)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.urls import reverse

from rxguild.accounts.models import User
from rxguild.core.calendar_grid import CalendarItem, Kind
from rxguild.core.home import Contribution, GoalSummary, HomeSource, dashboard_window
from rxguild.growth.models import Goal
from rxguild.growth.selectors import goals_for_member

GOALS_SHOWN = 4


def _active_goals(member: User) -> list[Goal]:
    return list(
        goals_for_member(member).filter(status=Goal.Status.ACTIVE).order_by("target_date", "id")
    )


def _items(goals: Sequence[Goal], start: date, end: date) -> list[CalendarItem]:
    items = []
    for goal in goals:
        url = reverse("growth:goal", args=[goal.pk])
        if start <= goal.target_date <= end:
            items.append(
                CalendarItem(
                    day=goal.target_date,
                    title=f"Goal due: {goal.title}",
                    kind=Kind.GOAL,
                    url=url,
                    detail=f"{goal.progress}% done",
                    progress=goal.progress / 100,
                    progress_label=f"{goal.progress}% done",
                    uid=f"goal-{goal.pk}",
                )
            )
        for milestone in goal.milestones.all():
            if milestone.due_on is None or milestone.done_at is not None:
                continue
            if start <= milestone.due_on <= end:
                items.append(
                    CalendarItem(
                        day=milestone.due_on,
                        title=f"Milestone: {milestone.title}",
                        kind=Kind.GOAL,
                        url=url,
                        detail=f"Toward {goal.title}",
                        uid=f"milestone-{milestone.pk}",
                    )
                )
    return items


def growth_calendar(member: User, start: date, end: date) -> list[CalendarItem]:
    return _items(_active_goals(member), start, end)


def growth_dashboard(member: User, today: date) -> Contribution:
    goals = _active_goals(member)
    start, end = dashboard_window(today)
    return Contribution(
        items=tuple(_items(goals, max(start, today), end)),
        goals=tuple(
            GoalSummary(
                title=goal.title,
                percent=goal.progress,
                due_on=goal.target_date,
                url=reverse("growth:goal", args=[goal.pk]),
            )
            for goal in goals[:GOALS_SHOWN]
        ),
    )


SOURCE = HomeSource(name="growth", calendar=growth_calendar, dashboard=growth_dashboard, order=60)
