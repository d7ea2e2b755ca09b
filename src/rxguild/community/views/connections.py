from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.catalog.models import Credential, PracticeSetting, Specialization
from rxguild.community.forms import DirectoryForm, ReportForm
from rxguild.community.models import Block, Follow
from rxguild.community.selectors import connections as conn_selectors
from rxguild.community.selectors.directory import (
    DirectoryQuery,
    directory_search,
    member_get_for_viewer,
)
from rxguild.community.selectors.groups import profile_posts
from rxguild.community.services import connections as conn_services
from rxguild.community.services.messages import may_message
from rxguild.community.services.moderation import report_create
from rxguild.community.views.common import back_to, page_number, renamed_member_redirect
from rxguild.core.forms import form_add_service_errors, service_error_text


def _directory_choices() -> dict[str, list[tuple[str, str]]]:
    return {
        "practice_setting": list(PracticeSetting.objects.values_list("code", "name")),
        "specialty": list(Specialization.objects.values_list("code", "name")),
        "credential": [
            (code, f"{abbr} — {name}" if abbr else name)
            for code, abbr, name in Credential.objects.order_by("name").values_list(
                "code", "abbreviation", "name"
            )
        ],
    }


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None, choices=_directory_choices())
    results = page = None
    if form.is_valid():
        query = DirectoryQuery(**form.cleaned_data)
        page, results = directory_search(
            viewer=signed_in_member(request.user), query=query, page=page_number(request)
        )
    elif not request.GET:
        page, results = directory_search(
            viewer=signed_in_member(request.user), query=DirectoryQuery(), page=page_number(request)
        )
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "community/directory.html",
        {"form": form, "results": results, "page": page, "querystring": querystring.urlencode()},
    )


@login_required
def connections(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/connections.html",
        {"overview": conn_selectors.connections_overview(signed_in_member(request.user))},
    )


@login_required
def member(request: HttpRequest, handle: str) -> HttpResponse:
    try:
        user, view = member_get_for_viewer(request.user, handle)
    except Http404:
        return renamed_member_redirect(request, handle, "community:member")
    viewer = signed_in_member(request.user)
    return render(
        request,
        "community/member.html",
        {
            "member": user,
            "view": view,
            "is_self": user.pk == viewer.pk,
            "connection": conn_selectors.connection_between(viewer, user),
            "follows": Follow.objects.filter(follower_id=viewer.pk, followed=user).exists(),
            "blocked": Block.objects.filter(blocker_id=viewer.pk, blocked=user).exists(),
            "can_message": may_message(viewer, user),
            "posts": profile_posts(viewer, user)[:20],
        },
    )


ACTIONS = {
    "connect": lambda actor, other, request: conn_services.connection_request(
        actor=actor, to_user=other, note=request.POST.get("note", "")
    ),
    "disconnect": lambda actor, other, request: conn_services.connection_remove(
        actor=actor, other=other
    ),
    "follow": lambda actor, other, request: conn_services.follow_create(
        actor=actor, followed=other
    ),
    "unfollow": lambda actor, other, request: conn_services.follow_delete(
        actor=actor, followed=other
    ),
    "block": lambda actor, other, request: conn_services.block_create(actor=actor, blocked=other),
    "unblock": lambda actor, other, request: conn_services.block_delete(actor=actor, blocked=other),
}
DONE = {
    "connect": "Connection request sent.",
    "disconnect": "Connection removed.",
    "follow": "You follow this member now.",
    "unfollow": "You no longer follow this member.",
    "block": "Blocked. You won't see each other in the community.",
    "unblock": "Unblocked.",
}


@login_required
@require_POST
def member_action(request: HttpRequest, handle: str, action: str) -> HttpResponse:
    if action == "unblock":
        # A blocked member is a 404 through the usual lookup: find them among own blocks.
        row = Block.objects.filter(
            blocker_id=request.user.pk, blocked__profile__handle=handle
        ).first()
        if row is not None:
            conn_services.block_delete(actor=signed_in_member(request.user), blocked=row.blocked)
            messages.success(request, DONE[action])
        return redirect(back_to(request, reverse("community:connections")))
    other, _ = member_get_for_viewer(request.user, handle)
    if action not in ACTIONS:
        return redirect("community:member", handle=handle)
    try:
        ACTIONS[action](request.user, other, request)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, DONE[action])
    if action == "block":
        return redirect("community:connections")
    return redirect(back_to(request, reverse("community:member", args=[handle])))


@login_required
@require_POST
def connection_answer(request: HttpRequest, connection_id: int, answer: str) -> HttpResponse:
    operations = {
        "accept": (conn_services.connection_accept, "Connected."),
        "decline": (conn_services.connection_decline, "Request declined."),
        "withdraw": (conn_services.connection_withdraw, "Request withdrawn."),
    }
    if answer not in operations:
        raise Http404("No such answer.")
    operation, done = operations[answer]
    try:
        operation(actor=signed_in_member(request.user), connection_id=connection_id)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, done)
    return redirect(back_to(request, reverse("community:connections")))


@login_required
def member_report(request: HttpRequest, handle: str) -> HttpResponse:
    other, view = member_get_for_viewer(request.user, handle)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=signed_in_member(request.user), member=other, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. A moderator will look at your report.")
            return redirect("community:member", handle=handle)
    return render(
        request,
        "community/report.html",
        {"form": form, "subject": f"the member {view.display_name}"},
        status=400 if request.method == "POST" else 200,
    )
