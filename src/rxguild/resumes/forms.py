"""Forms for the import confirmation and the analysis page (text blocks per section); the
builder's structured fields are in `builder_forms`. They only parse; services validate."""

from __future__ import annotations

from typing import Any

from django import forms

from rxguild.resumes import sections
from rxguild.resumes.models import Resume, ResumeTemplate

ENTRY_HELP = (
    "One entry per heading line: “Title | Employer | City, ST | Jan 2021 \u2013 Present”, "
    "then one line per bullet starting with “- ”."
)
EDUCATION_HELP = (
    "“Program | School | 2019 \u2013 2020”, then details as “- ” lines "
    "(accreditation, externship hours)."
)


def _area(rows: int, help_text: str = "") -> dict[str, Any]:
    return {
        "required": False,
        "widget": forms.Textarea(attrs={"rows": rows}),
        "help_text": help_text,
    }


class ResumeForm(forms.Form):
    title = forms.CharField(max_length=160, help_text="Only you see this name.")
    template = forms.ChoiceField(choices=ResumeTemplate.choices, label="Template (all ATS-safe)")
    full_name = forms.CharField(max_length=120, required=False, label="Full name")
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    location = forms.CharField(max_length=120, required=False, help_text="City, State")
    links_text = forms.CharField(
        label="Links", **_area(2, "One per line (e.g. your RxGuild profile).")
    )
    summary = forms.CharField(max_length=3000, **_area(5))
    experience_text = forms.CharField(label="Experience", **_area(12, ENTRY_HELP))
    education_text = forms.CharField(label="Education", **_area(6, EDUCATION_HELP))
    certifications_text = forms.CharField(
        label="Certifications and licenses",
        **_area(4, "One per line, as written on the certificate (e.g. “CPhT (PTCB)”)."),
    )
    skills_text = forms.CharField(label="Skills", **_area(6, "One skill per line."))
    extra_text = forms.CharField(
        label="Other sections",
        **_area(5, "“## Heading” on its own line, then the text (volunteering, languages)."),
    )

    def __init__(self, *args: Any, only: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if only is not None:
            for name in list(self.fields):
                if name not in only:
                    del self.fields[name]

    @staticmethod
    def initial_for(resume: Resume) -> dict[str, Any]:
        return {
            "title": resume.title,
            "template": resume.template,
            "full_name": resume.full_name,
            "email": resume.email,
            "phone": resume.phone,
            "location": resume.location,
            "links_text": sections.lines_to_text(resume.links),
            "summary": resume.summary,
            "experience_text": sections.experience_to_text(resume.experience),
            "education_text": sections.education_to_text(resume.education),
            "certifications_text": sections.lines_to_text(resume.certifications),
            "skills_text": sections.lines_to_text(resume.skills),
            "extra_text": sections.extra_to_text(resume.extra_sections),
        }


# What the analysis page lets the member edit next to the live score.
ANALYSIS_FIELDS = ("summary", "experience_text", "skills_text", "certifications_text")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Resume file (PDF or Word .docx, up to 5 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )


class TargetForm(forms.Form):
    posting = forms.ChoiceField(
        required=False, label="A posting from your tracker or the job board"
    )
    posting_text = forms.CharField(
        required=False,
        max_length=20000,
        label="…or paste the posting's text",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, choices: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]  # immutable default
        super().__init__(*args, **kwargs)
        grouped: dict[str, list[tuple[str, str]]] = {}
        for choice in choices:
            grouped.setdefault(choice.group, []).append((choice.value, choice.label))
        self.fields["posting"].choices = [("", "— choose —"), *grouped.items()]  # type: ignore[attr-defined]  # ChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("posting") and not str(data.get("posting_text", "")).strip():
            raise forms.ValidationError("Pick a posting or paste its text.")
        return data


class SkillAddForm(forms.Form):
    skill = forms.CharField(max_length=120)
