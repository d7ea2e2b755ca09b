"""Forms of a coordinator's program pages. Choices list only the program's own cohorts and
sites; the view still fetches each chosen id through access (another program's id is a 404)."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.experience.forms import DATE_INPUT


def _choices(queryset: Any, empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((str(obj.pk), str(obj)) for obj in queryset)]


class ProgramForm(forms.Form):
    """A form whose `cohort` / `site` choices come from the program."""

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "cohort" in self.fields:
            self.fields["cohort"].choices = _choices(program.cohorts.all(), "No cohort")  # type: ignore[attr-defined]  # a ChoiceField
        if "site" in self.fields:
            self.fields["site"].choices = _choices(program.sites.all(), "No site")  # type: ignore[attr-defined]  # a ChoiceField


class InviteForm(ProgramForm):
    email = forms.EmailField(label="Student's email")
    cohort = forms.ChoiceField(required=False, label="Cohort")
    site = forms.ChoiceField(required=False, label="Placement site")


class PlaceForm(ProgramForm):
    cohort = forms.ChoiceField(required=False, label="Cohort")
    site = forms.ChoiceField(required=False, label="Placement site")


class CohortMessageForm(ProgramForm):
    cohort = forms.ChoiceField(required=False, label="To")
    subject = forms.CharField(max_length=150)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, label="Message"
    )

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, program=program, **kwargs)
        self.fields["cohort"].choices = _choices(program.cohorts.all(), "Every enrolled student")  # type: ignore[attr-defined]  # a ChoiceField


class CohortForm(forms.Form):
    name = forms.CharField(
        max_length=120, label="Cohort name", help_text="For example “Spring 2027”."
    )
    starts_on = forms.DateField(widget=DATE_INPUT, required=False, label="Starts")
    ends_on = forms.DateField(widget=DATE_INPUT, required=False, label="Ends")


class SiteForm(forms.Form):
    name = forms.CharField(max_length=200, label="Site name")
    city = forms.CharField(max_length=100, required=False)
    state = forms.CharField(max_length=2, required=False, help_text="Two letters, for example TX.")


class PreceptorForm(ProgramForm):
    site = forms.ChoiceField(label="Site")
    name = forms.CharField(max_length=120, label="Preceptor's name")
    role = forms.CharField(max_length=120, label="Preceptor's role")
    email = forms.EmailField(label="Preceptor's email")
