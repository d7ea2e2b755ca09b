"""Forms of the roadmap pages: they only parse; the services validate and decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from rxguild.ce.jurisdictions import JURISDICTION_NAMES
from rxguild.roadmap.requirements import RequirementsData, Target

GROUPS = {
    "credential": "Credentials",
    "specialty": "Specialties",
    "registration": "Another state's registration",
    "role": "A role in a setting",
}


def _label(target: Target) -> str:
    if target.kind == "registration":
        # By state first: the member looks for the state they are moving to.
        state = JURISDICTION_NAMES.get(target.state, target.state)
        label = f"{state}: {target.name}"
    else:
        label = target.name
    return label + (" (confirm with the board)" if target.low_confidence else "")


def target_choices(
    data: RequirementsData, kinds: Sequence[str] = tuple(GROUPS)
) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {kind: [] for kind in kinds}
    for target in data.targets.values():
        if target.kind in groups:
            groups[target.kind].append((target.code, _label(target)))
    return [(GROUPS[kind], sorted(groups[kind], key=lambda c: c[1])) for kind in kinds]


class TargetAddForm(forms.Form):
    """One picker per kind of target on the page; every picker posts a target code, and the
    form accepts any code of the data (the service decides)."""

    code = forms.ChoiceField(label="Credential or specialty")

    def __init__(
        self,
        *args: Any,
        data_file: RequirementsData,
        kinds: Sequence[str] = tuple(GROUPS),
        label: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        groups = target_choices(data_file, kinds)
        # A single kind is a flat list (its label says what it is); several are grouped.
        field.choices = [("", "Choose…"), *(groups[0][1] if len(groups) == 1 else groups)]
        if label:
            field.label = label


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
    metro = forms.CharField(required=False, label="Metro area")

    def __init__(self, *args: Any, metro_codes: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metro_codes = metro_codes

    def clean_state(self) -> str:
        return str(self.cleaned_data.get("state") or "").strip().upper()[:2]

    def clean_metro(self) -> str:
        metro = str(self.cleaned_data.get("metro") or "").strip()
        if metro and metro not in self.metro_codes:
            raise forms.ValidationError(
                f"Our data has no figure for metro area “{metro[:10]}”: pick one from the list, or "
                "leave it on your state's figure."
            )
        return metro


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
