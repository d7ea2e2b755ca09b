"""JSON API of the growth capability, mounted at /api/v1/growth/ (by rxguild.api.main).

Frameworks are public reference data. Assessments need a signed-in caller and go through
`access` exactly as the pages do: another member's assessment is a 404 and nothing changes.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.growth import access, selectors, services
from rxguild.growth.engine import LEVELS
from rxguild.growth.models import Assessment, FeedbackRequest, Framework, Goal, Recommendation
from rxguild.profiles.selectors import profile_get_for_viewer

router = Router(tags=["growth"])


class LevelOut(Schema):
    value: int
    name: str
    anchor: str


class CompetencyOut(Schema):
    code: str
    name: str
    description: str
    ce_topics: list[str]


class DomainOut(Schema):
    code: str
    name: str
    weight: Decimal | None
    competencies: list[CompetencyOut]


class FrameworkOut(Schema):
    code: str
    name: str
    kind: str
    summary: str
    source: str
    source_title: str
    checked_on: date
    confidence: str
    note: str
    data_version: str


class FrameworkDetailOut(FrameworkOut):
    domains: list[DomainOut]


class RatingIn(Schema):
    competency: str = Field(..., max_length=60)
    level: int


class AssessmentIn(Schema):
    framework: str = Field(..., max_length=60)
    ratings: list[RatingIn] = Field(..., max_length=200)
    note: str = Field("", max_length=5000)


class RatingOut(Schema):
    competency: str
    level: int


class AssessmentOut(Schema):
    id: int
    framework: str
    created_at: datetime
    note: str
    ratings: list[RatingOut]


def _framework_detail(framework: Framework) -> dict[str, object]:
    domains = selectors.framework_domains(framework)
    return {
        **FrameworkOut.from_orm(framework).dict(),
        "domains": [
            {
                "code": d.code,
                "name": d.name,
                "weight": d.weight,
                "competencies": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "description": c.description,
                        "ce_topics": c.ce_topics,
                    }
                    for c in d.competencies.all()
                ],
            }
            for d in domains
        ],
    }


def _assessment_out(assessment: Assessment) -> dict[str, object]:
    ratings = selectors.ratings_by_code(assessment)
    return {
        "id": assessment.pk,
        "framework": assessment.framework.code,
        "created_at": assessment.created_at,
        "note": assessment.note,
        "ratings": [
            {"competency": code, "level": level} for code, level in sorted(ratings.items())
        ],
    }


@router.get("/levels", response=list[LevelOut], auth=None)
def levels(request: HttpRequest) -> list[dict[str, object]]:
    return [{"value": lv.value, "name": lv.name, "anchor": lv.anchor} for lv in LEVELS]


@router.get("/frameworks", response=list[FrameworkOut], auth=None)
def frameworks(request: HttpRequest) -> list[Framework]:
    return list(Framework.objects.filter(is_active=True))


@router.get("/frameworks/{code}", response=FrameworkDetailOut, auth=None)
def framework_detail(request: HttpRequest, code: str) -> dict[str, object]:
    return _framework_detail(access.framework_get(code))


@router.get("/assessments", response=list[AssessmentOut])
def assessments(request: HttpRequest, framework: str = "") -> list[dict[str, object]]:
    mine = access.assessments_for_owner(request.user).select_related("framework")
    if framework:
        mine = mine.filter(framework__code=framework)
    return [_assessment_out(a) for a in mine[:100]]


@router.post("/assessments", response={201: AssessmentOut})
def assessment_create(request: HttpRequest, payload: AssessmentIn) -> tuple[int, dict[str, object]]:
    framework = access.framework_get(payload.framework)
    ratings: dict[str, object] = {}
    for item in payload.ratings:
        if item.competency in ratings:
            raise ValidationError({"ratings": [f"“{item.competency}” is rated twice."]})
        ratings[item.competency] = item.level
    assessment = services.assessment_create(
        member=request.user, framework=framework, ratings=ratings, note=payload.note
    )
    return 201, _assessment_out(assessment)


@router.get("/assessments/{assessment_id}", response=AssessmentOut)
def assessment_detail(request: HttpRequest, assessment_id: int) -> dict[str, object]:
    return _assessment_out(access.assessment_get_for_owner(request.user, assessment_id))


@router.delete("/assessments/{assessment_id}", response={204: None})
def assessment_delete(request: HttpRequest, assessment_id: int) -> tuple[int, None]:
    services.assessment_delete(
        assessment=access.assessment_get_for_owner(request.user, assessment_id)
    )
    return 204, None


# --- Goals -------------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date | None
    done: bool


class GoalOut(Schema):
    id: int
    title: str
    note: str
    target_date: date
    progress: int
    status: str
    competency: str | None
    credential: str | None
    course_id: int | None
    saved_job_id: int | None
    completed_at: datetime | None
    milestones: list[MilestoneOut]


class GoalIn(Schema):
    title: str = Field(..., max_length=400)
    target_date: date | None = None
    note: str = Field("", max_length=5000)
    progress: int = 0
    competency: str = Field("", max_length=60)
    credential: str = Field("", max_length=80)
    course_id: int | None = None
    saved_job_id: int | None = None


class GoalPatchIn(Schema):
    title: str | None = Field(None, max_length=400)
    target_date: date | None = None
    note: str | None = Field(None, max_length=5000)
    progress: int | None = None


class MilestoneIn(Schema):
    title: str = Field(..., max_length=400)
    due_on: date | None = None


def _goal_out(goal: Goal) -> dict[str, object]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "note": goal.note,
        "target_date": goal.target_date,
        "progress": goal.progress,
        "status": goal.status,
        "competency": goal.competency.code if goal.competency else None,
        "credential": goal.credential.code if goal.credential else None,
        "course_id": goal.course_id,
        "saved_job_id": goal.saved_job_id,
        "completed_at": goal.completed_at,
        "milestones": [
            {"id": m.pk, "title": m.title, "due_on": m.due_on, "done": m.done_at is not None}
            for m in goal.milestones.all()
        ],
    }


@router.get("/goals", response=list[GoalOut])
def goals(request: HttpRequest, status: str = "") -> list[dict[str, object]]:
    mine = selectors.goals_for_member(request.user)
    if status:
        mine = mine.filter(status=status)
    return [_goal_out(g) for g in mine[:200]]


@router.post("/goals", response={201: GoalOut})
def goal_create(request: HttpRequest, payload: GoalIn) -> tuple[int, dict[str, object]]:
    goal = services.goal_create(
        member=request.user,
        title=payload.title,
        target_date=payload.target_date,
        note=payload.note,
        progress=payload.progress,
        competency_code=payload.competency,
        credential_code=payload.credential,
        course_id=payload.course_id,
        saved_job_id=payload.saved_job_id,
    )
    return 201, _goal_out(access.goal_get_for_owner(request.user, goal.pk))


@router.get("/goals/{goal_id}", response=GoalOut)
def goal_detail(request: HttpRequest, goal_id: int) -> dict[str, object]:
    return _goal_out(access.goal_get_for_owner(request.user, goal_id))


@router.patch("/goals/{goal_id}", response=GoalOut)
def goal_update(request: HttpRequest, goal_id: int, payload: GoalPatchIn) -> dict[str, object]:
    goal = access.goal_get_for_owner(request.user, goal_id)
    services.goal_update(
        goal=goal,
        title=goal.title if payload.title is None else payload.title,
        target_date=payload.target_date or goal.target_date,
        note=goal.note if payload.note is None else payload.note,
        progress=goal.progress if payload.progress is None else payload.progress,
    )
    return _goal_out(goal)


@router.post("/goals/{goal_id}/complete", response=GoalOut)
def goal_complete(request: HttpRequest, goal_id: int) -> dict[str, object]:
    goal = access.goal_get_for_owner(request.user, goal_id)
    return _goal_out(services.goal_complete(goal=goal))


@router.post("/goals/{goal_id}/reopen", response=GoalOut)
def goal_reopen(request: HttpRequest, goal_id: int) -> dict[str, object]:
    goal = access.goal_get_for_owner(request.user, goal_id)
    return _goal_out(services.goal_reopen(goal=goal))


@router.delete("/goals/{goal_id}", response={204: None})
def goal_delete(request: HttpRequest, goal_id: int) -> tuple[int, None]:
    services.goal_delete(goal=access.goal_get_for_owner(request.user, goal_id))
    return 204, None


@router.post("/goals/{goal_id}/milestones", response={201: GoalOut})
def milestone_add(
    request: HttpRequest, goal_id: int, payload: MilestoneIn
) -> tuple[int, dict[str, object]]:
    goal = access.goal_get_for_owner(request.user, goal_id)
    services.milestone_add(goal=goal, title=payload.title, due_on=payload.due_on)
    return 201, _goal_out(goal)


@router.post("/milestones/{milestone_id}/toggle", response=GoalOut)
def milestone_toggle(request: HttpRequest, milestone_id: int) -> dict[str, object]:
    milestone = access.milestone_get_for_owner(request.user, milestone_id)
    services.milestone_toggle(milestone=milestone)
    return _goal_out(access.goal_get_for_owner(request.user, milestone.goal_id))


@router.delete("/milestones/{milestone_id}", response={204: None})
def milestone_delete(request: HttpRequest, milestone_id: int) -> tuple[int, None]:
    services.milestone_delete(milestone=access.milestone_get_for_owner(request.user, milestone_id))
    return 204, None


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


@router.get("/feedback-requests", response=list[FeedbackRequestOut])
def feedback_requests(request: HttpRequest) -> list[dict[str, object]]:
    mine = access.feedback_requests_for_owner(request.user).select_related("framework")
    return [_feedback_out(r) for r in mine[:50]]


@router.post("/feedback-requests", response={201: FeedbackRequestOut})
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


@router.get("/feedback-requests/{request_id}", response=FeedbackRequestOut)
def feedback_request_detail(request: HttpRequest, request_id: int) -> dict[str, object]:
    return _feedback_out(access.feedback_request_get_for_owner(request.user, request_id))


@router.post("/feedback-requests/{request_id}/withdraw", response=FeedbackRequestOut)
def feedback_request_withdraw(request: HttpRequest, request_id: int) -> dict[str, object]:
    feedback_request = access.feedback_request_get_for_owner(request.user, request_id)
    services.feedback_request_withdraw(request=feedback_request)
    return _feedback_out(feedback_request)


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


@router.get("/recommendations", response=list[RecommendationOut])
def recommendations(request: HttpRequest, role: str = "received") -> list[dict[str, object]]:
    """`role=received` (default) or `role=written`: only the caller's own."""
    field = "author_id" if role == "written" else "receiver_id"
    rows = Recommendation.objects.filter(**{field: request.user.pk}).select_related(
        "author", "receiver"
    )
    return [_recommendation_out(r) for r in rows[:200]]


@router.post("/recommendations", response={201: RecommendationOut})
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


@router.post("/recommendations/{recommendation_id}/decide", response=RecommendationOut)
def recommendation_decide(
    request: HttpRequest, recommendation_id: int, payload: DecisionIn
) -> dict[str, object]:
    recommendation = access.recommendation_get_for_receiver(request.user, recommendation_id)
    services.recommendation_decide(recommendation=recommendation, approve=payload.approve)
    return _recommendation_out(recommendation)


@router.delete("/recommendations/{recommendation_id}", response={204: None})
def recommendation_withdraw(request: HttpRequest, recommendation_id: int) -> tuple[int, None]:
    recommendation = access.recommendation_get_for_author(request.user, recommendation_id)
    services.recommendation_withdraw(recommendation=recommendation)
    return 204, None
