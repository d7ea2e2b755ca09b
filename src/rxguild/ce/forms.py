from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from rxguild.ce.models import Audience, Format, RecordKind, Topic
from rxguild.ce.validation import KNOWN_TAGS_IN_WORDS

TAG_HELP = "Separate with semicolons. " + KNOWN_TAGS_IN_WORDS


class CeRecordForm(forms.Form):
    """The fields of a transcript record. Their rules live in validation.record_clean, which the
    service runs (shared with the CSV import and the API); views put its errors on the form."""

    uan = forms.CharField(
        label="ACPE activity number (UAN)",
        required=False,
        max_length=40,
        help_text="e.g. 0204-0000-24-101-H05-T. It fills format, topic and audience.",
    )
    title = forms.CharField(label="Activity title", max_length=300)
    provider_name = forms.CharField(label="Provider", required=False, max_length=200)
    completed_on = forms.DateField(
        label="Completion date", widget=forms.DateInput(attrs={"type": "date"})
    )
    # Text, not a DecimalField: the service (validation.record_clean) checks hours once, with
    # the same messages as the CSV import and the API.
    hours = forms.CharField(
        label="Contact hours",
        max_length=20,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    format = forms.ChoiceField(label="Format", choices=Format.choices, initial=Format.HOME_STUDY)
    topic_code = forms.ChoiceField(label="ACPE topic", choices=Topic.choices, required=False)
    audience = forms.ChoiceField(label="Audience", choices=Audience.choices, required=False)
    kind = forms.ChoiceField(label="Kind", choices=RecordKind.choices, initial=RecordKind.ACPE)
    tags = forms.CharField(label="Tags", required=False, help_text=TAG_HELP, max_length=500)
    proof = forms.FileField(label="Proof (certificate PDF, PNG or JPG, up to 5 MB)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Typing a UAN asks the server to decode it and refill the fields it determines.
        self.fields["uan"].widget.attrs.update(
            {
                "hx-get": reverse("ce:uan_lookup"),
                "hx-trigger": "change, keyup changed delay:600ms",
                "hx-target": "#uan-fields",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
                "autocomplete": "off",
            }
        )

    def record_data(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "uan",
                "title",
                "provider_name",
                "completed_on",
                "format",
                "topic_code",
                "audience",
                "kind",
                "tags",
            )
        } | {"hours": data.get("hours", "")}


class UploadForm(forms.Form):
    file = forms.FileField(label="File")


class StaffReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see this member's transcript?",
        min_length=10,
        max_length=300,
        help_text="Logged with your name and the time.",
    )
