"""Search members by name for pickers (invitations, message requests): only members the
caller may see, as in the directory."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.router import router
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.selectors.member_search import member_search


class MemberMatchOut(Schema):
    handle: str
    display_name: str
    headline: str
    unavailable: str


@router.get("/member-search", response=list[MemberMatchOut])
def member_search_api(request: HttpRequest, q: str, group: str = "") -> Any:
    """Up to 8 members whose name contains every word of `q` (2+ characters) or whose handle
    starts with it. With `group` (a slug the caller may see), members and invitees of that
    group say so in `unavailable`."""
    group_obj = group_selectors.group_get_for_viewer(request.user, group).group if group else None
    return member_search(viewer=signed_in_member(request.user), text=q[:100], group=group_obj)
