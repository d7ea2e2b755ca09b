"""Preceptors' mid-point and final evaluations: the student asks and reads the result; a
preceptor with an account lists what waits for them and answers (the link page needs none)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access
from rxguild.experience.models import Evaluation
from rxguild.experience.selectors_evaluations import evaluation_mean
from rxguild.experience.services import evaluations as evaluation_services

router = Router()


class EvaluationIn(Schema):
    kind: str = Field(..., description="midpoint or final")
    evaluator_name: str = Field(..., max_length=120)
    evaluator_role: str = Field(..., max_length=120)
    evaluator_email: str = Field(..., max_length=254)


class RatingIn(Schema):
    rating: int = Field(..., ge=0, le=4, description="1-4, or 0 for not observed")
    comment: str = Field("", max_length=1000)


class EvaluationAnswerIn(Schema):
    evaluator_name: str = Field(..., max_length=120)
    evaluator_role: str = Field(..., max_length=120)
    ratings: dict[str, RatingIn] = Field(..., description="by checklist item code")
    overall_comment: str = Field("", max_length=4000)


class RatingOut(Schema):
    item: str
    rating: int
    comment: str


class EvaluationOut(Schema):
    id: int
    entry_id: int
    kind: str
    status: str
    evaluator_name: str
    evaluator_role: str
    requested_at: datetime
    submitted_at: datetime | None
    ratings: list[RatingOut]
    mean: float | None = Field(None, description="mean of the observed items")
    overall_comment: str


def _out(evaluation: Evaluation) -> dict[str, Any]:
    mean = evaluation_mean(evaluation)
    return {
        "id": evaluation.pk,
        "entry_id": evaluation.entry_id,
        "kind": evaluation.kind,
        "status": evaluation.status,
        "evaluator_name": evaluation.evaluator_name,
        "evaluator_role": evaluation.evaluator_role,
        "requested_at": evaluation.requested_at,
        "submitted_at": evaluation.submitted_at,
        "ratings": evaluation.ratings,
        "mean": float(mean) if mean is not None else None,
        "overall_comment": evaluation.overall_comment,
    }


@router.get("/entries/{entry_id}/evaluations", response=list[EvaluationOut])
def evaluation_list(request: HttpRequest, entry_id: int) -> list[dict[str, Any]]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    return [_out(e) for e in entry.evaluations.all()]


@router.post("/entries/{entry_id}/evaluations", response={201: EvaluationOut})
def evaluation_create(
    request: HttpRequest, entry_id: int, payload: EvaluationIn
) -> tuple[int, dict[str, Any]]:
    """Email the preceptor a single-use 14-day link to the checklist."""
    entry = access.entry_get_for_owner(request.user, entry_id)
    try:
        evaluation = evaluation_services.evaluation_request(entry=entry, **payload.dict())
    except RateLimited as error:
        raise HttpError(429, str(error)) from error
    return 201, _out(evaluation)


@router.get("/evaluations/assigned", response=list[EvaluationOut])
def evaluations_assigned(request: HttpRequest) -> list[dict[str, Any]]:
    """Evaluations waiting for the caller, addressed to one of their verified emails."""
    return [_out(e) for e in access.evaluations_assigned_to(request.user)]


@router.get("/evaluations/{evaluation_id}", response=EvaluationOut)
def evaluation_get(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    return _out(access.evaluation_get_for_owner(request.user, evaluation_id))


@router.post("/evaluations/{evaluation_id}/withdraw", response=EvaluationOut)
def evaluation_withdraw(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    evaluation = access.evaluation_get_for_owner(request.user, evaluation_id)
    evaluation_services.evaluation_withdraw(evaluation=evaluation)
    evaluation.refresh_from_db()
    return _out(evaluation)


@router.post("/evaluations/{evaluation_id}/submit", response=EvaluationOut)
def evaluation_submit(
    request: HttpRequest, evaluation_id: int, payload: EvaluationAnswerIn
) -> dict[str, Any]:
    """The signed-in preceptor's answer; anyone else gets a 404."""
    evaluation = access.evaluation_get_for_evaluator(request.user, evaluation_id)
    data = payload.dict()
    answered = evaluation_services.evaluation_submit_by_account(
        evaluation=evaluation, evaluator=request.user, **data
    )
    return _out(answered)
