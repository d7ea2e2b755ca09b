"""Self-assessment pages: frameworks, assessing, history, staff's read-only view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.growth import access, selectors, services
from rxguild.growth.engine import LEVEL_BY_VALUE, LEVELS
from rxguild.growth.forms import (
    LEVEL_CHOICES,
    AssessmentForm,
    StaffReasonForm,
)
from rxguild.growth.models import FeedbackRequest


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
