"""Forms of the program pages: joining with the program's questionnaire, and the staff's
questionnaire fields and agreement defaults. They shape the input; services check it."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.mentoring.models import MEETING_MINUTES, Agreement, ProgramQuestion
from rxguild.mentoring.services.questionnaire import (
    CHOICE_MAX,
    HELP_MAX,
    LABEL_MAX,
    TEXT_MAX,
    WEIGHT_MAX,
    QuestionSpec,
    field_name,
)

Kind = ProgramQuestion.Kind
# The service's words, so an error reads the same whichever side finds it first.
ANSWER_ERRORS = {"required": "Answer this question.", "invalid_choice": "Choose from the list."}


def _answer_field(question: ProgramQuestion) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "required": question.required,
        "help_text": question.help_text,
        "error_messages": ANSWER_ERRORS,
    }
    choices = [(option, option) for option in question.options]
    if question.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **common)


class ProgramJoinForm(forms.Form):
    role = forms.ChoiceField(
        choices=[("mentee", "As a mentee"), ("mentor", "As a mentor")],
        widget=forms.RadioSelect,
        label="Join",
    )
    leave = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, questions: list[ProgramQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = _answer_field(question)

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[field_name(q)] for q in self.questions]

    def answers(self) -> dict[str, object]:
        """{question id: value} for programs.program_join."""
        return {str(q.pk): self.cleaned_data.get(field_name(q)) or "" for q in self.questions}


class ProgramQuestionForm(forms.Form):
    label = forms.CharField(max_length=LABEL_MAX, label="Question")
    help_text = forms.CharField(max_length=HELP_MAX, required=False, label="Hint")
    kind = forms.ChoiceField(choices=Kind.choices, label="Answer as")
    choices = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Choices, one a line",
        help_text=f"For a list (up to {CHOICE_MAX} characters each); yes or no needs none.",
    )
    required = forms.BooleanField(required=False, label="Required")
    factor = forms.ChoiceField(
        choices=ProgramQuestion.Factor.choices, required=False, label="In the match"
    )
    weight = forms.IntegerField(
        min_value=0, max_value=WEIGHT_MAX, initial=0, label=f"Points when alike (0-{WEIGHT_MAX})"
    )

    def spec(self) -> QuestionSpec:
        data = self.cleaned_data
        return QuestionSpec(
            label=data["label"],
            help_text=data["help_text"],
            kind=data["kind"],
            choices=tuple(data["choices"].splitlines()),
            required=data["required"],
            factor=data["factor"] or "",
            weight=data["weight"],
        )


def question_initial(question: ProgramQuestion) -> dict[str, object]:
    return {
        "label": question.label,
        "help_text": question.help_text,
        "kind": question.kind,
        "choices": "\n".join(str(c) for c in question.choices),
        "required": question.required,
        "factor": question.factor,
        "weight": question.weight,
    }


class ProgramAgreementForm(forms.Form):
    agreement_goals = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Goals proposed to every pair",
        help_text="Empty: each pair is asked to agree their own at the first check-in.",
    )
    agreement_cadence = forms.ChoiceField(choices=Agreement.Cadence.choices, label="They meet")
    agreement_meeting_minutes = forms.TypedChoiceField(
        coerce=int, choices=[(m, f"{m} minutes") for m in MEETING_MINUTES], label="For"
    )
    agreement_months = forms.IntegerField(
        min_value=1, max_value=24, label="Months the agreement runs, from publishing"
    )
