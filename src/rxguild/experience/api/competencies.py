"""Competency records and the member's standing against the framework."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access, selectors, services
from rxguild.experience.services import competency_signoff as signoff_services

router = Router()


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
    signoff_status: str = Field(description="'' (not sent), pending, signed, declined, withdrawn")
    signed_at: datetime | None


class EvaluatorIn(Schema):
    evaluator_name: str = Field(..., max_length=120)
    evaluator_role: str = Field(..., max_length=120)
    evaluator_email: str = Field(..., max_length=254)


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


@router.post("/competencies/{record_id}/signoff", response=CompetencyRecordOut)
def competency_signoff(request: HttpRequest, record_id: int, payload: EvaluatorIn) -> Any:
    """Email the evaluator a single-use 14-day link to sign (or decline) the record."""
    record = access.competency_record_get_for_owner(request.user, record_id)
    try:
        return signoff_services.competency_signoff_request(record=record, **payload.dict())
    except RateLimited as error:
        raise HttpError(429, str(error)) from error


@router.post("/competencies/{record_id}/signoff/withdraw", response=CompetencyRecordOut)
def competency_signoff_withdraw(request: HttpRequest, record_id: int) -> Any:
    record = access.competency_record_get_for_owner(request.user, record_id)
    signoff_services.competency_signoff_withdraw(record=record)
    record.refresh_from_db()
    return record
