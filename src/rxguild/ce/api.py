"""JSON API for CE, mounted under /api/v1/ce/.

Public (auth=None): UAN decoding and the list of rule sets (reference data, no member data).
Signed-in: the caller's own compliance status and transcript; evaluating a posted transcript
(nothing is stored).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.ce import services
from rxguild.ce.compliance import CeRecordInput, ComplianceResult, Cycle, MemberFacts, evaluate
from rxguild.ce.cycles import describe_expiry
from rxguild.ce.models import CeRecord
from rxguild.ce.rules import MEMBER_CONDITIONS
from rxguild.ce.selectors import compliance_for_member, rule_sets, transcript_for_member
from rxguild.ce.uan import UanError, parse_uan
from rxguild.ce.validation import record_clean

router = Router(tags=["ce"])
MAX_EVALUATE_RECORDS = 500


# --- schemas ---------------------------------------------------------------------------


class TopicOut(Schema):
    code: str
    name: str


class UanOut(Schema):
    uan: str
    provider: str
    provider_name: str | None
    joint_provider: str
    jointly_provided: bool
    year: int
    sequence: str
    format: str
    topic: TopicOut
    audience: str | None
    legacy: bool


class ErrorOut(Schema):
    detail: Any


class RuleSetOut(Schema):
    code: str
    name: str
    credential_code: str
    version: str
    confidence: str
    low_confidence: bool
    cycle_months: int
    renewal_window_days: int | None
    requirements: list[str]
    sources: list[str]
    no_state_ce: bool = Field(False, description="The board requires no CE for this credential")
    expiry: str = Field("", description="When the credential expires, in words")
    checked: dt.date | None = Field(None, description="When the rule set was last checked")


class RecordIn(Schema):
    id: str | None = Field(None, description="Your own id, echoed back in the results")
    title: str
    completed_on: dt.date
    hours: Decimal
    uan: str = ""
    format: str = ""
    topic_code: str = ""
    audience: str = ""
    kind: str = "acpe"
    tags: list[str] = []


class CycleIn(Schema):
    start: dt.date
    end: dt.date
    first_cycle: bool = False
    reinstatement: bool = False


class EvaluateIn(Schema):
    rule_sets: list[str] = Field(..., description="Rule-set codes, e.g. ptcb-cpht")
    cycle: CycleIn
    records: list[RecordIn]
    certifications: list[str] = Field(
        [], description="Current national certifications held, e.g. ptcb-cpht, nha-excpt"
    )
    conditions: list[str] = Field(
        [], description="Situations that apply: " + ", ".join(MEMBER_CONDITIONS)
    )


class ExclusionOut(Schema):
    record_id: str
    reason: str


class RequirementOut(Schema):
    code: str
    label: str
    kind: str
    unit: str
    required: Decimal
    counted: Decimal
    remaining: Decimal
    met: bool
    counted_records: list[str]
    excluded: list[ExclusionOut]
    explanation: str
    applies: bool = Field(True, description="False: only in a situation that is not yours")
    carried_over: Decimal = Field(Decimal(0), description="Hours from the previous cycle")
    satisfied_by: str = Field("", description="Certification that fulfils it instead")


class ResultOut(Schema):
    rule_set: str
    rule_set_name: str
    confidence: str
    cycle_start: dt.date
    cycle_end: dt.date
    met: bool
    deadline: dt.date
    renewal_window_opens: dt.date | None
    requirements: list[RequirementOut]
    notes: list[str]
    sources: list[str]


class CredentialStatusOut(Schema):
    credential: str
    credential_name: str
    expires_on: dt.date | None
    days_to_deadline: int | None
    renewal_window_open: bool
    missing: list[str]
    problem: str
    result: ResultOut | None


class RecordOut(Schema):
    id: int
    title: str
    provider_name: str
    uan: str
    completed_on: dt.date
    hours: Decimal
    format: str
    topic_code: str
    audience: str
    kind: str
    tags: list[str]
    source: str
    is_duplicate: bool
    cpe_monitor_status: str
    cpe_monitor_deadline: dt.date


def _result_out(result: ComplianceResult) -> dict[str, Any]:
    return {
        "rule_set": result.rule_set,
        "rule_set_name": result.rule_set_name,
        "confidence": result.confidence,
        "cycle_start": result.cycle.start,
        "cycle_end": result.cycle.end,
        "met": result.met,
        "deadline": result.deadline,
        "renewal_window_opens": result.renewal_window_opens,
        "requirements": [
            {
                "code": r.code,
                "label": r.label,
                "kind": r.kind,
                "unit": r.unit,
                "required": r.required,
                "counted": r.counted,
                "remaining": r.remaining,
                "met": r.met,
                "counted_records": list(r.counted_records),
                "excluded": [{"record_id": e.record_id, "reason": e.reason} for e in r.excluded],
                "explanation": r.explanation,
                "applies": r.applies,
                "carried_over": r.carried_over,
                "satisfied_by": r.satisfied_by,
            }
            for r in result.requirements
        ],
        "notes": list(result.notes),
        "sources": list(result.sources),
    }


# --- endpoints -------------------------------------------------------------------------


@router.get("/uan/{uan}", response={200: UanOut, 422: ErrorOut}, auth=None)
def uan_decode(request: HttpRequest, uan: str) -> Any:
    """Decode an ACPE activity number; 422 names the bad part."""
    try:
        return 200, parse_uan(uan).as_dict()
    except UanError as error:
        return 422, {"detail": str(error)}


@router.get("/rule-sets", response=list[RuleSetOut], auth=None)
def rule_sets_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": rs.code,
            "name": rs.name,
            "credential_code": rs.credential_code,
            "version": rs.version,
            "confidence": rs.confidence,
            "low_confidence": rs.is_low_confidence,
            "cycle_months": rs.cycle_months,
            "renewal_window_days": rs.renewal_window_days,
            "requirements": [req.label for req in rs.requirements],
            "sources": list(rs.sources),
            "no_state_ce": rs.no_state_ce,
            "expiry": describe_expiry(rs.expiry) if rs.expiry else "",
            "checked": rs.checked,
        }
        for rs in sorted(rule_sets().values(), key=lambda rs: rs.code)
    ]


@router.post("/compliance/evaluate", response={200: list[ResultOut], 422: ErrorOut})
def compliance_evaluate(request: HttpRequest, payload: EvaluateIn) -> Any:
    """Evaluate a posted transcript against named rule sets and a cycle. Stores nothing."""
    known = rule_sets()
    unknown = [code for code in payload.rule_sets if code not in known]
    if unknown:
        return 422, {
            "detail": f"Unknown rule set(s): {', '.join(unknown)}. See /api/v1/ce/rule-sets."
        }
    if not payload.rule_sets:
        return 422, {"detail": "Name at least one rule set."}
    if payload.cycle.end < payload.cycle.start:
        return 422, {"detail": "The cycle ends before it starts."}
    unknown_conditions = sorted(set(payload.conditions) - set(MEMBER_CONDITIONS))
    if unknown_conditions:
        return 422, {
            "detail": f"Unknown condition(s): {', '.join(unknown_conditions)}. Known: "
            + ", ".join(MEMBER_CONDITIONS)
            + "."
        }
    if len(payload.records) > MAX_EVALUATE_RECORDS:
        return 422, {"detail": f"At most {MAX_EVALUATE_RECORDS} records per request."}
    today = timezone.localdate()
    records: list[CeRecordInput] = []
    errors: dict[str, dict[str, str]] = {}
    for index, item in enumerate(payload.records):
        record_id = item.id or str(index + 1)
        clean, problems = record_clean(item.dict(), today=today)
        if clean is None:
            errors[record_id] = problems
            continue
        assert clean.completed_on is not None and clean.hours is not None
        records.append(
            CeRecordInput(
                id=record_id,
                title=clean.title,
                completed_on=clean.completed_on,
                hours=clean.hours,
                audience=clean.audience or None,
                topic_code=clean.topic_code or None,
                format=clean.format or None,
                kind=clean.kind,
                tags=frozenset(clean.tags),
                uan=clean.uan or None,
            )
        )
    if errors:
        return 422, {"detail": {"records": errors}}
    cycle = Cycle(
        start=payload.cycle.start,
        end=payload.cycle.end,
        first_cycle=payload.cycle.first_cycle,
        reinstatement=payload.cycle.reinstatement,
    )
    member = MemberFacts(
        certifications=frozenset(payload.certifications),
        conditions=frozenset(payload.conditions),
    )
    return 200, [
        _result_out(evaluate(known[code], records, cycle, member=member))
        for code in payload.rule_sets
    ]


@router.get("/compliance", response=list[CredentialStatusOut])
def compliance_mine(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's status for each credential on their profile."""
    statuses = compliance_for_member(request.user, today=timezone.localdate())
    return [
        {
            "credential": s.credential_code,
            "credential_name": s.credential_name,
            "expires_on": s.expires_on,
            "days_to_deadline": s.days_to_deadline,
            "renewal_window_open": s.window_open,
            "missing": s.missing,
            "problem": s.problem,
            "result": _result_out(s.result) if s.result else None,
        }
        for s in statuses
    ]


