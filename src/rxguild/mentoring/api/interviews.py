"""Informational interviews: members open to a chat, requests, answers, the tracker log."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.ratelimit import RateLimited
from rxguild.mentoring import access, selectors
from rxguild.mentoring.api.common import ErrorOut, MemberOut, member_out
from rxguild.mentoring.models import (
    InfoInterviewRequest,
)
from rxguild.mentoring.services import interviews

router = Router()


class InfoOfferIn(Schema):
    role_summary: str = Field(..., max_length=600)
    contact: str = Field(..., max_length=400)
    monthly_cap: int = Field(2, ge=0, le=1000)
    practice_setting: str = Field("", max_length=60)
    is_open: bool = True


class InfoHostOut(Schema):
    host: MemberOut
    role_summary: str
    practice_setting: str


class InfoRequestIn(Schema):
    host_id: int
    minutes: int = 15
    agenda: str = Field(..., max_length=6000)
    times: str = Field("", max_length=600)


class InfoAnswerIn(Schema):
    note: str = Field("", max_length=1000)
    times: str = Field("", max_length=600)


class InfoLogIn(Schema):
    held_on: date
    learned: str = Field("", max_length=8000)


class InfoRequestOut(Schema):
    id: int
    requester: MemberOut
    host: MemberOut
    minutes: int
    agenda: str
    times: str
    status: str
    host_times: str
    host_note: str
    host_contact: str = Field(description="Shown to the requester only once accepted")
    in_tracker: bool


def _info_out(row: InfoInterviewRequest, contact: str = "") -> InfoRequestOut:
    return InfoRequestOut(
        id=row.pk,
        requester=member_out(row.requester),
        host=member_out(row.host),
        minutes=row.minutes,
        agenda=row.agenda,
        times=row.times,
        status=row.status,
        host_times=row.host_times,
        host_note=row.host_note,
        host_contact=contact,
        in_tracker=row.tracker_interview_id is not None,
    )


class InfoOfferOut(Schema):
    is_open: bool
    role_summary: str
    monthly_cap: int
    contact: str


@router.put("/me/interviews", response=InfoOfferOut, summary="Open my role to chats")
def info_offer_put(request: HttpRequest, payload: InfoOfferIn) -> InfoOfferOut:
    offer = interviews.info_offer_save(user=signed_in_member(request.user), **payload.dict())
    return InfoOfferOut(
        is_open=offer.is_open,
        role_summary=offer.role_summary,
        monthly_cap=offer.monthly_cap,
        contact=offer.contact,
    )


@router.get("/interviews/hosts", response=list[InfoHostOut], summary="Members open to chats")
def info_hosts(request: HttpRequest) -> list[InfoHostOut]:
    return [
        InfoHostOut(
            host=member_out(offer.user),
            role_summary=offer.role_summary,
            practice_setting=offer.practice_setting.code if offer.practice_setting else "",
        )
        for offer in selectors.interviews_for(request.user).hosts
    ]


@router.get("/interviews", response=list[InfoRequestOut], summary="My interview requests")
def info_requests(request: HttpRequest) -> list[InfoRequestOut]:
    overview = selectors.interviews_for(request.user)
    return [_info_out(r) for r in overview.incoming] + [
        _info_out(r, contact) for r, contact in overview.outgoing
    ]


@router.post("/interviews", response={201: InfoRequestOut, 429: ErrorOut}, summary="Ask for a chat")
def info_request_create(request: HttpRequest, payload: InfoRequestIn) -> tuple[int, Schema]:
    offer = access.info_offer_get_for_viewer(request.user, payload.host_id)
    try:
        row = interviews.info_request_send(
            requester=signed_in_member(request.user),
            offer=offer,
            minutes=payload.minutes,
            agenda=payload.agenda,
            times=payload.times,
        )
    except RateLimited as error:
        return 429, ErrorOut(detail=str(error))
    return 201, _info_out(row)


@router.post(
    "/interviews/{request_id}/answer/{answer}",
    response=InfoRequestOut,
    summary="accept, decline, propose (host) or withdraw (requester)",
)
def info_request_answer(
    request: HttpRequest, request_id: int, answer: str, payload: InfoAnswerIn
) -> InfoRequestOut:
    row = access.info_request_get_for_participant(request.user, request_id)
    row = interviews.info_request_answer(
        request=row,
        actor=signed_in_member(request.user),
        answer=answer,
        note=payload.note,
        times=payload.times,
    )
    return _info_out(row)


@router.post(
    "/interviews/{request_id}/log", response=InfoRequestOut, summary="Save to my job tracker"
)
def info_request_log(request: HttpRequest, request_id: int, payload: InfoLogIn) -> InfoRequestOut:
    row = access.info_request_get_for_participant(request.user, request_id)
    row = interviews.info_request_save_to_tracker(
        request=row,
        actor=signed_in_member(request.user),
        held_on=payload.held_on,
        learned=payload.learned,
    )
    return _info_out(row)
