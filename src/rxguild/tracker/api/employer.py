"""The employer's pipeline: applicants to its postings (only what each one shared), its
stages, moving an applicant between them, and notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.tracker import access, selectors
from rxguild.tracker.api.common import EventOut
from rxguild.tracker.api.router import router
from rxguild.tracker.services import pipeline as pipeline_services


class ApplicantOut(Schema):
    id: int
    posting_public_id: UUID
    posting_title: str
    name: str
    email: str
    headline: str
    note: str
    resume_name: str
    submitted_at: datetime
    stage_id: int | None
    stage: str
    timeline: list[EventOut]


class StageOut(Schema):
    id: int
    name: str
    position: int


class EmployerMoveIn(Schema):
    stage_id: int


class NoteIn(Schema):
    body: str = Field(..., max_length=4000)


class NoteOut(Schema):
    id: int
    body: str
    created_at: datetime


def _applicant(shared: selectors.SharedApplication, public_id: UUID) -> ApplicantOut:
    return ApplicantOut(
        id=shared.id,
        posting_public_id=public_id,
        posting_title=shared.posting_title,
        name=shared.name,
        email=shared.email,
        headline=shared.headline,
        note=shared.note,
        resume_name=shared.resume_name,
        submitted_at=shared.submitted_at,
        stage_id=shared.stage_id,
        stage=shared.stage_name,
        timeline=[EventOut.from_orm(event) for event in shared.timeline],
    )


@router.get("/employer/postings/{public_id}/applicants", response=list[ApplicantOut])
def employer_applicants(request: HttpRequest, public_id: UUID) -> list[ApplicantOut]:
    """Applicants to a posting of an employer you recruit for: only what each one shared."""
    posting = access.posting_get_for_employer_viewer(request.user, public_id)
    return [
        _applicant(shared, posting.public_id)
        for shared in selectors.applicants_for_posting(request.user, posting)
    ]


def _employer_applicant_out(request: HttpRequest, application_id: int) -> ApplicantOut:
    application = access.application_get_for_employer(request.user, application_id)
    assert application.posting is not None
    return _applicant(selectors.shared_view(application), application.posting.public_id)


@router.get("/employer/applicants/{application_id}", response=ApplicantOut)
def employer_applicant(request: HttpRequest, application_id: int) -> ApplicantOut:
    return _employer_applicant_out(request, application_id)


@router.get("/employer/applicants/{application_id}/stages", response=list[StageOut])
def employer_applicant_stages(request: HttpRequest, application_id: int) -> Any:
    application = access.application_get_for_employer(request.user, application_id)
    assert application.posting is not None
    return selectors.employer_stages_for_posting(application.posting)


@router.post("/employer/applicants/{application_id}/stage", response=ApplicantOut)
def employer_applicant_move(
    request: HttpRequest, application_id: int, payload: EmployerMoveIn
) -> ApplicantOut:
    application = access.application_get_for_employer(request.user, application_id)
    assert application.posting is not None
    stage = next(
        (
            s
            for s in selectors.employer_stages_for_posting(application.posting)
            if s.pk == payload.stage_id
        ),
        None,
    )
    if stage is None:
        raise ValidationError({"stage_id": "Choose one of your own stages."})
    pipeline_services.employer_application_move(
        application=application, stage=stage, actor=signed_in_member(request.user)
    )
    return _employer_applicant_out(request, application_id)


@router.get("/employer/applicants/{application_id}/notes", response=list[NoteOut])
def employer_notes(request: HttpRequest, application_id: int) -> Any:
    application = access.application_get_for_employer(request.user, application_id)
    return list(application.employer_notes.all())


@router.post("/employer/applicants/{application_id}/notes", response={201: NoteOut})
def employer_note_add(request: HttpRequest, application_id: int, payload: NoteIn) -> Any:
    application = access.application_get_for_employer(request.user, application_id)
    note = pipeline_services.employer_note_add(
        application=application, author=signed_in_member(request.user), body=payload.body
    )
    return 201, note
