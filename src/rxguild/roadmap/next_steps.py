"""The dashboard's roadmap steps: the next open step of each target's plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from rxguild.core.next_steps import NextStep
from rxguild.roadmap.home import roadmap_shared

MAX_STEPS = 3


def roadmap_next_steps(user: Any) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    steps: list[tuple[dt.date, NextStep]] = []
    for item in roadmap_shared(user, timezone.localdate()):
        if item.plan is None or item.plan.done:
            continue
        first = min(item.plan.steps, key=lambda s: (s.due, s.code))
        steps.append(
            (
                first.due,
                NextStep(
                    title=f"{first.label}: due {first.due:%b} {first.due.day}, {first.due.year}",
                    detail=f"Next on your roadmap to {item.name}.",
                    url=reverse("roadmap:target", args=[item.target.pk]),
                    priority=40,
                ),
            )
        )
    steps.sort(key=lambda pair: pair[0])
    return [step for _, step in steps[:MAX_STEPS]]
