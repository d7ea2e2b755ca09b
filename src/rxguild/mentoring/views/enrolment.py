"""Pages where a member enrols as mentor or mentee, edits, pauses or leaves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors
from rxguild.mentoring import access, selectors
from rxguild.mentoring.forms import (
    MenteeWantsForm,
    MentorOfferForm,
    mentee_wants_initial,
    mentor_offer_initial,
)
from rxguild.mentoring.services import enrolment
from rxguild.mentoring.services.enrolment import LeaveOutcome


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mentoring/home.html", {"overview": selectors.mentoring_overview(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentor_edit(request: HttpRequest) -> HttpResponse:
    offer = access.mentor_offer_for_owner(request.user)
    if request.method == "POST":
        form = MentorOfferForm(request.POST)
        if form.is_valid():
            try:
                enrolment.mentor_offer_save(
                    user=signed_in_member(request.user), **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, "Your mentor offer is saved." if offer else "You are now a mentor."
                )
                return redirect("mentoring:home")
    else:
        form = MentorOfferForm(initial=mentor_offer_initial(offer) if offer else None)
    return render(request, "mentoring/mentor_form.html", {"form": form, "offer": offer})


@login_required
@require_POST
def mentor_pause(request: HttpRequest) -> HttpResponse:
    offer = access.mentor_offer_for_owner(request.user)
    if offer is None:
        messages.error(request, "You are not enrolled as a mentor.")
        return redirect("mentoring:home")
    paused = request.POST.get("paused") == "1"
    enrolment.mentor_offer_pause(offer=offer, paused=paused)
    messages.success(
        request,
        "Paused: nobody new can ask you until you resume. Your mentorships go on."
        if paused
        else "You are taking mentee requests again.",
    )
    return redirect("mentoring:home")


def _left_message(role: str, outcome: LeaveOutcome) -> str:
    parts = [f"You have left mentoring as a {role}."]
    if outcome.requests_withdrawn:
        parts.append(f"{outcome.requests_withdrawn} pending request(s) withdrawn.")
    if outcome.close_requested:
        parts.append(
            f"{outcome.close_requested} open mentorship(s) are asked to close: close each "
            "below when you have said goodbye."
        )
    return " ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def mentor_leave(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        outcome = enrolment.mentor_offer_leave(user=signed_in_member(request.user))
        messages.success(request, _left_message("mentor", outcome))
        return redirect("mentoring:home")
    overview = selectors.mentoring_overview(request.user)
    return render(
        request,
        "mentoring/leave.html",
        {
            "role": "mentor",
            "mentorships": [m for m in overview.mentorships if m.mentor_id == request.user.pk],
            "requests": overview.requests_in,
            "action": "mentoring:mentor_leave",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentee_edit(request: HttpRequest) -> HttpResponse:
    wants = access.mentee_wants_for_owner(request.user)
    if request.method == "POST":
        form = MenteeWantsForm(request.POST)
        if form.is_valid():
            try:
                enrolment.mentee_wants_save(
                    user=signed_in_member(request.user), **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Saved." if wants else "You are enrolled as a mentee.")
                return redirect("mentoring:home")
    else:
        form = MenteeWantsForm(initial=mentee_wants_initial(wants) if wants else None)
    return render(request, "mentoring/mentee_form.html", {"form": form, "wants": wants})


@login_required
@require_http_methods(["GET", "POST"])
def mentee_leave(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        outcome = enrolment.mentee_wants_leave(user=signed_in_member(request.user))
        messages.success(request, _left_message("mentee", outcome))
        return redirect("mentoring:home")
    overview = selectors.mentoring_overview(request.user)
    return render(
        request,
        "mentoring/leave.html",
        {
            "role": "mentee",
            "mentorships": [m for m in overview.mentorships if m.mentee_id == request.user.pk],
            "requests": overview.requests_out,
            "action": "mentoring:mentee_leave",
        },
    )
