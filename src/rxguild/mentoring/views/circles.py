"""Mentoring circles: the list (mine, and open ones with a seat), one circle's page, start,
join, leave and close. Each change is a POST that works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.mentoring import access, invitations, selectors
from rxguild.mentoring.forms import CircleForm
from rxguild.mentoring.models import CircleMember
from rxguild.mentoring.services import circles as services


@login_required
def circles(request: HttpRequest) -> HttpResponse:
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            circle = services.circle_start(
                mentor=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except PermissionDenied as error:  # a suspension
            form.add_error(None, str(error))
        else:
            messages.success(request, "Circle started, with its private discussion group.")
            return redirect("mentoring:circle", circle.pk)
    mine, open_ = selectors.circles_for(request.user)
    return render(
        request,
        "mentoring/circles.html",
        {
            "mine": mine,
            "open_circles": open_,
            "invited": invitations.invitations_to(signed_in_member(request.user)),
            "form": form,
            "is_mentor": access.mentor_offer_for_owner(request.user) is not None,
        },
        status=422 if form.errors else 200,
    )


@login_required
def circle_detail(request: HttpRequest, circle_id: int) -> HttpResponse:
    seen = access.circle_get_for_viewer(request.user, circle_id)
    members = (
        list(CircleMember.objects.filter(circle=seen.circle).select_related("mentee__profile"))
        if seen.can_see_members
        else []
    )
    return render(request, "mentoring/circle.html", {"seen": seen, "members": members})


@login_required
@require_POST
def circle_action(request: HttpRequest, circle_id: int, action: str) -> HttpResponse:
    seen = access.circle_get_for_viewer(request.user, circle_id)
    member = signed_in_member(request.user)
    done = {
        "join": "You joined the circle: its discussion is open to you.",
        "leave": "You left the circle.",
        "close": "The circle takes no new members now.",
    }
    if action not in done:
        raise Http404("No such action.")
    try:
        if action == "join":
            services.circle_join(mentee=member, circle=seen.circle)
        elif action == "leave":
            services.circle_leave(mentee=member, circle=seen.circle)
        else:
            services.circle_close(mentor=member, circle=seen.circle)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done[action])
    return redirect("mentoring:circle", seen.circle.pk)
