"""Engine results (requirements data, gaps, plans, roadmap items) as the API's JSON shapes."""

from __future__ import annotations

from typing import Any

from rxguild.roadmap import selectors
from rxguild.roadmap.gap import PathwayGap, RequirementGap, TargetGap
from rxguild.roadmap.plan import Plan
from rxguild.roadmap.requirements import Fee, Requirement
from rxguild.roadmap.requirements import Target as TargetSpec


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


def requirement_out(req: Requirement) -> dict[str, Any]:
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


def spec_out(target: TargetSpec) -> dict[str, Any]:
    return {
        "code": target.code,
        "kind": target.kind,
        "name": target.name,
        "credential": target.credential,
        "specialty": target.specialty,
        "state": target.state,
        "board": target.board,
        "setting": target.setting,
        "url": target.url,
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
        "requirement": requirement_out(gap.requirement),
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


def target_out(item: selectors.RoadmapItem) -> dict[str, Any]:
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
