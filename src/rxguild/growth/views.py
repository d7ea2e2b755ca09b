"""Pages of the growth app. Thin: fetch through `access`, call one service or selector,
render. Every change is a POST that works without JavaScript."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rxguild.catalog.models import Credential
from rxguild.ce.models import CalendarFeedToken, Course
from rxguild.core.forms import form_add_service_errors
from rxguild.core.ratelimit import RateLimited
from rxguild.core.signed_links import LinkError, LinkInvalid, token_page
from rxguild.growth import access, selectors, services
from rxguild.growth.calendar import goals_ics
from rxguild.growth.engine import LEVEL_BY_VALUE, LEVELS
from rxguild.growth.forms import (
    LEVEL_CHOICES,
    RECIPIENT_ROWS,
    AssessmentForm,
    FeedbackRequestForm,
    GoalEditForm,
    GoalForm,
    MilestoneForm,
    RecommendationForm,
    StaffReasonForm,
)
from rxguild.growth.models import Competency, FeedbackRequest, Goal, Recommendation
from rxguild.mentoring.models import Mentorship
from rxguild.profiles.selectors import profile_get_for_viewer
from rxguild.tracker.models import TrackedApplication


@login_required
def home(request: HttpRequest) -> HttpResponse:
    frameworks = list(selectors.frameworks_for_member(request.user))
    return render(
        request,
        "growth/home.html",
        {
            "core": [f for f in frameworks if f.kind == "core"],
            "specialties": [f for f in frameworks if f.kind == "specialty"],
            "soft": [f for f in frameworks if f.kind == "soft_skills"],
        },
    )


@login_required
def assess(request: HttpRequest, code: str) -> HttpResponse:
    framework = access.framework_get(code)
    domains = selectors.framework_domains(framework)
    latest = access.assessments_for_owner(request.user).filter(framework=framework).first()
    initial = selectors.ratings_by_code(latest) if latest else {}
    form = AssessmentForm(
        request.POST if request.method == "POST" else None, domains=domains, initial_ratings=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_create(
                member=request.user,
                framework=framework,
                ratings=form.ratings(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Saved your {framework.name} self-assessment.")
            return redirect("growth:history", code=framework.code)
    return render(
        request,
        "growth/assess.html",
        {
            "framework": framework,
            "form": form,
            "levels": LEVELS,
            "level_choices": LEVEL_CHOICES[1:],
            "prefilled": latest is not None,
            "status": 422 if form.errors else 200,
        },
        status=422 if form.errors else 200,
    )


@login_required
def history(request: HttpRequest, code: str) -> HttpResponse:
    framework = access.framework_get(code)
    data = selectors.framework_history(request.user, framework)
    return render(
        request,
        "growth/history.html",
        {
            "history": data,
            "framework": framework,
            "levels": LEVELS,
            "suggestions": selectors.suggestions_for_weak_areas(data.weakest, data.domains),
        },
    )


@login_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = access.assessment_get_for_owner(request.user, assessment_id)
    domains = selectors.framework_domains(assessment.framework)
    ratings = selectors.ratings_by_code(assessment)
    rows = [
        (
            domain,
            [(c, LEVEL_BY_VALUE.get(ratings.get(c.code, 0))) for c in domain.competencies.all()],
        )
        for domain in domains
    ]
    return render(request, "growth/assessment.html", {"assessment": assessment, "rows": rows})


@login_required
@require_POST
def assessment_delete(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = access.assessment_get_for_owner(request.user, assessment_id)
    code = assessment.framework.code
    services.assessment_delete(assessment=assessment)
    messages.success(request, "Deleted that self-assessment.")
    return redirect("growth:history", code=code)


@login_required
def staff_member(request: HttpRequest, member_id: int) -> HttpResponse:
    """Staff read a member's assessments after logging why; the page changes nothing."""
    if not access.may_read_as_staff(request.user):
        raise Http404("No such page.")
    member = get_object_or_404(get_user_model(), pk=member_id)
    form = StaffReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_access_log(
            staff=request.user, member=member, reason=form.cleaned_data["reason"]
        )
        grant = access.growth_access(request.user, member, reason_logged=True)
        if grant.can_read:
            assessments = selectors.assessments_for_member_read(member)
            return render(
                request,
                "growth/staff_member.html",
                {
                    "member": member,
                    "assessments": assessments,
                    "goals": list(selectors.goals_for_member(member)),
                    "feedback_requests": list(
                        FeedbackRequest.objects.filter(member=member)
                        .select_related("framework")
                        .annotate(
                            invite_count=Count("invites"),
                            answered_count=Count(
                                "invites", filter=Q(invites__answered_at__isnull=False)
                            ),
                        )
                        .order_by("-created_at")
                    ),
                },
            )
    return render(request, "growth/staff_reason.html", {"form": form, "member": member})


