"""Goals and their milestones. A goal's optional links (a competency, a credential, a CE course,
a CE requirement, a saved job) are checked here: a saved job must be the member's own card, a
CE requirement one of the credentials on the member's own profile."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rxguild.catalog.models import Credential
from rxguild.ce.models import Course
from rxguild.growth import ce_link
from rxguild.growth.models import Competency, Goal, Milestone
from rxguild.mentoring.models import Mentorship
from rxguild.tracker.models import TrackedApplication

TITLE_MAX = 200
NOTE_MAX = 2000
MILESTONES_MAX = 20
# A goal years away is a wish, not a plan; it also catches a mistyped year.
TARGET_MAX_YEARS = 5


def _clean(
    *, title: str, note: str, target_date: date | None, progress: int | None, today: date
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = (title or "").strip()
    note = (note or "").strip()
    if not title:
        errors["title"] = "Give the goal a short title."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Keep the title under {TITLE_MAX} characters."
    if len(note) > NOTE_MAX:
        errors["note"] = f"Keep the note under {NOTE_MAX} characters."
    if target_date is None:
        errors["target_date"] = "Choose a target date."
    elif target_date.year > today.year + TARGET_MAX_YEARS:
        errors["target_date"] = f"Choose a date within {TARGET_MAX_YEARS} years."
    if progress is not None and not 0 <= progress <= 100:
        errors["progress"] = "Progress is a percentage from 0 to 100."
    if errors:
        raise ValidationError(errors)
    return {"title": title, "note": note, "target_date": target_date}


def _links(
    *,
    member: Any,
    competency_code: str,
    credential_code: str,
    course_id: int | None,
    saved_job_id: int | None,
    ce_requirement: str = "",
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    links: dict[str, Any] = {
        "competency": None,
        "credential": None,
        "course": None,
        "saved_job": None,
        "ce_credential_code": "",
        "ce_requirement_code": "",
    }
    if ce_requirement:
        try:
            credential, requirement = ce_link.requirement_check(
                member, ce_requirement, today=timezone.localdate()
            )
        except ValueError as error:
            errors["ce_requirement"] = str(error)
        else:
            links["ce_credential_code"] = credential
            links["ce_requirement_code"] = requirement
    if competency_code:
        links["competency"] = Competency.objects.filter(code=competency_code).first()
        if links["competency"] is None:
            errors["competency"] = "Choose a competency from the list."
    if credential_code:
        links["credential"] = Credential.objects.filter(code=credential_code).first()
        if links["credential"] is None:
            errors["credential"] = "Choose a credential from the list."
    if course_id:
        links["course"] = Course.objects.filter(pk=course_id).first()
        if links["course"] is None:
            errors["course"] = "That CE course does not exist."
    if saved_job_id:
        # Another member's card is "not found", exactly like a missing one.
        links["saved_job"] = TrackedApplication.objects.filter(
            pk=saved_job_id, member=member
        ).first()
        if links["saved_job"] is None:
            errors["saved_job"] = "Choose one of the jobs in your tracker."
    if errors:
        raise ValidationError(errors)
    return links


@transaction.atomic
def goal_create(
    *,
    member: Any,
    title: str,
    target_date: date | None,
    note: str = "",
    progress: int = 0,
    competency_code: str = "",
    credential_code: str = "",
    course_id: int | None = None,
    saved_job_id: int | None = None,
    ce_requirement: str = "",
) -> Goal:
    """`ce_requirement` is "<credential code>:<requirement code>" (`ce_link.link_value`)."""
    # Both checks run, so every problem is reported at once.
    errors: dict[str, list[str]] = {}
    fields: dict[str, Any] = {}
    links: dict[str, Any] = {}
    try:
        fields = _clean(
            title=title,
            note=note,
            target_date=target_date,
            progress=progress,
            today=timezone.localdate(),
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        links = _links(
            member=member,
            competency_code=competency_code,
            credential_code=credential_code,
            course_id=course_id,
            saved_job_id=saved_job_id,
            ce_requirement=ce_requirement,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return Goal.objects.create(member=member, progress=progress, **fields, **links)


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    title: str,
    target_date: date | None,
    note: str,
    progress: int,
) -> Goal:
    fields = _clean(
        title=title,
        note=note,
        target_date=target_date,
        progress=progress,
        today=timezone.localdate(),
    )
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.progress = progress
    goal.save(update_fields=[*fields, "progress"])
    return goal


@transaction.atomic
def goal_complete(*, goal: Goal) -> Goal:
    """Completed goals keep their history; progress becomes 100 %."""
    goal.status = Goal.Status.COMPLETED
    goal.progress = 100
    goal.completed_at = timezone.now()
    goal.save(update_fields=["status", "progress", "completed_at"])
    return goal


@transaction.atomic
def goal_reopen(*, goal: Goal) -> Goal:
    goal.status = Goal.Status.ACTIVE
    goal.completed_at = None
    goal.save(update_fields=["status", "completed_at"])
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    goal.delete()


@transaction.atomic
def milestone_add(*, goal: Goal, title: str, due_on: date | None = None) -> Milestone:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Describe the milestone in a few words."})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"Keep the milestone under {TITLE_MAX} characters."})
    # Lock the goal so two quick adds cannot both pass the limit or share a position.
    Goal.objects.select_for_update().filter(pk=goal.pk).first()
    existing = goal.milestones.count()
    if existing >= MILESTONES_MAX:
        raise ValidationError(
            {"title": f"A goal has at most {MILESTONES_MAX} milestones; split it into two goals."}
        )
    top = goal.milestones.aggregate(top=Max("position"))["top"]
    return Milestone.objects.create(
        goal=goal, title=title, due_on=due_on, position=0 if top is None else top + 1
    )


def _progress_from_milestones(goal: Goal) -> None:
    milestones = list(goal.milestones.all())
    if milestones and goal.status == Goal.Status.ACTIVE:
        done = sum(1 for m in milestones if m.done_at is not None)
        goal.progress = round(100 * done / len(milestones))
        goal.save(update_fields=["progress"])


@transaction.atomic
def milestone_toggle(*, milestone: Milestone) -> Milestone:
    """Tick or untick; the goal's progress follows the share of milestones done."""
    milestone.done_at = None if milestone.done_at else timezone.now()
    milestone.save(update_fields=["done_at"])
    _progress_from_milestones(milestone.goal)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    goal = milestone.goal
    milestone.delete()
    _progress_from_milestones(goal)


@transaction.atomic
def goal_share_set(*, goal: Goal, mentorship_id: int | None) -> Goal:
    """Share the goal read-only with the mentor of one of the member's open mentorships, or
    stop sharing (None). Another pair's mentorship is "not found", like a missing one."""
    if mentorship_id is None:
        goal.mentorship = None
        goal.shared_with_mentor = False
    else:
        mentorship = Mentorship.objects.filter(
            pk=mentorship_id, mentee_id=goal.member_id, status__in=Mentorship.OPEN_STATUSES
        ).first()
        if mentorship is None:
            raise ValidationError({"mentorship": "Choose one of your open mentorships."})
        goal.mentorship = mentorship
        goal.shared_with_mentor = True
    goal.save(update_fields=["mentorship", "shared_with_mentor"])
    return goal
