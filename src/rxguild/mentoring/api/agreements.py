"""A mentorship's agreement: read it, propose it (or changes), accept the other's proposal."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.growth.models import Goal
from rxguild.mentoring import access, selectors
from rxguild.mentoring.models import Agreement
from rxguild.mentoring.services.agreements import (
    AgreementTerms,
    agreement_accept,
    agreement_propose,
)

router = Router()


class GrowthGoalOut(Schema):
    id: int
    title: str
    target_date: date


class AgreementOut(Schema):
    id: int
    status: str
    proposed_by_id: int | None
    proposed_by_program: str | None = Field(
        None, description="The program (slug) that proposed it on its behalf; both accept it"
    )
    agreed_by_id: int | None = Field(None, description="Who accepted a program's proposal first")
    goals: str
    growth_goals: list[GrowthGoalOut]
    cadence: str
    meeting_minutes: int
    end_date: date
    proposed_at: datetime
    accepted_at: datetime | None


class AgreementStateOut(Schema):
    current: AgreementOut | None
    pending: AgreementOut | None
    may_accept: bool


class AgreementIn(Schema):
    goals: str = Field(..., max_length=8000)
    cadence: str = Field(..., description="weekly, fortnightly or monthly")
    meeting_minutes: int = Field(30, description="15, 30, 45 or 60")
    end_date: date
    growth_goal_ids: list[int] | None = Field(
        None, description="The mentee's own goals in progress; left out keeps the links as they are"
    )


def _out(row: Agreement | None, goals: list[Goal]) -> AgreementOut | None:
    if row is None:
        return None
    return AgreementOut(
        id=row.pk,
        status=row.status,
        proposed_by_id=row.proposed_by_id,
        proposed_by_program=row.program.slug if row.program else None,
        agreed_by_id=row.agreed_by_id,
        goals=row.goals,
        growth_goals=[
            GrowthGoalOut(id=g.pk, title=g.title, target_date=g.target_date) for g in goals
        ],
        cadence=row.cadence,
        meeting_minutes=row.meeting_minutes,
        end_date=row.end_date,
        proposed_at=row.proposed_at,
        accepted_at=row.accepted_at,
    )


def _state_out(request: HttpRequest, mentorship_id: int) -> AgreementStateOut:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    state = selectors.agreement_state(mentorship)
    return AgreementStateOut(
        current=_out(state.current, state.current_goals),
        pending=_out(state.pending, state.pending_goals),
        may_accept=state.pending is not None
        and access.may_accept_agreement(request.user, state.pending),
    )


@router.get(
    "/mentorships/{mentorship_id}/agreement",
    response=AgreementStateOut,
    summary="The agreement both accepted and the proposal waiting for an answer",
)
def agreement_get(request: HttpRequest, mentorship_id: int) -> AgreementStateOut:
    return _state_out(request, mentorship_id)


@router.post(
    "/mentorships/{mentorship_id}/agreement",
    response={201: AgreementStateOut},
    summary="Propose the agreement, or changes to it (the other member accepts)",
)
def agreement_create(
    request: HttpRequest, mentorship_id: int, payload: AgreementIn
) -> tuple[int, AgreementStateOut]:
    mentorship = access.mentorship_get_for_participant(request.user, mentorship_id)
    agreement_propose(
        mentorship=mentorship,
        actor=signed_in_member(request.user),
        terms=AgreementTerms(
            goals=payload.goals,
            cadence=payload.cadence,
            meeting_minutes=payload.meeting_minutes,
            end_date=payload.end_date,
        ),
        growth_goal_ids=payload.growth_goal_ids,
    )
    return 201, _state_out(request, mentorship_id)


@router.post(
    "/agreements/{agreement_id}/accept",
    response=AgreementStateOut,
    summary="Accept the other member's proposal",
)
def agreement_accept_endpoint(request: HttpRequest, agreement_id: int) -> AgreementStateOut:
    agreement = access.agreement_get_for_participant(request.user, agreement_id)
    agreement_accept(agreement=agreement, actor=signed_in_member(request.user))
    return _state_out(request, agreement.mentorship_id)
