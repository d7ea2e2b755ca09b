"""The builder's JSON API, mounted at /api/v1/resumes/ beside resumes.api: the member's resumes,
tailored copies, exports, and analysis of an uploaded PDF/DOCX.

Every endpoint reads through `resume_get_for_owner`: another member's id is a 404 and
nothing changes. Bad input is a 422 with a message, and nothing is saved.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from rxguild.core.uploads import UploadRejected
from rxguild.resumes import ats, importing, selectors, services
from rxguild.resumes.api import AnalysisOut, ats_throttle, text_size_check
from rxguild.resumes.export_docx import render_docx
from rxguild.resumes.export_pdf import render_pdf
from rxguild.resumes.export_text import render_text
from rxguild.resumes.models import Resume

router = Router(tags=["resumes"])


class ExperienceSchema(Schema):
    title: str = ""
    employer: str = ""
    location: str = ""
    dates: str = ""
    bullets: list[str] = []


class EducationSchema(Schema):
    program: str = ""
    institution: str = ""
    dates: str = ""
    details: list[str] = []


class ExtraSectionSchema(Schema):
    heading: str
    body: str = ""


class ResumeOut(Schema):
    id: int
    title: str
    kind: str
    template: str
    tailored_from_id: int | None
    target_posting_id: UUID | None
    posting_text: str
    full_name: str
    email: str
    phone: str
    location: str
    links: list[str]
    summary: str
    experience: list[ExperienceSchema]
    education: list[EducationSchema]
    certifications: list[str]
    skills: list[str]
    extra_sections: list[ExtraSectionSchema]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_target_posting_id(obj: Resume) -> UUID | None:
        return obj.target_posting.public_id if obj.target_posting is not None else None


class ResumeFieldsIn(Schema):
    title: str | None = None
    template: str | None = None
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[str] | None = None
    summary: str | None = None
    experience: list[ExperienceSchema] | None = None
    education: list[EducationSchema] | None = None
    certifications: list[str] | None = None
    skills: list[str] | None = None
    extra_sections: list[ExtraSectionSchema] | None = None


class ResumeCreateIn(ResumeFieldsIn):
    from_profile: bool = False


class TailorIn(Schema):
    posting_id: UUID | None = None
    posting_text: str | None = None


def _changes(payload: ResumeFieldsIn) -> dict[str, Any]:
    """API fields as the service takes them; lists go in as lists (no text format between)."""
    data = payload.dict(exclude_unset=True, exclude={"from_profile"})
    changes: dict[str, Any] = {}
    for name in services.PLAIN_FIELDS:
        if data.get(name) is not None:
            changes[name] = data[name]
    for name in ("certifications", "skills", "links"):
        if data.get(name) is not None:
            if any("\n" in item for item in data[name]):
                raise ValidationError({name: "One item per list entry, without line breaks."})
            changes[name] = data[name]
    for name in ("experience", "education", "extra_sections"):
        if data.get(name) is not None:
            changes[name] = data[name]
    return changes


@router.get("/", response=list[ResumeOut])
def resumes_list(request: HttpRequest) -> Any:
    """The caller's resumes: masters first, most recently changed first."""
    return list(selectors.resumes_for_owner(request.user))


@router.post("/", response={201: ResumeOut})
def resumes_create(request: HttpRequest, payload: ResumeCreateIn) -> Any:
    """A new resume: `from_profile: true` builds a master from the caller's profile;
    otherwise from the fields given (a title is required)."""
    if payload.from_profile:
        resume = services.resume_create_from_profile(owner=request.user, title=payload.title or "")
    else:
        changes = _changes(payload)
        title = changes.pop("title", "")
        resume = services.resume_create(owner=request.user, title=title, **changes)
    return 201, resume


@router.get("/{resume_id}", response=ResumeOut)
def resumes_get(request: HttpRequest, resume_id: int) -> Any:
    return selectors.resume_get_for_owner(request.user, resume_id)


@router.patch("/{resume_id}", response=ResumeOut)
def resumes_update(request: HttpRequest, resume_id: int, payload: ResumeFieldsIn) -> Any:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    return services.resume_update(resume=resume, **_changes(payload))


@router.delete("/{resume_id}", response={204: None})
def resumes_delete(request: HttpRequest, resume_id: int) -> Any:
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    services.resume_delete(resume=resume)
    return 204, None


@router.post("/{resume_id}/tailor", response={201: ResumeOut})
def resumes_tailor(request: HttpRequest, resume_id: int, payload: TailorIn) -> Any:
    """A tailored copy for a posting: the same facts, what the posting asks for first."""
    resume = selectors.resume_get_for_owner(request.user, resume_id)
    posting = None
    if payload.posting_id is not None:
        posting, _ = selectors.posting_from_choice(request.user, f"p:{payload.posting_id}")
    copy = services.resume_tailor_for_posting(
        resume=resume, posting=posting, posting_text=payload.posting_text or ""
    )
    return 201, copy


def _export(fmt: str, content_type: str, render: Any) -> None:
    @router.get(
        f"/{{resume_id}}/export.{fmt}",
        response={200: None},
        url_name=f"resumes_export_{fmt}",
        openapi_extra={
            "responses": {
                200: {
                    "description": f"The resume as {fmt.upper()}",
                    "content": {content_type: {}},
                }
            }
        },
    )
    def export(request: HttpRequest, resume_id: int) -> HttpResponse:
        resume = selectors.resume_get_for_owner(request.user, resume_id)
        response = HttpResponse(render(resume), content_type=content_type)
        name = slugify(resume.full_name or resume.title) or "resume"
        response["Content-Disposition"] = f'attachment; filename="{name}-resume.{fmt}"'
        return response

    export.__name__ = f"resumes_export_{fmt}"


_export(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    render_docx,
)
_export("pdf", "application/pdf", render_pdf)
_export("txt", "text/plain; charset=utf-8", lambda resume: render_text(resume).encode("utf-8"))


@router.post("/analyze/file", response=AnalysisOut, throttle=ats_throttle())
def resumes_analyze_file(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008  (ninja's declaration style)
    posting_text: str | None = Form(None),
    posting_id: UUID | None = Form(None),  # noqa: B008
) -> Any:
    """An uploaded PDF/DOCX resume (multipart) against posting text or a posting id.
    The file is checked, read in a sandbox and discarded; its tables, text boxes and images
    are reported as resume checks."""
    if posting_text is None and posting_id is None:
        raise ValidationError({"posting_text": "Send posting_text or posting_id."})
    if posting_text is None:
        posting_text = selectors.posting_text_for_viewer(request.user, posting_id)
    else:
        try:
            text_size_check(posting_text, "posting_text")
        except ValueError as error:
            raise ValidationError({"posting_text": str(error)}) from None
    try:
        result = importing.upload_text_read(file, filename=file.name or "", size=file.size or 0)
    except UploadRejected as error:
        raise ValidationError({"file": str(error)}) from None
    return ats.analyze(
        resume_text=result.text, posting_text=posting_text, file_findings=result.findings
    )
