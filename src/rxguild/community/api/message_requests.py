"""Message requests: a first message to a member who is not a connection, which the recipient
accepts (the conversation opens) or declines (the sender is not told). Same services as the
pages: blocks read as 404, caps and suspensions as 403, bad input as 422."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import handle_of
from rxguild.community.api.router import router
from rxguild.community.models import Message, MessageRequest
from rxguild.community.selectors import message_requests as request_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import message_requests as request_services


class MessageRequestIn(Schema):
    handle: str = Field(..., description="The member's handle (the part after /p/)")
    body: str = Field(..., description="The first message, up to 1,000 characters")


class MessageRequestOut(Schema):
    # A request as the caller sees it, whichever side of it they are on.
    id: int
    other_handle: str | None
    body: str
    status: str
    created_at: dt.datetime

    @staticmethod
    def resolve_other_handle(row: MessageRequest, context: dict[str, Any]) -> str | None:
        caller_sent_it = row.sender_id == context["request"].user.pk
        return handle_of(row.recipient if caller_sent_it else row.sender)

    @staticmethod
    def resolve_status(row: MessageRequest, context: dict[str, Any]) -> str:
        # The sender sees "pending" until an answer they may know of: a decline is never shown.
        if row.sender_id == context["request"].user.pk and row.status == row.Status.DECLINED:
            return MessageRequest.Status.PENDING
        return row.status


class MessageRequestsOut(Schema):
    incoming: list[MessageRequestOut]
    outgoing: list[MessageRequestOut]


class OpenedOut(Schema):
    # The conversation an accepted request opened, read from its first message.
    message_id: int = Field(..., validation_alias="id")
    conversation_with: str | None

    @staticmethod
    def resolve_conversation_with(message: Message) -> str | None:
        return handle_of(message.sender)


@router.get("/message-requests", response=MessageRequestsOut)
def message_request_list(request: HttpRequest) -> Any:
    return request_selectors.message_requests_for(signed_in_member(request.user))


@router.post("/message-requests", response={201: MessageRequestOut})
def message_request_send(request: HttpRequest, payload: MessageRequestIn) -> Any:
    other, _ = member_get_for_viewer(request.user, payload.handle)
    return 201, request_services.message_request_send(
        sender=signed_in_member(request.user), recipient=other, body=payload.body
    )


@router.post("/message-requests/{request_id}/accept", response=OpenedOut)
def message_request_accept(request: HttpRequest, request_id: int) -> Any:
    return request_services.message_request_accept(
        actor=signed_in_member(request.user), request_id=request_id
    )


@router.post("/message-requests/{request_id}/decline", response={204: None})
def message_request_decline(request: HttpRequest, request_id: int) -> Any:
    request_services.message_request_decline(
        actor=signed_in_member(request.user), request_id=request_id
    )
    return 204, None


@router.post("/message-requests/{request_id}/withdraw", response={204: None})
def message_request_withdraw(request: HttpRequest, request_id: int) -> Any:
    request_services.message_request_withdraw(
        actor=signed_in_member(request.user), request_id=request_id
    )
    return 204, None
