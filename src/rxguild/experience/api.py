"""JSON API of the experience ledger, mounted at /api/v1/experience/ by rxguild.api.

Every endpoint needs a signed-in caller (the API default auth) and fetches through
experience.access, exactly as the pages do: another member's entry is a 404 and nothing changes.
Bad values are a 422 with a message per field, from the same service the pages call.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access, selectors, services
from rxguild.experience.models import ExperienceEntry, ExperienceVerification
from rxguild.experience.services import hours as hour_services

router = Router(tags=["experience"])


class DutyShare(Schema):
    duty: str = Field(..., max_length=40, description="a code from data/experience/duties.toml")
    percent: int = Field(..., ge=0, le=100)


class EntryOut(Schema):
    id: int
    kind: str
    site_name: str
    site_city: str
    site_state: str
    setting: str
    role: str
    started_on: date
    ended_on: date | None
    hours_per_week: Decimal | None
    logged_hours: Decimal | None
    required_hours: int | None
    description: str
    duties: list[DutyShare]
    verified_by: str = Field(
        description="“Verified by <name>, <role>, <site> on <date>”, or empty if not verified"
    )


class EntryIn(Schema):
    kind: str = "work"
    site_name: str = Field(..., max_length=200)
    site_city: str = Field("", max_length=100)
    site_state: str = Field("", max_length=2)
    setting: str = Field(..., max_length=60, description="a practice-setting code")
    role: str = Field(..., max_length=200)
    started_on: date
    ended_on: date | None = None
    hours_per_week: Decimal | None = Field(None, ge=0, le=1000)
    logged_hours: Decimal | None = Field(None, ge=0, le=1000000)
    required_hours: int | None = Field(None, ge=0, le=100000)
    description: str = Field("", max_length=4000)
    duties: list[DutyShare] = Field(default_factory=list, max_length=20)


class EntryPatch(Schema):
    kind: str | None = None
    site_name: str | None = Field(None, max_length=200)
    site_city: str | None = Field(None, max_length=100)
    site_state: str | None = Field(None, max_length=2)
    setting: str | None = Field(None, max_length=60)
    role: str | None = Field(None, max_length=200)
    started_on: date | None = None
    ended_on: date | None = None
    hours_per_week: Decimal | None = Field(None, ge=0, le=1000)
    logged_hours: Decimal | None = Field(None, ge=0, le=1000000)
    required_hours: int | None = Field(None, ge=0, le=100000)
    description: str | None = Field(None, max_length=4000)
    duties: list[DutyShare] | None = Field(None, max_length=20)


class SummaryRowOut(Schema):
    code: str
    name: str
    calendar_months: str
    fte_months: str
    hours: int


class SummaryOut(Schema):
    total: SummaryRowOut
    settings: list[SummaryRowOut]
    duties: list[SummaryRowOut]
    notes: list[str]
    full_time_hours_per_week: int
    full_time_source: str


def _entry_out(entry: ExperienceEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "site_name": entry.site_name,
        "site_city": entry.site_city,
        "site_state": entry.site_state,
        "setting": entry.setting.code,
        "role": entry.role,
        "started_on": entry.started_on,
        "ended_on": entry.ended_on,
        "hours_per_week": entry.hours_per_week,
        "logged_hours": entry.logged_hours,
        "required_hours": entry.required_hours,
        "description": entry.description,
        "duties": [{"duty": d.duty, "percent": d.percent} for d in entry.duties.all()],
        "verified_by": selectors.entry_rows([entry])[0].verified_line,
    }


def _duty_percent(duties: list[DutyShare]) -> dict[str, int]:
    return {share.duty: share.percent for share in duties}


@router.get("/entries", response=list[EntryOut])
def entries_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_entry_out(entry) for entry in selectors.entries_for_owner(request.user)]


@router.post("/entries", response={201: EntryOut})
def entry_create(request: HttpRequest, payload: EntryIn) -> tuple[int, dict[str, Any]]:
    data = payload.dict()
    entry = services.experience_entry_add(
        member=request.user,
        kind=data["kind"],
        site_name=data["site_name"],
        site_city=data["site_city"],
        site_state=data["site_state"],
        setting_code=data["setting"],
        role=data["role"],
        started_on=data["started_on"],
        ended_on=data["ended_on"],
        hours_per_week=data["hours_per_week"],
        logged_hours=data["logged_hours"],
        description=data["description"],
        required_hours=data["required_hours"],
        duty_percent=_duty_percent(payload.duties),
    )
    return 201, _entry_out(access.entry_get_for_owner(request.user, entry.pk))


@router.get("/entries/{entry_id}", response=EntryOut)
def entry_detail(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return _entry_out(access.entry_get_for_owner(request.user, entry_id))


@router.patch("/entries/{entry_id}", response=EntryOut)
def entry_patch(request: HttpRequest, entry_id: int, payload: EntryPatch) -> dict[str, Any]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    changes = payload.dict(exclude_unset=True)
    if "setting" in changes:
        changes["setting_code"] = changes.pop("setting")
    if "duties" in changes:
        changes.pop("duties")
        changes["duty_percent"] = _duty_percent(payload.duties or [])
    for text in ("kind", "site_name", "site_city", "site_state", "setting_code", "role"):
        if text in changes and changes[text] is None:
            changes[text] = ""
    if "description" in changes and changes["description"] is None:
        changes["description"] = ""
    services.experience_entry_update(entry=entry, **changes)
    return _entry_out(access.entry_get_for_owner(request.user, entry_id))


@router.delete("/entries/{entry_id}", response={204: None})
def entry_remove(request: HttpRequest, entry_id: int) -> tuple[int, None]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    services.experience_entry_delete(entry=entry)
    return 204, None


@router.get("/summary", response=SummaryOut)
def summary(request: HttpRequest) -> dict[str, Any]:
    ledger = selectors.ledger_summary(selectors.entries_for_owner(request.user))
    return {
        "total": ledger.total.__dict__,
        "settings": [row.__dict__ for row in ledger.settings],
        "duties": [row.__dict__ for row in ledger.duties],
        "notes": list(ledger.notes),
        "full_time_hours_per_week": int(ledger.full_time_hours_per_week),
        "full_time_source": ledger.full_time_source,
    }


# --- Verification requests (the verifier answers on the page their link opens) ----------


class VerificationIn(Schema):
    verifier_name: str = Field(..., max_length=120)
    verifier_role: str = Field(..., max_length=120)
    verifier_email: str = Field(..., max_length=254)
    verifier_site: str = Field("", max_length=200, description="the entry's site if empty")
    message: str = Field("", max_length=2000)


class VerificationOut(Schema):
    id: int
    entry_id: int
    verifier_name: str
    verifier_role: str
    verifier_site: str
    verifier_email: str
    status: str
    requested_at: datetime
    responded_at: datetime | None
    verified_on: date | None
    verifier_comment: str
    correction: dict[str, Any] = Field(description="what the verifier changed, until accepted")


def _verification_out(verification: ExperienceVerification) -> dict[str, Any]:
    return {
        "id": verification.pk,
        "entry_id": verification.entry_id,
        "verifier_name": verification.verifier_name,
        "verifier_role": verification.verifier_role,
        "verifier_site": verification.verifier_site,
        "verifier_email": verification.verifier_email,
        "status": verification.status,
        "requested_at": verification.requested_at,
        "responded_at": verification.responded_at,
        "verified_on": verification.verified_on,
        "verifier_comment": verification.verifier_comment,
        "correction": verification.correction,
    }


@router.get("/entries/{entry_id}/verifications", response=list[VerificationOut])
def verifications_list(request: HttpRequest, entry_id: int) -> list[dict[str, Any]]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    return [_verification_out(v) for v in entry.verifications.all()]


@router.post(
    "/entries/{entry_id}/verifications",
    response={201: VerificationOut},
    summary="Ask for verification",
)
def verification_create(
    request: HttpRequest, entry_id: int, payload: VerificationIn
) -> tuple[int, dict[str, Any]]:
    """Emails the verifier a signed link that works once, for 14 days; 429 when over the limit."""
    entry = access.entry_get_for_owner(request.user, entry_id)
    try:
        verification = services.experience_verification_request(entry=entry, **payload.dict())
    except RateLimited as error:
        raise HttpError(429, str(error)) from error
    return 201, _verification_out(verification)


@router.post("/verifications/{verification_id}/withdraw", response=VerificationOut)
def verification_withdraw(request: HttpRequest, verification_id: int) -> dict[str, Any]:
    verification = access.verification_get_for_owner(request.user, verification_id)
    services.experience_verification_withdraw(verification=verification)
    verification.refresh_from_db()
    return _verification_out(verification)


@router.post("/verifications/{verification_id}/accept", response=EntryOut)
def correction_accept(request: HttpRequest, verification_id: int) -> dict[str, Any]:
    """Apply the verifier's correction to the entry, which is then verified."""
    verification = access.verification_get_for_owner(request.user, verification_id)
    services.experience_correction_accept(verification=verification)
    return _entry_out(access.entry_get_for_owner(request.user, verification.entry_id))


