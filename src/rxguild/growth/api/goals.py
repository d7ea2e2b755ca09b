"""The caller's goals and milestones."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema

from rxguild.growth import access, ce_link, selectors, services
from rxguild.growth.api.router import router
from rxguild.growth.models import Goal

# --- Goals -------------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date | None
    done: bool


class CeRequirementOut(Schema):
    credential: str
    requirement: str
    credential_name: str
    label: str
    unit: str
    required: Decimal
    counted: Decimal
    met: bool
    deadline: date | None
    summary: str
    problem: str


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
    # Set when the goal follows a CE requirement; `progress` is then the engine's figure.
    ce_requirement: CeRequirementOut | None
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
    ce_requirement: str = Field(
        "",
        max_length=170,
        description='"<credential code>:<requirement code>" of a credential on your profile',
    )


class GoalPatchIn(Schema):
    title: str | None = Field(None, max_length=400)
    target_date: date | None = None
    note: str | None = Field(None, max_length=5000)
    progress: int | None = None


class MilestoneIn(Schema):
    title: str = Field(..., max_length=400)
    due_on: date | None = None


def _ce_out(goal: Goal) -> dict[str, object] | None:
    ce = getattr(goal, "ce_progress", None)
    if ce is None:
        return None
    return {
        "credential": ce.credential_code,
        "requirement": ce.requirement_code,
        "credential_name": ce.credential_name,
        "label": ce.label,
        "unit": ce.unit,
        "required": ce.required,
        "counted": ce.counted,
        "met": ce.met,
        "deadline": ce.deadline,
        "summary": ce.summary,
        "problem": ce.problem,
    }


def _goal_out(goal: Goal) -> dict[str, object]:
    if not hasattr(goal, "ce_progress"):
        ce_link.attach_ce_progress([goal], today=timezone.localdate())
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
        "ce_requirement": _ce_out(goal),
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
    listed = list(mine[:200])
    ce_link.attach_ce_progress(listed, today=timezone.localdate())
    return [_goal_out(g) for g in listed]


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
        ce_requirement=payload.ce_requirement,
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


@router.post(
    "/goals/{goal_id}/milestones",
    response={201: GoalOut},
)
def milestone_add(
    request: HttpRequest, goal_id: int, payload: MilestoneIn
) -> tuple[int, dict[str, object]]:
    goal = access.goal_get_for_owner(request.user, goal_id)
    services.milestone_add(goal=goal, title=payload.title, due_on=payload.due_on)
    return 201, _goal_out(goal)


@router.post(
    "/milestones/{milestone_id}/toggle",
    response=GoalOut,
)
def milestone_toggle(request: HttpRequest, milestone_id: int) -> dict[str, object]:
    milestone = access.milestone_get_for_owner(request.user, milestone_id)
    services.milestone_toggle(milestone=milestone)
    return _goal_out(access.goal_get_for_owner(request.user, milestone.goal_id))


@router.delete(
    "/milestones/{milestone_id}",
    response={204: None},
)
def milestone_delete(request: HttpRequest, milestone_id: int) -> tuple[int, None]:
    services.milestone_delete(milestone=access.milestone_get_for_owner(request.user, milestone_id))
    return 204, None
