"""Mentoring programs: joining, and the staff's proposal, match and publish."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.mentoring import access, selectors
from rxguild.mentoring.api.common import MemberOut, member_out
from rxguild.mentoring.models import (
    Program,
)
from rxguild.mentoring.services import programs as program_services

router = Router()


class ProgramOut(Schema):
    slug: str
    name: str
    organizer: str
    status: str
    enrol_opens: date
    enrol_closes: date
    question: str
    my_roles: list[str]


class ProgramJoinIn(Schema):
    role: str
    answer: str = Field("", max_length=4000)


class ProgramPairOut(Schema):
    id: int
    mentor: MemberOut
    mentee: MemberOut
    score: float
    reasons: list[str]
    fixed: bool


class UnmatchedOut(Schema):
    mentee: MemberOut
    why: str


class ProposalOut(Schema):
    status: str
    pairs: list[ProgramPairOut]
    unmatched: list[UnmatchedOut]


def _program_out(program: Program, roles: set[str]) -> ProgramOut:
    return ProgramOut(
        slug=program.slug,
        name=program.name,
        organizer=program.organizer,
        status=program.status,
        enrol_opens=program.enrol_opens,
        enrol_closes=program.enrol_closes,
        question=program.question,
        my_roles=sorted(roles),
    )


def _proposal_out(program: Program) -> ProposalOut:
    view = selectors.program_admin_view(program)
    return ProposalOut(
        status=program.status,
        pairs=[
            ProgramPairOut(
                id=p.pk,
                mentor=member_out(p.mentor),
                mentee=member_out(p.mentee),
                score=p.score,
                reasons=p.reasons,
                fixed=p.fixed,
            )
            for p in view.pairs
        ],
        unmatched=[UnmatchedOut(mentee=member_out(p.user), why=why) for p, why in view.unmatched],
    )


@router.get("/programs", response=list[ProgramOut], summary="Mentoring programs")
def programs_list(request: HttpRequest) -> list[ProgramOut]:
    return [_program_out(p, roles) for p, roles in selectors.programs_for(request.user)]


@router.post("/programs/{slug}/join", response=ProgramOut, summary="Join as mentor or mentee")
def program_join(request: HttpRequest, slug: str, payload: ProgramJoinIn) -> ProgramOut:
    program = access.program_get_for_viewer(request.user, slug).program
    program_services.program_join(
        program=program,
        user=signed_in_member(request.user),
        role=payload.role,
        answer=payload.answer,
    )
    return _program_out(program, selectors.program_roles(request.user, program))


@router.get(
    "/programs/{slug}/proposal", response=ProposalOut, summary="The proposal (program staff)"
)
def program_proposal(request: HttpRequest, slug: str) -> ProposalOut:
    program = access.program_get_for_manager(request.user, slug).program
    return _proposal_out(program)


@router.post(
    "/programs/{slug}/match", response=ProposalOut, summary="Match everyone (program staff)"
)
def program_match(request: HttpRequest, slug: str) -> ProposalOut:
    program = access.program_get_for_manager(request.user, slug).program
    program_services.program_match_everyone(program=program, actor=signed_in_member(request.user))
    program.refresh_from_db()
    return _proposal_out(program)


@router.post("/programs/{slug}/publish", response=ProposalOut, summary="Publish (program staff)")
def program_publish(request: HttpRequest, slug: str) -> ProposalOut:
    program = access.program_get_for_manager(request.user, slug).program
    program_services.program_publish(program=program, actor=signed_in_member(request.user))
    program.refresh_from_db()
    return _proposal_out(program)
