"""Pages of the preceptor's evaluation: the student asks from the hour log and sees the result;
the preceptor fills it through the emailed link (no account) or signed in."""

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
from rxguild.experience.forms_evaluations import EvaluationAnswerForm, EvaluationRequestForm
from rxguild.experience.models import Evaluation
from rxguild.experience.selectors_evaluations import evaluation_rows
from rxguild.experience.services import evaluations as evaluation_services
from rxguild.experience.views import _link_error_page


@login_required
@require_POST
def evaluation_request(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.entry_get_for_owner(request.user, entry_id)
    form = EvaluationRequestForm(request.POST)
    if form.is_valid():
        try:
            evaluation = evaluation_services.evaluation_request(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, service_error_text(error))
        except RateLimited as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Asked {evaluation.evaluator_name} for your "
                f"{evaluation.get_kind_display().lower()}.",
            )
    else:
        messages.error(request, "Give the evaluation, your preceptor's name, role and email.")
    return redirect("experience:hour_log", entry_id=entry.pk)


@login_required
@require_POST
def evaluation_withdraw(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = access.evaluation_get_for_owner(request.user, evaluation_id)
    try:
        evaluation_services.evaluation_withdraw(evaluation=evaluation)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Evaluation request withdrawn: its link no longer works.")
    return redirect("experience:hour_log", entry_id=evaluation.entry_id)


@login_required
def evaluation_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = access.evaluation_get_for_owner(request.user, evaluation_id)
    return render(
        request,
        "experience/evaluation.html",
        {"evaluation": evaluation, "rows": evaluation_rows(evaluation)},
    )


def _answer_page(
    request: HttpRequest, evaluation: Evaluation, form: EvaluationAnswerForm
) -> HttpResponse:
    return render(
        request,
        "experience/evaluate.html",
        {"evaluation": evaluation, "form": form},
        status=400 if form.errors else 200,
    )


def _initial(evaluation: Evaluation) -> dict[str, str]:
    return {
        "evaluator_name": evaluation.evaluator_name,
        "evaluator_role": evaluation.evaluator_role,
    }


@token_page
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    try:
        evaluation = evaluation_services.evaluation_for_token(token)
    except LinkError as error:
        return _link_error_page(request, error)
    form = EvaluationAnswerForm(request.POST or None, initial=_initial(evaluation))
    if request.method == "POST" and form.is_valid():
        try:
            answered = evaluation_services.evaluation_submit_by_link(
                token=token, **form.service_arguments()
            )
        except LinkError as error:
            return _link_error_page(request, error)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return render(request, "experience/evaluate_done.html", {"evaluation": answered})
    return _answer_page(request, evaluation, form)


@login_required
def evaluations_assigned(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "experience/evaluations_assigned.html",
        {
            "evaluations": list(access.evaluations_assigned_to(request.user)),
            "signoffs": list(access.signoffs_assigned_to(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_fill(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = access.evaluation_get_for_evaluator(request.user, evaluation_id)
    form = EvaluationAnswerForm(request.POST or None, initial=_initial(evaluation))
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_services.evaluation_submit_by_account(
                evaluation=evaluation, evaluator=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: the evaluation is sent to the student.")
            return redirect("experience:evaluations_assigned")
    return _answer_page(request, evaluation, form)
