"""A program's set-up, for its staff (404 for anyone else): the questionnaire's fields and
the agreement proposed to every pair publishing starts."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.mentoring import access
from rxguild.mentoring.models import ProgramQuestion
from rxguild.mentoring.services import programs as program_services
from rxguild.mentoring.services import questionnaire
from rxguild.mentoring.services.questionnaire import QuestionSpec

router = Router()


class StaffQuestionOut(Schema):
    id: int
    position: int
    label: str
    help_text: str
    kind: str
    choices: list[str]
    required: bool
    factor: str = Field(..., description='"", "prefer" or "must_match"')
    weight: int


class QuestionIn(Schema):
    label: str = Field(..., max_length=1000)
    help_text: str = Field("", max_length=1000)
    kind: str = Field("text", description="text, choice, multiple or yes_no")
    choices: list[str] = Field(default_factory=list, max_length=100)
    required: bool = False
    factor: str = Field("", description='"" (not matched), "prefer" or "must_match"')
    weight: int = Field(0, description="0 to 100 points when mentor and mentee answer alike")


class AgreementDefaultsIn(Schema):
    goals: str = Field("", max_length=8000)
    cadence: str = Field(..., description="weekly, fortnightly or monthly")
    meeting_minutes: int = Field(30, description="15, 30, 45 or 60")
    months: int = Field(6, description="1 to 24, from publishing")


class AgreementDefaultsOut(AgreementDefaultsIn):
    pass


def _out(question: ProgramQuestion) -> StaffQuestionOut:
    return StaffQuestionOut(
        id=question.pk,
        position=question.position,
        label=question.label,
        help_text=question.help_text,
        kind=question.kind,
        choices=list(question.options),
        required=question.required,
        factor=question.factor,
        weight=question.weight,
    )


def _question(request: HttpRequest, slug: str, question_id: int) -> ProgramQuestion:
    program = access.program_get_for_manager(request.user, slug).program
    question = access.program_question_get_for_manager(request.user, program, question_id)
    if question is None:
        raise Http404("No such question.")
    return question


def _spec(payload: QuestionIn) -> QuestionSpec:
    return QuestionSpec(
        label=payload.label,
        help_text=payload.help_text,
        kind=payload.kind,
        choices=tuple(payload.choices),
        required=payload.required,
        factor=payload.factor,
        weight=payload.weight,
    )


@router.get(
    "/programs/{slug}/questions",
    response=list[StaffQuestionOut],
    summary="The questionnaire's fields (program staff)",
)
def questions_list(request: HttpRequest, slug: str) -> list[StaffQuestionOut]:
    program = access.program_get_for_manager(request.user, slug).program
    return [_out(q) for q in program.questions.all()]


@router.post(
    "/programs/{slug}/questions",
    response={201: StaffQuestionOut},
    summary="Add a field (program staff)",
)
def question_add(
    request: HttpRequest, slug: str, payload: QuestionIn
) -> tuple[int, StaffQuestionOut]:
    program = access.program_get_for_manager(request.user, slug).program
    question = questionnaire.program_question_save(
        program=program, actor=signed_in_member(request.user), spec=_spec(payload)
    )
    return 201, _out(question)


@router.put(
    "/programs/{slug}/questions/{question_id}",
    response=StaffQuestionOut,
    summary="Change a field (program staff)",
)
def question_change(
    request: HttpRequest, slug: str, question_id: int, payload: QuestionIn
) -> StaffQuestionOut:
    question = _question(request, slug, question_id)
    question = questionnaire.program_question_save(
        program=question.program,
        actor=signed_in_member(request.user),
        spec=_spec(payload),
        question=question,
    )
    return _out(question)


@router.delete(
    "/programs/{slug}/questions/{question_id}",
    response={204: None},
    summary="Remove a field (program staff)",
)
def question_delete(request: HttpRequest, slug: str, question_id: int) -> tuple[int, None]:
    questionnaire.program_question_delete(
        question=_question(request, slug, question_id), actor=signed_in_member(request.user)
    )
    return 204, None


@router.put(
    "/programs/{slug}/agreement",
    response=AgreementDefaultsOut,
    summary="The agreement proposed to every pair (program staff)",
)
def agreement_defaults(
    request: HttpRequest, slug: str, payload: AgreementDefaultsIn
) -> AgreementDefaultsOut:
    program = access.program_get_for_manager(request.user, slug).program
    program = program_services.program_agreement_defaults_save(
        program=program,
        actor=signed_in_member(request.user),
        goals=payload.goals,
        cadence=payload.cadence,
        meeting_minutes=payload.meeting_minutes,
        months=payload.months,
    )
    return AgreementDefaultsOut(
        goals=program.agreement_goals,
        cadence=program.agreement_cadence,
        meeting_minutes=program.agreement_meeting_minutes,
        months=program.agreement_months,
    )
