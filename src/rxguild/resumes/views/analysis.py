"""The analysis page: pick or paste a posting, the score re-rendered as the member edits
(htmx), save, and "I have this" (adds the posting's wording to the skills)."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.resumes import selectors, services
from rxguild.resumes.forms import (
    ANALYSIS_FIELDS,
    ResumeForm,
    SkillAddForm,
    TargetForm,
)
from rxguild.resumes.models import Resume
from rxguild.resumes.views.pages import form_changes


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
            services.resume_changes_apply(draft, form_changes(form))
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
            services.resume_update(resume=resume, **form_changes(form))
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
