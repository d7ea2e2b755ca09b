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
from rxguild.ce.rules import MEMBER_CONDITIONS, RuleSet
from rxguild.ce.selectors import (
    CredentialStatus,
    compliance_for_member,
    rule_sets,
    transcript_for_member,
)
from rxguild.ce.uan import Uan, UanError, parse_uan
from rxguild.ce.validation import record_clean

router = Router(tags=["ce"])
MAX_EVALUATE_RECORDS = 500


# --- schemas ---------------------------------------------------------------------------
# Output schemas read what the endpoints return by attribute (ninja's `from_attributes`): a
# parsed Uan, RuleSets, ComplianceResults, CredentialStatuses, CeRecords. A `resolve_<field>`
# says where a field comes from when it is not an attribute of the same name.


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

    @staticmethod
    def resolve_uan(uan: Uan) -> str:
        return uan.normalized

    @staticmethod
    def resolve_topic(uan: Uan) -> dict[str, str]:
        return {"code": uan.topic_code, "name": uan.topic_name}


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

    @staticmethod
    def resolve_low_confidence(rule_set: RuleSet) -> bool:
        return rule_set.is_low_confidence

    @staticmethod
    def resolve_requirements(rule_set: RuleSet) -> list[str]:
        return [requirement.label for requirement in rule_set.requirements]

    @staticmethod
    def resolve_expiry(rule_set: RuleSet) -> str:
        return describe_expiry(rule_set.expiry) if rule_set.expiry else ""


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

    @staticmethod
    def resolve_cycle_start(result: ComplianceResult) -> dt.date:
        return result.cycle.start

    @staticmethod
    def resolve_cycle_end(result: ComplianceResult) -> dt.date:
        return result.cycle.end


class CredentialStatusOut(Schema):
    credential: str
    credential_name: str
    expires_on: dt.date | None
    days_to_deadline: int | None
    renewal_window_open: bool
    missing: list[str]
    problem: str
    result: ResultOut | None

    @staticmethod
    def resolve_credential(status: CredentialStatus) -> str:
        return status.credential_code

    @staticmethod
    def resolve_renewal_window_open(status: CredentialStatus) -> bool:
        return status.window_open


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

    @staticmethod
    def resolve_tags(record: CeRecord) -> list[str]:
        return list(record.tags or [])


# --- endpoints -------------------------------------------------------------------------


@router.get("/uan/{uan}", response={200: UanOut, 422: ErrorOut}, auth=None)
def uan_decode(request: HttpRequest, uan: str) -> Any:
    """Decode an ACPE activity number; 422 names the bad part."""
    try:
        return 200, parse_uan(uan)
    except UanError as error:
        return 422, {"detail": str(error)}


@router.get("/rule-sets", response=list[RuleSetOut], auth=None)
def rule_sets_list(request: HttpRequest) -> list[RuleSet]:
    return sorted(rule_sets().values(), key=lambda rs: rs.code)


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
    return 200, [evaluate(known[code], records, cycle, member=member) for code in payload.rule_sets]


@router.get("/compliance", response=list[CredentialStatusOut])
def compliance_mine(request: HttpRequest) -> list[CredentialStatus]:
    """The caller's status for each credential on their profile."""
    return compliance_for_member(request.user, today=timezone.localdate())


@router.get("/records", response=list[RecordOut])
def records_mine(request: HttpRequest) -> list[CeRecord]:
    return list(transcript_for_member(request.user))


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
    return 201, record
