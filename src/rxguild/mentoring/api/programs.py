"""Mentoring programs: joining, and the staff's proposal, match and publish."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.mentoring import access, program_selectors
from rxguild.mentoring.api.common import MemberOut, member_out
from rxguild.mentoring.models import Program, ProgramQuestion
from rxguild.mentoring.services import programs as program_services

router = Router()


AnswerValue = str | list[str] | bool


class QuestionOut(Schema):
    id: int
    label: str
    help_text: str
    kind: str = Field(..., description="text, choice, multiple or yes_no")
    choices: list[str]
    required: bool


class MyAnswersOut(Schema):
    role: str
    answers: dict[str, str | list[str]] = Field(..., description="{question id: answer}")


class ProgramOut(Schema):
    slug: str
    name: str
    organizer: str
    status: str
    enrol_opens: date
    enrol_closes: date
    questions: list[QuestionOut]
    my_roles: list[str]
    my_answers: list[MyAnswersOut] = Field(..., description="Yours only")


class ProgramJoinIn(Schema):
    role: str
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict,
        description="{question id: text, a choice, a list of choices, or yes/no}",
    )


class AnswerOut(Schema):
    question: str
    answer: str


class ProgramPairOut(Schema):
    id: int
    mentor: MemberOut
    mentee: MemberOut
    score: float
    reasons: list[str]
    fixed: bool
    mentee_answers: list[AnswerOut]
    mentor_answers: list[AnswerOut]


class UnmatchedOut(Schema):
    mentee: MemberOut
    why: str


class ProposalOut(Schema):
    status: str
    pairs: list[ProgramPairOut]
    unmatched: list[UnmatchedOut]


def question_out(question: ProgramQuestion) -> QuestionOut:
    return QuestionOut(
        id=question.pk,
        label=question.label,
        help_text=question.help_text,
        kind=question.kind,
        choices=list(question.options),
        required=question.required,
    )


def _program_out(request: HttpRequest, program: Program) -> ProgramOut:
    questions = list(program.questions.all())
    mine = program_selectors.program_my_answers(request.user, program, questions)
    return ProgramOut(
        slug=program.slug,
        name=program.name,
        organizer=program.organizer,
        status=program.status,
        enrol_opens=program.enrol_opens,
        enrol_closes=program.enrol_closes,
        questions=[question_out(q) for q in questions],
        my_roles=sorted(m.role for m in mine),
        my_answers=[MyAnswersOut(role=m.role, answers=m.answers) for m in mine],
    )


def _answers_out(shown: list[tuple[str, str]]) -> list[AnswerOut]:
    return [AnswerOut(question=question, answer=answer) for question, answer in shown]


def _proposal_out(program: Program) -> ProposalOut:
    view = program_selectors.program_admin_view(program)
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
                mentee_answers=_answers_out(mentee_answers),
                mentor_answers=_answers_out(mentor_answers),
            )
            for p, mentee_answers, mentor_answers in view.pair_rows
        ],
        unmatched=[UnmatchedOut(mentee=member_out(p.user), why=why) for p, why in view.unmatched],
    )


@router.get("/programs", response=list[ProgramOut], summary="Mentoring programs")
def programs_list(request: HttpRequest) -> list[ProgramOut]:
    return [_program_out(request, p) for p, _ in program_selectors.programs_for(request.user)]


@router.get(
    "/programs/{slug}", response=ProgramOut, summary="A program, its questionnaire, my answers"
)
def program_get(request: HttpRequest, slug: str) -> ProgramOut:
    return _program_out(request, access.program_get_for_viewer(request.user, slug).program)


@router.post("/programs/{slug}/join", response=ProgramOut, summary="Join as mentor or mentee")
def program_join(request: HttpRequest, slug: str, payload: ProgramJoinIn) -> ProgramOut:
    program = access.program_get_for_viewer(request.user, slug).program
    program_services.program_join(
        program=program,
        user=signed_in_member(request.user),
        role=payload.role,
        answers=payload.answers,
    )
    return _program_out(request, program)


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
