"""The analysis page: pick or paste a posting, edit the summary, experience, certifications and
skills in the builder's fields (a field per item) with the score re-rendered from the unsaved
fields as the member types (htmx), save, and "I have this" (adds the posting's wording).

Like the builder, every button is a plain submit of the edit form: without JavaScript add,
remove, move and "I have this" re-render the page with what was typed (nothing saved until
"Save changes"); with htmx the same POST swaps only the fields and the score follows
(`HX-Trigger-After-Settle: resume-changed`).
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.resumes import selectors, services
from rxguild.resumes.builder_forms import (
    LIST_SECTIONS_BY_KEY,
    main_from_post,
    main_initial,
    op_from_post,
)
from rxguild.resumes.forms import TargetForm
from rxguild.resumes.models import Resume
from rxguild.resumes.views.builder import (
    Rows,
    apply_op,
    draft_apply,
    editor_context,
    rows_from_resume,
    save_if_changed,
)

# What the analysis page lets the member edit next to the live score.
ANALYSIS_SECTIONS = ("experience", "certifications", "skills")


def _rows_from_post(data: QueryDict) -> Rows:
    return {key: LIST_SECTIONS_BY_KEY[key].rows_from_post(data) for key in ANALYSIS_SECTIONS}


def _changes(main: dict[str, Any], rows: Rows) -> dict[str, Any]:
    """The edited parts as `services.resume_update` takes them (nothing else is touched)."""
    return {
        "summary": main.get("summary", ""),
        **{key: LIST_SECTIONS_BY_KEY[key].stored_value(rows[key]) for key in ANALYSIS_SECTIONS},
    }


def _have(rows: Rows, wording: str) -> tuple[Rows, dict[str, Any], str]:
    """ "I have this": the posting's wording as a new skill row (unsaved, like "Add")."""
    skills = rows["skills"]
    if wording.lower() in {str(row.get("name", "")).strip().lower() for row in skills}:
        return rows, {}, f"“{wording}” is already in your skills."
    skills = [*skills, {"name": wording}]
    focus = {"section": "skills", "index": len(skills) - 1, "field": "name"}
    return {**rows, "skills": skills}, focus, f"Added “{wording}” to your skills. Not saved yet."


def _target_form(request: HttpRequest, resume: Resume) -> TargetForm:
    initial_choice = (
        f"p:{resume.target_posting.public_id}" if resume.target_posting is not None else ""
    )
    return TargetForm(
        initial={"posting": initial_choice, "posting_text": resume.posting_text},
        choices=selectors.posting_choices_for(request.user, current=resume.target_posting),
    )


def _context(
    request: HttpRequest,
    resume: Resume,
    main: dict[str, Any],
    rows: Rows,
    *,
    draft: Resume | None = None,
    draft_errors: list[str] | None = None,
    **editor: Any,
) -> dict[str, Any]:
    """The editor's fields as typed and the analysis of `draft` (the unsaved fields) or, with
    no draft, of the saved resume."""
    context = editor_context(request, resume, main, rows, only=ANALYSIS_SECTIONS, **editor)
    context.update(
        analysis=selectors.resume_analysis(draft if draft is not None else resume),
        is_preview=draft is not None,
        draft_errors=draft_errors or [],
        posting=resume.target_posting,
        findings=resume.source_file.findings if resume.source_file is not None else [],
    )
    return context


@login_required
@require_GET
def resume_analyze(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    context = _context(request, resume, main_initial(resume), rows_from_resume(resume))
    context["target_form"] = _target_form(request, resume)
    return render(request, "resumes/analyze.html", context)


@login_required
@require_POST
def resume_target(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    choices = selectors.posting_choices_for(request.user, current=resume.target_posting)
    form = TargetForm(request.POST, choices=choices)
    if form.is_valid():
        posting, text = (None, form.cleaned_data["posting_text"])
        if form.cleaned_data["posting"]:
            posting, text = selectors.posting_from_choice(
                request.user, form.cleaned_data["posting"]
            )
        try:
            if request.POST.get("tailor"):
                resume = services.resume_tailor_for_posting(
                    resume=resume, posting=posting, posting_text=text
                )
                messages.success(request, f"Made “{resume.title}”: your facts, reordered for it.")
            else:
                services.resume_target_set(resume=resume, posting=posting, posting_text=text)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("resumes:analyze", resume.pk)
    context = _context(request, resume, main_initial(resume), rows_from_resume(resume))
    context["target_form"] = form
    return render(request, "resumes/analyze.html", context, status=422)


@login_required
@require_POST
def resume_analyze_preview(request: HttpRequest, resume_id: int) -> HttpResponse:
    """The score for the edited (unsaved) fields: htmx swaps it in as the member types. A
    field that does not pass counts as last saved, and the results say which."""
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    main, rows = main_from_post(request.POST), _rows_from_post(request.POST)
    draft = copy.copy(resume)
    held_back = draft_apply(draft, _changes(main, rows))
    context = _context(request, resume, main, rows, draft=draft, draft_errors=held_back)
    return render(request, "resumes/_analysis.html", context)


@login_required
@require_POST
def resume_analyze_save(request: HttpRequest, resume_id: int) -> HttpResponse:
    """The edit form's buttons: add/remove/move, "I have this", and save."""
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    htmx = bool(request.htmx)  # type: ignore[attr-defined]  # django-htmx middleware
    main, rows = main_from_post(request.POST), _rows_from_post(request.POST)
    op = op_from_post(request.POST)
    wording = str(request.POST.get("have", "")).strip()[:120]
    errors: dict[str, list[str]] = {}
    if op is not None and op.section in ANALYSIS_SECTIONS:
        rows, focus, status = apply_op(op, rows, request.POST)
        status += " Not saved yet."
    elif wording:
        rows, focus, status = _have(rows, wording)
    else:
        changes = _changes(main, rows)
        draft = copy.copy(resume)
        try:
            services.resume_changes_apply(draft, changes)
        except ValidationError as error:
            errors, focus = error.message_dict, {}
            status = "Not saved: correct the fields marked below."
        else:
            changed = save_if_changed(resume, draft, changes)
            status = "Resume saved." if changed else "No changes to save."
            if not htmx:
                messages.success(request, status)
                return redirect("resumes:analyze", resume.pk)
            context = _context(
                request, resume, main_initial(resume), rows_from_resume(resume), status=status
            )
            context["saved"] = changed
            return _editor_response(request, context)
    draft = copy.copy(resume)
    held_back = draft_apply(draft, _changes(main, rows))
    context = _context(
        request,
        resume,
        main,
        rows,
        draft=draft,
        draft_errors=held_back,
        errors=errors,
        focus=focus,
        status=status,
    )
    if htmx:
        return _editor_response(request, context)
    context["target_form"] = _target_form(request, resume)
    return render(request, "resumes/analyze.html", context, status=422 if errors else 200)


def _editor_response(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    # htmx swaps only 2xx answers: the fields with their errors come back as 200 there.
    response = render(request, "resumes/_analysis_editor.html", context)
    response["HX-Trigger-After-Settle"] = "resume-changed"  # the score follows the fields
    return response
