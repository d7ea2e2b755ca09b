"""Forms of the roadmap pages: they only parse; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.roadmap.requirements import RequirementsData


def target_choices(data: RequirementsData) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {"credential": [], "specialty": []}
    for target in sorted(data.targets.values(), key=lambda t: t.name):
        suffix = " (confirm with the board)" if target.low_confidence else ""
        groups[target.kind].append((target.code, target.name + suffix))
    return [("Credentials", groups["credential"]), ("Specialties", groups["specialty"])]


class TargetAddForm(forms.Form):
    code = forms.ChoiceField(label="Credential or specialty")

    def __init__(self, *args: Any, data_file: RequirementsData, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose…"), *target_choices(data_file)]


class PostingTargetForm(forms.Form):
    posting = forms.UUIDField(widget=forms.HiddenInput)


class StepDoneForm(forms.Form):
    requirement_code = forms.CharField(max_length=80, widget=forms.HiddenInput)
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)
    done_on = forms.DateField(
        required=False, label="Done on", widget=forms.DateInput(attrs={"type": "date"})
    )


class PlanDateForm(forms.Form):
    requirement_code = forms.CharField(max_length=80, widget=forms.HiddenInput)
    due_on = forms.DateField(
        required=False, label="Due on", widget=forms.DateInput(attrs={"type": "date"})
    )


class PayFilterForm(forms.Form):
    state = forms.CharField(required=False, max_length=2)
    setting = forms.CharField(required=False, max_length=60)
    credential = forms.CharField(required=False, max_length=60)

    def clean_state(self) -> str:
        return str(self.cleaned_data.get("state") or "").strip().upper()[:2]


class PayReportForm(forms.Form):
    job = forms.TypedChoiceField(coerce=int, label="Job")
    hourly_pay = forms.DecimalField(label="Pay per hour (USD)", min_value=0, decimal_places=2)
    shift = forms.ChoiceField(required=False, label="Shift")
    credentials = forms.MultipleChoiceField(
        required=False,
        label="Credentials you held in this job",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        jobs: list[tuple[int, str]],
        credentials: list[tuple[str, str]],
        shifts: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        job_field = self.fields["job"]
        assert isinstance(job_field, forms.TypedChoiceField)
        job_field.choices = jobs
        shift_field = self.fields["shift"]
        assert isinstance(shift_field, forms.ChoiceField)
        shift_field.choices = [("", "Not saying"), *shifts]
        credential_field = self.fields["credentials"]
        assert isinstance(credential_field, forms.MultipleChoiceField)
        credential_field.choices = credentials
