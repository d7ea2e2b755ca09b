"""The options of the member pickers (group invitations, "write to someone"): htmx fetches
them as the member types. Only members the viewer may see (selectors.member_search)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.selectors.member_search import member_search


@login_required
@require_GET
def member_options(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("member") or request.GET.get("name") or "")[:100]
    slug = request.GET.get("group", "")
    group = group_selectors.group_get_for_viewer(request.user, slug).group if slug else None
    purpose = "message" if request.GET.get("purpose") == "message" else "invite"
    return render(
        request,
        "community/_member_options.html",
        {
            "matches": member_search(viewer=signed_in_member(request.user), text=text, group=group),
            "purpose": purpose,
        },
    )
