"""Private renewal details: what some state rules need to work out expiry dates and which CE
applies (birth month and day, never the year; situations such as compounding sterile
preparations)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from rxguild.profiles import validation
from rxguild.profiles.models import Profile


@transaction.atomic
def profile_renewal_details_set(
    *,
    profile: Profile,
    birth_month: int | None,
    birth_day: int | None,
    ce_conditions: Iterable[str],
) -> Profile:
    """Save the private renewal details. Nothing is saved when any value is wrong: a day needs
    a month and must exist in it (29 February is allowed), and situations must be known ones."""
    conditions = sorted(set(ce_conditions))
    errors = validation.renewal_details_errors(birth_month, birth_day, conditions)
    if errors:
        raise ValidationError(errors)
    profile.birth_month = birth_month
    profile.birth_day = birth_day
    profile.ce_conditions = conditions
    profile.save(update_fields=["birth_month", "birth_day", "ce_conditions", "updated_at"])
    return profile
