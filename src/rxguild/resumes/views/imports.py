"""Confirming an imported file: the structure read from it, in the builder's fields.

Nothing is saved until "Save this resume": add/remove/move re-render the page with what was
typed. The preview shows the form as it stands at each render (no live preview before there
is a resume to preview).
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rxguild.resumes import sections, selectors, services
from rxguild.resumes.builder_forms import (
    LIST_SECTIONS,
    changes_from_rows,
    main_from_post,
    op_from_post,
)
from rxguild.resumes.importing import ImportedStructure, structure_from_text
from rxguild.resumes.models import Resume, ResumeFile
from rxguild.resumes.views.builder import Rows, apply_op, draft_apply, editor_context


def _rows_from_structure(structure: ImportedStructure) -> Rows:
    """The importer's best guess as builder rows. Text it cannot split into entries stays in
    the first entry's bullets rather than being dropped."""

    def entries(text: str, parse: Any, list_key: str, first_key: str) -> list[dict[str, Any]]:
        try:
            parsed = parse(text)
        except sections.SectionError:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            parsed = [{first_key: "", list_key: lines}] if lines else []
        return [{**entry, list_key: "\n".join(entry.get(list_key, []))} for entry in parsed]

    def lines(text: str, label: str) -> list[dict[str, Any]]:
        try:
            return [{"name": item} for item in sections.lines_from_text(text, label, limit=500)]
        except sections.SectionError:
            return [{"name": line.strip()} for line in text.splitlines() if line.strip()]

    return {
        "experience": entries(
            structure.experience_text, sections.experience_from_text, "bullets", "title"
        ),
        "education": entries(
            structure.education_text, sections.education_from_text, "details", "program"
        ),
        "certifications": lines(structure.certifications_text, "Certifications"),
        "skills": lines(structure.skills_text, "Skills"),
        "extra_sections": [],
    }


def _draft(owner: Any, changes: dict[str, Any]) -> tuple[Resume, list[str]]:
    """A resume that is never saved, holding what passes, for the preview."""
    draft = Resume(owner=owner, title="")
    return draft, draft_apply(draft, changes)


def _page(
    request: HttpRequest,
    resume_file: ResumeFile,
    main: dict[str, Any],
    rows: Rows,
    status_code: int = 200,
    **extra: Any,
) -> HttpResponse:
    draft, _ = _draft(request.user, changes_from_rows(main, rows))
    context = editor_context(request, draft, main, rows, preview_of=draft, **extra)
    context.update(resume_file=resume_file, save_label="Save this resume", importing=True)
    return render(request, "resumes/import_confirm.html", context, status=status_code)


@login_required
@require_http_methods(["GET", "POST"])
def resume_import_confirm(request: HttpRequest, file_id: int) -> HttpResponse:
    resume_file = selectors.resume_file_get_for_owner(request.user, file_id)
    if request.method == "GET":
        structure = structure_from_text(resume_file.extracted_text)
        main = {
            "title": f"Imported: {resume_file.original_name}"[:160],
            "template": "classic",
            "full_name": structure.full_name,
            "email": structure.email,
            "phone": structure.phone,
            "location": structure.location,
            "links": "",
            "summary": structure.summary,
        }
        return _page(request, resume_file, main, _rows_from_structure(structure))

    main = main_from_post(request.POST)
    rows = {section.key: section.rows_from_post(request.POST) for section in LIST_SECTIONS}
    op = op_from_post(request.POST)
    if op is not None:
        rows, focus, status = apply_op(op, rows, request.POST)
        return _page(request, resume_file, main, rows, focus=focus, status=status)
    changes = changes_from_rows(main, rows)
    title = changes.pop("title", "")
    try:
        resume = services.resume_create_from_import(
            resume_file=resume_file, title=title, **copy.deepcopy(changes)
        )
    except ValidationError as error:
        return _page(
            request,
            resume_file,
            main,
            rows,
            status_code=422,
            errors=error.message_dict,
            status="Not saved: correct the fields marked below.",
        )
    messages.success(request, "Your resume was imported. Analyse it against a posting.")
    return redirect("resumes:analyze", resume.pk)
