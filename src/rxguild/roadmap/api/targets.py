"""The caller's targets with their gaps and plans, steps marked done, plan dates, the side-by-side
comparison, and the public requirements data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from rxguild.roadmap import access, selectors, services
from rxguild.roadmap.api import serialize
from rxguild.roadmap.api.schemas import (
    ComparisonOut,
    ErrorOut,
    PlanDateIn,
    RequirementsDataOut,
    StepDoneIn,
    StepDoneOut,
    TargetIn,
    TargetOut,
)

router = Router()


@router.get("/requirements", response=RequirementsDataOut, auth=None)
def requirements_list(request: HttpRequest) -> dict[str, Any]:
    """Every target and requirement RxGuild knows, with sources (reference data, no member data)."""
    data = selectors.requirements_data()
    return {
        "version": data.version,
        "updated": data.updated,
        "targets": [serialize.spec_out(t) for t in data.targets.values()],
        "requirements": [serialize.requirement_out(r) for r in data.requirements.values()],
    }


@router.get("/targets", response=list[TargetOut])
def targets_mine(request: HttpRequest) -> list[dict[str, Any]]:
    items = selectors.roadmap_for_member(request.user, today=timezone.localdate())
    return [serialize.target_out(item) for item in items]


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
    return (201 if created else 200), serialize.target_out(item)


@router.get("/targets/{target_id}", response=TargetOut)
def target_get(request: HttpRequest, target_id: int) -> dict[str, Any]:
    target = access.target_get_for_member(request.user, target_id)
    item = selectors.roadmap_item_for_target(target, today=timezone.localdate())
    return serialize.target_out(item)


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
