"""Informational interviews: offering a chat, asking for one, answering, logging it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.mentoring import access, selectors
from rxguild.mentoring.forms import (
    InfoAnswerForm,
    InfoLogForm,
    InfoOfferForm,
    InfoRequestForm,
)
from rxguild.mentoring.models import AGENDA_TEMPLATE
from rxguild.mentoring.services import interviews as interview_services


@login_required
def interviews(request: HttpRequest) -> HttpResponse:
    overview = selectors.interviews_for(request.user)
    offer = overview.my_offer
    initial = (
        {
            "is_open": offer.is_open,
            "role_summary": offer.role_summary,
            "practice_setting": offer.practice_setting.code if offer.practice_setting else "",
            "monthly_cap": offer.monthly_cap,
            "contact": offer.contact,
        }
        if offer
        else None
    )
    return render(
        request,
        "mentoring/interviews.html",
        {
            "overview": overview,
            "offer_form": InfoOfferForm(initial=initial),
            "log_form": InfoLogForm(initial={"held_on": timezone.localdate()}),
        },
    )


@login_required
@require_POST
def interview_offer(request: HttpRequest) -> HttpResponse:
    form = InfoOfferForm(request.POST)
    if form.is_valid():
        try:
            interview_services.info_offer_save(
                user=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("mentoring:interviews")
    overview = selectors.interviews_for(request.user)
    context = {"overview": overview, "offer_form": form, "log_form": InfoLogForm()}
    return render(request, "mentoring/interviews.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def interview_request(request: HttpRequest, host_id: int) -> HttpResponse:
    offer = access.info_offer_get_for_viewer(request.user, host_id)
    form = InfoRequestForm(request.POST or None, initial={"agenda": AGENDA_TEMPLATE})
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.info_request_send(
                requester=signed_in_member(request.user), offer=offer, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except PermissionDenied as error:  # a suspension or the daily limit
            form.add_error(None, str(error))
        else:
            messages.success(request, "Request sent; we'll email you the answer.")
            return redirect("mentoring:interviews")
    return render(request, "mentoring/interview_request.html", {"offer": offer, "form": form})


@login_required
@require_POST
def interview_answer(request: HttpRequest, request_id: int, answer: str) -> HttpResponse:
    row = access.info_request_get_for_participant(request.user, request_id)
    form = InfoAnswerForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"note": "", "times": ""}
    try:
        interview_services.info_request_answer(
            request=row, actor=signed_in_member(request.user), answer=answer, **data
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Saved; they have been told.")
    return redirect("mentoring:interviews")


@login_required
@require_POST
def interview_log(request: HttpRequest, request_id: int) -> HttpResponse:
    row = access.info_request_get_for_participant(request.user, request_id)
    form = InfoLogForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date you talked.")
        return redirect("mentoring:interviews")
    try:
        interview_services.info_request_save_to_tracker(
            request=row, actor=signed_in_member(request.user), **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Saved to your job tracker's informational-interview log.")
    return redirect("mentoring:interviews")
