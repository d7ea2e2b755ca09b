"""A mentorship's page and what happens on it: close, rate, check-ins, notes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.mentoring import access
from rxguild.mentoring.forms import (
    CheckInForm,
    CloseForm,
    NoteForm,
    RateForm,
    RequestForm,
)
from rxguild.mentoring.ical import check_in_to_ical
from rxguild.mentoring.services import meetings, mentorships, rematch
from rxguild.mentoring.views.mentorship_page import mentorship_context


@login_required
def mentorship_detail(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    return render(request, "mentoring/mentorship.html", mentorship_context(request, mentorship))


@login_required
@require_POST
def mentorship_close(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            mentorships.mentorship_close(
                mentorship=mentorship, actor=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = mentorship_context(request, mentorship, close_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


@login_required
@require_POST
def mentorship_rate(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            mentorships.mentorship_rate(
                mentorship=mentorship, actor=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you for your rating.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = mentorship_context(request, mentorship, rate_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


@login_required
@require_POST
def check_in_schedule(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            meetings.check_in_schedule(
                mentorship=mentorship, actor=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Check-in scheduled; they have been emailed.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = mentorship_context(request, mentorship, check_in_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


@login_required
def check_in_ics(request: HttpRequest, check_in_id: int) -> HttpResponse:
    check_in = access.check_in_get_for_participant(request.user, check_in_id)
    response = HttpResponse(
        check_in_to_ical(check_in, viewer_id=request.user.pk or 0),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="check-in-{check_in.pk}.ics"'
    return response


@login_required
@require_POST
def note_add(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            meetings.mentorship_note_add(
                mentorship=mentorship, actor=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Note saved.")
            return redirect("mentoring:mentorship", mentorship.pk)
    context = mentorship_context(request, mentorship, note_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)


@login_required
@require_POST
def rematch_request(request: HttpRequest, mentorship_id: int, mentor_id: int) -> HttpResponse:
    """One click from an ended mentorship's page: ask one of the next best mentors."""
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    if not access.may_rematch(request.user, mentorship):
        raise Http404("No such mentorship.")
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    form = RequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["note"][0])
        rematch.mentorship_rematch_request(
            mentorship=mentorship,
            mentee=signed_in_member(request.user),
            offer=offer,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("mentoring:mentorship", mentorship.pk)
    except PermissionDenied as error:  # a block, a suspension or the daily limit
        messages.error(request, str(error))
        return redirect("mentoring:mentorship", mentorship.pk)
    messages.success(
        request,
        f"Request sent. They have {mentorships.RESPONSE_DAYS} days to answer; we'll email you.",
    )
    return redirect("mentoring:requests")
