"""A program's questionnaire: its staff add, change and remove fields; members' answers are
checked here before anything is saved; the choice questions staff mapped to matching become
plain `matching.Question`s and (question key, choice) pairs for the engine.

A field is short text, one choice from a list, any choices from a list, or yes/no; required or
not. Only choice and yes/no fields can feed the match (short text can't be compared): with
points when mentor and mentee answer alike ("prefer"), or as a hard constraint ("must match",
points optional). Fields change only before publishing. Answers keep the choice's text, so a
choice staff later rename or remove no longer matches anyone; members see such an answer as
they gave it and can join again to change it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from rxguild.accounts.models import User
from rxguild.mentoring import access, matching
from rxguild.mentoring.models import Program, ProgramQuestion

LABEL_MAX = 200
HELP_MAX = 300
CHOICE_MAX = 100
CHOICES_MAX = 20
QUESTIONS_MAX = 20
TEXT_MAX = 2000  # as the single question's answer was, so migrated answers stay valid
WEIGHT_MAX = 100

Answer = str | list[str]
Kind = ProgramQuestion.Kind
Factor = ProgramQuestion.Factor


@dataclass(frozen=True)
class QuestionSpec:
    label: str
    kind: str = Kind.TEXT
    choices: tuple[str, ...] = ()
    required: bool = False
    factor: str = Factor.NONE
    weight: int = 0
    help_text: str = ""


def field_name(question: ProgramQuestion) -> str:
    """The name of a question's field on the join form, and of its errors everywhere."""
    return f"question_{question.pk}"


def question_spec_check(spec: QuestionSpec) -> QuestionSpec:
    errors: dict[str, str] = {}
    label, help_text = spec.label.strip(), spec.help_text.strip()
    if not label:
        errors["label"] = "Write the question."
    elif len(label) > LABEL_MAX:
        errors["label"] = f"Keep the question under {LABEL_MAX} characters."
    if len(help_text) > HELP_MAX:
        errors["help_text"] = f"Keep the hint under {HELP_MAX} characters."
    if spec.kind not in Kind.values:
        errors["kind"] = "Choose short text, one choice, any choices, or yes or no."
    choices: tuple[str, ...] = ()
    if spec.kind in (Kind.CHOICE, Kind.MULTIPLE):
        choices = tuple(dict.fromkeys(c.strip() for c in spec.choices if c.strip()))
        if len(choices) < 2:
            errors["choices"] = "Give at least two choices, one a line."
        elif len(choices) > CHOICES_MAX:
            errors["choices"] = f"Give at most {CHOICES_MAX} choices."
        elif any(len(c) > CHOICE_MAX for c in choices):
            errors["choices"] = f"Keep each choice under {CHOICE_MAX} characters."
        elif len({c.casefold() for c in choices}) != len(choices):
            errors["choices"] = "Give each choice once."
    if spec.factor not in Factor.values:
        errors["factor"] = "Choose how the answers count in the match."
    elif spec.factor and spec.kind == Kind.TEXT:
        errors["factor"] = "Short-text answers can't be compared: use a list or yes or no."
    if not 0 <= spec.weight <= WEIGHT_MAX:
        errors["weight"] = f"Give 0 to {WEIGHT_MAX} points."
    elif spec.factor == Factor.NONE and spec.weight:
        errors["weight"] = "Points count only for a question used in matching."
    elif spec.factor == Factor.PREFER and not spec.weight:
        errors["weight"] = "Give the question points, or don't use it for matching."
    if errors:
        raise ValidationError(errors)
    return QuestionSpec(
        label, spec.kind, choices, spec.required, spec.factor, spec.weight, help_text
    )


def _lock_editable(program_id: int, actor: User) -> Program:
    """The program, locked, if the actor manages it and it is not published yet."""
    program = Program.objects.select_for_update().get(pk=program_id)
    if not access.program_access(actor, program).can_manage:
        raise PermissionDenied("Only the program's staff can change its questionnaire.")
    if program.status == Program.Status.PUBLISHED:
        raise ValidationError("Matches are published: the questionnaire can't change now.")
    return program


