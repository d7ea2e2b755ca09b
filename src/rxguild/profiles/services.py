"""Every change to a member profile goes through one of these functions (views, API, demo
seeding and imports alike). Each validates first and saves nothing unless all is valid.

Callers pass a profile they already know the actor owns (see selectors.profile_for_owner /
*_get_for_owner): these functions do not decide who may act.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import PracticeSetting, Skill
from rxguild.core.images import image_validate_and_reencode
from rxguild.profiles import validation
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    Education,
    OpenTo,
    Profile,
    ProfileSkill,
    WorkExperience,
)

PROFILE_FIELDS = frozenset(
    {
        "display_name", "headline", "brand_statement", "zip_code", "state", "years_experience",
        "is_public", "location_audience", "photo_audience", "work_audience",
        "education_audience", "credentials_audience", "skills_audience",
    }
)  # fmt: skip
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


def _today() -> dt.date:
    return timezone.localdate()


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _model_field(instance: models.Model, name: str) -> models.Field[Any, Any]:
    model_field = instance._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # only concrete fields are changed here
    return model_field


def _apply(
    instance: models.Model, changes: Mapping[str, Any], allowed: frozenset[str]
) -> dict[str, Any]:
    """Set the changes on the instance; return the old values so a refusal can undo them."""
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field can't be changed here."))
    # By column (attname): reading a foreign key of a new instance would raise.
    snapshot = {name: getattr(instance, _model_field(instance, name).attname) for name in changes}
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        if value is None and isinstance(field, models.CharField | models.TextField):
            value = ""  # text columns store "not given" as empty, never NULL
        setattr(instance, name, _strip(value))
    return snapshot


def _full_clean(
    instance: models.Model,
    extra: Mapping[str, str],
    *,
    restore: Mapping[str, Any],
    exclude: Iterable[str] = (),
) -> None:
    """Model checks (lengths, choices, required) plus ours, reported together by field.

    On refusal the instance gets its old values back, so the caller's object still matches
    the database.
    """
    errors: dict[str, list[str]] = {}
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors.update({k: list(v) for k, v in error.message_dict.items()})
    for model_field in instance._meta.concrete_fields:
        # Django enforces a TextField's max_length only in forms: check it here too.
        value = getattr(instance, model_field.attname)
        limit = model_field.max_length
        if isinstance(model_field, models.TextField) and limit and len(value or "") > limit:
            errors.setdefault(model_field.name, []).append(
                f"Ensure this value has at most {limit} characters (it has {len(value)})."
            )
    for field, message in extra.items():
        errors.setdefault(field, []).append(message)
    if errors:
        for name, value in restore.items():
            model_field = _model_field(instance, name)
            setattr(instance, model_field.attname, value)
            if isinstance(model_field, models.ForeignKey) and model_field.is_cached(instance):
                model_field.delete_cached_value(instance)
        raise ValidationError(errors)


# --- the profile itself ----------------------------------------------------------------


@transaction.atomic
def profile_get_or_create_for_user(*, user: User) -> Profile:
    profile, _created = Profile.objects.get_or_create(
        user=user,
        defaults={"display_name": (user.get_full_name() or "")[:120]},
    )
    return profile


def _profile_errors(profile: Profile) -> dict[str, str]:
    errors = validation.zip_errors(profile.zip_code, profile.state)
    if profile.years_experience is not None and not (
        0 <= profile.years_experience <= validation.MAX_YEARS_EXPERIENCE
    ):
        errors["years_experience"] = (
            f"Enter years of experience from 0 to {validation.MAX_YEARS_EXPERIENCE}."
        )
    return errors


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    changes: Mapping[str, Any],
    practice_settings: Iterable[PracticeSetting] | None = None,
) -> Profile:
    """Change basics, location, visibility. Empty ZIP/state are allowed (location unset)."""
    changes = dict(changes)
    if "zip_code" in changes and changes["zip_code"] and not changes.get("state", profile.state):
        # A known ZIP implies its state: members should not have to enter both.
        changes["state"] = validation.zip_state(str(changes["zip_code"]).strip()) or ""
    if "state" in changes and isinstance(changes["state"], str):
        changes["state"] = changes["state"].strip().upper()
    snapshot = _apply(profile, changes, PROFILE_FIELDS)
    _full_clean(
        profile, _profile_errors(profile), restore=snapshot, exclude=["user", "photo", "handle"]
    )
    profile.save()
    if practice_settings is not None:
        profile.practice_settings.set(list(practice_settings))
    return profile


@transaction.atomic
def profile_renewal_details_set(
    *,
    profile: Profile,
    birth_month: int | None,
    birth_day: int | None,
    ce_conditions: Iterable[str],
) -> Profile:
    """Save the private details state renewal rules need (birth month/day, CE situations).

    Nothing is saved when any value is wrong: a day needs a month and must exist in it
    (29 February is allowed), and situations must be known ones.
    """
    conditions = sorted(set(ce_conditions))
    errors = validation.renewal_details_errors(birth_month, birth_day, conditions)
    if errors:
        raise ValidationError(errors)
    profile.birth_month = birth_month
    profile.birth_day = birth_day
    profile.ce_conditions = conditions
    profile.save(update_fields=["birth_month", "birth_day", "ce_conditions", "updated_at"])
    return profile


@transaction.atomic
def open_to_set(*, profile: Profile, signals: Mapping[str, str]) -> list[OpenTo]:
    """Replace the member's 'open to' signals: kind -> audience. Kinds left out are removed."""
    errors: dict[str, str] = {}
    for kind, audience in signals.items():
        if kind not in OpenTo.Kind.values:
            errors[kind] = "Unknown 'open to' signal."
        elif audience not in Audience.values:
            errors[kind] = "Choose who may see this signal."
    if errors:
        raise ValidationError(errors)
    OpenTo.objects.filter(profile=profile).exclude(kind__in=list(signals)).delete()
    result = []
    for kind, audience in signals.items():
        signal, _ = OpenTo.objects.update_or_create(
            profile=profile, kind=kind, defaults={"audience": audience}
        )
        result.append(signal)
    return result


