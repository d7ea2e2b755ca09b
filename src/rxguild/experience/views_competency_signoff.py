"""A competency record's sign-off: the member sends it from the competencies page; the evaluator
signs or declines on the page their emailed link opens (no account)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.core.ratelimit import RateLimited
from rxguild.core.signed_links import LinkError, token_page
from rxguild.experience import access
from rxguild.experience.forms_evaluations import CompetencySignResponseForm, EvaluatorForm
from rxguild.experience.services import competency_signoff as signoff_services
from rxguild.experience.views import _link_error_page


@login_required
@require_POST
def competency_signoff_request(request: HttpRequest, record_id: int) -> HttpResponse:
    record = access.competency_record_get_for_owner(request.user, record_id)
    form = EvaluatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the evaluator's name, role and email.")
        return redirect("experience:competencies")
    try:
        record = signoff_services.competency_signoff_request(record=record, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except RateLimited as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sent the record to {record.evaluator_name} to sign.")
    return redirect("experience:competencies")


@login_required
@require_POST
def competency_signoff_withdraw(request: HttpRequest, record_id: int) -> HttpResponse:
    record = access.competency_record_get_for_owner(request.user, record_id)
    try:
        signoff_services.competency_signoff_withdraw(record=record)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Sign-off request withdrawn: its link no longer works.")
    return redirect("experience:competencies")


@token_page
@require_http_methods(["GET", "POST"])
def competency_sign(request: HttpRequest, token: str) -> HttpResponse:
    try:
        record = signoff_services.competency_for_token(token)
    except LinkError as error:
        return _link_error_page(request, error)
    form = CompetencySignResponseForm(
        request.POST or None,
        initial={"evaluator_name": record.evaluator_name, "evaluator_role": record.evaluator_role},
    )
    if request.method == "POST" and form.is_valid():
        try:
            answered = signoff_services.competency_signoff_respond(token=token, **form.cleaned_data)
        except LinkError as error:
            return _link_error_page(request, error)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return render(request, "experience/competency_sign_done.html", {"record": answered})
    return render(
        request,
        "experience/competency_sign.html",
        {"record": record, "form": form},
        status=400 if form.errors else 200,
    )
