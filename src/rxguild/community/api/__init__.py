"""JSON API for the community capability, mounted under /api/v1/community/ by rxguild.api.

Every endpoint calls the same selectors (who may see what) and services (who may do what)
as the pages, so a private group, an invite-only event or a conversation is exactly as
hidden here as there. Service errors become 422 (bad input), 403 (not allowed, rate
limited, suspended) or 404 (not visible) through the handlers in rxguild.api.main.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema

from rxguild.accounts.viewer import Viewer, signed_in_member
from rxguild.community.api.router import router
from rxguild.community.models import Event, Group, Message, Post, Rsvp
from rxguild.community.selectors import connections as conn_selectors
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.selectors import messages as message_selectors
from rxguild.community.selectors.directory import (
    DirectoryQuery,
    directory_search,
    member_get_for_viewer,
)
from rxguild.community.selectors.events import (
    EventAccess,
    event_accesses_for_list,
    event_get_for_viewer,
    upcoming_events,
)
from rxguild.community.services import connections as conn_services
from rxguild.community.services import discussions, events, groups
from rxguild.community.services import messages as message_services
from rxguild.community.services.moderation import report_create
from rxguild.core.markdown import render_markdown


# --- schemas ---------------------------------------------------------------------------
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


class PostOut(Schema):
    id: int
    group: str | None
    author_handle: str | None
    author_name: str
    kind: str
    title: str
    body: str
    body_html: str
    parent_id: int | None
    is_pinned: bool
    accepted_answer_id: int | None
    status: str
    created_at: dt.datetime


class TopicIn(Schema):
    title: str
    body: str
    kind: str = Post.Kind.DISCUSSION


class ReplyIn(Schema):
    body: str


class ReactionIn(Schema):
    kind: str


class ConnectionOut(Schema):
    id: int
    from_handle: str | None
    to_handle: str | None
    status: str
    created_at: dt.datetime


class HandleIn(Schema):
    handle: str
    note: str = ""


class MemberOut(Schema):
    handle: str
    display_name: str
    headline: str
    state: str | None


class EventOut(Schema):
    id: int
    title: str
    group: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    format: str
    address: str
    online_url: str | None
    capacity: int | None
    visibility: str
    my_rsvp: str | None


class EventIn(Schema):
    title: str
    description: str = ""
    group: str | None = None
    starts_at: str
    ends_at: str
    time_zone: str = "America/New_York"
    format: str = Event.Format.ONLINE
    address: str = ""
    online_url: str = ""
    capacity: int | None = None
    visibility: str = Event.Visibility.MEMBERS
    acpe_uan: str = ""
    ce_hours: str = ""
    provider_name: str = ""


class RsvpOut(Schema):
    event_id: int
    status: str
    promoted_handle: str | None = None


class MessageOut(Schema):
    id: int
    sender_handle: str | None
    body: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class MessageIn(Schema):
    body: str


class ReportIn(Schema):
    reason: str
    detail: str = ""
    post_id: int | None = None
    message_id: int | None = None
    member_handle: str | None = None


class ReportOut(Schema):
    id: int
    status: str


def _handle(user: Viewer | None) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.handle if profile is not None else None


def _post_out(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "group": post.group.slug if post.group_id and post.group else None,
        "author_handle": _handle(post.author),
        "author_name": conn_selectors.display_name(post.author),
        "kind": post.kind,
        "title": post.title,
        "body": post.body,
        "body_html": str(render_markdown(post.body)),
        "parent_id": post.parent_id,
        "is_pinned": post.is_pinned,
        "accepted_answer_id": post.accepted_answer_id,
        "status": post.status,
        "created_at": post.created_at,
    }


def _event_out(access: EventAccess) -> dict[str, Any]:
    event = access.event
    return {
        "id": event.pk,
        "title": event.title,
        "group": event.group.slug if event.group_id and event.group else None,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "format": event.format,
        "address": event.address,
        "online_url": event.online_url if access.sees_online_link else None,
        "capacity": event.capacity,
        "visibility": event.visibility,
        "my_rsvp": access.rsvp.status if access.rsvp else None,
    }


# --- groups and posts ------------------------------------------------------------------
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


@router.get("/groups/{slug}/posts", response=list[PostOut])
def group_posts(request: HttpRequest, slug: str, page: int = 1) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    return [_post_out(p) for p in group_selectors.group_topics(request.user, access, page)]


@router.post("/groups/{slug}/posts", response={201: PostOut})
def group_post_create(request: HttpRequest, slug: str, payload: TopicIn) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    post = discussions.post_create(
        actor=signed_in_member(request.user), group=access.group, **payload.dict()
    )
    return 201, _post_out(post)


@router.post("/posts", response={201: PostOut}, summary="Share a post on your own profile")
def profile_post_create(request: HttpRequest, payload: TopicIn) -> Any:
    return 201, _post_out(
        discussions.post_create(actor=signed_in_member(request.user), group=None, **payload.dict())
    )


@router.get("/feed", response=list[PostOut])
def feed(request: HttpRequest, page: int = 1) -> Any:
    return [_post_out(p) for p in group_selectors.feed_for(signed_in_member(request.user), page)]


@router.get("/posts/{post_id}", response=PostOut)
def post_detail(request: HttpRequest, post_id: int) -> Any:
    return _post_out(group_selectors.post_get_for_viewer(request.user, post_id).post)


@router.get("/posts/{post_id}/replies", response=list[PostOut])
def post_replies(request: HttpRequest, post_id: int) -> Any:
    access = group_selectors.post_get_for_viewer(request.user, post_id)
    return [_post_out(p) for p in group_selectors.topic_replies(request.user, access)]


@router.post("/posts/{post_id}/replies", response={201: PostOut})
def post_reply(request: HttpRequest, post_id: int, payload: ReplyIn) -> Any:
    return 201, _post_out(
        discussions.reply_create(
            actor=signed_in_member(request.user), topic_id=post_id, body=payload.body
        )
    )


@router.post("/posts/{post_id}/accept", response=PostOut, summary="Accept this reply as the answer")
def post_accept(request: HttpRequest, post_id: int) -> Any:
    return _post_out(
        discussions.answer_accept(actor=signed_in_member(request.user), reply_id=post_id)
    )


@router.post("/posts/{post_id}/reactions", response={200: dict})
def post_react(request: HttpRequest, post_id: int, payload: ReactionIn) -> Any:
    on = discussions.reaction_toggle(
        actor=signed_in_member(request.user), post_id=post_id, kind=payload.kind
    )
    return {"kind": payload.kind, "on": on}


@router.get("/search", response=list[PostOut])
def search(request: HttpRequest, q: str) -> Any:
    if len(q.strip()) < 2:
        return []
    return [_post_out(p) for p in group_selectors.post_search(request.user, q.strip()[:100])]


# --- connections and directory ------------------------------------------------------------
@router.get("/connections", response=list[ConnectionOut])
def connection_list(request: HttpRequest) -> Any:
    overview = conn_selectors.connections_overview(signed_in_member(request.user))
    rows = overview["incoming"] + overview["outgoing"] + overview["connected"]
    return [
        {
            "id": row.pk,
            "from_handle": _handle(row.from_user),
            "to_handle": _handle(row.to_user),
            "status": row.status,
            "created_at": row.created_at,
        }
        for row in rows
    ]


@router.post("/connections", response={201: ConnectionOut})
def connection_request(request: HttpRequest, payload: HandleIn) -> Any:
    other, _ = member_get_for_viewer(request.user, payload.handle)
    row = conn_services.connection_request(
        actor=signed_in_member(request.user), to_user=other, note=payload.note
    )
    return 201, {
        "id": row.pk,
        "from_handle": _handle(request.user),
        "to_handle": payload.handle,
        "status": row.status,
        "created_at": row.created_at,
    }


@router.post("/connections/{connection_id}/{answer}", response={204: None})
def connection_answer(request: HttpRequest, connection_id: int, answer: str) -> Any:
    operations = {
        "accept": conn_services.connection_accept,
        "decline": conn_services.connection_decline,
        "withdraw": conn_services.connection_withdraw,
    }
    if answer not in operations:
        from django.http import Http404

        raise Http404
    operations[answer](actor=signed_in_member(request.user), connection_id=connection_id)
    return 204, None


@router.get("/directory", response=list[MemberOut])
def directory(
    request: HttpRequest,
    name: str = "",
    state: str = "",
    practice_setting: str = "",
    specialty: str = "",
    credential: str = "",
    open_to: str = "",
    page: int = 1,
) -> Any:
    query = DirectoryQuery(name, state, practice_setting, specialty, credential, open_to)
    _, views = directory_search(viewer=signed_in_member(request.user), query=query, page=page)
    return [
        {
            "handle": v.handle,
            "display_name": v.display_name,
            "headline": v.headline,
            "state": v.location["state"] if v.location else None,
        }
        for v in views
    ]


# --- events -------------------------------------------------------------------------------
@router.get("/events", response=list[EventOut])
def event_list(request: HttpRequest) -> Any:
    events = upcoming_events(request.user)[:200]
    return [_event_out(access) for access in event_accesses_for_list(request.user, events)]


@router.post("/events", response={201: EventOut})
def event_create(request: HttpRequest, payload: EventIn) -> Any:
    data = payload.dict()
    slug = data.pop("group")
    group = group_selectors.group_get_for_viewer(request.user, slug).group if slug else None
    event = events.event_create(actor=signed_in_member(request.user), group=group, data=data)
    return 201, _event_out(event_get_for_viewer(request.user, event.pk))


@router.get("/events/{event_id}", response=EventOut)
def event_detail(request: HttpRequest, event_id: int) -> Any:
    return _event_out(event_get_for_viewer(request.user, event_id))


@router.post("/events/{event_id}/rsvp", response={201: RsvpOut})
def event_rsvp(request: HttpRequest, event_id: int) -> Any:
    rsvp = events.rsvp_create(actor=signed_in_member(request.user), event_id=event_id)
    return 201, {"event_id": event_id, "status": rsvp.status}


@router.post("/events/{event_id}/cancel", response=RsvpOut)
def event_cancel(request: HttpRequest, event_id: int) -> Any:
    events.rsvp_cancel(actor=signed_in_member(request.user), event_id=event_id)
    # Who was promoted is the organizer's business: the canceller learns only that it worked.
    return {"event_id": event_id, "status": Rsvp.Status.CANCELLED, "promoted_handle": None}


# --- messages -----------------------------------------------------------------------------
@router.get("/messages/{handle}", response=list[MessageOut])
def conversation(request: HttpRequest, handle: str) -> Any:
    other, _ = member_get_for_viewer(request.user, handle)
    thread = list(message_selectors.conversation(signed_in_member(request.user), other))
    message_services.conversation_mark_read(reader=signed_in_member(request.user), other=other)
    return [
        {
            "id": m.pk,
            "sender_handle": _handle(m.sender),
            "body": m.body,
            "created_at": m.created_at,
            "read_at": m.read_at,
        }
        for m in thread
    ]


@router.post("/messages/{handle}", response={201: MessageOut})
def message_send(request: HttpRequest, handle: str, payload: MessageIn) -> Any:
    other, _ = member_get_for_viewer(request.user, handle)
    m = message_services.message_send(
        sender=signed_in_member(request.user), recipient=other, body=payload.body
    )
    return 201, {
        "id": m.pk,
        "sender_handle": _handle(request.user),
        "body": m.body,
        "created_at": m.created_at,
        "read_at": None,
    }


# --- reports ------------------------------------------------------------------------------
@router.post("/reports", response={201: ReportOut})
def report(request: HttpRequest, payload: ReportIn) -> Any:
    member = None
    if payload.member_handle:
        member, _ = member_get_for_viewer(request.user, payload.member_handle)
    if payload.message_id is not None:
        get_object_or_404(Message, pk=payload.message_id, recipient=request.user)
    row = report_create(
        reporter=signed_in_member(request.user),
        reason=payload.reason,
        detail=payload.detail,
        post_id=payload.post_id,
        message_id=payload.message_id,
        member=member,
    )
    return 201, {"id": row.pk, "status": row.status}


# Endpoints added since, in their own modules (kept out of this one, already long).
from rxguild.community.api import member_search, message_requests  # noqa: E402, F401