@router.post("/verifications/{verification_id}/reject", response=VerificationOut)
def correction_reject(request: HttpRequest, verification_id: int) -> dict[str, Any]:
    """Keep the entry as it is; it stays unverified."""
    verification = access.verification_get_for_owner(request.user, verification_id)
    services.experience_correction_reject(verification=verification)
    verification.refresh_from_db()
    return _verification_out(verification)


# --- Hour log and sign-off (the preceptor answers on the page their link opens) ----------


class LogLineIn(Schema):
    worked_on: date
    hours: Decimal = Field(..., ge=0, le=24)
    tasks: str = Field("", max_length=2000)
    competencies: list[str] = Field(default_factory=list, max_length=20)


class LogLineOut(Schema):
    id: int
    worked_on: date
    hours: Decimal
    tasks: str
    competencies: list[str]
    state: str = Field(description="open (not sent), pending (with the preceptor) or signed")


class SignOffIn(Schema):
    period_start: date
    period_end: date
    preceptor_name: str = Field(..., max_length=120)
    preceptor_role: str = Field(..., max_length=120)
    preceptor_email: str = Field(..., max_length=254)


class SignOffOut(Schema):
    id: int
    period_start: date
    period_end: date
    hours: Decimal
    line_count: int
    preceptor_name: str
    preceptor_role: str
    status: str
    preceptor_comment: str
    responded_at: datetime | None


