"""JSON API for the career roadmap, mounted at /api/v1/roadmap/.

Public (auth=None): the requirements data itself (targets, requirements, fees, each with its
source, date checked and confidence). Signed-in: the caller's own targets with their gaps,
adding and removing targets, marking steps done. Nobody else's roadmap is reachable: another
member's target id is a 404.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from rxguild.roadmap import access, pay_selectors, selectors, services
from rxguild.roadmap.gap import PathwayGap, RequirementGap, TargetGap
from rxguild.roadmap.pay import MIN_REPORTS
from rxguild.roadmap.plan import Plan
from rxguild.roadmap.requirements import Fee, Requirement
from rxguild.roadmap.requirements import Target as TargetSpec

router = Router(tags=["roadmap"])


class ErrorOut(Schema):
    detail: Any


class FeeOut(Schema):
    code: str
    label: str
    amount: Decimal
    source: str
    checked: dt.date
    confidence: str
    note: str


class RequirementOut(Schema):
    code: str
    label: str
    kind: str
    note: str
    url: str
    optional: bool
    self_reportable: bool
    fees: list[FeeOut]
    source: str
    checked: dt.date
    confidence: str
    low_confidence: bool


class PathwayOut(Schema):
    code: str
    label: str
    requirements: list[str]


class TargetSpecOut(Schema):
    code: str
    kind: str
    name: str
    credential: str
    specialty: str
    note: str
    requirements: list[str]
    pathways: list[PathwayOut]
    includes: list[str]
    source: str
    checked: dt.date
    confidence: str
    low_confidence: bool


class RequirementsDataOut(Schema):
    version: str
    updated: dt.date
    targets: list[TargetSpecOut]
    requirements: list[RequirementOut]


class RequirementGapOut(Schema):
    requirement: RequirementOut
    status: str
    reason: str
    have: Decimal | None
    need: Decimal | None
    unit: str
    self_reported: bool
    counted: list[str]


class PathwayGapOut(Schema):
    code: str
    label: str
    status: str
    requirements: list[RequirementGapOut]


class TargetGapOut(Schema):
    code: str
    name: str
    status: str
    unknown: bool
    held: bool
    low_confidence: bool
    note: str
    source: str
    confidence: str
    requirements: list[RequirementGapOut]
    pathways: list[PathwayGapOut]
    best_pathway: str | None
    included: list[TargetGapOut]


class PlanStepOut(Schema):
    requirement_code: str
    label: str
    kind: str
    status: str
    start: dt.date
    due: dt.date
    estimate: str
    duration_from_data: bool
    member_date: bool
    before_prerequisite: bool
    cost: Decimal | None
    cost_note: str
    after: list[str]
    low_confidence: bool


class PlanOut(Schema):
    start: dt.date
    finish: dt.date
    known_cost: Decimal
    unknown_cost_steps: list[str]
    steps: list[PlanStepOut]


class TargetOut(Schema):
    id: int
    kind: str
    code: str
    posting_id: uuid.UUID | None
    name: str
    created_at: dt.datetime
    gap: TargetGapOut | None
    plan: PlanOut | None


class PlanDateIn(Schema):
    requirement_code: str
    due_on: dt.date | None = None


class ComparisonOut(Schema):
    name: str
    target_id: int | None
    posting_id: uuid.UUID | None
    status: str
    still_needed: list[str]
    finish: dt.date
    known_cost: Decimal
    unknown_costs: int
    low_confidence: bool


class TargetIn(Schema):
    code: str = ""
    posting_id: uuid.UUID | None = None


class StepDoneIn(Schema):
    requirement_code: str
    done_on: dt.date | None = None


class StepDoneOut(Schema):
    requirement_code: str
    done_on: dt.date


def _fee(fee: Fee) -> dict[str, Any]:
    return {
        "code": fee.code,
        "label": fee.label,
        "amount": fee.amount,
        "source": fee.source,
        "checked": fee.checked,
        "confidence": fee.confidence,
        "note": fee.note,
    }


def _requirement(req: Requirement) -> dict[str, Any]:
    return {
        "code": req.code,
        "label": req.label,
        "kind": req.kind,
        "note": req.note,
        "url": req.url,
        "optional": req.optional,
        "self_reportable": req.self_reportable,
        "fees": [_fee(f) for f in req.fees],
        "source": req.source,
        "checked": req.checked,
        "confidence": req.confidence,
        "low_confidence": req.low_confidence,
    }


def _spec(target: TargetSpec) -> dict[str, Any]:
    return {
        "code": target.code,
        "kind": target.kind,
        "name": target.name,
        "credential": target.credential,
        "specialty": target.specialty,
        "note": target.note,
        "requirements": [r.code for r in target.requirements],
        "pathways": [
            {"code": p.code, "label": p.label, "requirements": [r.code for r in p.requirements]}
            for p in target.pathways
        ],
        "includes": [t.code for t in target.includes],
        "source": target.source,
        "checked": target.checked,
        "confidence": target.confidence,
        "low_confidence": target.low_confidence,
    }


def _requirement_gap(gap: RequirementGap) -> dict[str, Any]:
    return {
        "requirement": _requirement(gap.requirement),
        "status": gap.status.value,
        "reason": gap.reason,
        "have": gap.have,
        "need": gap.need,
        "unit": gap.unit,
        "self_reported": gap.self_reported,
        "counted": list(gap.counted),
    }


def _pathway_gap(gap: PathwayGap) -> dict[str, Any]:
    return {
        "code": gap.pathway.code,
        "label": gap.pathway.label,
        "status": gap.status.value,
        "requirements": [_requirement_gap(r) for r in gap.requirements],
    }


def target_gap_out(gap: TargetGap) -> dict[str, Any]:
    return {
        "code": gap.target.code,
        "name": gap.target.name,
        "status": gap.status.value,
        "unknown": gap.unknown,
        "held": gap.held is not None,
        "low_confidence": gap.low_confidence,
        "note": gap.target.note,
        "source": gap.target.source,
        "confidence": gap.target.confidence,
        "requirements": [_requirement_gap(r) for r in gap.requirements],
        "pathways": [_pathway_gap(p) for p in gap.pathways],
        "best_pathway": gap.best_pathway.pathway.code if gap.best_pathway else None,
        "included": [target_gap_out(i) for i in gap.included],
    }


def plan_out(plan: Plan) -> dict[str, Any]:
    return {
        "start": plan.start,
        "finish": plan.finish,
        "known_cost": plan.known_cost,
        "unknown_cost_steps": [s.code for s in plan.unknown_costs],
        "steps": [
            {
                "requirement_code": s.code,
                "label": s.label,
                "kind": s.kind,
                "status": s.status.value,
                "start": s.start,
                "due": s.due,
                "estimate": s.estimate,
                "duration_from_data": s.duration_from_data,
                "member_date": s.member_date,
                "before_prerequisite": s.before_prerequisite,
                "cost": s.cost,
                "cost_note": s.cost_note,
                "after": list(s.after),
                "low_confidence": s.low_confidence,
            }
            for s in plan.steps
        ],
    }


def _target_out(item: selectors.RoadmapItem) -> dict[str, Any]:
    target = item.target
    return {
        "id": target.pk,
        "kind": target.kind,
        "code": target.code,
        "posting_id": target.posting.public_id if target.posting else None,
        "name": item.name,
        "created_at": target.created_at,
        "gap": target_gap_out(item.gap) if item.gap else None,
        "plan": plan_out(item.plan) if item.plan else None,
    }


@router.get("/requirements", response=RequirementsDataOut, auth=None)
def requirements_list(request: HttpRequest) -> dict[str, Any]:
    """Every target and requirement RxGuild knows, with sources (reference data, no member data)."""
    data = selectors.requirements_data()
    return {
        "version": data.version,
        "updated": data.updated,
        "targets": [_spec(t) for t in data.targets.values()],
        "requirements": [_requirement(r) for r in data.requirements.values()],
    }


@router.get("/targets", response=list[TargetOut])
def targets_mine(request: HttpRequest) -> list[dict[str, Any]]:
    items = selectors.roadmap_for_member(request.user, today=timezone.localdate())
    return [_target_out(item) for item in items]


@router.post("/targets", response={201: TargetOut, 200: TargetOut, 422: ErrorOut})
def target_create(request: HttpRequest, payload: TargetIn) -> Any:
    """Add a target: a `code` from /requirements, or the `posting_id` of a job you can see."""
    if bool(payload.code) == bool(payload.posting_id):
        return 422, {"detail": "Send either a target code or a posting_id."}
    before = selectors.targets_for_member(request.user)
    if payload.posting_id:
        posting = access.posting_get_for_target(request.user, payload.posting_id)
        target = services.target_add_posting(member=request.user, posting=posting)
    else:
        target = services.target_add(member=request.user, code=payload.code)
    created = target.pk not in {t.pk for t in before}
    item = selectors.roadmap_item_for_target(target, today=timezone.localdate())
    return (201 if created else 200), _target_out(item)


@router.get("/targets/{target_id}", response=TargetOut)
def target_get(request: HttpRequest, target_id: int) -> dict[str, Any]:
    target = access.target_get_for_member(request.user, target_id)
    return _target_out(selectors.roadmap_item_for_target(target, today=timezone.localdate()))


@router.delete("/targets/{target_id}", response={204: None})
def target_delete(request: HttpRequest, target_id: int) -> Any:
    target = access.target_get_for_member(request.user, target_id)
    services.target_remove(target=target)
    return 204, None


@router.post("/steps-done", response={200: StepDoneOut, 422: ErrorOut})
def step_done_create(request: HttpRequest, payload: StepDoneIn) -> Any:
    step = services.step_mark_done(
        member=request.user, requirement_code=payload.requirement_code, done_on=payload.done_on
    )
    return 200, {"requirement_code": step.requirement_code, "done_on": step.done_on}


@router.delete("/steps-done/{requirement_code}", response={204: None, 404: ErrorOut})
def step_done_delete(request: HttpRequest, requirement_code: str) -> Any:
    if not services.step_unmark_done(member=request.user, requirement_code=requirement_code):
        return 404, {"detail": "That step was not marked done."}
    return 204, None


@router.post("/plan-dates", response={204: None, 422: ErrorOut})
def plan_date_set(request: HttpRequest, payload: PlanDateIn) -> Any:
    """Set a step's due date; `due_on: null` goes back to the estimate."""
    services.plan_date_set(
        member=request.user, requirement_code=payload.requirement_code, due_on=payload.due_on
    )
    return 204, None