# --- work history ----------------------------------------------------------------------


def _work_errors(work: WorkExperience) -> dict[str, str]:
    errors = validation.date_range_errors(
        start=work.start_date, end=work.end_date, today=_today(), end_may_be_future_years=0
    )
    if message := validation.state_error(work.state):
        errors["state"] = message
    return errors


@transaction.atomic
def work_experience_add(*, profile: Profile, **fields: Any) -> WorkExperience:
    work = WorkExperience(profile=profile)
    snapshot = _apply(work, fields, WORK_FIELDS)
    work.state = (work.state or "").upper()
    _full_clean(work, _work_errors(work), restore=snapshot, exclude=["profile"])
    work.save()
    return work


@transaction.atomic
def work_experience_update(*, work_experience: WorkExperience, **changes: Any) -> WorkExperience:
    snapshot = _apply(work_experience, changes, WORK_FIELDS)
    work_experience.state = (work_experience.state or "").upper()
    _full_clean(
        work_experience, _work_errors(work_experience), restore=snapshot, exclude=["profile"]
    )
    work_experience.save()
    return work_experience


@transaction.atomic
def work_experience_delete(*, work_experience: WorkExperience) -> None:
    work_experience.delete()


# --- education -------------------------------------------------------------------------


def _education_errors(education: Education) -> dict[str, str]:
    errors = validation.date_range_errors(
        start=education.start_date,
        end=education.end_date,
        today=_today(),
        end_may_be_future_years=6,
    )
    hours = education.externship_hours
    if hours is not None and not 0 <= hours <= MAX_EXTERNSHIP_HOURS:
        errors["externship_hours"] = f"Enter externship hours from 0 to {MAX_EXTERNSHIP_HOURS}."
    return errors


