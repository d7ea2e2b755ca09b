"""The member's handle: /p/<handle>/. Rules are handles.py; this checks them against the
database (current handles and every alias) and keeps the old handle as an alias."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rxguild.core.ratelimit import rate_limit_check
from rxguild.profiles.handles import (
    handle_candidates,
    handle_from_name,
    handle_normalize,
    handle_problem,
)
from rxguild.profiles.models import HandleAlias, Profile
from rxguild.profiles.services.common import Saved

# Each change keeps the old handle reserved for its owner: a cap stops hoarding names.
MAX_HANDLE_CHANGES_PER_DAY = 5
MAX_OLD_HANDLES = 20


def handle_is_free(handle: str, *, for_profile: Profile | None = None) -> bool:
    """Nobody else uses `handle`, now or as an old handle (one's own old handles are free)."""
    others = Profile.objects.filter(handle=handle)
    aliases = HandleAlias.objects.filter(handle=handle)
    if for_profile is not None:
        others = others.exclude(pk=for_profile.pk)
        aliases = aliases.exclude(profile=for_profile)
    return not others.exists() and not aliases.exists()


def handle_first_free(name: str) -> str:
    """The first free handle derived from `name` ('' when the name gives none)."""
    base = handle_from_name(name)
    if not base:
        return ""
    return next((c for c in handle_candidates(base) if handle_is_free(c)), "")


def handle_suggestion(profile: Profile) -> str:
    """A readable handle for this member, offered on the page ('' when none is better)."""
    base = handle_from_name(profile.display_name)
    if not base:
        return ""
    for candidate in handle_candidates(base):
        if candidate == profile.handle:
            return ""
        if handle_is_free(candidate, for_profile=profile):
            return candidate
    return ""


@transaction.atomic
def profile_handle_set(*, profile: Profile, handle: str) -> Saved[Profile]:
    """Give the profile a new handle; the old one keeps redirecting to it.

    Refused with a field error (nothing changed) when the handle breaks a rule, is taken or
    was someone else's; the same handle again changes nothing.
    """
    wanted = handle_normalize(handle)
    if wanted == profile.handle:
        return Saved(profile, frozenset())
    problem = handle_problem(wanted)
    if problem is None and not handle_is_free(wanted, for_profile=profile):
        problem = f"“{wanted}” is taken. Try another, such as {wanted}-rx or {wanted}-2."
    if problem is None and profile.handle_aliases.count() >= MAX_OLD_HANDLES:
        problem = "You have changed your handle too many times. Ask staff for help."
    if problem is not None:
        raise ValidationError({"handle": problem})
    rate_limit_check(
        key=f"profiles:handle:{profile.pk}",
        limit=MAX_HANDLE_CHANGES_PER_DAY,
        window_seconds=24 * 3600,
        action="changed your handle",
    )
    old = profile.handle
    try:
        with transaction.atomic():
            # One's own old handle may be taken back: it stops being an alias.
            HandleAlias.objects.filter(profile=profile, handle=wanted).delete()
            HandleAlias.objects.get_or_create(handle=old, defaults={"profile": profile})
            profile.handle = wanted
            profile.save(update_fields=["handle", "updated_at"])
    except IntegrityError:
        # Someone took it between the check and the write.
        profile.handle = old
        raise ValidationError({"handle": f"“{wanted}” was just taken. Try another."}) from None
    return Saved(profile, frozenset({"handle"}))
