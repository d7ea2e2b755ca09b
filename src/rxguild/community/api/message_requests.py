"""Message requests: a first message to a member who is not a connection, which the recipient
accepts (the conversation opens) or declines (the sender is not told). Same services as the
pages: blocks read as 404, caps and suspensions as 403, bad input as 422."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.router import router
from rxguild.community.models import MessageRequest
from rxguild.community.selectors import message_requests as request_selectors
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services import message_requests as request_services


class MessageRequestIn(Schema):
    handle: str = Field(..., description="The member's handle (the part after /p/)")
    body: str = Field(..., description="The first message, up to 1,000 characters")


class MessageRequestOut(Schema):
    id: int
    other_handle: str | None
    body: str
    # The sender sees "pending" until an answer they may know of: a decline is never shown.
    status: str
    created_at: dt.datetime


class MessageRequestsOut(Schema):
    incoming: list[MessageRequestOut]
    outgoing: list[MessageRequestOut]


class OpenedOut(Schema):
    message_id: int
    conversation_with: str | None


def _handle_of(user: Any) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.handle if profile else None


def _out(row: MessageRequest, *, other: Any, as_sender: bool) -> dict[str, Any]:
    status = row.status
    if as_sender and status == MessageRequest.Status.DECLINED:
        status = MessageRequest.Status.PENDING
    return {
        "id": row.pk,
        "other_handle": _handle_of(other),
        "body": row.body,
        "status": status,
        "created_at": row.created_at,
    }


@router.get("/message-requests", response=MessageRequestsOut)
def message_request_list(request: HttpRequest) -> Any:
    requests = request_selectors.message_requests_for(signed_in_member(request.user))
    return {
        "incoming": [_out(r, other=r.sender, as_sender=False) for r in requests.incoming],
        "outgoing": [_out(r, other=r.recipient, as_sender=True) for r in requests.outgoing],
    }


@router.post("/message-requests", response={201: MessageRequestOut})
def message_request_send(request: HttpRequest, payload: MessageRequestIn) -> Any:
    other, _ = member_get_for_viewer(request.user, payload.handle)
    row = request_services.message_request_send(
        sender=signed_in_member(request.user), recipient=other, body=payload.body
    )
    return 201, _out(row, other=other, as_sender=True)


@router.post("/message-requests/{request_id}/accept", response=OpenedOut)
def message_request_accept(request: HttpRequest, request_id: int) -> Any:
    message = request_services.message_request_accept(
        actor=signed_in_member(request.user), request_id=request_id
    )
    return {"message_id": message.pk, "conversation_with": _handle_of(message.sender)}


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
