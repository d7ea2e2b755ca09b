"""A conversation with one member (reading it marks it read) and sending a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import handle_of
from rxguild.community.api.router import router
from rxguild.community.selectors import messages as message_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import messages as message_services


class MessageOut(Schema):
    id: int
    sender_handle: str | None
    body: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class MessageIn(Schema):
    body: str


@router.get("/messages/{handle}", response=list[MessageOut])
def conversation(request: HttpRequest, handle: str) -> Any:
    other, _ = member_get_for_viewer(request.user, handle)
    thread = list(message_selectors.conversation(signed_in_member(request.user), other))
    message_services.conversation_mark_read(reader=signed_in_member(request.user), other=other)
    return [
        {
            "id": m.pk,
            "sender_handle": handle_of(m.sender),
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
        "sender_handle": handle_of(request.user),
        "body": m.body,
        "created_at": m.created_at,
        "read_at": None,
    }