# --- Goals -------------------------------------------------------------------------------


def _goal_form_choices(user: Any) -> dict[str, Any]:
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
        "job_choices": [
            (job.pk, f"{job.title} ({job.organization})" if job.organization else job.title)
            for job in TrackedApplication.objects.filter(member=user).order_by("title")[:200]
        ],
    }


@login_required
def goals(request: HttpRequest) -> HttpResponse:
    all_goals = list(selectors.goals_for_member(request.user))
    initial: dict[str, Any] = {
        "target_date": timezone.localdate() + timedelta(days=90),
        "competency": request.GET.get("competency", ""),
        "course": request.GET.get("course", ""),
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
            "shared_with_me": access.goals_shared_with(request.user),
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


# --- Feedback: the member's side -----------------------------------------------------------


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    requests = list(
        access.feedback_requests_for_owner(request.user)
        .select_related("framework")
        .annotate(
            invite_count=Count("invites"),
            answered_count=Count("invites", filter=Q(invites__answered_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )
    frameworks = list(selectors.frameworks_for_member(request.user))
    return render(
        request,
        "growth/feedback_list.html",
        {"requests": requests, "frameworks": frameworks, "now": timezone.now()},
    )


@login_required
def feedback_new(request: HttpRequest, code: str) -> HttpResponse:
    framework = access.framework_get(code)
    domains = selectors.framework_domains(framework)
    choices = [(c.code, c.name) for d in domains for c in d.competencies.all()]
    latest = access.assessments_for_owner(request.user).filter(framework=framework).first()
    weakest = (
        [w.code for w in selectors.framework_history(request.user, framework).weakest]
        if latest
        else []
    )
    form = FeedbackRequestForm(
        request.POST if request.method == "POST" else None,
        competency_choices=choices,
        initial={"competencies": weakest},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipients = [
            services.Recipient(
                email=data[f"email_{i}"],
                name=data[f"name_{i}"],
                relationship=data[f"relationship_{i}"] or "colleague",
            )
            for i in range(1, RECIPIENT_ROWS + 1)
        ]
        try:
            feedback_request = services.feedback_request_create(
                member=request.user,
                framework=framework,
                competency_codes=data["competencies"],
                recipients=recipients,
                anonymous=data["anonymous"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            count = feedback_request.invites.count()
            messages.success(
                request, f"Asked {count} {'person' if count == 1 else 'people'} for feedback."
            )
            return redirect("growth:feedback_detail", request_id=feedback_request.pk)
    if form.errors and status == 200:
        status = 422
    return render(
        request,
        "growth/feedback_new.html",
        {"framework": framework, "form": form},
        status=status,
    )


@login_required
def feedback_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    feedback_request = access.feedback_request_get_for_owner(request.user, request_id)
    return render(
        request,
        "growth/feedback_detail.html",
        {"view": selectors.feedback_request_view(feedback_request)},
    )


@login_required
@require_POST
def feedback_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    feedback_request = access.feedback_request_get_for_owner(request.user, request_id)
    services.feedback_request_withdraw(request=feedback_request)
    messages.success(request, "Request withdrawn: its unanswered links no longer work.")
    return redirect("growth:feedback_detail", request_id=feedback_request.pk)


# --- Feedback: the person asked (no account; the link is the credential) --------------------


def _link_refused(request: HttpRequest, error: LinkError) -> HttpResponse:
    status = 400 if isinstance(error, LinkInvalid) else 410
    return render(
        request, "growth/feedback_link_refused.html", {"message": str(error)}, status=status
    )


@token_page
def feedback_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = services.feedback_invite_for_token(token)
    except LinkError as error:
        return _link_refused(request, error)
    competencies = list(invite.request.competencies.order_by("domain__position", "position"))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            if "decline" in request.POST:
                services.feedback_decline(token=token)
                return render(request, "growth/feedback_thanks.html", {"declined": True})
            services.feedback_answer_submit(
                token=token,
                ratings={c.code: request.POST.get(c.code, "") for c in competencies},
                comments={c.code: request.POST.get(f"comment_{c.code}", "") for c in competencies},
                comment=request.POST.get("comment", ""),
            )
            return render(request, "growth/feedback_thanks.html", {"declined": False})
        except LinkError as error:
            return _link_refused(request, error)
        except ValidationError as error:
            errors = error.message_dict
    rows = [
        {
            "competency": c,
            "value": request.POST.get(c.code, "") if request.method == "POST" else "",
            "comment": request.POST.get(f"comment_{c.code}", "")
            if request.method == "POST"
            else "",
            "errors": errors.get(c.code, []) + errors.get(f"comment_{c.code}", []),
        }
        for c in competencies
    ]
    return render(
        request,
        "growth/feedback_answer.html",
        {
            "member_name": invite.request.member.get_full_name() or "A pharmacy technician",
            "anonymous": invite.request.anonymous,
            "rows": rows,
            "levels": LEVELS,
            "general_errors": errors.get("__all__", []) + errors.get("comment", []),
            "comment": request.POST.get("comment", "") if request.method == "POST" else "",
        },
        status=422 if errors else 200,
    )


@token_page
def feedback_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.feedback_unsubscribe_read(token)
        if request.method == "POST":
            services.feedback_unsubscribe(token=token)
            return render(request, "growth/feedback_unsubscribed.html")
    except LinkError as error:
        return _link_refused(request, error)
    return render(request, "growth/feedback_unsubscribe.html")


# --- Recommendations -----------------------------------------------------------------------


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    received = list(
        Recommendation.objects.filter(receiver_id=request.user.pk).select_related("author")
    )
    written = list(
        Recommendation.objects.filter(author_id=request.user.pk).select_related("receiver")
    )
    return render(
        request,
        "growth/recommendations.html",
        {
            "pending": [r for r in received if r.status == Recommendation.Status.PENDING],
            "approved": [r for r in received if r.status == Recommendation.Status.APPROVED],
            "written": written,
        },
    )


@login_required
def recommendation_write(request: HttpRequest, handle: str) -> HttpResponse:
    # Only a profile the author may see can be recommended (profiles.access decides).
    view = profile_get_for_viewer(request.user, handle)
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_write(
                author=request.user,
                receiver=view.profile.user,
                relationship=form.cleaned_data["relationship"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request, f"Sent. {view.display_name} decides whether it appears on their profile."
            )
            return redirect("growth:recommendations")
    if form.errors and status == 200:
        status = 422
    return render(
        request, "growth/recommendation_write.html", {"view": view, "form": form}, status=status
    )


@login_required
@require_POST
def recommendation_decide(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.recommendation_get_for_receiver(request.user, recommendation_id)
    approve = request.POST.get("action") == "approve"
    services.recommendation_decide(recommendation=recommendation, approve=approve)
    messages.success(
        request, "It now appears on your profile." if approve else "It will not be shown."
    )
    return redirect("growth:recommendations")


@login_required
@require_POST
def recommendation_withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.recommendation_get_for_author(request.user, recommendation_id)
    services.recommendation_withdraw(recommendation=recommendation)
    messages.success(request, "Recommendation withdrawn.")
    return redirect("growth:recommendations")


def goals_calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's goals for a calendar app. The secret is the member's CE calendar token
    (one feed secret per member, rotated on the CE calendar page); a wrong one is a 404."""
    feed = CalendarFeedToken.objects.filter(token=token).first()
    if feed is None:
        raise Http404("No such feed.")
    goals = selectors.goals_for_member(feed.member).filter(status=Goal.Status.ACTIVE)
    body = goals_ics(
        goals=list(goals), uid_domain=request.get_host().split(":")[0], member_id=feed.member_id
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
