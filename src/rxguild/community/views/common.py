from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from rxguild.profiles.selectors import handle_renamed_to


def back_to(request: HttpRequest, default: str) -> str:
    """Where to go after a small POST action: the `next` field when it is ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def page_number(request: HttpRequest) -> Any:
    return request.GET.get("page", 1)


def renamed_member_redirect(request: HttpRequest, handle: str, url_name: str) -> HttpResponse:
    """A member page under a handle the member gave up: to their current one, for a viewer who
    may see them; otherwise the same 404 as an unknown handle (profiles decides)."""
    current = handle_renamed_to(request.user, handle)
    if current is None:
        raise Http404("No such member.")
    return redirect(reverse(url_name, args=[current]), permanent=True)
