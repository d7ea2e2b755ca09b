"""A mentorship's page and what happens on it: close, rate, check-ins, notes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors
from rxguild.mentoring import access
from rxguild.mentoring.forms import (
    CheckInForm,
    CloseForm,
    NoteForm,
    RateForm,
)
from rxguild.mentoring.ical import check_in_to_ical
from rxguild.mentoring.models import CheckIn, Mentorship, MentorshipNote
from rxguild.mentoring.services import meetings, mentorships


@login_required
def mentorship_detail(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    return render(request, "mentoring/mentorship.html", _mentorship_context(request, mentorship))


def _mentorship_context(
    request: HttpRequest, mentorship: Mentorship, **forms: object
) -> dict[str, object]:
    is_mentor = mentorship.mentor_id == request.user.pk
    side = "mentor" if is_mentor else "mentee"
    return {
        "check_ins": list(
            CheckIn.objects.filter(mentorship=mentorship, starts_at__gte=timezone.now())
        ),
        "notes": list(
            MentorshipNote.objects.filter(access.notes_visible_to(request.user, mentorship))
        ),
        "check_in_form": forms.get("check_in_form") or CheckInForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "mentorship": mentorship,
        "is_mentor": is_mentor,
        "other": mentorship.mentee if is_mentor else mentorship.mentor,
        "my_rating": getattr(mentorship, f"{side}_rating"),
        "my_comment": getattr(mentorship, f"{side}_comment"),
        "close_form": forms.get("close_form") or CloseForm(),
        "rate_form": forms.get("rate_form") or RateForm(),
    }


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
    context = _mentorship_context(request, mentorship, close_form=form)
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
    context = _mentorship_context(request, mentorship, rate_form=form)
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
    context = _mentorship_context(request, mentorship, check_in_form=form)
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
    context = _mentorship_context(request, mentorship, note_form=form)
    return render(request, "mentoring/mentorship.html", context, status=422)