@transaction.atomic
def program_question_save(
    *,
    program: Program,
    actor: User,
    spec: QuestionSpec,
    question: ProgramQuestion | None = None,
) -> ProgramQuestion:
    """Add a field to the program's questionnaire (last), or change one of its fields."""
    program = _lock_editable(program.pk, actor)
    spec = question_spec_check(spec)
    if question is None:
        existing = ProgramQuestion.objects.filter(program=program)
        if existing.count() >= QUESTIONS_MAX:
            raise ValidationError(f"A questionnaire has at most {QUESTIONS_MAX} questions.")
        last = existing.aggregate(last=Max("position"))["last"]
        question = ProgramQuestion(program=program, position=0 if last is None else last + 1)
    elif question.program_id != program.pk:
        raise ValidationError("That question is not in this program.")
    question.label, question.help_text, question.kind = spec.label, spec.help_text, spec.kind
    question.choices = list(spec.choices)
    question.required, question.factor, question.weight = spec.required, spec.factor, spec.weight
    question.save()
    return question


@transaction.atomic
def program_question_delete(*, question: ProgramQuestion, actor: User) -> None:
    """Remove a field; answers to it stay on the rows but are no longer shown or matched."""
    _lock_editable(question.program_id, actor)
    question.delete()


def _one_answer(question: ProgramQuestion, value: object) -> Answer:
    options = question.options
    if question.kind == Kind.TEXT:
        if not isinstance(value, str):
            raise ValidationError("Answer in words.")
        text = value.strip()
        if len(text) > TEXT_MAX:
            raise ValidationError(f"Keep your answer under {TEXT_MAX:,} characters.")
        return text
    if question.kind == Kind.YES_NO and isinstance(value, bool):
        value = "Yes" if value else "No"
    if question.kind == Kind.MULTIPLE:
        picked = [value] if isinstance(value, str) else value
        if not isinstance(picked, list) or not all(isinstance(p, str) for p in picked):
            raise ValidationError("Choose from the list.")
        chosen = {p.strip() for p in picked if p.strip()}
        if chosen - set(options):
            raise ValidationError("Choose from the list.")
        return [option for option in options if option in chosen]
    if not isinstance(value, str):
        raise ValidationError("Choose one from the list.")
    text = value.strip()
    if question.kind == Kind.YES_NO:
        text = text.capitalize()
    if text and text not in options:
        raise ValidationError("Choose one from the list.")
    return text


def answers_clean(
    questions: Sequence[ProgramQuestion], raw: Mapping[str, object]
) -> dict[str, Answer]:
    """The answers to save, {question id: text or choices}, empty ones left out; a
    ValidationError naming each field otherwise (`field_name`), and nothing is saved."""
    by_key = {str(q.pk): q for q in questions}
    errors: dict[str, str] = {}
    unknown = sorted(set(raw) - set(by_key))
    if unknown:
        errors["answers"] = "Answer the questions of this program only."
    cleaned: dict[str, Answer] = {}
    for key, question in by_key.items():
        try:
            value = _one_answer(question, raw.get(key, ""))
        except ValidationError as error:
            errors[field_name(question)] = " ".join(error.messages)
            continue
        if value:
            cleaned[key] = value
        elif question.required:
            errors[field_name(question)] = "Answer this question."
    if errors:
        raise ValidationError(errors)
    return cleaned


def question_factors(questions: Sequence[ProgramQuestion]) -> tuple[matching.Question, ...]:
    """The fields staff mapped to matching, as the engine takes them."""
    return tuple(
        matching.Question(
            key=str(q.pk),
            label=q.label,
            points=float(q.weight),
            must_match=q.factor == Factor.MUST_MATCH,
        )
        for q in questions
        if q.factor and q.kind in ProgramQuestion.CHOICE_KINDS
    )


def answer_codes(
    questions: Sequence[ProgramQuestion], answers: Mapping[str, object]
) -> frozenset[tuple[str, str]]:
    """A participant's answers to the matching fields as (question key, choice) pairs;
    choices no longer on the list are left out."""
    codes = set()
    for question in questions:
        if not question.factor or question.kind not in ProgramQuestion.CHOICE_KINDS:
            continue
        value = answers.get(str(question.pk), [])
        picked = [value] if isinstance(value, str) else value
        if isinstance(picked, list):
            codes |= {(str(question.pk), c) for c in picked if c in question.options}
    return frozenset(codes)


@transaction.atomic
def program_question_move(*, question: ProgramQuestion, actor: User, up: bool) -> None:
    """Swap a field with the one before (`up`) or after it; the first stays first."""
    program = _lock_editable(question.program_id, actor)
    order = list(ProgramQuestion.objects.filter(program=program))
    index = next(i for i, q in enumerate(order) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    for position, row in enumerate(order):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
