"""Forms for the tracker pages: they check the shape of input; services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.tracker.board import Move
from rxguild.tracker.models import (
    STAGE_CHOICES,
    ApplicationResume,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class ExternalJobForm(forms.Form):
    title = forms.CharField(max_length=200)
    organization = forms.CharField(max_length=200, required=False, label="Employer")
    external_url = forms.CharField(
        max_length=500, label="Job address (URL)", help_text="Paste the posting's web address."
    )
    location = forms.CharField(max_length=200, required=False)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
        help_text="Paste the description: postings often disappear once filled.",
    )
    stage = forms.ChoiceField(choices=STAGE_CHOICES, initial="saved")


class ApplyForm(forms.Form):
    RESUME_NONE = "none"
    RESUME_UPLOAD = "upload"

    resume = forms.ChoiceField(label="Resume to send", widget=forms.RadioSelect)
    resume_file = forms.FileField(
        required=False,
        label="Upload a resume (PDF or Word .docx, up to 5 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        label="Note to the employer",
        help_text="Optional. The employer sees this note, your name, email and headline.",
    )

    def __init__(
        self,
        *args: Any,
        resumes: list[ApplicationResume],
        rxguild_resumes: list[Any] = (),  # type: ignore[assignment]  # immutable default
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.resumes = {str(resume.pk): resume for resume in resumes}
        choices = [(key, f"{resume.original_name}") for key, resume in self.resumes.items()]
        # Resumes built in RxGuild (resumes app): sent as a freshly exported PDF.
        self.rxguild_resumes = {f"rx:{resume.pk}": resume for resume in rxguild_resumes}
        choices += [
            (key, f"{resume.title} (RxGuild resume, sent as PDF)")
            for key, resume in self.rxguild_resumes.items()
        ]
        choices += [(self.RESUME_UPLOAD, "Upload a new file"), (self.RESUME_NONE, "No resume")]
        resume_field = self.fields["resume"]
        assert isinstance(resume_field, forms.ChoiceField)
        resume_field.choices = choices
        self.fields["resume"].initial = choices[0][0]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("resume") == self.RESUME_UPLOAD and not cleaned.get("resume_file"):
            self.add_error("resume_file", "Choose the file to upload, or pick another option.")
        return cleaned


class TrackerDetailsForm(forms.Form):
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    applied_on = forms.DateField(required=False, widget=DATE_INPUT, label="Applied on")
    follow_up_on = forms.DateField(
        required=False,
        widget=DATE_INPUT,
        label="Follow up on",
        help_text="We email you a reminder that day.",
    )


class MoveForm(forms.Form):
    move = forms.ChoiceField(choices=[(m.value, m.value) for m in Move], required=False)
    stage = forms.ChoiceField(choices=STAGE_CHOICES, required=False)
    index = forms.IntegerField(required=False, min_value=0, max_value=10000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("move") and not cleaned.get("stage"):
            raise forms.ValidationError("Choose a move or a stage.")
        return cleaned


class ContactForm(forms.Form):
    name = forms.CharField(max_length=120)
    role = forms.CharField(max_length=120, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)


class InterviewForm(forms.Form):
    person_name = forms.CharField(max_length=120, label="Whom")
    person_role = forms.CharField(max_length=120, required=False, label="Their role")
    organization = forms.CharField(max_length=200, required=False)
    held_on = forms.DateField(widget=DATE_INPUT, label="When")
    learned = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What I learned"
    )
    next_step = forms.CharField(max_length=300, required=False, label="Next step")
    next_step_on = forms.DateField(required=False, widget=DATE_INPUT, label="Next step by")


class EmployerStagesForm(forms.Form):
    names = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 7}),
        label="Stages, one per line, in order",
        max_length=2000,
    )


class EmployerNoteForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, label="Internal note"
    )
