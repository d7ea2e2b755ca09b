"""Reports of a post, a message (only its recipient may report it) or a member."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.router import router
from rxguild.community.models import Message
from rxguild.community.selectors.directory import member_get_for_viewer
from rxguild.community.services.moderation import report_create


class ReportIn(Schema):
    reason: str
    detail: str = ""
    post_id: int | None = None
    message_id: int | None = None
    member_handle: str | None = None


class ReportOut(Schema):
    id: int
    status: str


@router.post("/reports", response={201: ReportOut})
def report(request: HttpRequest, payload: ReportIn) -> Any:
    member = None
    if payload.member_handle:
        member, _ = member_get_for_viewer(request.user, payload.member_handle)
    if payload.message_id is not None:
        get_object_or_404(Message, pk=payload.message_id, recipient=request.user)
    return 201, report_create(
        reporter=signed_in_member(request.user),
        reason=payload.reason,
        detail=payload.detail,
        post_id=payload.post_id,
        message_id=payload.message_id,
        member=member,
    )
