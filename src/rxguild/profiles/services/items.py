"""Work history, education and credentials held: add, update (saying what changed), delete."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rxguild.profiles import validation
from rxguild.profiles.models import CredentialHeld, Education, Profile, WorkExperience
from rxguild.profiles.services.common import (
    Saved,
    apply_changes,
    changed_fields,
    full_clean,
    today,
)

WORK_FIELDS = frozenset(
    {"employer", "title", "practice_setting", "city", "state", "start_date", "end_date", "summary"}
)
EDUCATION_FIELDS = frozenset(
    {
        "institution", "program", "kind", "accreditation", "externship_hours",
        "start_date", "end_date",
    }
)  # fmt: skip
CREDENTIAL_FIELDS = frozenset({"credential", "number", "state", "issued_on", "expires_on"})
MAX_EXTERNSHIP_HOURS = 5000


# --- work history ----------------------------------------------------------------------


def _work_errors(work: WorkExperience) -> dict[str, str]:
    errors = validation.date_range_errors(
        start=work.start_date, end=work.end_date, today=today(), end_may_be_future_years=0
    )
    if message := validation.state_error(work.state):
        errors["state"] = message
    return errors


@transaction.atomic
def work_experience_add(*, profile: Profile, **fields: Any) -> WorkExperience:
    work = WorkExperience(profile=profile)
    snapshot = apply_changes(work, fields, WORK_FIELDS)
    work.state = (work.state or "").upper()
    full_clean(work, _work_errors(work), restore=snapshot, exclude=["profile"])
    work.save()
    return work


@transaction.atomic
def work_experience_update(
    *, work_experience: WorkExperience, **changes: Any
) -> Saved[WorkExperience]:
    snapshot = apply_changes(work_experience, changes, WORK_FIELDS)
    work_experience.state = (work_experience.state or "").upper()
    full_clean(
        work_experience, _work_errors(work_experience), restore=snapshot, exclude=["profile"]
    )
    changed = changed_fields(work_experience, snapshot)
    if changed:
        work_experience.save(update_fields=sorted(changed))
    return Saved(work_experience, changed)


@transaction.atomic
def work_experience_delete(*, work_experience: WorkExperience) -> None:
    work_experience.delete()


# --- education -------------------------------------------------------------------------


def _education_errors(education: Education) -> dict[str, str]:
    errors = validation.date_range_errors(
        start=education.start_date,
        end=education.end_date,
        today=today(),
        end_may_be_future_years=6,
    )
    hours = education.externship_hours
    if hours is not None and not 0 <= hours <= MAX_EXTERNSHIP_HOURS:
        errors["externship_hours"] = f"Enter externship hours from 0 to {MAX_EXTERNSHIP_HOURS}."
    return errors


@transaction.atomic
def education_add(*, profile: Profile, **fields: Any) -> Education:
    education = Education(profile=profile)
    snapshot = apply_changes(education, fields, EDUCATION_FIELDS)
    if not education.kind:
        education.kind = Education.Kind.TRAINING_PROGRAM
    full_clean(education, _education_errors(education), restore=snapshot, exclude=["profile"])
    education.save()
    return education


@transaction.atomic
def education_update(*, education: Education, **changes: Any) -> Saved[Education]:
    snapshot = apply_changes(education, changes, EDUCATION_FIELDS)
    full_clean(education, _education_errors(education), restore=snapshot, exclude=["profile"])
    changed = changed_fields(education, snapshot)
    if changed:
        education.save(update_fields=sorted(changed))
    return Saved(education, changed)


@transaction.atomic
def education_delete(*, education: Education) -> None:
    education.delete()


# --- credentials held ------------------------------------------------------------------


def _credential_errors(held: CredentialHeld) -> dict[str, str]:
    errors = validation.date_range_errors(
        start=held.issued_on,
        end=held.expires_on,
        today=today(),
        start_field="issued_on",
        end_field="expires_on",
        start_label="issue date",
        end_label="expiry date",
        end_may_be_future_years=validation.MAX_YEARS_AHEAD_EXPIRY,
        strictly_after=True,
    )
    if held.issued_on is not None and held.issued_on > today() and "issued_on" not in errors:
        errors["issued_on"] = "The issue date can't be in the future."
    credential = held.credential if held.credential_id else None
    if credential is None:
        return errors
    if message := validation.state_error(held.state):
        errors["state"] = message
    elif credential.state:
        # A state registration belongs to that state: fill it in, refuse a contradiction.
        if held.state and held.state != credential.state:
            errors["state"] = (
                f"{credential.name} is issued by {credential.state}, not {held.state}."
            )
        held.state = credential.state
    elif held.state:
        errors["state"] = f"{credential.name} is a national credential: leave the state empty."
    duplicate = (
        CredentialHeld.objects.filter(
            profile_id=held.profile_id, credential_id=held.credential_id, state=held.state
        )
        .exclude(pk=held.pk)
        .exists()
    )
    if duplicate:
        errors["credential"] = f"You already list {credential.name}."
    return errors


@transaction.atomic
def credential_held_add(*, profile: Profile, **fields: Any) -> CredentialHeld:
    held = CredentialHeld(profile=profile)
    snapshot = apply_changes(held, fields, CREDENTIAL_FIELDS)
    held.state = (held.state or "").upper()
    full_clean(held, _credential_errors(held), restore=snapshot, exclude=["profile"])
    held.save()
    return held


@transaction.atomic
def credential_held_update(
    *, credential_held: CredentialHeld, **changes: Any
) -> Saved[CredentialHeld]:
    snapshot = apply_changes(credential_held, changes, CREDENTIAL_FIELDS)
    credential_held.state = (credential_held.state or "").upper()
    full_clean(
        credential_held, _credential_errors(credential_held), restore=snapshot, exclude=["profile"]
    )
    changed = changed_fields(credential_held, snapshot)
    if changed:
        credential_held.save(update_fields=sorted(changed))
    return Saved(credential_held, changed)


@transaction.atomic
def credential_held_delete(*, credential_held: CredentialHeld) -> None:
    credential_held.delete()
