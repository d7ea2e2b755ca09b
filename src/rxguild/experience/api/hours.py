"""Hour logs and preceptor sign-off (the preceptor answers on the page their link opens)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access, selectors
from rxguild.experience.models import ExperienceEntry
from rxguild.experience.services import hours as hour_services

router = Router()


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


class SignOffAnswerIn(Schema):
    decision: str = Field(..., description="sign or decline")
    preceptor_name: str = Field(..., max_length=120)
    preceptor_role: str = Field(..., max_length=120)
    comment: str = Field("", max_length=2000, description="needed when declining")


@router.get("/signoffs/assigned", response=list[SignOffOut])
def signoffs_assigned(request: HttpRequest) -> list[dict[str, Any]]:
    """Sign-offs waiting for the caller, addressed to one of their verified emails."""
    return [_signoff_out(s) for s in access.signoffs_assigned_to(request.user)]


@router.post("/signoffs/{signoff_id}/answer", response=SignOffOut)
def signoff_answer(
    request: HttpRequest, signoff_id: int, payload: SignOffAnswerIn
) -> dict[str, Any]:
    """The signed-in preceptor signs or declines; anyone else gets a 404."""
    signoff = access.signoff_get_for_preceptor(request.user, signoff_id)
    answered = hour_services.hour_signoff_respond_by_account(
        signoff=signoff, preceptor=request.user, **payload.dict()
    )
    return _signoff_out(answered)
