"""The member's informational-interview log."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from rxguild.accounts.models import User
from rxguild.tracker.models import (
    InformationalInterview,
)


@transaction.atomic
def informational_interview_add(
    *,
    member: User,
    person_name: str,
    held_on: date,
    person_role: str = "",
    organization: str = "",
    learned: str = "",
    next_step: str = "",
    next_step_on: date | None = None,
) -> InformationalInterview:
    interview = InformationalInterview(
        member=member,
        person_name=person_name.strip(),
        person_role=person_role.strip(),
        organization=organization.strip(),
        held_on=held_on,
        learned=learned.strip(),
        next_step=next_step.strip(),
        next_step_on=next_step_on,
    )
    interview.full_clean()
    if next_step_on is not None and next_step_on < held_on:
        raise ValidationError({"next_step_on": "The next step can't be before the interview."})
    interview.save()
    return interview


@transaction.atomic
def informational_interview_delete(*, interview: InformationalInterview) -> None:
    interview.delete()
