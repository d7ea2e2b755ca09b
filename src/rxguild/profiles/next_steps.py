"""The dashboard's profile steps: the biggest missing pieces of the member's profile."""

from __future__ import annotations

from rxguild.accounts.models import User
from rxguild.core.next_steps import NextStep

MAX_STEPS = 3


def profile_next_steps(user: User) -> list[NextStep]:
    from rxguild.profiles.selectors import profile_completeness, profile_full_for_owner

    if not getattr(user, "is_authenticated", False):
        return []
    completeness = profile_completeness(profile_full_for_owner(user))
    missing = sorted(completeness.missing, key=lambda step: -step.weight)[:MAX_STEPS]
    return [
        NextStep(
            title=step.title,
            detail=f"{step.detail} (Your profile is {completeness.percent}% complete.)",
            url=step.url,
            # Heavier steps first; profile steps sit in the middle of other apps' steps.
            priority=40 - step.weight,
        )
        for step in missing
    ]
