"""Forms of the growth pages. They only collect input; the services validate it (levels,
lengths) so pages and API give the same messages."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.growth.engine import LEVELS
from rxguild.growth.models import Domain

LEVEL_CHOICES = [("", "Not rated")] + [(str(level.value), level.name) for level in LEVELS]


class AssessmentForm(forms.Form):
    """One optional radio group per competency, named by the competency's code."""

    note = forms.CharField(
        label="A note for your future self",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
    )

    def __init__(
        self, *args: Any, domains: list[Domain], initial_ratings: dict[str, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.domains = domains
        for domain in domains:
            for competency in domain.competencies.all():
                # A CharField, not a ChoiceField: an out-of-scale value reaches the service,
                # which answers with the scale's own message.
                self.fields[competency.code] = forms.CharField(
                    label=competency.name,
                    required=False,
                    initial=str(initial_ratings.get(competency.code, "")),
                )

    def ratings(self) -> dict[str, object]:
        return {
            code: self.cleaned_data.get(code, "")
            for domain in self.domains
            for code in (c.code for c in domain.competencies.all())
        }

    def rows(self) -> list[dict[str, Any]]:
        """Per domain, its competencies with the bound value and errors, for the template."""
        rows = []
        for domain in self.domains:
            items = []
            for competency in domain.competencies.all():
                bound = self[competency.code]
                items.append(
                    {
                        "competency": competency,
                        "name": competency.code,
                        "value": str(bound.value() or ""),
                        "errors": bound.errors,
                    }
                )
            rows.append({"domain": domain, "items": items})
        return rows


class StaffReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see this member's growth records?",
        min_length=10,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GoalForm(forms.Form):
    title = forms.CharField(label="Goal", max_length=400)
    target_date = forms.DateField(
        label="Target date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    progress = forms.IntegerField(
        label="Progress (%)", required=False, widget=forms.NumberInput(attrs={"min": 0, "max": 100})
    )
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
    )
    competency = forms.ChoiceField(label="Competency", required=False)
    credential = forms.ChoiceField(label="Credential", required=False)
    ce_requirement = forms.ChoiceField(
        label="A CE requirement of your credentials",
        required=False,
        help_text="Progress then follows your CE record.",
    )
    saved_job = forms.TypedChoiceField(
        label="A job in your tracker", required=False, coerce=int, empty_value=None
    )
    course = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        competency_choices: list[tuple[str, Any]],
        credential_choices: list[tuple[str, str]],
        job_choices: list[tuple[int, str]],
        ce_requirement_choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("competency", competency_choices),
            ("credential", credential_choices),
            ("ce_requirement", ce_requirement_choices or []),
            ("saved_job", job_choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "None"), *choices]


class GoalEditForm(forms.Form):
    title = forms.CharField(label="Goal", max_length=400)
    target_date = forms.DateField(
        label="Target date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    progress = forms.IntegerField(
        label="Progress (%)", widget=forms.NumberInput(attrs={"min": 0, "max": 100})
    )
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Milestone", max_length=400)
    due_on = forms.DateField(
        label="Due", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


RELATIONSHIP_CHOICES = [
    ("supervisor", "Supervisor"),
    ("pharmacist", "Pharmacist"),
    ("preceptor", "Preceptor"),
    ("colleague", "Colleague"),
]
RECIPIENT_ROWS = 5


class FeedbackRequestForm(forms.Form):
    competencies = forms.MultipleChoiceField(
        label="Competencies to ask about (up to 10)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    anonymous = forms.BooleanField(
        label="Keep answers anonymous (shown only once three people have answered, as averages)",
        required=False,
    )

    def __init__(self, *args: Any, competency_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["competencies"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = competency_choices
        for index in range(1, RECIPIENT_ROWS + 1):
            self.fields[f"email_{index}"] = forms.CharField(
                label=f"Person {index}: email", required=False, max_length=254
            )
            self.fields[f"name_{index}"] = forms.CharField(
                label=f"Person {index}: name", required=False, max_length=200
            )
            self.fields[f"relationship_{index}"] = forms.ChoiceField(
                label=f"Person {index}: they are your",
                choices=RELATIONSHIP_CHOICES,
                required=False,
            )

    def recipient_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"email_{i}"], self[f"name_{i}"], self[f"relationship_{i}"])
            for i in range(1, RECIPIENT_ROWS + 1)
        ]


class RecommendationForm(forms.Form):
    relationship = forms.ChoiceField(
        label="How you know them",
        choices=[
            ("worked_with", "Worked with them"),
            ("supervised", "Supervised them"),
            ("trained", "Trained or precepted them"),
            ("mentored", "Mentored them"),
        ],
    )
    body = forms.CharField(
        label="Your recommendation",
        help_text="40 to 1000 characters. They approve it before it appears on their profile.",
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
    )
