"""A conversation with one member (reading it marks it read) and sending a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import handle_of
from rxguild.community.api.router import router
from rxguild.community.models import Message
from rxguild.community.selectors import messages as message_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import messages as message_services


class MessageOut(Schema):
    id: int
    sender_handle: str | None
    body: str
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_sender_handle(message: Message) -> str | None:
        return handle_of(message.sender)


class MessageIn(Schema):
    body: str


@router.get("/messages/{handle}", response=list[MessageOut])
def conversation(request: HttpRequest, handle: str) -> Any:
    other, _ = member_get_for_viewer(request.user, handle)
    thread = list(message_selectors.conversation(signed_in_member(request.user), other))
    message_services.conversation_mark_read(reader=signed_in_member(request.user), other=other)
    # Read before it is marked read: each message says whether it was unread until now.
    return thread


@router.post("/messages/{handle}", response={201: MessageOut})
def message_send(request: HttpRequest, handle: str, payload: MessageIn) -> Any:
    other, _ = member_get_for_viewer(request.user, handle)
    return 201, message_services.message_send(
        sender=signed_in_member(request.user), recipient=other, body=payload.body
    )
