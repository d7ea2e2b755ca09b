"""Feedback: the member's requests, and the pages a person asked reaches by link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.core.ratelimit import RateLimited
from rxguild.core.signed_links import LinkError, LinkInvalid, token_page
from rxguild.growth import access, selectors, services
from rxguild.growth.engine import LEVELS
from rxguild.growth.forms import (
    RECIPIENT_ROWS,
    FeedbackRequestForm,
)

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


@login_required
@require_POST
def feedback_resend(request: HttpRequest, request_id: int, invite_id: int) -> HttpResponse:
    invite = access.feedback_invite_get_for_owner(request.user, request_id, invite_id)
    try:
        services.feedback_invite_resend(invite=invite)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except RateLimited as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"A new link is on its way to {invite.name or invite.email}; the earlier link no "
            "longer works.",
        )
    return redirect("growth:feedback_detail", request_id=request_id)


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
