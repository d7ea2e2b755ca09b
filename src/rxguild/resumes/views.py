"""Resume pages: list, builder (htmx section editing), import, analysis, exports.

Thin: forms parse, services change, selectors read. Every view takes the resume through
`resume_get_for_owner`, so another member's id is a 404 and nothing changes.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.core.uploads import UploadRejected
from rxguild.resumes import selectors, services
from rxguild.resumes.export_docx import render_docx
from rxguild.resumes.export_pdf import render_pdf
from rxguild.resumes.export_text import render_text
from rxguild.resumes.forms import (
    ANALYSIS_FIELDS,
    SECTION_FIELDS,
    SECTION_HEADINGS,
    SECTIONS,
    ImportForm,
    ResumeForm,
    SkillAddForm,
    TargetForm,
)
from rxguild.resumes.importing import structure_from_text
from rxguild.resumes.models import Resume

EXPORTS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "pdf": ("application/pdf", render_pdf),
    "txt": ("text/plain; charset=utf-8", lambda resume: render_text(resume).encode("utf-8")),
}


def _changes(form: Form) -> dict[str, Any]:
    return {name: form.cleaned_data.get(name, "") for name in form.fields}


@login_required
@require_GET
def resume_list(request: HttpRequest) -> HttpResponse:
    resumes = list(selectors.resumes_for_owner(request.user))
    return render(request, "resumes/list.html", {"resumes": resumes})


@login_required
@require_POST
def resume_create_from_profile(request: HttpRequest) -> HttpResponse:
    try:
        resume = services.resume_create_from_profile(owner=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("resumes:list")
    messages.success(request, "Your master resume was built from your profile. Check each section.")
    return redirect("resumes:detail", resume.pk)


@login_required
@require_POST
def resume_create_blank(request: HttpRequest) -> HttpResponse:
    try:
        resume = services.resume_create(
            owner=request.user, title="New resume", email=getattr(request.user, "email", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("resumes:list")
    return redirect("resumes:detail", resume.pk)


def _section_context(resume: Resume) -> dict[str, Any]:
    initial = ResumeForm.initial_for(resume)
    return {
        "resume": resume,
        "sections": [
            {"key": key, "heading": heading, "text": [initial[name] for name in fields]}
            for key, heading, fields in SECTIONS
        ],
    }


@login_required
@require_GET
def resume_detail(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    context = _section_context(resume)
    context["text_preview"] = render_text(resume)
    return render(request, "resumes/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resume_section(request: HttpRequest, resume_id: int, section: str) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    if section not in SECTION_FIELDS:
        raise Http404("No such section.")
    only = SECTION_FIELDS[section]
    context: dict[str, Any] = {
        "resume": resume,
        "key": section,
        "heading": SECTION_HEADINGS[section],
    }
    if request.method == "POST":
        form = ResumeForm(request.POST, only=only)
        if form.is_valid():
            try:
                services.resume_update(resume=resume, **_changes(form))
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware
                    shown = ResumeForm.initial_for(resume)
                    context["section"] = {
                        "key": section,
                        "heading": SECTION_HEADINGS[section],
                        "text": [shown[name] for name in only],
                    }
                    context["saved"] = True
                    return render(request, "resumes/_section.html", context)
                messages.success(request, f"{SECTION_HEADINGS[section]} saved.")
                return redirect("resumes:detail", resume.pk)
        resume.refresh_from_db()
    else:
        form = ResumeForm(initial=ResumeForm.initial_for(resume), only=only)
    context["form"] = form
    template = "resumes/_section_form.html" if request.htmx else "resumes/section_page.html"  # type: ignore[attr-defined]  # django-htmx
    # htmx swaps only 2xx answers: the form with its errors comes back as 200 there.
    failed = bool(form.errors) and not request.htmx  # type: ignore[attr-defined]  # django-htmx
    return render(request, template, context, status=422 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def resume_delete(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    if request.method == "POST":
        services.resume_delete(resume=resume)
        messages.success(request, f"“{resume.title}” was deleted.")
        return redirect("resumes:list")
    return render(request, "resumes/delete.html", {"resume": resume})


@login_required
@require_GET
def resume_export(request: HttpRequest, resume_id: int, fmt: str) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    if fmt not in EXPORTS:
        raise Http404("No such format.")
    content_type, render_bytes = EXPORTS[fmt]
    response = HttpResponse(render_bytes(resume), content_type=content_type)
    name = slugify(resume.full_name or resume.title) or "resume"
    response["Content-Disposition"] = f'attachment; filename="{name}-resume.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def resume_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            resume_file = services.resume_import_file(
                owner=request.user, upload=upload, filename=upload.name, size=upload.size
            )
        except UploadRejected as error:
            form.add_error("file", str(error))
        else:
            return redirect("resumes:import_confirm", resume_file.pk)
    return render(
        request, "resumes/import.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def resume_import_confirm(request: HttpRequest, file_id: int) -> HttpResponse:
    resume_file = selectors.resume_file_get_for_owner(request.user, file_id)
    if request.method == "POST":
        form = ResumeForm(request.POST)
        if form.is_valid():
            data = _changes(form)
            title = data.pop("title")
            try:
                resume = services.resume_create_from_import(
                    resume_file=resume_file, title=title, **data
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Your resume was imported. Analyse it against a posting.")
                return redirect("resumes:analyze", resume.pk)
    else:
        structure = structure_from_text(resume_file.extracted_text)
        form = ResumeForm(
            initial={
                "title": f"Imported: {resume_file.original_name}"[:160],
                "template": "classic",
                **{
                    name: getattr(structure, name)
                    for name in (
                        "full_name",
                        "email",
                        "phone",
                        "location",
                        "summary",
                        "experience_text",
                        "education_text",
                        "certifications_text",
                        "skills_text",
                    )
                },
            }
        )
    return render(
        request,
        "resumes/import_confirm.html",
        {"form": form, "resume_file": resume_file},
        status=422 if form.errors else 200,
    )


def _analysis_context(request: HttpRequest, resume: Resume, **extra: Any) -> dict[str, Any]:
    analysis = extra.pop("analysis", None)
    if analysis is None:
        analysis = selectors.resume_analysis(resume)
    return {
        "resume": resume,
        "analysis": analysis,
        "posting": resume.target_posting,
        "findings": resume.source_file.findings if resume.source_file is not None else [],
        **extra,
    }


@login_required
@require_GET
def resume_analyze(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    choices = selectors.posting_choices_for(request.user)
    initial_choice = (
        f"p:{resume.target_posting.public_id}" if resume.target_posting is not None else ""
    )
    target_form = TargetForm(
        initial={"posting": initial_choice, "posting_text": resume.posting_text}, choices=choices
    )
    edit_form = ResumeForm(initial=ResumeForm.initial_for(resume), only=ANALYSIS_FIELDS)
    context = _analysis_context(request, resume, target_form=target_form, edit_form=edit_form)
    return render(request, "resumes/analyze.html", context)


@login_required
@require_POST
def resume_target(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    choices = selectors.posting_choices_for(request.user)
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
    edit_form = ResumeForm(initial=ResumeForm.initial_for(resume), only=ANALYSIS_FIELDS)
    context = _analysis_context(request, resume, target_form=form, edit_form=edit_form)
    return render(request, "resumes/analyze.html", context, status=422)


@login_required
@require_POST
def resume_analyze_preview(request: HttpRequest, resume_id: int) -> HttpResponse:
    """The score for the edited (unsaved) text: htmx swaps it in as the member types."""
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    form = ResumeForm(request.POST, only=ANALYSIS_FIELDS)
    draft = copy.copy(resume)
    error_messages: list[str] = []
    if form.is_valid():
        try:
            services.resume_changes_apply(draft, _changes(form))
        except ValidationError as error:
            error_messages = error.messages
    else:
        error_messages = [str(m) for errors in form.errors.values() for m in errors]
    context = _analysis_context(
        request,
        resume,
        analysis=selectors.resume_analysis(draft),
        draft_errors=error_messages,
        is_preview=True,
    )
    return render(request, "resumes/_analysis.html", context)


@login_required
@require_POST
def resume_analyze_save(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    form = ResumeForm(request.POST, only=ANALYSIS_FIELDS)
    if form.is_valid():
        try:
            services.resume_update(resume=resume, **_changes(form))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Resume saved.")
            return redirect("resumes:analyze", resume.pk)
    choices = selectors.posting_choices_for(request.user)
    target_form = TargetForm(choices=choices)
    context = _analysis_context(request, resume, target_form=target_form, edit_form=form)
    return render(request, "resumes/analyze.html", context, status=422)


@login_required
@require_POST
def resume_skill_add(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    form = SkillAddForm(request.POST)
    if form.is_valid():
        try:
            services.resume_skill_add(resume=resume, skill=form.cleaned_data["skill"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx
        context = _analysis_context(request, resume, added=form.cleaned_data.get("skill", ""))
        response = render(request, "resumes/_analysis.html", context)
        # The skills box on the page must show the new line too.
        response["HX-Trigger"] = "resume-skills-changed"
        return response
    messages.success(request, "Added to your skills.")
    return redirect("resumes:analyze", resume.pk)
