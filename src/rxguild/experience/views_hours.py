"""Pages of the externship and internship hour log (phone-first: log a day on a break) and the
preceptor's sign-off page, opened by a signed link without an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.core.ratelimit import RateLimited
from rxguild.core.signed_links import LinkError, token_page
from rxguild.experience import access, selectors
from rxguild.experience.forms import HourLogForm, SignOffRequestForm, SignOffResponseForm
from rxguild.experience.forms_evaluations import EvaluationRequestForm
from rxguild.experience.hours import week_of
from rxguild.experience.selectors_evaluations import evaluation_states
from rxguild.experience.selectors_programs import preceptors_for_student
from rxguild.experience.services import hours as hour_services
from rxguild.experience.views import _link_error_page


def _log_page(
    request: HttpRequest,
    entry_id: int,
    *,
    log_form: HourLogForm | None = None,
    signoff_form: SignOffRequestForm | None = None,
    status: int = 200,
) -> HttpResponse:
    entry = access.entry_get_for_owner(request.user, entry_id)
    monday, sunday = week_of(timezone.localdate())
    # "Use <preceptor>" links fill the forms from the program's list, without JavaScript.
    listed = preceptors_for_student(request.user)
    chosen = next((p for p in listed if str(p.pk) == request.GET.get("preceptor")), None)
    person = {"name": chosen.name, "role": chosen.role, "email": chosen.email} if chosen else {}
    return render(
        request,
        "experience/hour_log.html",
        {
            "log": selectors.hour_log_for_entry(entry),
            "log_form": log_form or HourLogForm(initial={"worked_on": timezone.localdate()}),
            "signoff_form": signoff_form
            or SignOffRequestForm(
                initial={
                    "period_start": monday,
                    "period_end": sunday,
                    **{f"preceptor_{key}": value for key, value in person.items()},
                }
            ),
            "evaluation_form": EvaluationRequestForm(
                auto_id="id_eval_%s",
                initial={f"evaluator_{key}": value for key, value in person.items()},
            ),
            "listed_preceptors": listed,
            "evaluation_states": evaluation_states(entry.evaluations.all()),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def hour_log(request: HttpRequest, entry_id: int) -> HttpResponse:
    if request.method == "GET":
        return _log_page(request, entry_id)
    entry = access.entry_get_for_owner(request.user, entry_id)
    form = HourLogForm(request.POST)
    if form.is_valid():
        try:
            line = hour_services.hour_log_add(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Logged {line.hours} h on {line.worked_on:%b %-d}.")
            return redirect("experience:hour_log", entry_id=entry.pk)
    return _log_page(request, entry_id, log_form=form, status=400)


@login_required
@require_POST
def hour_log_delete(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.log_line_get_for_owner(request.user, line_id)
    try:
        hour_services.hour_log_delete(line=line)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Removed that day.")
    return redirect("experience:hour_log", entry_id=line.entry_id)


@login_required
@require_POST
def signoff_request(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.entry_get_for_owner(request.user, entry_id)
    form = SignOffRequestForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            signoff = hour_services.hour_signoff_request(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request,
                f"Sent {signoff.hours} h to {signoff.preceptor_name} for sign-off.",
            )
            return redirect("experience:hour_log", entry_id=entry.pk)
    return _log_page(request, entry_id, signoff_form=form, status=status)


@login_required
@require_POST
def signoff_withdraw(request: HttpRequest, signoff_id: int) -> HttpResponse:
    signoff = access.signoff_get_for_owner(request.user, signoff_id)
    try:
        hour_services.hour_signoff_withdraw(signoff=signoff)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Sign-off request withdrawn: its link no longer works.")
    return redirect("experience:hour_log", entry_id=signoff.entry_id)


@token_page
@require_http_methods(["GET", "POST"])
def signoff(request: HttpRequest, token: str) -> HttpResponse:
    try:
        request_row = hour_services.signoff_for_token(token)
    except LinkError as error:
        return _link_error_page(request, error)
    form = SignOffResponseForm(
        request.POST or None,
        initial={
            "preceptor_name": request_row.preceptor_name,
            "preceptor_role": request_row.preceptor_role,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            answered = hour_services.hour_signoff_respond(token=token, **form.cleaned_data)
        except LinkError as error:
            return _link_error_page(request, error)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return render(request, "experience/signoff_done.html", {"signoff": answered})
    return render(
        request,
        "experience/signoff.html",
        {
            "signoff": request_row,
            "lines": list(request_row.lines.order_by("worked_on", "id")),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signoff_answer(request: HttpRequest, signoff_id: int) -> HttpResponse:
    """The sign-off page for a preceptor signed in with the verified email the student gave."""
    request_row = access.signoff_get_for_preceptor(request.user, signoff_id)
    form = SignOffResponseForm(
        request.POST or None,
        initial={
            "preceptor_name": request_row.preceptor_name,
            "preceptor_role": request_row.preceptor_role,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            hour_services.hour_signoff_respond_by_account(
                signoff=request_row, preceptor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your answer is sent to the student.")
            return redirect("experience:evaluations_assigned")
    return render(
        request,
        "experience/signoff.html",
        {
            "signoff": request_row,
            "lines": list(request_row.lines.order_by("worked_on", "id")),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