def _record_out(record: CeRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.title,
        "provider_name": record.provider_name,
        "uan": record.uan,
        "completed_on": record.completed_on,
        "hours": record.hours,
        "format": record.format,
        "topic_code": record.topic_code,
        "audience": record.audience,
        "kind": record.kind,
        "tags": list(record.tags or []),
        "source": record.source,
        "is_duplicate": record.is_duplicate,
        "cpe_monitor_status": record.cpe_monitor_status,
        "cpe_monitor_deadline": record.cpe_monitor_deadline,
    }


@router.get("/records", response=list[RecordOut])
def records_mine(request: HttpRequest) -> list[dict[str, Any]]:
    return [_record_out(r) for r in transcript_for_member(request.user)]


class RecordCreateIn(Schema):
    title: str
    completed_on: dt.date
    hours: Decimal
    provider_name: str = ""
    uan: str = ""
    format: str = ""
    topic_code: str = ""
    audience: str = ""
    kind: str = "acpe"
    tags: list[str] = []


@router.post("/records", response={201: RecordOut, 422: ErrorOut})
def record_create(request: HttpRequest, payload: RecordCreateIn) -> Any:
    try:
        record = services.ce_record_add(member=signed_in_member(request.user), data=payload.dict())
    except ValidationError as error:
        return 422, {"detail": error.message_dict}
    return 201, _record_out(record)