class HourLogOut(Schema):
    logged: Decimal
    signed: Decimal
    pending: Decimal
    unsent: Decimal
    required: int | None
    remaining: Decimal | None
    percent_signed: int | None
    reasons: list[str]
    lines: list[LogLineOut]
    signoffs: list[SignOffOut]


def _signoff_out(signoff: Any) -> dict[str, Any]:
    return {
        "id": signoff.pk,
        "period_start": signoff.period_start,
        "period_end": signoff.period_end,
        "hours": signoff.hours,
        "line_count": signoff.line_count,
        "preceptor_name": signoff.preceptor_name,
        "preceptor_role": signoff.preceptor_role,
        "status": signoff.status,
        "preceptor_comment": signoff.preceptor_comment,
        "responded_at": signoff.responded_at,
    }


def _log_out(entry: ExperienceEntry) -> dict[str, Any]:
    log = selectors.hour_log_for_entry(entry)
    progress = log.progress
    return {
        "logged": progress.logged,
        "signed": progress.signed,
        "pending": progress.pending,
        "unsent": progress.unsent,
        "required": progress.required,
        "remaining": progress.remaining,
        "percent_signed": progress.percent_signed,
        "reasons": list(progress.reasons),
        "lines": [
            {
                "id": line.pk,
                "worked_on": line.worked_on,
                "hours": line.hours,
                "tasks": line.tasks,
                "competencies": line.competencies,
                "state": "open" if line.signoff is None else line.signoff.status,
            }
            for line in log.lines
        ],
        "signoffs": [_signoff_out(s) for s in log.signoffs],
    }


