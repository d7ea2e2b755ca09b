"""The caller's feedback requests (people asked use their emailed link, not the API)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.growth import access, selectors, services
from rxguild.growth.api.router import router
from rxguild.growth.models import FeedbackRequest

# --- Feedback requests (the member's side; people asked use their emailed link) -----------


class RecipientIn(Schema):
    email: str = Field(..., max_length=254)
    relationship: str = Field(..., max_length=20)
    name: str = Field("", max_length=200)


class FeedbackRequestIn(Schema):
    framework: str = Field(..., max_length=60)
    competencies: list[str] = Field(..., max_length=50)
    recipients: list[RecipientIn] = Field(..., max_length=20)
    anonymous: bool = False


class InviteOut(Schema):
    id: int
    relationship: str
    name: str | None  # hidden for anonymous requests
    status: str


class ComparisonAnswerOut(Schema):
    who: str
    level: int | None
    comment: str


class ComparisonRowOut(Schema):
    competency: str
    name: str
    own_level: int | None
    others_average: Decimal | None
    others_count: int
    answers: list[ComparisonAnswerOut]
    comments: list[str]


class FeedbackRequestOut(Schema):
    id: int
    framework: str
    anonymous: bool
    created_at: datetime
    expires_at: datetime
    withdrawn_at: datetime | None
    invites: list[InviteOut]
    answered: int
    hidden: bool
    hidden_reason: str
    comparison: list[ComparisonRowOut]


def _feedback_out(feedback_request: FeedbackRequest) -> dict[str, object]:
    view = selectors.feedback_request_view(feedback_request)
    anonymous = feedback_request.anonymous
    return {
        "id": feedback_request.pk,
        "framework": feedback_request.framework.code,
        "anonymous": anonymous,
        "created_at": feedback_request.created_at,
        "expires_at": feedback_request.expires_at,
        "withdrawn_at": feedback_request.withdrawn_at,
        "invites": [
            {
                "id": invite.pk,
                "relationship": invite.relationship,
                "name": None if anonymous else (invite.name or invite.email),
                "status": status,
            }
            for invite, status in view.invites
        ],
        "answered": view.comparison.answered,
        "hidden": view.comparison.hidden,
        "hidden_reason": view.comparison.hidden_reason,
        "comparison": [
            {
                "competency": row.code,
                "name": row.name,
                "own_level": row.own_level,
                "others_average": row.others_average,
                "others_count": row.others_count,
                "answers": [
                    {"who": a.who, "level": a.level, "comment": a.comment} for a in row.answers
                ],
                "comments": list(row.comments),
            }
            for row in view.comparison.rows
        ],
    }


@router.get(
    "/feedback-requests",
    response=list[FeedbackRequestOut],
)
def feedback_requests(request: HttpRequest) -> list[dict[str, object]]:
    mine = access.feedback_requests_for_owner(request.user).select_related("framework")
    return [_feedback_out(r) for r in mine[:50]]


@router.post(
    "/feedback-requests",
    response={201: FeedbackRequestOut},
)
def feedback_request_create(
    request: HttpRequest, payload: FeedbackRequestIn
) -> tuple[int, dict[str, object]]:
    created = services.feedback_request_create(
        member=request.user,
        framework=access.framework_get(payload.framework),
        competency_codes=payload.competencies,
        recipients=[
            services.Recipient(email=r.email, relationship=r.relationship, name=r.name)
            for r in payload.recipients
        ],
        anonymous=payload.anonymous,
    )
    return 201, _feedback_out(access.feedback_request_get_for_owner(request.user, created.pk))


@router.get(
    "/feedback-requests/{request_id}",
    response=FeedbackRequestOut,
)
def feedback_request_detail(request: HttpRequest, request_id: int) -> dict[str, object]:
    return _feedback_out(access.feedback_request_get_for_owner(request.user, request_id))


@router.post(
    "/feedback-requests/{request_id}/withdraw",
    response=FeedbackRequestOut,
)
def feedback_request_withdraw(request: HttpRequest, request_id: int) -> dict[str, object]:
    feedback_request = access.feedback_request_get_for_owner(request.user, request_id)
    services.feedback_request_withdraw(request=feedback_request)
    return _feedback_out(feedback_request)


@router.post(
    "/feedback-requests/{request_id}/invites/{invite_id}/resend",
    response=FeedbackRequestOut,
)
def feedback_invite_resend(
    request: HttpRequest, request_id: int, invite_id: int
) -> dict[str, object]:
    """Email one person a new link; the old link stops working. 422 when they answered,
    declined or opted out, the request was withdrawn or the link was resent twice; 403 over a
    rate limit."""
    invite = access.feedback_invite_get_for_owner(request.user, request_id, invite_id)
    services.feedback_invite_resend(invite=invite)
    return _feedback_out(access.feedback_request_get_for_owner(request.user, request_id))
