"""The builder's fields: one input per part of an entry (Django formsets), read back into the
lists the resume stores. They only parse; `services.resume_changes_apply` validates.

Add, remove and move are submit buttons (`op` = "<section>:<verb>[:<index>]"), so the builder
works without JavaScript; with htmx the same buttons swap the editor in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.http import QueryDict

from rxguild.resumes import sections
from rxguild.resumes.models import Resume, ResumeTemplate

LINES_HELP = "One per line; each line becomes a bullet point."


def _text(label: str, help_text: str = "", **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=sections.MAX_LINE,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


def _lines(label: str, help_text: str = LINES_HELP, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ExperienceEntryForm(forms.Form):
    title = _text("Job title", autocomplete="organization-title")
    employer = _text("Employer", autocomplete="organization")
    location = _text("Location", "City, ST")
    dates = _text("Dates", "e.g. Jan 2021 \u2013 Present")
    bullets = _lines("What you did")


class EducationEntryForm(forms.Form):
    program = _text("Program or degree")
    institution = _text("School")
    dates = _text("Dates", "e.g. 2019 \u2013 2020")
    details = _lines("Details", "One per line (accreditation, externship hours).", rows=3)


class CertificationForm(forms.Form):
    name = _text("Certification or license", list="certification-options")


class SkillForm(forms.Form):
    name = _text("Skill", list="skill-options")


class ExtraSectionForm(forms.Form):
    heading = _text("Heading", "e.g. Volunteering, Languages")
    body = _lines("Text", "Paragraphs; lines starting with “- ” become a list.", rows=3)


class ResumeMainForm(forms.Form):
    title = forms.CharField(max_length=160, help_text="Only you see this name.")
    template = forms.ChoiceField(choices=ResumeTemplate.choices, label="Template (all ATS-safe)")
    full_name = forms.CharField(max_length=120, required=False, label="Full name")
    email = forms.CharField(max_length=254, required=False, label="Email")
    phone = forms.CharField(max_length=40, required=False)
    location = forms.CharField(max_length=120, required=False, help_text="City, State")
    links = _lines("Links", "One per line (e.g. your RxGuild profile).", rows=2)
    summary = forms.CharField(
        required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )


@dataclass(frozen=True)
class ListSection:
    """One repeatable section: its formset, the keys of one entry and how it maps to storage."""

    key: str  # formset prefix and Resume attribute
    heading: str
    noun: str  # "entry", "certification": the buttons say "Add a certification"
    form: type[forms.Form]
    list_key: str = ""  # the entry's list field (bullets, details), "" for single-value rows
    help: str = ""

    @property
    def single(self) -> bool:
        """One value per row (a certification, a skill): shown as a compact row."""
        return self.form is CertificationForm or self.form is SkillForm

    @property
    def formset(self) -> type[BaseFormSet[Any]]:
        return formset_factory(self.form, extra=0, max_num=sections.MAX_ENTRIES * 3)

    def rows_from_resume(self, resume: Resume) -> list[dict[str, Any]]:
        stored = getattr(resume, self.key) or []
        if self.single:
            return [{"name": str(item)} for item in stored]
        rows = []
        for entry in stored:
            row = {name: str(entry.get(name, "")) for name in self.form.base_fields}
            if self.list_key:
                row[self.list_key] = "\n".join(entry.get(self.list_key, []))
            rows.append(row)
        return rows

    def rows_from_post(self, data: QueryDict) -> list[dict[str, Any]]:
        """What was typed, row by row, as typed (even if invalid: nothing typed is lost)."""
        try:
            total = int(data.get(f"{self.key}-TOTAL_FORMS", "0"))
        except ValueError:
            total = 0
        total = max(0, min(total, sections.MAX_ENTRIES * 3))
        names = list(self.form.base_fields)
        return [
            {name: str(data.get(f"{self.key}-{index}-{name}", "")) for name in names}
            for index in range(total)
        ]

    def stored_value(self, rows: list[dict[str, Any]]) -> list[Any]:
        """Rows into the service's input (a list of strings or of entries)."""
        if self.single:
            return [row["name"] for row in rows]
        return rows

    def blank_row(self) -> dict[str, str]:
        return dict.fromkeys(self.form.base_fields, "")


LIST_SECTIONS: tuple[ListSection, ...] = (
    ListSection("experience", "Experience", "job", ExperienceEntryForm, "bullets"),
    ListSection("education", "Education", "school or program", EducationEntryForm, "details"),
    ListSection(
        "certifications",
        "Certifications and licenses",
        "certification",
        CertificationForm,
        help="As written on the certificate. Type it, or choose a suggestion: your own "
        "credentials first, then the catalog's.",
    ),
    ListSection(
        "skills",
        "Skills",
        "skill",
        SkillForm,
        help="One skill per box; suggestions come from RxGuild's skills list.",
    ),
    ListSection("extra_sections", "Other sections", "section", ExtraSectionForm),
)
LIST_SECTIONS_BY_KEY = {section.key: section for section in LIST_SECTIONS}


def main_initial(resume: Resume) -> dict[str, Any]:
    return {
        "title": resume.title,
        "template": resume.template,
        "full_name": resume.full_name,
        "email": resume.email,
        "phone": resume.phone,
        "location": resume.location,
        "links": "\n".join(resume.links),
        "summary": resume.summary,
    }


def main_from_post(data: QueryDict) -> dict[str, Any]:
    return {name: str(data.get(name, "")) for name in ResumeMainForm.base_fields}


def changes_from_rows(
    main: dict[str, Any], rows: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The whole editor as `services.resume_update` takes it."""
    changes: dict[str, Any] = {name: value for name, value in main.items() if name != "links"}
    changes["links"] = main.get("links", "")
    for section in LIST_SECTIONS:
        changes[section.key] = section.stored_value(rows[section.key])
    return changes


@dataclass(frozen=True)
class Op:
    section: str
    verb: str  # add | up | down | remove | pick
    index: int = -1


def op_from_post(data: QueryDict) -> Op | None:
    """The builder button that was pressed, or None for "save" (or anything unknown)."""
    parts = str(data.get("op", "")).split(":")
    if len(parts) < 2 or parts[0] not in LIST_SECTIONS_BY_KEY:
        return None
    verb = parts[1]
    if verb in ("add", "pick") and len(parts) == 2:
        return Op(parts[0], verb)
    if verb in ("up", "down", "remove") and len(parts) == 3 and parts[2].isdigit():
        return Op(parts[0], verb, int(parts[2]))
    return None
