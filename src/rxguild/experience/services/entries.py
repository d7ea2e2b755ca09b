"""Operations that change ledger entries.

One function per use case, keyword-only, atomic; pages, the API and the demo seeder call the
same ones. Callers fetch entries through experience.access before passing them here. Every rule
about what an entry may hold is checked here, once: a bad value raises ValidationError with a
message per field, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rxguild.catalog.models import PracticeSetting
from rxguild.core.us_states import STATES_AND_DC
from rxguild.experience.models import (
    EntryKind,
    ExperienceDuty,
    ExperienceEntry,
    ExperienceVerification,
    VerificationStatus,
)
from rxguild.experience.reference import duty_names

# A week has 168 hours; 80 is already two full-time jobs and well past any real schedule.
MAX_HOURS_PER_WEEK = Decimal(80)
# Logged hours can't exceed 16 a day over the entry's dates: a shift log beyond that is a typo.
MAX_LOGGED_HOURS_PER_DAY = 16
MAX_LOGGED_HOURS = Decimal("99999.9")
EARLIEST_START = date(1950, 1, 1)


def _decimal(value: Any, field: str, errors: dict[str, str]) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field] = "Enter a number of hours."
        return None
    if not number.is_finite():
        errors[field] = "Enter a number of hours."
        return None
    return number.quantize(Decimal("0.1"))


def _clean_entry(
    *,
    kind: str,
    site_name: str,
    site_city: str,
    site_state: str,
    setting_code: str,
    role: str,
    started_on: date | None,
    ended_on: date | None,
    hours_per_week: Any,
    logged_hours: Any,
    description: str,
    duty_percent: Mapping[str, Any],
    required_hours: Any = None,
) -> tuple[dict[str, Any], dict[str, int]]:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if kind not in EntryKind.values:
        errors["kind"] = "Choose work, externship, internship or volunteering."
    if not site_name.strip():
        errors["site_name"] = "Name the pharmacy or site."
    if not role.strip():
        errors["role"] = "Give your role, for example “Pharmacy technician”."
    state = site_state.strip().upper()
    if state and state not in STATES_AND_DC:
        errors["site_state"] = "Use a two-letter US state code, or leave it empty."
    setting = PracticeSetting.objects.filter(code=setting_code).first()
    if setting is None:
        errors["setting_code"] = "Choose a practice setting from the list."
    if started_on is None:
        errors["started_on"] = "Enter the date you started."
    elif started_on < EARLIEST_START or started_on > today:
        errors["started_on"] = (
            "The start date must be in the past: experience not yet begun can't count."
        )
    if ended_on is not None and started_on is not None and ended_on < started_on:
        errors["ended_on"] = "The end date is before the start date."
    weekly = _decimal(hours_per_week, "hours_per_week", errors)
    logged = _decimal(logged_hours, "logged_hours", errors)
    if "hours_per_week" not in errors and "logged_hours" not in errors:
        if (weekly is None) == (logged is None):
            errors["hours_per_week"] = (
                "Give either hours per week (a job) or the total hours logged (an externship), "
                "not both."
            )
        elif weekly is not None and not (0 < weekly <= MAX_HOURS_PER_WEEK):
            errors["hours_per_week"] = (
                f"Hours per week must be more than 0 and at most {MAX_HOURS_PER_WEEK}."
            )
        elif logged is not None:
            if not (0 < logged <= MAX_LOGGED_HOURS):
                errors["logged_hours"] = "Logged hours must be more than 0."
            elif started_on is not None and "ended_on" not in errors:
                last = min(ended_on or today, today)
                days = (last - started_on).days + 1
                if logged > days * MAX_LOGGED_HOURS_PER_DAY:
                    errors["logged_hours"] = (
                        f"{logged} hours in {days} day(s) is more than {MAX_LOGGED_HOURS_PER_DAY} "
                        "a day: check the total or the dates."
                    )
    required: int | None = None
    if required_hours not in (None, ""):
        try:
            required = int(required_hours)
        except (TypeError, ValueError):
            required = -1
        if isinstance(required_hours, bool) or not 1 <= required <= 10000:
            errors["required_hours"] = "Required hours must be a whole number from 1 to 10,000."
    known = duty_names()
    duties: dict[str, int] = {}
    for code, raw in duty_percent.items():
        if code not in known:
            errors["duty_percent"] = f"Unknown duty “{code}”."
            continue
        if raw is None or raw == "":
            continue
        try:
            percent = int(raw)
        except (TypeError, ValueError):
            errors["duty_percent"] = f"{known[code]}: enter a whole percentage from 0 to 100."
            continue
        if isinstance(raw, bool) or not 0 <= percent <= 100:
            errors["duty_percent"] = f"{known[code]}: enter a whole percentage from 0 to 100."
            continue
        if percent:
            duties[code] = percent
    if sum(duties.values()) > 100:
        errors["duty_percent"] = "The duty shares add up to more than 100 % of your time."
    if errors:
        raise ValidationError(errors)
    fields = {
        "kind": kind,
        "site_name": site_name.strip()[:200],
        "site_city": site_city.strip()[:100],
        "site_state": state,
        "setting": setting,
        "role": role.strip()[:200],
        "started_on": started_on,
        "ended_on": ended_on,
        "hours_per_week": weekly,
        "logged_hours": logged,
        "description": description.strip()[:4000],
        "required_hours": required,
    }
    return fields, duties


def entry_claim(entry: ExperienceEntry) -> dict[str, Any]:
    """The facts a verifier vouches for, as JSON: a later edit that changes them (and only
    those: a description edit does not) un-verifies the entry."""
    return {
        "kind": entry.kind,
        "site_name": entry.site_name,
        "setting_code": entry.setting.code,
        "role": entry.role,
        "started_on": entry.started_on.isoformat(),
        "ended_on": entry.ended_on.isoformat() if entry.ended_on else None,
        "hours_per_week": None if entry.hours_per_week is None else str(entry.hours_per_week),
        "logged_hours": None if entry.logged_hours is None else str(entry.logged_hours),
        "duty_percent": {duty.duty: duty.percent for duty in entry.duties.all()},
    }


def _save_duties(entry: ExperienceEntry, duties: dict[str, int]) -> None:
    entry.duties.all().delete()
    ExperienceDuty.objects.bulk_create(
        ExperienceDuty(entry=entry, duty=code, percent=percent)
        for code, percent in sorted(duties.items())
    )


@transaction.atomic
def experience_entry_add(
    *,
    member: Any,
    site_name: str,
    setting_code: str,
    role: str,
    started_on: date | None,
    kind: str = EntryKind.WORK,
    ended_on: date | None = None,
    hours_per_week: Any = None,
    logged_hours: Any = None,
    site_city: str = "",
    site_state: str = "",
    description: str = "",
    duty_percent: Mapping[str, Any] | None = None,
    required_hours: Any = None,
) -> ExperienceEntry:
    fields, duties = _clean_entry(
        required_hours=required_hours,
        kind=kind,
        site_name=site_name,
        site_city=site_city,
        site_state=site_state,
        setting_code=setting_code,
        role=role,
        started_on=started_on,
        ended_on=ended_on,
        hours_per_week=hours_per_week,
        logged_hours=logged_hours,
        description=description,
        duty_percent=duty_percent or {},
    )
    entry = ExperienceEntry.objects.create(member=member, **fields)
    _save_duties(entry, duties)
    return entry


@transaction.atomic
def experience_entry_update(*, entry: ExperienceEntry, **changes: Any) -> ExperienceEntry:
    """Change an entry; fields not given keep their value. `duty_percent` replaces all shares."""
    allowed = {
        "kind",
        "site_name",
        "site_city",
        "site_state",
        "setting_code",
        "role",
        "started_on",
        "ended_on",
        "hours_per_week",
        "logged_hours",
        "description",
        "duty_percent",
        "required_hours",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    entry = ExperienceEntry.objects.select_for_update().get(pk=entry.pk)
    current: dict[str, Any] = {
        "kind": entry.kind,
        "site_name": entry.site_name,
        "site_city": entry.site_city,
        "site_state": entry.site_state,
        "setting_code": entry.setting.code,
        "role": entry.role,
        "started_on": entry.started_on,
        "ended_on": entry.ended_on,
        "hours_per_week": entry.hours_per_week,
        "logged_hours": entry.logged_hours,
        "description": entry.description,
        "duty_percent": {duty.duty: duty.percent for duty in entry.duties.all()},
        "required_hours": entry.required_hours,
    }
    current.update(changes)
    fields, duties = _clean_entry(**current)
    claim_before = entry_claim(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    _save_duties(entry, duties)
    entry = ExperienceEntry.objects.select_related("setting").get(pk=entry.pk)
    if entry_claim(entry) != claim_before:
        _verifications_outdated(entry)
    return entry


def _verifications_outdated(entry: ExperienceEntry) -> None:
    """The facts changed: a confirmation no longer vouches for them (nor does a badge issued
    for it), an open request is void."""
    confirmed = ExperienceVerification.objects.filter(
        entry=entry, status=VerificationStatus.CONFIRMED
    )
    _badges_revoke(
        verification_ids=list(confirmed.values_list("pk", flat=True)),
        reason="The experience entry changed after it was verified.",
    )
    confirmed.update(status=VerificationStatus.SUPERSEDED)
    ExperienceVerification.objects.filter(
        entry=entry, status__in=[VerificationStatus.PENDING, VerificationStatus.CORRECTED]
    ).update(status=VerificationStatus.WITHDRAWN, link_digest="")


def _badges_revoke(
    *, verification_ids: list[int], reason: str, entry_id: int | None = None
) -> None:
    # Imported here: the wallet reads experience records, so experience must not import the
    # wallet at module load (a cycle).
    from rxguild.wallet.models import BadgeKind
    from rxguild.wallet.services.issuing import badges_revoke_for_withdrawn_source

    if verification_ids:
        badges_revoke_for_withdrawn_source(
            kind=BadgeKind.EXPERIENCE, source_ids=verification_ids, reason=reason
        )
    if entry_id is not None:
        badges_revoke_for_withdrawn_source(
            kind=BadgeKind.EXTERNSHIP, source_ids=[entry_id], reason=reason
        )


@transaction.atomic
def experience_entry_delete(*, entry: ExperienceEntry) -> None:
    _badges_revoke(
        verification_ids=list(
            ExperienceVerification.objects.filter(
                entry=entry, status=VerificationStatus.CONFIRMED
            ).values_list("pk", flat=True)
        ),
        entry_id=entry.pk,
        reason="The member removed the experience entry this badge vouched for.",
    )
    entry.delete()
