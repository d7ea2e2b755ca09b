"""Circle invitations: the mentor invites members by name (community's member picker) and
sees who answered; the member invited reads the invitation and accepts or declines. Each
change is a POST that works without JavaScript (the picker falls back to a plain text input
that community's `member_resolve` reads)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.selectors.connections import display_name
from rxguild.community.selectors.member_search import member_resolve
from rxguild.core.forms import service_error_text
from rxguild.mentoring import access, invitations
from rxguild.mentoring.services import circles as services


@login_required
def circle_invitations(request: HttpRequest, circle_id: int) -> HttpResponse:
    """The circle's mentor only (404 for anyone else, members of the circle included)."""
    seen = access.circle_get_for_viewer(request.user, circle_id)
    if not seen.is_mentor:
        raise Http404("No such page.")
    mentor = signed_in_member(request.user)
    error = ""
    typed = ""
    if request.method == "POST":
        typed = (request.POST.get("member") or "")[:100]
        invitee, error = member_resolve(
            viewer=mentor, text=request.POST.get("handle", "").strip() or typed
        )
        if invitee is not None:
            try:
                services.circle_invite(mentor=mentor, circle=seen.circle, invitee=invitee)
            except ValidationError as problem:
                error = service_error_text(problem)
            except PermissionDenied as problem:  # a suspension
                error = str(problem)
            else:
                messages.success(request, f"Invitation sent to {display_name(invitee)}.")
                return redirect("mentoring:circle_invitations", seen.circle.pk)
    return render(
        request,
        "mentoring/circle_invitations.html",
        {
            "seen": seen,
            "invitations": invitations.invitations_of_circle(seen.circle),
            "error": error,
            "typed": typed,
        },
        status=422 if error else 200,
    )


@login_required
def circle_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """One invitation, for the member invited (to answer) and the circle's mentor."""
    invitation = access.circle_invitation_get_for_viewer(request.user, invitation_id)
    return render(
        request,
        "mentoring/circle_invitation.html",
        {
            "invitation": invitation,
            "circle": invitation.circle,
            "is_invitee": invitation.invitee_id == request.user.pk,
        },
    )


@login_required
@require_POST
def circle_invitation_answer(request: HttpRequest, invitation_id: int, answer: str) -> HttpResponse:
    invitation = access.circle_invitation_get_for_viewer(request.user, invitation_id)
    if answer not in ("accept", "decline"):
        raise Http404("No such answer.")
    try:
        services.circle_invitation_answer(
            invitee=signed_in_member(request.user),
            invitation=invitation,
            accept=answer == "accept",
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        if answer == "accept":
            messages.success(request, "You joined the circle: its discussion is open to you.")
            return redirect("mentoring:circle", invitation.circle_id)
        messages.success(request, "You declined the invitation.")
    return redirect("mentoring:circle_invitation", invitation.pk)
