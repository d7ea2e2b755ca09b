"""The dashboard's CE steps: the most urgent missing requirement per credential."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.ce.home import compliance_shared
from rxguild.core.human_dates import human_date
from rxguild.core.next_steps import NextStep


def _num(value: Any) -> str:
    return f"{value.normalize():f}"


def ce_next_steps(user: User) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    steps = []
    for status in compliance_shared(user, today):
        result = status.result
        if result is None or result.met or result.deadline < today:
            continue
        unmet = [r for r in result.requirements if not r.met]
        first = unmet[0]
        if first.unit == "hours":
            title = (
                f"{_num(first.remaining)} h of {first.label} still needed for "
                f"{status.credential_name} by {human_date(result.deadline)}"
            )
        else:
            title = (
                f"{first.label} still needed for {status.credential_name} "
                f"by {human_date(result.deadline)}"
            )
        more = len(unmet) - 1
        detail = f"{more} more requirement(s) open." if more else "The last open requirement."
        days = status.days_to_deadline or 0
        steps.append(
            NextStep(
                title=title,
                detail=detail,
                url=reverse("ce:dashboard"),
                priority=10 if days <= 90 else 30,
            )
        )
    return steps
