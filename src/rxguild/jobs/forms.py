"""Recruiters' forms. They only shape input; the rules live in posting_input_validate."""

from __future__ import annotations

from django import forms

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.jobs.models import EmploymentType, JobPosting, LocationPrecision, PayUnit, Shift
from rxguild.jobs.services import PostingInput


class PostingForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=JobPosting.Kind.choices, initial=JobPosting.Kind.JOB)
    employment_type = forms.ChoiceField(choices=EmploymentType.choices)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        help_text="Markdown: **bold**, lists, links. HTML is not allowed.",
    )
    practice_setting = forms.ModelChoiceField(
        queryset=PracticeSetting.objects.all(), to_field_name="code", required=False
    )
    shift = forms.ChoiceField(choices=[("", "Any / not stated"), *Shift.choices], required=False)
    experience_months = forms.IntegerField(min_value=0, max_value=600, initial=0)
    location_type = forms.ChoiceField(choices=JobPosting.LocationType.choices)
    street_address = forms.CharField(max_length=200, required=False)
    city = forms.CharField(max_length=80, required=False)
    state = forms.CharField(max_length=2, required=False, help_text="Two letters, e.g. TX.")
    zip_code = forms.CharField(max_length=5, required=False, label="ZIP code")
    latitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text="Optional, with longitude: the workplace's own point (e.g. 29.7079), so "
        "distances are measured to it instead of the ZIP's centre.",
    )
    longitude = forms.DecimalField(
        required=False, max_digits=10, decimal_places=6, help_text="e.g. -95.4011"
    )
    pay_min = forms.DecimalField(required=False, max_digits=9, decimal_places=2)
    pay_max = forms.DecimalField(required=False, max_digits=9, decimal_places=2)
    pay_unit = forms.ChoiceField(choices=[("", "—"), *PayUnit.choices], required=False)
    unpaid = forms.BooleanField(
        required=False,
        label="This position is unpaid",
        help_text="Externships often are; say so rather than leaving the pay empty.",
    )
    valid_through = forms.DateTimeField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for 30 days from publication.",
    )
    required_credentials = forms.ModelMultipleChoiceField(
        queryset=Credential.objects.all(), to_field_name="code", required=False
    )
    preferred_credentials = forms.ModelMultipleChoiceField(
        queryset=Credential.objects.all(), to_field_name="code", required=False
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.all(), to_field_name="code", required=False
    )
    external_id = forms.CharField(
        max_length=120, required=False, label="Your requisition id (optional)"
    )

    def to_input(self) -> PostingInput:
        data = self.cleaned_data
        return PostingInput(
            title=data["title"],
            description=data["description"],
            employment_type=data["employment_type"],
            kind=data["kind"],
            shift=data.get("shift") or "",
            practice_setting=data["practice_setting"].code if data.get("practice_setting") else "",
            experience_months=data.get("experience_months") or 0,
            location_type=data["location_type"],
            street_address=data.get("street_address") or "",
            city=data.get("city") or "",
            state=data.get("state") or "",
            zip_code=data.get("zip_code") or "",
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            unpaid=bool(data.get("unpaid")),
            pay_min=data.get("pay_min"),
            pay_max=data.get("pay_max"),
            pay_unit=data.get("pay_unit") or "",
            valid_through=data.get("valid_through"),
            required_credentials=[c.code for c in data.get("required_credentials") or []],
            preferred_credentials=[c.code for c in data.get("preferred_credentials") or []],
            skills=[s.code for s in data.get("skills") or []],
            external_id=data.get("external_id") or "",
        )

    @classmethod
    def initial_for(cls, posting: JobPosting) -> dict:
        requirements = list(posting.credential_requirements.all())
        return {
            "title": posting.title,
            "kind": posting.kind,
            "employment_type": posting.employment_type,
            "description": posting.description,
            "practice_setting": posting.practice_setting.code if posting.practice_setting else "",
            "shift": posting.shift,
            "experience_months": posting.experience_months,
            "location_type": posting.location_type,
            "street_address": posting.street_address,
            "city": posting.city,
            "state": posting.state,
            "zip_code": posting.zip_code,
            "latitude": posting.latitude
            if posting.location_precision == LocationPrecision.POINT
            else None,
            "longitude": posting.longitude
            if posting.location_precision == LocationPrecision.POINT
            else None,
            "unpaid": posting.unpaid,
            "pay_min": posting.pay_min,
            "pay_max": posting.pay_max,
            "pay_unit": posting.pay_unit,
            "valid_through": posting.valid_through,
            "required_credentials": [r.credential.code for r in requirements if r.required],
            "preferred_credentials": [r.credential.code for r in requirements if not r.required],
            "skills": [s.code for s in posting.skills.all()],
            "external_id": posting.external_id,
        }


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A .csv file or a .json / .jsonld file of JobPosting objects.")
    valid_only = forms.BooleanField(
        required=False,
        label="Save the valid rows even if some rows have errors",
        help_text="Otherwise nothing is saved until every row is valid.",
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Publish"), ("reject", "Send back")])
    note = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
