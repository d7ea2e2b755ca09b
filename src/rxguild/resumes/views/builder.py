"""The builder: one form with a field per part of every entry, add/remove/move buttons, and a
live preview that re-renders from the unsaved form as the member types (htmx, debounced).

Without JavaScript every button is a plain submit: add/remove/move re-render the page with the
typed values kept (nothing saved yet), "Save" saves and redirects. With htmx the same POST
swaps only the editor and the preview follows (`HX-Trigger-After-Settle: resume-changed`).
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.resumes import selectors, services
from rxguild.resumes.builder_forms import (
    LIST_SECTIONS,
    LIST_SECTIONS_BY_KEY,
    Op,
    ResumeMainForm,
    changes_from_rows,
    main_from_post,
    main_initial,
    op_from_post,
)
from rxguild.resumes.export_pdf import html_context
from rxguild.resumes.models import Resume
from rxguild.resumes.sections import entries_reorder

Rows = dict[str, list[dict[str, Any]]]
STORED = ("title", "template", "full_name", "email", "phone", "location", "links", "summary")


def rows_from_resume(resume: Resume) -> Rows:
    return {section.key: section.rows_from_resume(resume) for section in LIST_SECTIONS}


def apply_op(op: Op, rows: Rows, data: Any) -> tuple[Rows, dict[str, Any], str]:
    """The pressed button applied to the typed rows; where focus goes; what to announce."""
    section = LIST_SECTIONS_BY_KEY[op.section]
    entries = rows[op.section]
    focus: dict[str, Any] = {"section": op.section}
    if op.verb in ("add", "pick"):
        row = section.blank_row()
        if op.verb == "pick":
            row["name"] = str(data.get(f"{op.section}-pick", "")).strip()
            if not row["name"]:
                return rows, {"section": op.section, "button": "pick"}, "Choose one to add."
        entries = [*entries, row]
        focus.update(index=len(entries) - 1, field=next(iter(row)))
        status = f"Added {section.noun} {len(entries)}."
    else:
        entries, new_index = entries_reorder(entries, op=op.verb, index=op.index)
        if op.verb == "remove":
            focus["button"] = "add"
            status = f"Removed {section.noun} {op.index + 1}."
        elif new_index is None or new_index == op.index:
            focus.update(index=op.index, button=op.verb)
            status = "Nothing to move."
        else:
            focus.update(index=new_index, button=op.verb)
            status = f"Moved {section.noun} {op.index + 1} to position {new_index + 1}."
    return {**rows, op.section: entries}, focus, status


def draft_apply(draft: Resume, changes: dict[str, Any]) -> list[str]:
    """Set on an unsaved draft each field that passes (for a preview); the messages of those
    that do not, which keep their last saved value."""
    held_back: list[str] = []
    for name, value in changes.items():
        try:
            services.resume_changes_apply(draft, {name: value})
        except ValidationError as error:
            held_back.extend(error.messages)
    return held_back


def _snapshot(resume: Resume) -> list[Any]:
    return [getattr(resume, name) for name in (*STORED, *LIST_SECTIONS_BY_KEY)]


def save_if_changed(resume: Resume, draft: Resume, changes: dict[str, Any]) -> bool:
    """Save `changes` (already checked on `draft`) only if they change something, so "Save"
    can say "No changes to save." and the resume's last-saved time stays true."""
    if _snapshot(draft) == _snapshot(resume):
        return False
    services.resume_update(resume=resume, **changes)
    return True


def editor_context(
    request: HttpRequest,
    resume: Resume,
    main: dict[str, Any],
    rows: Rows,
    *,
    errors: dict[str, list[str]] | None = None,
    focus: dict[str, Any] | None = None,
    status: str = "",
    saved: bool = False,
    preview_of: Resume | None = None,
    only: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """`only` names the list sections to show (the analysis page edits a few)."""
    errors = errors or {}
    focus = focus or {}
    main_form = ResumeMainForm(initial=main, auto_id="id_%s")
    for name, field in main_form.fields.items():
        if name in errors:
            field.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
            )
    lists = []
    for section in LIST_SECTIONS:
        if only is not None and section.key not in only:
            continue
        formset = section.formset(initial=rows[section.key], prefix=section.key)
        for index, form in enumerate(formset.forms):
            form.focus_button = ""
            if focus.get("section") == section.key and focus.get("index") == index:
                if "field" in focus:
                    form.fields[focus["field"]].widget.attrs["autofocus"] = True
                form.focus_button = focus.get("button", "")
        lists.append(
            {
                "section": section,
                "formset": formset,
                "error": " ".join(errors.get(section.key, [])),
                "focus": focus.get("button") if focus.get("section") == section.key else "",
                "focus_index": focus.get("index"),
            }
        )
    return {
        "resume": resume,
        "main_form": main_form,
        "main_errors": {
            name: " ".join(errors[name]) for name in main_form.fields if name in errors
        },
        "lists": lists,
        "options": selectors.builder_options_for(signed_in_member(request.user)),
        "status": status,
        "saved": saved,
        "has_errors": bool(errors),
        "preview": html_context(preview_of or resume),
    }


@login_required
@require_http_methods(["GET", "POST"])
def resume_detail(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    htmx = bool(request.htmx)  # type: ignore[attr-defined]  # django-htmx middleware
    if request.method == "GET":
        context = editor_context(request, resume, main_initial(resume), rows_from_resume(resume))
        return render(request, "resumes/detail.html", context)

    main = main_from_post(request.POST)
    rows = {section.key: section.rows_from_post(request.POST) for section in LIST_SECTIONS}
    op = op_from_post(request.POST)
    if op is not None:
        rows, focus, status = apply_op(op, rows, request.POST)
        context = editor_context(
            request, resume, main, rows, focus=focus, status=status + " Not saved yet."
        )
        if not htmx:
            return render(request, "resumes/detail.html", context)
        response = render(request, "resumes/_editor_fields.html", context)
        response["HX-Trigger-After-Settle"] = "resume-changed"  # the preview shows the new order
        return response

    changes = changes_from_rows(main, rows)
    draft = copy.copy(resume)
    try:
        services.resume_changes_apply(draft, changes)
    except ValidationError as error:
        context = editor_context(
            request,
            resume,
            main,
            rows,
            errors=error.message_dict,
            status="Not saved: correct the fields marked below.",
        )
        template = "resumes/_editor_fields.html" if htmx else "resumes/detail.html"
        # htmx swaps only 2xx answers: the editor with its errors comes back as 200 there.
        return render(request, template, context, status=200 if htmx else 422)
    changed = save_if_changed(resume, draft, changes)
    status = "Saved." if changed else "No changes to save."
    if not htmx:
        messages.success(request, status)
        return redirect("resumes:detail", resume.pk)
    context = editor_context(
        request,
        resume,
        main_initial(resume),
        rows_from_resume(resume),
        status=status,
        saved=changed,
    )
    response = render(request, "resumes/_editor_fields.html", context)
    response["HX-Trigger-After-Settle"] = "resume-changed"
    return response


@login_required
@require_POST
def resume_preview(request: HttpRequest, resume_id: int) -> HttpResponse:
    """The resume as the unsaved form stands (htmx, as the member types). A field that does
    not pass is shown as last saved, and the preview says which."""
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    main = main_from_post(request.POST)
    rows = {section.key: section.rows_from_post(request.POST) for section in LIST_SECTIONS}
    draft = copy.copy(resume)
    held_back = draft_apply(draft, changes_from_rows(main, rows))
    return render(
        request,
        "resumes/_preview.html",
        {"preview": html_context(draft), "resume": draft, "held_back": held_back},
    )
