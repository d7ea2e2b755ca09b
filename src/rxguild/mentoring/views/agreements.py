"""The agreement on a mentorship's page: propose (or propose changes), accept. With htmx the
agreement section is swapped in place; without it the page reloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.mentoring import access
from rxguild.mentoring.forms import AgreementForm
from rxguild.mentoring.models import Mentorship
from rxguild.mentoring.services.agreements import (
    AgreementTerms,
    agreement_accept,
    agreement_propose,
)
from rxguild.mentoring.views.mentorship_page import (
    agreement_context,
    growth_goal_choices,
    mentorship_context,
)


def _section(
    request: HttpRequest, mentorship: Mentorship, *, status: int = 200, **extra: Any
) -> HttpResponse:
    context = agreement_context(request, mentorship, extra.pop("form", None))
    return render(request, "mentoring/_agreement.html", {**context, **extra}, status=status)


@login_required
@require_POST
def agreement_propose_view(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = AgreementForm(request.POST, growth_goals=growth_goal_choices(request, mentorship))
    if form.is_valid():
        data = form.cleaned_data
        try:
            agreement_propose(
                mentorship=mentorship,
                actor=signed_in_member(request.user),
                terms=AgreementTerms(
                    goals=data["goals"],
                    cadence=data["cadence"],
                    meeting_minutes=data["meeting_minutes"],
                    end_date=data["end_date"],
                ),
                growth_goal_ids=data.get("growth_goals") if "growth_goals" in form.fields else None,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _done(request, mentorship, "Proposed: they have been asked to accept.")
    return _failed(request, mentorship, form=form)


@login_required
@require_POST
def agreement_accept_view(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = access.agreement_get_for_participant(request.user, agreement_id)
    mentorship = access.mentorship_get_for_participant(request.user, agreement.mentorship_id)
    try:
        agreement_accept(agreement=agreement, actor=signed_in_member(request.user))
    except ValidationError as error:
        return _failed(request, mentorship, problem=service_error_text(error))
    return _done(request, mentorship, "Accepted: you are both agreed.")


def _done(request: HttpRequest, mentorship: Mentorship, text: str) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware sets it
        return _section(request, mentorship, saved=text)
    messages.success(request, text)
    return redirect("mentoring:mentorship", mentorship.pk)


def _failed(
    request: HttpRequest,
    mentorship: Mentorship,
    *,
    form: AgreementForm | None = None,
    problem: str = "",
) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return _section(request, mentorship, form=form, problem=problem, status=422)
    context = mentorship_context(request, mentorship, agreement_form=form)
    return render(request, "mentoring/mentorship.html", {**context, "problem": problem}, status=422)