@transaction.atomic
def education_add(*, profile: Profile, **fields: Any) -> Education:
    education = Education(profile=profile)
    snapshot = _apply(education, fields, EDUCATION_FIELDS)
    if not education.kind:
        education.kind = Education.Kind.TRAINING_PROGRAM
    _full_clean(education, _education_errors(education), restore=snapshot, exclude=["profile"])
    education.save()
    return education


@transaction.atomic
def education_update(*, education: Education, **changes: Any) -> Education:
    snapshot = _apply(education, changes, EDUCATION_FIELDS)
    _full_clean(education, _education_errors(education), restore=snapshot, exclude=["profile"])
    education.save()
    return education


@transaction.atomic
def education_delete(*, education: Education) -> None:
    education.delete()


# --- credentials held ------------------------------------------------------------------


def _credential_errors(held: CredentialHeld) -> dict[str, str]:
    errors = validation.date_range_errors(
        start=held.issued_on,
        end=held.expires_on,
        today=_today(),
        start_field="issued_on",
        end_field="expires_on",
        start_label="issue date",
        end_label="expiry date",
        end_may_be_future_years=validation.MAX_YEARS_AHEAD_EXPIRY,
        strictly_after=True,
    )
    if held.issued_on is not None and held.issued_on > _today() and "issued_on" not in errors:
        errors["issued_on"] = "The issue date can't be in the future."
    credential = held.credential if held.credential_id else None
    if credential is None:
        return errors
    if message := validation.state_error(held.state):
        errors["state"] = message
    elif credential.state:
        # A state registration belongs to that state: fill it in, refuse a contradiction.
        if held.state and held.state != credential.state:
            errors["state"] = f"{credential} is issued by {credential.state}, not {held.state}."
        held.state = credential.state
    elif held.state:
        errors["state"] = f"{credential} is a national credential: leave the state empty."
    duplicate = (
        CredentialHeld.objects.filter(
            profile_id=held.profile_id, credential_id=held.credential_id, state=held.state
        )
        .exclude(pk=held.pk)
        .exists()
    )
    if duplicate:
        errors["credential"] = f"You already list {credential}."
    return errors


@transaction.atomic
def credential_held_add(*, profile: Profile, **fields: Any) -> CredentialHeld:
    held = CredentialHeld(profile=profile)
    snapshot = _apply(held, fields, CREDENTIAL_FIELDS)
    held.state = (held.state or "").upper()
    _full_clean(held, _credential_errors(held), restore=snapshot, exclude=["profile"])
    held.save()
    return held


@transaction.atomic
def credential_held_update(*, credential_held: CredentialHeld, **changes: Any) -> CredentialHeld:
    snapshot = _apply(credential_held, changes, CREDENTIAL_FIELDS)
    credential_held.state = (credential_held.state or "").upper()
    _full_clean(
        credential_held, _credential_errors(credential_held), restore=snapshot, exclude=["profile"]
    )
    credential_held.save()
    return credential_held


@transaction.atomic
def credential_held_delete(*, credential_held: CredentialHeld) -> None:
    credential_held.delete()


# --- skills ----------------------------------------------------------------------------

MAX_SKILLS = 60


def _check_level(level: int) -> None:
    if level not in ProfileSkill.Level.values:
        raise ValidationError({"level": "Choose a level from 1 (learning) to 4 (expert)."})


@transaction.atomic
def profile_skills_set(
    *, profile: Profile, skill_levels: Mapping[Skill, int]
) -> list[ProfileSkill]:
    """Replace the member's skills with these (skill -> level); levels of kept skills change."""
    if len(skill_levels) > MAX_SKILLS:
        raise ValidationError({"skills": f"Choose at most {MAX_SKILLS} skills."})
    for level in skill_levels.values():
        _check_level(level)
    ProfileSkill.objects.filter(profile=profile).exclude(
        skill__in=[skill.pk for skill in skill_levels]
    ).delete()
    kept = {row.skill_id: row for row in ProfileSkill.objects.filter(profile=profile)}
    result = []
    for skill, level in skill_levels.items():
        row = kept.get(skill.pk)
        if row is None:
            row = ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])
        result.append(row)
    return result


