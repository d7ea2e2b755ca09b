"""Forms of the preceptor's evaluation (the student's request, the checklist itself) and of a
competency record's sign-off by its evaluator."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.experience.models import EvaluationKind
from rxguild.experience.reference import evaluation_form


class EvaluatorForm(forms.Form):
    """Whom the member asks; their labels differ from the sign-off form's on the same page."""

    evaluator_name = forms.CharField(max_length=120, label="Evaluator's name")
    evaluator_role = forms.CharField(max_length=120, label="Evaluator's role")
    evaluator_email = forms.EmailField(label="Evaluator's email")


class EvaluationRequestForm(EvaluatorForm):
    kind = forms.ChoiceField(choices=EvaluationKind.choices, label="Which evaluation")
    field_order = ["kind"]


class CompetencySignResponseForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("sign", "Sign: this record is correct"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        label="Your answer",
    )
    evaluator_name = forms.CharField(max_length=120, label="Your name")
    evaluator_role = forms.CharField(max_length=120, label="Your role")
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="Needed when you decline: they see it.",
    )


class EvaluationAnswerForm(forms.Form):
    """One rating (a select: compact on a phone) and one comment per checklist item."""

    evaluator_name = forms.CharField(max_length=120, label="Your name")
    evaluator_role = forms.CharField(max_length=120, label="Your role")
    overall_comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        label="Overall comment",
        help_text="Strengths and what to work on; the student sees it.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form = evaluation_form()
        choices = [("", "Choose a rating"), *((str(v), f"{v}: {n}") for v, n in form.scale)]
        choices.append(("0", "Not observed"))
        for code, name in form.items:
            self.fields[f"rating_{code}"] = forms.ChoiceField(choices=choices, label=name)
            self.fields[f"comment_{code}"] = forms.CharField(
                max_length=1000,
                required=False,
                label=f"Comment on {name.split(':')[0].lower()}",
                widget=forms.TextInput(),
            )

    def item_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"rating_{code}"], self[f"comment_{code}"]) for code, _ in evaluation_form().items
        ]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "evaluator_name": data["evaluator_name"],
            "evaluator_role": data["evaluator_role"],
            "overall_comment": data.get("overall_comment", ""),
            "ratings": {
                code: {
                    "rating": data.get(f"rating_{code}", ""),
                    "comment": data.get(f"comment_{code}", ""),
                }
                for code, _ in evaluation_form().items
            },
        }