@router.get("/compare", response=list[ComparisonOut])
def compare_mine(
    request: HttpRequest, target: list[int] | None = None, saved_jobs: bool = True
) -> list[dict[str, Any]]:
    """Your targets (all, or `?target=1&target=2`) and saved jobs side by side, closest first."""
    rows = selectors.comparison_for_member(
        request.user, today=timezone.localdate(), target_ids=target or (), saved_jobs=saved_jobs
    )
    return [
        {
            "name": row.name,
            "target_id": row.target.pk if row.target else None,
            "posting_id": row.posting.public_id if row.posting else None,
            "status": row.comparison.gap.status.value,
            "still_needed": [r.requirement.label for r in row.comparison.still_needed],
            "finish": row.comparison.plan.finish,
            "known_cost": row.comparison.plan.known_cost,
            "unknown_costs": len(row.comparison.plan.unknown_costs),
            "low_confidence": row.comparison.gap.low_confidence,
        }
        for row in rows
    ]


class BucketOut(Schema):
    key: list[str]
    count: int
    median_hourly: Decimal


class ComparisonSideOut(Schema):
    count: int
    median_hourly: Decimal


class PayComparisonOut(Schema):
    credential: str
    with_credential: ComparisonSideOut | None
    without_credential: ComparisonSideOut | None
    difference: Decimal | None


