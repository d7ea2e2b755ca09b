"""JSON Resume import: the whole document or nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rxguild.profiles.models import CredentialHeld, Education, Profile, WorkExperience
from rxguild.profiles.services.items import (
    credential_held_add,
    education_add,
    work_experience_add,
)
from rxguild.profiles.services.profile import profile_update
from rxguild.profiles.services.skills import profile_skills_set


@transaction.atomic
def profile_import_json_resume(*, profile: Profile, document: Any) -> Any:
    """Replace the profile's facts with those of a JSON Resume document.

    Validation and catalog matching run first (jsonresume_import.parse); unknown certificates and
    skills come back in the report rather than being dropped silently. Visibility settings
    are never imported: a file must not make anything public.
    """
    from rxguild.profiles import jsonresume_import

    parsed = jsonresume_import.parse(document)  # raises ValidationError listing every problem
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
