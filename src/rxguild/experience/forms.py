"""Forms for the ledger pages: they check the shape of input; services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.catalog.models import PracticeSetting
from rxguild.experience.models import EntryKind
from rxguild.experience.reference import duties

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def duty_field_name(code: str) -> str:
    return "duty_" + code.replace("-", "_")


class EntryForm(forms.Form):
    kind = forms.ChoiceField(choices=EntryKind.choices, label="Kind of experience")
    site_name = forms.CharField(max_length=200, label="Pharmacy or site")
    site_city = forms.CharField(max_length=100, required=False, label="City")
    site_state = forms.CharField(
        max_length=2, required=False, label="State", help_text="Two letters, for example TX."
    )
    setting_code = forms.ChoiceField(label="Practice setting")
    role = forms.CharField(max_length=200, label="Your role")
    started_on = forms.DateField(widget=DATE_INPUT, label="Started")
    ended_on = forms.DateField(
        widget=DATE_INPUT, required=False, label="Ended", help_text="Leave empty if ongoing."
    )
    hours_per_week = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=4,
        decimal_places=1,
        label="Hours per week",
        help_text="For a job: your usual weekly hours. Leave empty if you give logged hours.",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    logged_hours = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
        label="Total hours logged",
        help_text="For an externship or internship: the total hours so far.",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        setting_field = self.fields["setting_code"]
        assert isinstance(setting_field, forms.ChoiceField)  # declared above; narrows for mypy
        setting_field.choices = [
            ("", "Choose a setting"),
            *PracticeSetting.objects.order_by("name").values_list("code", "name"),
        ]
        for duty in duties():
            self.fields[duty_field_name(duty.code)] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=100,
                label=f"{duty.name} (% of your time)",
                help_text=duty.matters_for,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def duty_fields(self) -> list[forms.BoundField]:
        return [self[duty_field_name(duty.code)] for duty in duties()]

    def main_fields(self) -> list[forms.BoundField]:
        duty_names = {duty_field_name(duty.code) for duty in duties()}
        return [self[name] for name in self.fields if name not in duty_names]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        duty_percent = {duty.code: data.pop(duty_field_name(duty.code)) or 0 for duty in duties()}
        data["duty_percent"] = duty_percent
        for text in ("site_city", "site_state", "description"):
            data[text] = data.get(text) or ""
        return data

    @classmethod
    def initial_for(cls, entry: Any) -> dict[str, Any]:
        initial = {
            "kind": entry.kind,
            "site_name": entry.site_name,
            "site_city": entry.site_city,
            "site_state": entry.site_state,
            "setting_code": entry.setting.code,
            "role": entry.role,
            "started_on": entry.started_on,
            "ended_on": entry.ended_on,
            "hours_per_week": entry.hours_per_week,
            "logged_hours": entry.logged_hours,
            "description": entry.description,
        }
        for duty in entry.duties.all():
            initial[duty_field_name(duty.duty)] = duty.percent
        return initial
