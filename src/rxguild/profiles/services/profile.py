"""The profile itself: creation (with a handle from the name), basics, location, visibility,
and the 'open to' signals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rxguild.accounts.models import User
from rxguild.catalog.models import PracticeSetting
from rxguild.profiles import validation
from rxguild.profiles.models import Audience, OpenTo, Profile
from rxguild.profiles.services.common import Saved, apply_changes, changed_fields, full_clean
from rxguild.profiles.services.handle import handle_first_free

PROFILE_FIELDS = frozenset(
    {
        "display_name", "headline", "brand_statement", "zip_code", "state", "years_experience",
        "is_public", "location_audience", "photo_audience", "work_audience",
        "education_audience", "credentials_audience", "skills_audience",
    }
)  # fmt: skip


@transaction.atomic
def profile_get_or_create_for_user(*, user: User) -> Profile:
    """The member's profile; a new one gets a handle from their name when it has one."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    display_name = (user.get_full_name() or "")[:120]
    defaults: dict[str, Any] = {"display_name": display_name}
    if handle := handle_first_free(display_name):
        defaults["handle"] = handle
    profile, _created = Profile.objects.get_or_create(user=user, defaults=defaults)
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
) -> Saved[Profile]:
    """Change basics, location, visibility. Empty ZIP/state are allowed (location unset).

    Nothing is written when nothing changed (`Saved.changed` is empty).
    """
    changes = dict(changes)
    if "zip_code" in changes and changes["zip_code"] and not changes.get("state", profile.state):
        # A known ZIP implies its state: members should not have to enter both.
        changes["state"] = validation.zip_state(str(changes["zip_code"]).strip()) or ""
    if "state" in changes and isinstance(changes["state"], str):
        changes["state"] = changes["state"].strip().upper()
    snapshot = apply_changes(profile, changes, PROFILE_FIELDS)
    full_clean(
        profile, _profile_errors(profile), restore=snapshot, exclude=["user", "photo", "handle"]
    )
    changed = set(changed_fields(profile, snapshot))
    if changed:
        profile.save(update_fields=[*sorted(changed), "updated_at"])
    if practice_settings is not None:
        wanted = {setting.pk for setting in practice_settings}
        if wanted != set(profile.practice_settings.values_list("pk", flat=True)):
            profile.practice_settings.set(list(wanted))
            changed.add("practice_settings")
    return Saved(profile, frozenset(changed))


@transaction.atomic
def open_to_set(*, profile: Profile, signals: Mapping[str, str]) -> Saved[list[OpenTo]]:
    """Replace the member's 'open to' signals: kind -> audience. Kinds left out are removed.

    `changed` names the kinds added, removed or given another audience."""
    errors: dict[str, str] = {}
    for kind, audience in signals.items():
        if kind not in OpenTo.Kind.values:
            errors[kind] = "Unknown 'open to' signal."
        elif audience not in Audience.values:
            errors[kind] = "Choose who may see this signal."
    if errors:
        raise ValidationError(errors)
    before = dict(OpenTo.objects.filter(profile=profile).values_list("kind", "audience"))
    changed = frozenset(
        kind for kind in set(before) | set(signals) if before.get(kind) != signals.get(kind)
    )
    OpenTo.objects.filter(profile=profile).exclude(kind__in=list(signals)).delete()
    result = []
    for kind, audience in signals.items():
        signal, _ = OpenTo.objects.update_or_create(
            profile=profile, kind=kind, defaults={"audience": audience}
        )
        result.append(signal)
    return Saved(result, changed)
