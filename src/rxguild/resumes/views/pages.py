"""Resume list, new resumes, delete, exports and file import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rxguild.core.uploads import UploadRejected
from rxguild.resumes import selectors, services
from rxguild.resumes.export_docx import render_docx
from rxguild.resumes.export_pdf import render_pdf
from rxguild.resumes.export_text import render_text
from rxguild.resumes.forms import (
    ImportForm,
)

EXPORTS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "pdf": ("application/pdf", render_pdf),
    "txt": ("text/plain; charset=utf-8", lambda resume: render_text(resume).encode("utf-8")),
}


def form_changes(form: Form) -> dict[str, Any]:
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
