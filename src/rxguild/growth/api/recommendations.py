"""Recommendations: written by the caller, or received and decided by them."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.growth import access, services
from rxguild.growth.api.router import router
from rxguild.growth.models import Recommendation
from rxguild.profiles.selectors import profile_get_for_viewer

# --- Recommendations -------------------------------------------------------------------------


class RecommendationIn(Schema):
    handle: str = Field(..., max_length=40)
    relationship: str = Field(..., max_length=20)
    body: str = Field(..., max_length=5000)


class RecommendationOut(Schema):
    id: int
    author: str
    receiver: str
    relationship: str
    body: str
    status: str
    created_at: datetime


class DecisionIn(Schema):
    approve: bool


def _recommendation_out(r: Recommendation) -> dict[str, object]:
    return {
        "id": r.pk,
        "author": r.author.get_full_name(),
        "receiver": r.receiver.get_full_name(),
        "relationship": r.relationship,
        "body": r.body,
        "status": r.status,
        "created_at": r.created_at,
    }


@router.get(
    "/recommendations",
    response=list[RecommendationOut],
)
def recommendations(request: HttpRequest, role: str = "received") -> list[dict[str, object]]:
    """`role=received` (default) or `role=written`: only the caller's own."""
    field = "author_id" if role == "written" else "receiver_id"
    rows = Recommendation.objects.filter(**{field: request.user.pk}).select_related(
        "author", "receiver"
    )
    return [_recommendation_out(r) for r in rows[:200]]


@router.post(
    "/recommendations",
    response={201: RecommendationOut},
)
def recommendation_write(
    request: HttpRequest, payload: RecommendationIn
) -> tuple[int, dict[str, object]]:
    view = profile_get_for_viewer(request.user, payload.handle)
    created = services.recommendation_write(
        author=request.user,
        receiver=view.profile.user,
        relationship=payload.relationship,
        body=payload.body,
    )
    return 201, _recommendation_out(created)


@router.post(
    "/recommendations/{recommendation_id}/decide",
    response=RecommendationOut,
)
def recommendation_decide(
    request: HttpRequest, recommendation_id: int, payload: DecisionIn
) -> dict[str, object]:
    recommendation = access.recommendation_get_for_receiver(request.user, recommendation_id)
    services.recommendation_decide(recommendation=recommendation, approve=payload.approve)
    return _recommendation_out(recommendation)


@router.delete(
    "/recommendations/{recommendation_id}",
    response={204: None},
)
def recommendation_withdraw(request: HttpRequest, recommendation_id: int) -> tuple[int, None]:
    recommendation = access.recommendation_get_for_author(request.user, recommendation_id)
    services.recommendation_withdraw(recommendation=recommendation)
    return 204, None
