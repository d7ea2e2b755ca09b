"""Operations that change employers and postings. Views, the API, imports and commands all
call these; each is one transaction and refreshes the search index explicitly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.core.ratelimit import rate_limit_check
from rxguild.jobs import geo
from rxguild.jobs.access import (
    CLOSE_FROM,
    EDIT_FROM,
    PUBLISH_FROM,
    REVERIFY_FROM,
    SEND_BACK_FROM,
    SUBMIT_FROM,
    can_manage_employer,
    can_review_postings,
    posting_access,
)
from rxguild.jobs.models import (
    DEFAULT_VALIDITY,
    Employer,
    EmployerMember,
    EmploymentType,
    JobPosting,
    PayUnit,
    PostingCredential,
    Shift,
)
from rxguild.jobs.search import get_backend

# Plausible pay for a pharmacy technician role, so a typo (hourly 2000, yearly 25) is caught.
# The federal minimum wage is the floor; the ceilings are far above the BLS p90 (~$25/h)
# so senior, specialty and management roles still fit.
PAY_BOUNDS = {
    PayUnit.HOUR: (Decimal("7.25"), Decimal("150")),
    PayUnit.YEAR: (Decimal("15000"), Decimal("300000")),
}
HOURS_PER_YEAR = Decimal(2080)
MAX_VALIDITY = timedelta(days=180)
POSTING_RATE_LIMIT = 30  # new postings per employer member per hour
POSTING_RATE_WINDOW = 3600


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
    pay_min: Any = None
    pay_max: Any = None
    pay_unit: str = ""
    valid_through: datetime | None = None
    required_credentials: list[str] = field(default_factory=list)
    preferred_credentials: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    external_id: str = ""


@dataclass
class _Clean:
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


def posting_input_validate(data: PostingInput, *, now: datetime | None = None) -> _Clean:
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

    latitude = longitude = None
    zip_code = (data.zip_code or "").strip()
    state = (data.state or "").strip().upper()
    city = (data.city or "").strip()
    if zip_code:
        try:
            centroid = geo.zip_centroid(zip_code)
        except geo.UnknownZipError as error:
            err("zip_code", str(error))
        else:
            latitude, longitude = centroid.latitude, centroid.longitude
            if state and state != centroid.state:
                err("state", f"ZIP {zip_code} is in {centroid.state}, not {state}.")
            state = state or centroid.state
            city = city or centroid.city
    elif data.location_type != JobPosting.LocationType.REMOTE:
        err("zip_code", "On-site and hybrid postings need the ZIP code of the workplace.")
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
    return _Clean(
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
            "geo_cell": geo.cell_of(latitude, longitude)
            if latitude is not None and longitude is not None
            else None,
            "pay_min": pay_min,
            "pay_max": pay_max,
            "pay_unit": pay_unit if (pay_min is not None or pay_max is not None) else "",
            "pay_hourly_min": pay_hourly_min,
            "valid_through": valid_through,
            "external_id": (data.external_id or "").strip(),
        },
        setting=setting,
        required=[found[c] for c in data.required_credentials if c in found],
        preferred=[found[c] for c in data.preferred_credentials if c in found],
        skills=skills,
    )


def search_document_for(
    posting: JobPosting, skills: Iterable[Skill], credentials: Iterable[Credential]
) -> str:
    """Everything a member might type to find this posting, besides the title."""
    parts = [posting.employer.name, posting.city, posting.state]
    if posting.practice_setting is not None:
        parts.append(posting.practice_setting.name)
    parts += [skill.name for skill in skills]
    parts += [f"{c.abbreviation} {c.name}" for c in credentials]
    parts.append(posting.description)
    return "\n".join(p for p in parts if p)


def _apply(posting: JobPosting, clean: _Clean) -> None:
    for name, value in clean.values.items():
        setattr(posting, name, value)
    posting.full_clean(exclude=["search_document", "search_vector", "created_by", "reviewed_by"])
    posting.save()
    PostingCredential.objects.filter(posting=posting).delete()
    PostingCredential.objects.bulk_create(
        [PostingCredential(posting=posting, credential=c, required=True) for c in clean.required]
        + [
            PostingCredential(posting=posting, credential=c, required=False)
            for c in clean.preferred
        ]
    )
    posting.skills.set(clean.skills)
    posting.search_document = search_document_for(
        posting, clean.skills, [*clean.required, *clean.preferred]
    )
    posting.save(update_fields=["search_document"])


def _require_manager(user: Viewer, employer: Employer) -> None:
    if not can_manage_employer(user, employer):
        raise PermissionDenied("Only this employer's recruiters can manage its postings.")


def employer_create(*, name: str, kind: str, created_by: Any, website: str = "") -> Employer:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ["A name is required."]})
    with transaction.atomic():
        base = slugify(name)[:70] or "employer"
        slug, n = base, 1
        while Employer.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        employer = Employer(name=name, kind=kind, website=website, slug=slug)
        employer.full_clean()
        employer.save()
        EmployerMember.objects.create(
            employer=employer, user=created_by, role=EmployerMember.Role.ADMIN
        )
    return employer


def employer_member_add(
    *, employer: Employer, user: User, added_by: Viewer, role: str = EmployerMember.Role.RECRUITER
) -> EmployerMember:
    if not can_manage_employer(added_by, employer):
        raise PermissionDenied("Only this employer's recruiters or staff can add recruiters.")
    with transaction.atomic():
        member, _ = EmployerMember.objects.get_or_create(
            employer=employer, user=user, defaults={"role": role}
        )
    return member


def job_posting_create(
    *, employer: Employer, author: Any, data: PostingInput, rate_limit: bool = True
) -> JobPosting:
    """A new draft. Recruiters are rate limited: a flood of postings is spam, not hiring."""
    _require_manager(author, employer)
    clean = posting_input_validate(data)
    if rate_limit:
        rate_limit_check(
            key=f"jobs:post:{author.pk}",
            limit=POSTING_RATE_LIMIT,
            window_seconds=POSTING_RATE_WINDOW,
            action="created postings",
        )
    with transaction.atomic():
        posting = JobPosting(employer=employer, created_by=author)
        _apply(posting, clean)
    return posting


def job_posting_update(*, posting: JobPosting, editor: Any, data: PostingInput) -> JobPosting:
    _require_manager(editor, posting.employer)
    if posting.status not in EDIT_FROM:
        raise ValidationError("A filled or withdrawn posting can't be edited; post a new one.")
    clean = posting_input_validate(data)
    with transaction.atomic():
        _apply(posting, clean)
        # A published posting that changes goes back through review unless staff edited it.
        if posting.status == JobPosting.Status.PUBLISHED and not can_review_postings(editor):
            posting.status = JobPosting.Status.IN_REVIEW
            posting.save(update_fields=["status"])
        get_backend().refresh([posting.pk])
    return posting


def _transition(posting: JobPosting, allowed_from: frozenset[str], to: str, verb: str) -> None:
    if posting.status not in allowed_from:
        raise ValidationError(
            f"A posting that is {posting.get_status_display().lower()} can't be {verb}."
        )
    posting.status = to


def job_posting_submit(*, posting: JobPosting, actor: Any) -> JobPosting:
    """Send a draft for review (staff and moderators publish their own directly)."""
    _require_manager(actor, posting.employer)
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        _transition(posting, SUBMIT_FROM, JobPosting.Status.IN_REVIEW, "submitted")
        posting.save(update_fields=["status", "updated_at"])
    return posting


def job_posting_review(
    *, posting: JobPosting, reviewer: Any, approve: bool, note: str = ""
) -> JobPosting:
    """Staff or a moderator publishes a posting in review, or sends it back with a note."""
    if not can_review_postings(reviewer):
        raise PermissionDenied("Only staff or moderators review postings.")
    now = timezone.now()
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if approve:
            _transition(posting, PUBLISH_FROM, JobPosting.Status.PUBLISHED, "published")
            if posting.valid_through <= now:
                raise ValidationError("The closing date has passed; edit it before publishing.")
            posting.date_posted = posting.date_posted or now
            posting.last_verified_at = now
        else:
            if not note.strip():
                raise ValidationError({"note": ["Say what needs to change."]})
            _transition(posting, SEND_BACK_FROM, JobPosting.Status.DRAFT, "sent back")
        posting.reviewed_by = reviewer
        posting.review_note = note.strip()[:500]
        posting.save()
        get_backend().refresh([posting.pk])
    return posting


def job_posting_close(*, posting: JobPosting, actor: Any, status: str) -> JobPosting:
    """Mark a posting filled or withdrawn: it leaves search at once."""
    if status not in {JobPosting.Status.FILLED, JobPosting.Status.WITHDRAWN}:
        raise ValidationError("A posting closes as filled or withdrawn.")
    if not posting_access(actor, posting).may_act:
        raise PermissionDenied("Only this employer's recruiters or staff can close it.")
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        _transition(posting, CLOSE_FROM, status, "closed")
        posting.save(update_fields=["status", "updated_at"])
        get_backend().refresh([posting.pk])
    return posting


def job_posting_reverify(*, posting: JobPosting, actor: Any) -> JobPosting:
    """The recruiter confirms the job is still open: another 30 days from today."""
    _require_manager(actor, posting.employer)
    now = timezone.now()
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if posting.status not in REVERIFY_FROM:
            raise ValidationError("Only published or expired postings can be re-verified.")
        posting.status = JobPosting.Status.PUBLISHED
        posting.last_verified_at = now
        posting.valid_through = now + DEFAULT_VALIDITY
        posting.save(update_fields=["status", "last_verified_at", "valid_through", "updated_at"])
        get_backend().refresh([posting.pk])
    return posting


def job_postings_expire_due(*, now: datetime | None = None) -> int:
    """Expire published postings past validThrough. Idempotent: a second run finds none."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            JobPosting.objects.select_for_update()
            .filter(status=JobPosting.Status.PUBLISHED, valid_through__lte=now)
            .values_list("pk", flat=True)
        )
        if due:
            JobPosting.objects.filter(pk__in=due).update(
                status=JobPosting.Status.EXPIRED, updated_at=now
            )
            get_backend().refresh(due)
    return len(due)


def job_postings_reindex(*, posting_ids: Sequence[int] | None = None) -> None:
    """Rebuild the search index (after bulk loads that bypass the per-posting services)."""
    with transaction.atomic():
        if posting_ids is None:
            get_backend().rebuild()
        else:
            get_backend().refresh(posting_ids)