class WageOut(Schema):
    area: str
    setting: str
    period: str
    annual_median: Decimal | None
    hourly_median: Decimal | None
    annual_mean: Decimal | None
    source: str
    confidence: str


class PayOut(Schema):
    minimum_reports: int
    official: list[WageOut]
    by_state_setting: list[BucketOut]
    by_years: list[BucketOut]
    comparison: PayComparisonOut | None


class PayReportIn(Schema):
    job_id: int
    hourly_pay: Decimal
    shift: str = ""
    credentials: list[str] = []


class PayReportOut(Schema):
    id: int
    job_id: int
    hourly_pay: Decimal
    status: str


def _bucket(bucket: Any) -> dict[str, Any]:
    return {"key": list(bucket.key), "count": bucket.count, "median_hourly": bucket.median}


def _side(bucket: Any) -> dict[str, Any] | None:
    return None if bucket is None else {"count": bucket.count, "median_hourly": bucket.median}


@router.get("/pay", response=PayOut)
def pay_overview(
    request: HttpRequest, state: str = "", setting: str = "", credential: str = ""
) -> dict[str, Any]:
    """BLS figures and member reports in groups of at least 5 (smaller groups never appear)."""
    overview = pay_selectors.pay_overview(
        state=state.strip().upper()[:2], setting=setting[:60], credential=credential[:60]
    )
    comparison = overview.comparison
    return {
        "minimum_reports": MIN_REPORTS,
        "official": [
            {
                "area": w.area,
                "setting": w.setting,
                "period": w.period,
                "annual_median": w.annual_median,
                "hourly_median": w.hourly_median,
                "annual_mean": w.annual_mean,
                "source": w.source,
                "confidence": w.confidence,
            }
            for w in overview.wages
        ],
        "by_state_setting": [_bucket(b) for b in overview.by_state_setting],
        "by_years": [_bucket(b) for b in overview.by_years],
        "comparison": None
        if comparison is None
        else {
            "credential": comparison.credential,
            "with_credential": _side(comparison.with_credential),
            "without_credential": _side(comparison.without_credential),
            "difference": comparison.difference,
        },
    }


@router.post("/pay/reports", response={201: PayReportOut, 422: ErrorOut})
def pay_report_create(request: HttpRequest, payload: PayReportIn) -> Any:
    """Report the pay of one of your jobs (`job_id` from your profile's work history)."""
    job = access.job_get_for_pay_report(request.user, payload.job_id)
    report = services.pay_report_submit(
        member=request.user,
        job=job,
        hourly_pay=payload.hourly_pay,
        shift=payload.shift,
        credentials=payload.credentials,
    )
    return 201, {
        "id": report.pk,
        "job_id": report.job_id,
        "hourly_pay": report.hourly_pay,
        "status": report.status,
    }
