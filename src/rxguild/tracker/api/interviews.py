"""The member's log of informational interviews."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.tracker import access, selectors
from rxguild.tracker.api.router import router
from rxguild.tracker.models import InformationalInterview
from rxguild.tracker.services import interviews as interview_services


class InterviewIn(Schema):
    person_name: str = Field(..., max_length=120)
    held_on: date
    person_role: str = Field("", max_length=120)
    organization: str = Field("", max_length=200)
    learned: str = Field("", max_length=8000)
    next_step: str = Field("", max_length=300)
    next_step_on: date | None = None


class InterviewOut(InterviewIn):
    id: int


@router.get("/interviews", response=list[InterviewOut])
def interviews_list(request: HttpRequest) -> Any:
    return list(selectors.interviews_for_member(request.user))


@router.post("/interviews", response={201: InterviewOut})
def interviews_add(request: HttpRequest, payload: InterviewIn) -> Any:
    interview: InformationalInterview = interview_services.informational_interview_add(
        member=signed_in_member(request.user), **payload.dict()
    )
    return 201, interview


@router.delete("/interviews/{interview_id}", response={204: None})
def interviews_delete(request: HttpRequest, interview_id: int) -> Any:
    interview = access.interview_get_for_member(request.user, interview_id)
    interview_services.informational_interview_delete(interview=interview)
    return 204, None