@router.get("/entries/{entry_id}/log", response=HourLogOut)
def hour_log(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    """Days logged, sign-offs and progress toward the program's required (signed) hours."""
    return _log_out(access.entry_get_for_owner(request.user, entry_id))


@router.post("/entries/{entry_id}/log", response={201: HourLogOut})
def hour_log_add(
    request: HttpRequest, entry_id: int, payload: LogLineIn
) -> tuple[int, dict[str, Any]]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    hour_services.hour_log_add(entry=entry, **payload.dict())
    return 201, _log_out(access.entry_get_for_owner(request.user, entry_id))


@router.delete("/log/{line_id}", response={204: None})
def hour_log_delete(request: HttpRequest, line_id: int) -> tuple[int, None]:
    line = access.log_line_get_for_owner(request.user, line_id)
    hour_services.hour_log_delete(line=line)
    return 204, None


@router.post("/entries/{entry_id}/signoffs", response={201: SignOffOut})
def signoff_create(
    request: HttpRequest, entry_id: int, payload: SignOffIn
) -> tuple[int, dict[str, Any]]:
    """Email the preceptor a single-use 14-day link to sign the period's unsigned days."""
    entry = access.entry_get_for_owner(request.user, entry_id)
    try:
        signoff = hour_services.hour_signoff_request(entry=entry, **payload.dict())
    except RateLimited as error:
        raise HttpError(429, str(error)) from error
    return 201, _signoff_out(signoff)


@router.post("/signoffs/{signoff_id}/withdraw", response=SignOffOut)
def signoff_withdraw(request: HttpRequest, signoff_id: int) -> dict[str, Any]:
    signoff = access.signoff_get_for_owner(request.user, signoff_id)
    hour_services.hour_signoff_withdraw(signoff=signoff)
    signoff.refresh_from_db()
    return _signoff_out(signoff)


# --- Competencies ------------------------------------------------------------------------


class CompetencyIn(Schema):
    competency: str = Field(..., max_length=40, description="a code from competencies.toml")
    category: str = Field("default", description="default, category-1-2 or category-3")
    performed_on: date
    passed: bool
    site_name: str = Field(..., max_length=200)
    evaluator_name: str = Field("", max_length=120)
    evaluator_role: str = Field("", max_length=120)
    notes: str = Field("", max_length=2000)


class CompetencyRecordOut(Schema):
    id: int
    competency: str
    category: str
    performed_on: date
    passed: bool
    site_name: str
    evaluator_name: str
    evaluator_role: str
    notes: str


class StandingOut(Schema):
    code: str
    name: str
    state: str = Field(description="current, due-soon, overdue, not-passed, initial-incomplete")
    last_passed_on: date | None
    due_on: date | None
    reason: str


class CompetenciesOut(Schema):
    standings: list[StandingOut]
    records: list[CompetencyRecordOut]


def _competencies_out(request: HttpRequest) -> dict[str, Any]:
    return {
        "standings": [s.__dict__ for s in selectors.competency_standings_for_member(request.user)],
        "records": list(selectors.competency_records_for_owner(request.user)),
    }


@router.get("/competencies", response=CompetenciesOut)
def competencies_list(request: HttpRequest) -> dict[str, Any]:
    """Each recorded competency's standing (due dates from USP intervals, sourced) and records."""
    return _competencies_out(request)


@router.post("/competencies", response={201: CompetenciesOut})
def competency_create(request: HttpRequest, payload: CompetencyIn) -> tuple[int, dict[str, Any]]:
    services.competency_record_add(member=request.user, **payload.dict())
    return 201, _competencies_out(request)


@router.delete("/competencies/{record_id}", response={204: None})
def competency_remove(request: HttpRequest, record_id: int) -> tuple[int, None]:
    record = access.competency_record_get_for_owner(request.user, record_id)
    services.competency_record_delete(record=record)
    return 204, None
