"""Goals and milestones, and their calendar feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rxguild.catalog.models import Credential
from rxguild.ce.models import CalendarFeedToken, Course
from rxguild.core.forms import form_add_service_errors
from rxguild.growth import access, ce_link, selectors, services
from rxguild.growth.calendar import goals_ics
from rxguild.growth.forms import (
    GoalEditForm,
    GoalForm,
    MilestoneForm,
)
from rxguild.growth.models import Competency, Goal
from rxguild.mentoring.models import Mentorship
from rxguild.tracker.models import TrackedApplication

# --- Goals -------------------------------------------------------------------------------


def _goal_form_choices(user: Any) -> dict[str, Any]:
    """Choices for the goal form; the CE requirements come from the compliance engine (two
    queries)."""
    competencies: dict[str, list[tuple[str, str]]] = {}
    for competency in (
        Competency.objects.filter(is_active=True)
        .select_related("domain__framework")
        .order_by("domain__framework__position", "domain__position", "position")
    ):
        competencies.setdefault(competency.domain.framework.name, []).append(
            (competency.code, competency.name)
        )
    return {
        "competency_choices": list(competencies.items()),
        "credential_choices": list(Credential.objects.order_by("name").values_list("code", "name")),
        "ce_requirement_choices": ce_link.requirement_choices_for_member(
            user, today=timezone.localdate()
        ),
        "job_choices": [
            (job.pk, f"{job.title} ({job.organization})" if job.organization else job.title)
            for job in TrackedApplication.objects.filter(member=user).order_by("title")[:200]
        ],
    }


def _with_ce_progress(goals: Any) -> list[Goal]:
    listed = list(goals)
    ce_link.attach_ce_progress(listed, today=timezone.localdate())
    return listed


@login_required
def goals(request: HttpRequest) -> HttpResponse:
    all_goals = list(selectors.goals_for_member(request.user))
    ce_link.attach_ce_progress(all_goals, today=timezone.localdate())
    initial: dict[str, Any] = {
        "target_date": timezone.localdate() + timedelta(days=90),
        "competency": request.GET.get("competency", ""),
        "course": request.GET.get("course", ""),
        "ce_requirement": request.GET.get("ce", ""),
    }
    competency = Competency.objects.filter(code=initial["competency"]).first()
    if competency is not None:
        initial["title"] = f"Get stronger at {competency.name.lower()}"
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        **_goal_form_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = services.goal_create(
                member=request.user,
                title=data["title"],
                target_date=data["target_date"],
                note=data["note"],
                progress=data["progress"] or 0,
                competency_code=data["competency"],
                credential_code=data["credential"],
                course_id=data["course"],
                saved_job_id=data["saved_job"],
                ce_requirement=data["ce_requirement"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Goal added: {goal.title}.")
            return redirect("growth:goal", goal_id=goal.pk)
    course = None
    course_id = form["course"].value()
    if course_id and str(course_id).isdigit():
        course = Course.objects.filter(pk=int(course_id)).first()
    return render(
        request,
        "growth/goals.html",
        {
            "active": [g for g in all_goals if g.status == Goal.Status.ACTIVE],
            "completed": [g for g in all_goals if g.status == Goal.Status.COMPLETED],
            "shared_with_me": _with_ce_progress(access.goals_shared_with(request.user)),
            "feed": CalendarFeedToken.objects.filter(member_id=request.user.pk).first(),
            "form": form,
            "course": course,
            "today": timezone.localdate(),
        },
        status=422 if form.errors else 200,
    )


@login_required
def goal_detail(request: HttpRequest, goal_id: int) -> HttpResponse:
    grant = access.goal_get_for_viewer(request.user, goal_id)
    goal = grant.goal
    ce_link.attach_ce_progress([goal], today=timezone.localdate())
    if not grant.can_change:
        if request.method == "POST":
            raise Http404("No such goal.")
        return render(
            request,
            "growth/goal.html",
            {"goal": goal, "milestones": list(goal.milestones.all()), "can_change": False},
        )
    edit_form = GoalEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "title": goal.title,
            "target_date": goal.target_date,
            "progress": goal.progress,
            "note": goal.note,
        },
    )
    if request.method == "POST" and edit_form.is_valid():
        data = edit_form.cleaned_data
        try:
            services.goal_update(
                goal=goal,
                title=data["title"],
                target_date=data["target_date"],
                note=data["note"],
                progress=data["progress"],
            )
        except ValidationError as error:
            form_add_service_errors(edit_form, error)
        else:
            messages.success(request, "Goal saved.")
            return redirect("growth:goal", goal_id=goal.pk)
    return _goal_page(request, goal, edit_form=edit_form, milestone_form=MilestoneForm())


def _goal_page(
    request: HttpRequest, goal: Goal, *, edit_form: GoalEditForm, milestone_form: MilestoneForm
) -> HttpResponse:
    failed = bool(edit_form.errors or milestone_form.errors)
    if not hasattr(goal, "ce_progress"):
        ce_link.attach_ce_progress([goal], today=timezone.localdate())
    return render(
        request,
        "growth/goal.html",
        {
            "goal": goal,
            "milestones": list(goal.milestones.all()),
            "edit_form": edit_form,
            "milestone_form": milestone_form,
            "can_change": True,
            "mentorships": list(
                Mentorship.objects.filter(
                    mentee_id=goal.member_id, status__in=Mentorship.OPEN_STATUSES
                ).select_related("mentor")
            ),
        },
        status=422 if failed else 200,
    )


@login_required
@require_POST
def goal_milestone_add(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access.goal_get_for_owner(request.user, goal_id)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(
                goal=goal, title=form.cleaned_data["title"], due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("growth:goal", goal_id=goal.pk)
    edit_form = GoalEditForm(
        initial={
            "title": goal.title,
            "target_date": goal.target_date,
            "progress": goal.progress,
            "note": goal.note,
        }
    )
    return _goal_page(request, goal, edit_form=edit_form, milestone_form=form)


@login_required
@require_POST
def milestone_toggle(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = access.milestone_get_for_owner(request.user, milestone_id)
    services.milestone_toggle(milestone=milestone)
    return redirect("growth:goal", goal_id=milestone.goal_id)


@login_required
@require_POST
def milestone_delete(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = access.milestone_get_for_owner(request.user, milestone_id)
    goal_id = milestone.goal_id
    services.milestone_delete(milestone=milestone)
    return redirect("growth:goal", goal_id=goal_id)


@login_required
@require_POST
def goal_share(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access.goal_get_for_owner(request.user, goal_id)
    raw = request.POST.get("mentorship", "")
    try:
        services.goal_share_set(goal=goal, mentorship_id=int(raw) if raw.isdigit() else None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Shared with your mentor (read-only)." if goal.shared_with_mentor else "Not shared.",
        )
    return redirect("growth:goal", goal_id=goal.pk)


@login_required
@require_POST
def goal_status(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access.goal_get_for_owner(request.user, goal_id)
    action = request.POST.get("action")
    if action == "complete":
        services.goal_complete(goal=goal)
        messages.success(request, f"Well done: “{goal.title}” is complete and kept in your record.")
    elif action == "reopen":
        services.goal_reopen(goal=goal)
        messages.success(request, f"“{goal.title}” is back in progress.")
    elif action == "delete":
        services.goal_delete(goal=goal)
        messages.success(request, "Goal deleted.")
        return redirect("growth:goals")
    else:
        messages.error(request, "That action was not understood; nothing changed.")
    return redirect("growth:goal", goal_id=goal.pk)


def goals_calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's goals for a calendar app. The secret is the member's CE calendar token
    (one feed secret per member, rotated on the CE calendar page); a wrong one is a 404."""
    feed = CalendarFeedToken.objects.filter(token=token).first()
    if feed is None:
        raise Http404("No such feed.")
    goals = _with_ce_progress(
        selectors.goals_for_member(feed.member).filter(status=Goal.Status.ACTIVE)
    )
    body = goals_ics(
        goals=goals, uid_domain=request.get_host().split(":")[0], member_id=feed.member_id
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
