"""Forms for the ledger pages: they check the shape of input; services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.catalog.models import PracticeSetting
from rxguild.experience.models import CompetencyCategory, EntryKind
from rxguild.experience.reference import competencies, duties

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
    required_hours = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10000,
        label="Program's required hours",
        help_text="Externships and internships: the hours your program requires, to show progress.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
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
            "required_hours": entry.required_hours,
        }
        for duty in entry.duties.all():
            initial[duty_field_name(duty.duty)] = duty.percent
        return initial


class VerificationRequestForm(forms.Form):
    verifier_name = forms.CharField(max_length=120, label="Their name")
    verifier_role = forms.CharField(
        max_length=120, label="Their role", help_text="For example “Pharmacy manager”, “Preceptor”."
    )
    verifier_email = forms.EmailField(label="Their email")
    verifier_site = forms.CharField(
        max_length=200,
        required=False,
        label="Site",
        help_text="Where they supervised you; the entry's site if left empty.",
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="A short note to them",
    )


class VerifierResponseForm(forms.Form):
    """What the verifier answers. The correction fields start with the member's claim."""

    decision = forms.ChoiceField(
        choices=[
            ("confirm", "Confirm: this is correct"),
            ("correct", "Correct it: some details are wrong (change them below)"),
            ("decline", "Decline: I can't verify this"),
        ],
        widget=forms.RadioSelect,
        label="Your answer",
    )
    verifier_name = forms.CharField(max_length=120, label="Your name")
    verifier_role = forms.CharField(max_length=120, label="Your role")
    verifier_site = forms.CharField(max_length=200, label="Site")
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="Comment",
        help_text="Needed when you decline. The member sees it.",
    )
    role = forms.CharField(max_length=200, label="Their role")
    started_on = forms.DateField(widget=DATE_INPUT, label="Started")
    ended_on = forms.DateField(
        widget=DATE_INPUT, required=False, label="Ended", help_text="Empty if still ongoing."
    )
    hours_per_week = forms.DecimalField(
        required=False, min_value=0, max_digits=4, decimal_places=1, label="Hours per week"
    )
    logged_hours = forms.DecimalField(
        required=False, min_value=0, max_digits=6, decimal_places=1, label="Total hours"
    )

    def __init__(self, *args: Any, claim: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the kind of hours the entry uses: a job's weekly hours or a log's total.
        self.fields.pop("logged_hours" if claim.get("hours_per_week") else "hours_per_week")
        for duty in duties():
            self.fields[duty_field_name(duty.code)] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=100,
                label=f"{duty.name} (% of their time)",
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @classmethod
    def initial_for(cls, claim: dict[str, Any], verifier: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "verifier_name": verifier.verifier_name,
            "verifier_role": verifier.verifier_role,
            "verifier_site": verifier.verifier_site,
            "role": claim["role"],
            "started_on": claim["started_on"],
            "ended_on": claim["ended_on"],
            "hours_per_week": claim["hours_per_week"],
            "logged_hours": claim["logged_hours"],
        }
        for code, percent in claim["duty_percent"].items():
            initial[duty_field_name(code)] = percent
        return initial

    def person_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("verifier_name", "verifier_role", "verifier_site", "comment")]

    def correction_fields(self) -> list[forms.BoundField]:
        skip = {"decision", "verifier_name", "verifier_role", "verifier_site", "comment"}
        return [self[name] for name in self.fields if name not in skip]

    def corrected(self) -> dict[str, Any]:
        data = self.cleaned_data
        corrected: dict[str, Any] = {
            "role": data["role"],
            "started_on": data["started_on"],
            "ended_on": data.get("ended_on"),
            "duty_percent": {
                duty.code: data.get(duty_field_name(duty.code)) or 0 for duty in duties()
            },
        }
        if "hours_per_week" in self.fields:
            corrected["hours_per_week"] = data.get("hours_per_week")
        else:
            corrected["logged_hours"] = data.get("logged_hours")
        return corrected


class HourLogForm(forms.Form):
    worked_on = forms.DateField(widget=DATE_INPUT, label="Day")
    hours = forms.DecimalField(
        min_value=0,
        max_digits=4,
        decimal_places=2,
        label="Hours",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.25"}),
    )
    tasks = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        label="Tasks practised",
    )
    competencies = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Competencies practised",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["competencies"]
        assert isinstance(field, forms.MultipleChoiceField)  # declared above; narrows for mypy
        field.choices = [(c.code, c.name) for c in competencies()]


class SignOffRequestForm(forms.Form):
    period_start = forms.DateField(widget=DATE_INPUT, label="From")
    period_end = forms.DateField(widget=DATE_INPUT, label="To")
    preceptor_name = forms.CharField(max_length=120, label="Preceptor's name")
    preceptor_role = forms.CharField(max_length=120, label="Their role")
    preceptor_email = forms.EmailField(label="Their email")


class SignOffResponseForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("sign", "Sign: these hours are correct"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        label="Your answer",
    )
    preceptor_name = forms.CharField(max_length=120, label="Your name")
    preceptor_role = forms.CharField(max_length=120, label="Your role")
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="Comment",
        help_text="Needed when you decline: the student sees it.",
    )


class CompetencyRecordForm(forms.Form):
    competency = forms.ChoiceField(label="Competency")
    category = forms.ChoiceField(
        choices=CompetencyCategory.choices,
        label="Compounding category",
        help_text="Garbing and media fill repeat every 6 months for Category 1 and 2, every 3 "
        "months for Category 3 (USP <797>).",
    )
    performed_on = forms.DateField(widget=DATE_INPUT, label="Date of the evaluation")
    passed = forms.TypedChoiceField(
        choices=[("yes", "Passed"), ("no", "Did not pass")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Result",
    )
    site_name = forms.CharField(max_length=200, label="Site")
    evaluator_name = forms.CharField(max_length=120, required=False, label="Evaluator's name")
    evaluator_role = forms.CharField(max_length=120, required=False, label="Evaluator's role")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text="For example the CFU counts or the media-fill lot.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["competency"]
        assert isinstance(field, forms.ChoiceField)  # declared above; narrows for mypy
        field.choices = [("", "Choose a competency"), *((c.code, c.name) for c in competencies())]
