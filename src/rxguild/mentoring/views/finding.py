"""Finding a mentor: recommendations, bookmarks, requests and their answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import service_error_text
from rxguild.mentoring import access, selectors
from rxguild.mentoring.forms import (
    DeclineForm,
    MentorFilterForm,
    RequestForm,
)
from rxguild.mentoring.services import mentorships


@login_required
def mentors(request: HttpRequest) -> HttpResponse:
    form = MentorFilterForm(request.GET or None)
    filters = selectors.MentorFilters(**form.cleaned_data) if form.is_valid() else None
    directory = selectors.mentor_directory(request.user, filters=filters)
    return render(
        request,
        "mentoring/mentors.html",
        {
            "directory": directory,
            "filter_form": form,
            "request_form": RequestForm(),
            "bookmarks": selectors.bookmarks_for(request.user),
        },
    )


@login_required
@require_POST
def request_send(request: HttpRequest, mentor_id: int) -> HttpResponse:
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the note under 2,000 characters.")
        return redirect("mentoring:mentors")
    try:
        mentorships.mentorship_request_send(
            mentee=signed_in_member(request.user), offer=offer, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("mentoring:mentors")
    except PermissionDenied as error:  # a block, a suspension or the daily limit
        messages.error(request, str(error))
        return redirect("mentoring:mentors")
    messages.success(
        request,
        f"Request sent. They have {mentorships.RESPONSE_DAYS} days to answer; we'll email you.",
    )
    return redirect("mentoring:requests")


@login_required
@require_POST
def bookmark_toggle(request: HttpRequest, mentor_id: int) -> HttpResponse:
    offer = access.mentor_offer_get_for_viewer(request.user, mentor_id)
    try:
        added = mentorships.bookmark_toggle(mentee=signed_in_member(request.user), offer=offer)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Bookmarked." if added else "Bookmark removed.")
    return redirect("mentoring:mentors")


@login_required
def requests_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/requests.html",
        {"overview": selectors.requests_for(request.user), "decline_form": DeclineForm()},
    )


@login_required
@require_POST
def request_answer(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    mentorship_request = access.request_get_for_participant(request.user, request_id)
    try:
        if action == "accept":
            mentorship = mentorships.mentorship_request_accept(
                request=mentorship_request, actor=signed_in_member(request.user)
            )
            messages.success(request, "Accepted. Say hello and agree your goals.")
            return redirect("mentoring:mentorship", mentorship.pk)
        if action == "decline":
            form = DeclineForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            mentorships.mentorship_request_decline(
                request=mentorship_request, actor=signed_in_member(request.user), note=note
            )
            messages.success(request, "Declined; they have been told.")
        elif action == "withdraw":
            mentorships.mentorship_request_withdraw(
                request=mentorship_request, actor=signed_in_member(request.user)
            )
            messages.success(request, "Request withdrawn.")
        else:
            raise Http404("No such action.")
    except (ValidationError, PermissionDenied) as error:
        text = service_error_text(error) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    return redirect("mentoring:requests")
