"""A posting's fields checked and normalised before anything is saved (the form, the API and
imports all go through `posting_input_validate`): every problem named per field, nothing saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.jobs import geo
from rxguild.jobs.models import DEFAULT_VALIDITY, EmploymentType, JobPosting, PayUnit, Shift

# Plausible pay for a pharmacy technician role, so a typo (hourly 2000, yearly 25) is caught.
# The federal minimum wage is the floor; the ceilings are far above the BLS p90 (~$25/h)
# so senior, specialty and management roles still fit.
PAY_BOUNDS = {
    PayUnit.HOUR: (Decimal("7.25"), Decimal("150")),
    PayUnit.YEAR: (Decimal("15000"), Decimal("300000")),
}
HOURS_PER_YEAR = Decimal(2080)
MAX_VALIDITY = timedelta(days=180)


@dataclass
class PostingInput:
    """What a posting is made of, in plain values (codes for catalog references)."""

    title: str
    description: str
    employment_type: str
    kind: str = JobPosting.Kind.JOB
    shift: str = ""
    practice_setting: str = ""  # PracticeSetting code
    experience_months: int = 0
    location_type: str = JobPosting.LocationType.ON_SITE
    street_address: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    # The workplace's own point, in decimal degrees (optional; else its ZIP's centre).
    latitude: float | str | Decimal | None = None
    longitude: float | str | Decimal | None = None
    pay_min: Any = None
    pay_max: Any = None
    pay_unit: str = ""
    unpaid: bool = False
    valid_through: datetime | None = None
    required_credentials: list[str] = field(default_factory=list)
    preferred_credentials: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    external_id: str = ""


@dataclass
class PostingClean:
    values: dict[str, Any]
    setting: PracticeSetting | None
    required: list[Credential]
    preferred: list[Credential]
    skills: list[Skill]


def _decimal(value: Any, label: str, errors: dict[str, list[str]], key: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        errors.setdefault(key, []).append(f"{label} must be a number.")
        return None
    if not number.is_finite():
        errors.setdefault(key, []).append(f"{label} must be a number.")
        return None
    return number.quantize(Decimal("0.01"))


def posting_input_validate(data: PostingInput, *, now: datetime | None = None) -> PostingClean:
    """Check every field; raise ValidationError with a message per field (nothing saved)."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}

    def err(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    title = (data.title or "").strip()
    if not title:
        err("title", "A title is required.")
    elif len(title) > 200:
        err("title", "Keep the title under 200 characters.")
    description = (data.description or "").strip()
    if not description:
        err("description", "A description is required.")
    elif len(description) > 20000:
        err("description", "Keep the description under 20,000 characters.")
    if data.kind not in JobPosting.Kind.values:
        err("kind", f"Kind must be one of {', '.join(JobPosting.Kind.values)}.")
    employment_type = data.employment_type or (
        EmploymentType.INTERN if data.kind != JobPosting.Kind.JOB else ""
    )
    if employment_type not in EmploymentType.values:
        err(
            "employment_type", f"Employment type must be one of {', '.join(EmploymentType.values)}."
        )
    if data.shift and data.shift not in Shift.values:
        err("shift", f"Shift must be one of {', '.join(Shift.values)}.")
    if data.location_type not in JobPosting.LocationType.values:
        err("location_type", "Location must be on_site, hybrid or remote.")
    try:
        experience = int(data.experience_months or 0)
        if not 0 <= experience <= 600:
            err("experience_months", "Experience must be between 0 and 600 months.")
    except (TypeError, ValueError):
        experience = 0
        err("experience_months", "Experience must be a whole number of months.")

    workplace, place_errors = geo.place_workplace(
        zip_code=data.zip_code,
        city=data.city,
        state=data.state,
        latitude=data.latitude,
        longitude=data.longitude,
        needs_place=data.location_type != JobPosting.LocationType.REMOTE,
    )
    for key, messages in place_errors.items():
        errors.setdefault(key, []).extend(messages)
    zip_code, state, city = (data.zip_code or "").strip(), workplace.state, workplace.city
    latitude, longitude = workplace.latitude, workplace.longitude
    if state and (len(state) != 2 or not state.isalpha()):
        err("state", "Use the two-letter state code, e.g. TX.")

    pay_min = _decimal(data.pay_min, "Minimum pay", errors, "pay_min")
    pay_max = _decimal(data.pay_max, "Maximum pay", errors, "pay_max")
    pay_unit = (data.pay_unit or "").upper()
    pay_hourly_min = None
    if pay_min is not None or pay_max is not None:
        if pay_unit not in PayUnit.values:
            err("pay_unit", "Say whether the pay is per HOUR or per YEAR.")
        else:
            low, high = PAY_BOUNDS[PayUnit(pay_unit)]
            unit = PayUnit(pay_unit).label
            for key, value in (("pay_min", pay_min), ("pay_max", pay_max)):
                if value is not None and not low <= value <= high:
                    err(
                        key,
                        f"Pay of ${value:,} {unit} looks wrong: expected ${low:,} to ${high:,}.",
                    )
            if pay_min is not None and pay_max is not None and pay_min > pay_max:
                err("pay_max", "The maximum pay must not be below the minimum.")
            floor = pay_min if pay_min is not None else pay_max
            if floor is not None:
                pay_hourly_min = (
                    floor if pay_unit == PayUnit.HOUR else (floor / HOURS_PER_YEAR)
                ).quantize(Decimal("0.01"))
    elif pay_unit and pay_unit not in PayUnit.values:
        err("pay_unit", "Say whether the pay is per HOUR or per YEAR.")
    if data.unpaid and (pay_min is not None or pay_max is not None):
        err("unpaid", "An unpaid position can't state pay: clear the pay or untick “unpaid”.")

    valid_through = data.valid_through or (now + DEFAULT_VALIDITY)
    if timezone.is_naive(valid_through):
        valid_through = timezone.make_aware(valid_through)
    if valid_through <= now:
        err("valid_through", "The closing date has already passed.")
    elif valid_through > now + MAX_VALIDITY:
        err("valid_through", "Postings can run at most 180 days; re-verify to extend.")

    setting = None
    if data.practice_setting:
        setting = PracticeSetting.objects.filter(code=data.practice_setting).first()
        if setting is None:
            err("practice_setting", f"Unknown practice setting “{data.practice_setting}”.")
    codes = set(data.required_credentials) | set(data.preferred_credentials)
    found = {c.code: c for c in Credential.objects.filter(code__in=codes)}
    for code in sorted(codes - found.keys()):
        err("credentials", f"Unknown credential “{code}”.")
    for code in sorted(set(data.required_credentials) & set(data.preferred_credentials)):
        err("credentials", f"“{code}” is listed as both required and preferred.")
    skills = list(Skill.objects.filter(code__in=set(data.skills)))
    for code in sorted(set(data.skills) - {s.code for s in skills}):
        err("skills", f"Unknown skill “{code}”.")
    if len(data.external_id or "") > 120:
        err("external_id", "Keep the external id under 120 characters.")

    if errors:
        raise ValidationError(errors)
    return PostingClean(
        values={
            "title": title,
            "description": description,
            "kind": data.kind,
            "employment_type": employment_type,
            "shift": data.shift or "",
            "practice_setting": setting,
            "experience_months": experience,
            "location_type": data.location_type,
            "street_address": (data.street_address or "").strip()[:200],
            "city": city[:80],
            "state": state,
            "zip_code": zip_code,
            "latitude": latitude,
            "longitude": longitude,
            "location_precision": workplace.precision,
            "geo_cell": geo.cell_of(latitude, longitude)
            if latitude is not None and longitude is not None
            else None,
            "pay_min": pay_min,
            "pay_max": pay_max,
            "pay_unit": pay_unit if (pay_min is not None or pay_max is not None) else "",
            "pay_hourly_min": pay_hourly_min,
            "unpaid": bool(data.unpaid),
            "valid_through": valid_through,
            "external_id": (data.external_id or "").strip(),
        },
        setting=setting,
        required=[found[c] for c in data.required_credentials if c in found],
        preferred=[found[c] for c in data.preferred_credentials if c in found],
        skills=skills,
    )
