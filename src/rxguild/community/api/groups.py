"""Groups: list, create, read, join, leave, invite. Invite-only groups are a 404 to all but
members, invitees, site moderators and staff (`group_get_for_viewer`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import HandleIn
from rxguild.community.api.router import router
from rxguild.community.models import Group
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import groups


class GroupOut(Schema):
    slug: str
    name: str
    kind: str
    state: str
    visibility: str
    description: str


class GroupIn(Schema):
    name: str
    description: str = ""
    kind: str = Group.Kind.OTHER
    state: str = ""
    visibility: str = Group.Visibility.PUBLIC


@router.get("/groups", response=list[GroupOut])
def group_list(request: HttpRequest) -> Any:
    return list(group_selectors.groups_visible_to(request.user).order_by("name")[:500])


@router.post("/groups", response={201: GroupOut})
def group_create(request: HttpRequest, payload: GroupIn) -> Any:
    return 201, groups.group_create(actor=signed_in_member(request.user), data=payload.dict())


@router.get("/groups/{slug}", response=GroupOut)
def group_detail(request: HttpRequest, slug: str) -> Any:
    return group_selectors.group_get_for_viewer(request.user, slug).group


@router.post("/groups/{slug}/join", response={204: None})
def group_join(request: HttpRequest, slug: str) -> Any:
    groups.group_join(
        actor=signed_in_member(request.user),
        group=group_selectors.group_get_for_viewer(request.user, slug).group,
    )
    return 204, None


@router.post("/groups/{slug}/leave", response={204: None})
def group_leave(request: HttpRequest, slug: str) -> Any:
    groups.group_leave(
        actor=signed_in_member(request.user),
        group=group_selectors.group_get_for_viewer(request.user, slug).group,
    )
    return 204, None


@router.post("/groups/{slug}/invite", response={204: None})
def group_invite(request: HttpRequest, slug: str, payload: HandleIn) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    invitee, _ = member_get_for_viewer(request.user, payload.handle)
    groups.group_invite(actor=signed_in_member(request.user), group=access.group, invitee=invitee)
    return 204, None
