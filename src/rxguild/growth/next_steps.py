"""Dashboard next steps from growth: goals due within two weeks or overdue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from rxguild.core.next_steps import NextStep
from rxguild.growth import ce_link
from rxguild.growth.models import Goal

SOON_DAYS = 14


def growth_next_steps(user: Any) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    due = list(
        Goal.objects.filter(
            member=user,
            status=Goal.Status.ACTIVE,
            target_date__lte=today + timedelta(days=SOON_DAYS),
        ).order_by("target_date", "id")[:3]
    )
    ce_link.attach_ce_progress(due, today=today)
    return [
        NextStep(
            title=f"Goal: {goal.title}",
            detail=(
                f"overdue since {goal.target_date:%b %-d}"
                if goal.target_date < today
                else f"due {goal.target_date:%b %-d}"
            )
            + f" · {goal.progress} % done",
            url=reverse("growth:goal", args=[goal.pk]),
            priority=30,
        )
        for goal in due
    ]