@transaction.atomic
def profile_skill_add(*, profile: Profile, skill: Skill, level: int = 2) -> ProfileSkill:
    _check_level(level)
    if ProfileSkill.objects.filter(profile=profile).count() >= MAX_SKILLS:
        raise ValidationError({"skill": f"You can list at most {MAX_SKILLS} skills."})
    row, _ = ProfileSkill.objects.update_or_create(
        profile=profile, skill=skill, defaults={"level": level}
    )
    return row


@transaction.atomic
def profile_skill_set_level(*, profile_skill: ProfileSkill, level: int) -> ProfileSkill:
    _check_level(level)
    profile_skill.level = level
    profile_skill.save(update_fields=["level"])
    return profile_skill


@transaction.atomic
def profile_skill_remove(*, profile_skill: ProfileSkill) -> None:
    profile_skill.delete()


# --- photo -----------------------------------------------------------------------------


def _delete_file_after_commit(storage: Any, name: str) -> None:
    # The old file goes only once the new state is committed: a rollback keeps it valid.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def profile_photo_set(*, profile: Profile, upload: BinaryIO, filename: str) -> Profile:
    """Validate, re-encode and store a new photo under a random name (see core.uploads)."""
    try:
        image = image_validate_and_reencode(upload, filename=filename)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from None
    old_name = (profile.photo.name or "") if profile.photo else ""
    profile.photo.save(image.name, ContentFile(image.content), save=False)
    profile.save(update_fields=["photo", "updated_at"])
    _delete_file_after_commit(profile.photo.storage, old_name)
    return profile


@transaction.atomic
def profile_photo_clear(*, profile: Profile) -> Profile:
    old_name = (profile.photo.name or "") if profile.photo else ""
    storage = profile.photo.storage
    profile.photo = ""
    profile.save(update_fields=["photo", "updated_at"])
    _delete_file_after_commit(storage, old_name)
    return profile


# --- JSON Resume import ----------------------------------------------------------------


@transaction.atomic
def profile_import_json_resume(*, profile: Profile, document: Any) -> Any:
    """Replace the profile's facts with those of a JSON Resume document.

    Validation and catalog matching run first (jsonresume.parse); unknown certificates and
    skills come back in the report rather than being dropped silently. Visibility settings
    are never imported: a file must not make anything public.
    """
    from rxguild.profiles import jsonresume

    parsed = jsonresume.parse(document)  # raises ValidationError listing every problem
    if parsed.profile_changes:
        profile_update(
            profile=profile,
            changes=parsed.profile_changes,
            practice_settings=parsed.practice_settings,
        )
    if parsed.work is not None:
        WorkExperience.objects.filter(profile=profile).delete()
        for index, work in enumerate(parsed.work):
            try:
                work_experience_add(profile=profile, **work)
            except ValidationError as error:
                raise ValidationError(_prefixed(f"work[{index}]", error)) from None
    if parsed.education is not None:
        Education.objects.filter(profile=profile).delete()
        for index, education in enumerate(parsed.education):
            try:
                education_add(profile=profile, **education)
            except ValidationError as error:
                raise ValidationError(_prefixed(f"education[{index}]", error)) from None
    if parsed.credentials is not None:
        CredentialHeld.objects.filter(profile=profile).delete()
        for index, held in enumerate(parsed.credentials):
            try:
                credential_held_add(profile=profile, **held)
            except ValidationError as error:
                raise ValidationError(_prefixed(f"certificates[{index}]", error)) from None
    if parsed.skill_levels is not None:
        profile_skills_set(profile=profile, skill_levels=parsed.skill_levels)
    return parsed.report


def _prefixed(prefix: str, error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {f"{prefix}.{field}": messages for field, messages in error.message_dict.items()}
    return {prefix: error.messages}
