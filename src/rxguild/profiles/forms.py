"""Forms parse and label input; the services decide what is valid and save it."""

from __future__ import annotations

import calendar
from typing import Any

from django import forms

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.profiles.models import Audience, Education, OpenTo, Profile
from rxguild.profiles.validation import STATE_CHOICES

STATE_SELECT_CHOICES = [("", "—"), *STATE_CHOICES]
# Shown inside the fieldset "Who can see each section". Short, distinct names on purpose:
# "Certifications and licenses" and "Skill list" keep the "Credential" and "Skills" fields'
# labels unique on the page.
SECTION_LABELS = {
    "location": "Location",
    "photo": "Photo",
    "work": "Work history",
    "education": "Education",
    "credentials": "Certifications and licenses",
    "skills": "Skill list",
}


class DateInput(forms.DateInput):
    input_type = "date"


class Form(forms.Form):
    """Labels without a trailing colon, so they read as the field's accessible name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ProfileBasicsForm(Form):
    display_name = forms.CharField(label="Display name", max_length=120, required=False)
    headline = forms.CharField(
        label="Headline",
        max_length=160,
        required=False,
        help_text="One line, such as “CPhT · sterile compounding · Houston”.",
    )
    brand_statement = forms.CharField(
        # Not "Brand statement": a label containing "state" would clash with the State field.
        label="About you",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Your brand statement. Markdown: **bold**, *italic*, lists and links. No HTML.",
    )
    years_experience = forms.IntegerField(
        label="Years of experience", min_value=0, max_value=70, required=False
    )
    zip_code = forms.CharField(
        label="ZIP code",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    state = forms.ChoiceField(label="State", choices=STATE_SELECT_CHOICES, required=False)
    practice_settings = forms.ModelMultipleChoiceField(
        label="Practice settings",
        queryset=PracticeSetting.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_public = forms.BooleanField(label="Make my profile public", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section, label in SECTION_LABELS.items():
            self.fields[f"{section}_audience"] = forms.ChoiceField(
                label=label, choices=Audience.choices
            )

    @staticmethod
    def initial_for(profile: Profile) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(profile, name)
            for name in (
                "display_name", "headline", "brand_statement", "years_experience",
                "zip_code", "state", "is_public",
            )
        }  # fmt: skip
        for section in SECTION_LABELS:
            initial[f"{section}_audience"] = getattr(profile, f"{section}_audience")
        initial["practice_settings"] = list(profile.practice_settings.all())
        return initial


# Situations some state CE rules depend on, in the member's words (keys are the engine's).
CE_CONDITION_LABELS = {
    "compounds_sterile": "I compound sterile preparations",
    "administers_vaccines": "I administer vaccines",
}
BIRTH_MONTH_CHOICES = [("", "—"), *((str(m), calendar.month_name[m]) for m in range(1, 13))]


class RenewalDetailsForm(Form):
    """Private details some state renewal rules need; every field is optional."""

    birth_month = forms.TypedChoiceField(
        label="Birth month",
        choices=BIRTH_MONTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Some boards renew in your birth month (Maryland, DC, New Mexico, Iowa…).",
    )
    birth_day = forms.IntegerField(
        label="Day of the month you were born",
        min_value=1,
        max_value=31,
        required=False,
        help_text="Only needed where a licence expires on your birthday (Massachusetts).",
    )
    ce_conditions = forms.MultipleChoiceField(
        label="What applies to you",
        choices=list(CE_CONDITION_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Some states ask for extra CE only then (Texas: sterile-compounding hours).",
    )

    @staticmethod
    def initial_for(profile: Profile) -> dict[str, Any]:
        return {
            "birth_month": profile.birth_month or "",
            "birth_day": profile.birth_day,
            "ce_conditions": list(profile.ce_conditions or ()),
        }

    @staticmethod
    def summary_for(profile: Profile) -> dict[str, Any]:
        """The saved details in words, for the read-only view of the section."""
        return {
            "birth_month": calendar.month_name[profile.birth_month] if profile.birth_month else "",
            "birth_day": profile.birth_day,
            "ce_conditions": [
                CE_CONDITION_LABELS.get(code, code) for code in profile.ce_conditions or ()
            ],
            "is_empty": not (profile.birth_month or profile.birth_day or profile.ce_conditions),
        }


class OpenToForm(Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not open"), *Audience.choices]
        for kind, label in OpenTo.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=f"Open to: {label.lower()}", choices=choices, required=False
            )

    def signals(self) -> dict[str, str]:
        return {kind: audience for kind, audience in self.cleaned_data.items() if audience}


class WorkExperienceForm(Form):
    employer = forms.CharField(label="Employer", max_length=160)
    title = forms.CharField(label="Job title", max_length=160)
    practice_setting = forms.ModelChoiceField(
        label="Practice setting", queryset=PracticeSetting.objects.all(), required=False
    )
    city = forms.CharField(label="City", max_length=80, required=False)
    state = forms.ChoiceField(label="Work location", choices=STATE_SELECT_CHOICES, required=False)
    start_date = forms.DateField(label="Start date", widget=DateInput)
    end_date = forms.DateField(
        label="End date", widget=DateInput, required=False, help_text="Leave empty if current."
    )
    summary = forms.CharField(
        label="What you did",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EducationForm(Form):
    institution = forms.CharField(label="School or institution", max_length=200)
    program = forms.CharField(label="Program", max_length=200)
    kind = forms.ChoiceField(label="Kind of training", choices=Education.Kind.choices)
    accreditation = forms.CharField(
        label="Accreditation", max_length=200, required=False, help_text="For example ASHP/ACPE."
    )
    externship_hours = forms.IntegerField(
        label="Externship hours", min_value=0, max_value=5000, required=False
    )
    start_date = forms.DateField(label="Start date", widget=DateInput, required=False)
    end_date = forms.DateField(label="End date", widget=DateInput, required=False)


class CredentialChoiceField(forms.ModelChoiceField):
    """Credentials by their full name with the abbreviation members know them by:
    "Certified Pharmacy Technician (CPhT)", never a bare code or abbreviation alone."""

    def label_from_instance(self, obj: Any) -> str:
        return credential_label(obj)


def credential_label(credential: Credential) -> str:
    name = credential.name
    if credential.abbreviation and credential.abbreviation.lower() not in name.lower():
        name = f"{name} ({credential.abbreviation})"
    return name


class HandleForm(Form):
    handle = forms.CharField(
        label="Your handle",
        max_length=60,
        help_text="Lowercase letters, digits and hyphens, 3 to 30 characters, starting with a "
        "letter. Links to your old address keep working.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class CredentialHeldForm(Form):
    credential = CredentialChoiceField(
        label="Credential", queryset=Credential.objects.order_by("name")
    )
    number = forms.CharField(label="License or certificate number", max_length=60, required=False)
    state = forms.ChoiceField(
        label="Issued in",
        choices=STATE_SELECT_CHOICES,
        required=False,
        help_text="Only for state registrations and licenses.",
    )
    issued_on = forms.DateField(label="Issued on", widget=DateInput, required=False)
    expires_on = forms.DateField(label="Expires on", widget=DateInput, required=False)


class SkillsForm(Form):
    """Skills chosen from the search results, added to the member's list."""

    add = forms.TypedMultipleChoiceField(label="Search results", coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["add"].choices = [  # type: ignore[attr-defined]
            (pk, name) for pk, name in Skill.objects.values_list("pk", "name")
        ]


class PhotoForm(Form):
    # A plain FileField: core.uploads sniffs and re-encodes, never trusting the name.
    photo = forms.FileField(label="Photo", help_text="JPEG, PNG or WebP, up to 5 MB.")


class JsonResumeImportForm(Form):
    resume_file = forms.FileField(label="JSON Resume file", help_text="A .json file, up to 1 MB.")
