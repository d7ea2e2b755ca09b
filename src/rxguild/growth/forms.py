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
