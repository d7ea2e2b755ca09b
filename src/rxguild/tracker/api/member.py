"""The member's tracker: the board's cards (tracked postings and jobs from other sites),
their contacts, applying to a posting, and the resumes to apply with."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, File, Schema
from ninja.files import UploadedFile

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.ratelimit import RateLimited
from rxguild.tracker import access, selectors
from rxguild.tracker.api.common import EventOut
from rxguild.tracker.api.router import router
from rxguild.tracker.models import (
    ApplicationContact,
    ApplicationEvent,
    ApplicationResume,
    TrackedApplication,
)
from rxguild.tracker.services import applications as application_services


class ContactOut(Schema):
    id: int
    name: str
    role: str
    email: str
    phone: str


class TrackerItemOut(Schema):
    id: int
    title: str
    organization: str
    location: str
    external_url: str
    description: str
    posting_public_id: UUID | None
    stage: str
    position: int
    notes: str
    applied_on: date | None
    follow_up_on: date | None
    submitted_at: datetime | None
    employer_stage: str | None
    shared_note: str
    shared_resume_id: int | None

    # Read from the model (ninja schemas validate from attributes); only these two differ.
    @staticmethod
    def resolve_posting_public_id(application: TrackedApplication) -> UUID | None:
        return application.posting.public_id if application.posting else None

    @staticmethod
    def resolve_employer_stage(application: TrackedApplication) -> str | None:
        return application.employer_stage.name if application.employer_stage else None


class TrackerItemDetailOut(TrackerItemOut):
    timeline: list[EventOut]
    contacts: list[ContactOut]

    @staticmethod
    def resolve_timeline(application: TrackedApplication) -> list[ApplicationEvent]:
        return selectors.application_timeline_for_member(application)

    @staticmethod
    def resolve_contacts(application: TrackedApplication) -> list[ApplicationContact]:
        return selectors.application_contacts(application)


class ExternalItemIn(Schema):
    title: str = Field(..., max_length=200)
    external_url: str = Field(..., max_length=500)
    organization: str = Field("", max_length=200)
    location: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    stage: str = "saved"


class ItemPatchIn(Schema):
    title: str | None = Field(None, max_length=200)
    organization: str | None = Field(None, max_length=200)
    location: str | None = Field(None, max_length=200)
    external_url: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=20000)
    notes: str | None = Field(None, max_length=20000)
    applied_on: date | None = None
    follow_up_on: date | None = None


class MoveIn(Schema):
    move: str | None = Field(None, description="left, right, up or down")
    stage: str | None = Field(None, description="a stage to place the card in")
    index: int | None = Field(None, ge=0, le=10000, description="position in that stage")


class ContactIn(Schema):
    name: str = Field(..., max_length=120)
    role: str = Field("", max_length=120)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)


class ApplyIn(Schema):
    resume_id: int | None = Field(None, description="one of your uploaded resumes, or null")
    note: str = Field("", max_length=4000)


class ResumeOut(Schema):
    id: int
    original_name: str
    size: int
    uploaded_at: datetime


class ErrorOut(Schema):
    detail: Any


def _detail(request: HttpRequest, application_id: int) -> TrackedApplication:
    """The card as the member may see it; ninja turns it into TrackerItemDetailOut."""
    return access.application_get_for_member(request.user, application_id)


@router.get("/items", response=list[TrackerItemOut])
def items_list(request: HttpRequest) -> list[TrackedApplication]:
    """Every card of your board, column by column in board order."""
    return [
        card for column in selectors.tracker_board_for_member(request.user) for card in column.cards
    ]


@router.post("/items", response={201: TrackerItemDetailOut})
def items_add_external(request: HttpRequest, payload: ExternalItemIn) -> Any:
    """Track a job from another site."""
    application = application_services.tracked_application_add_external(
        member=signed_in_member(request.user), **payload.dict()
    )
    return 201, _detail(request, application.pk)


@router.get("/items/{application_id}", response=TrackerItemDetailOut)
def items_get(request: HttpRequest, application_id: int) -> TrackedApplication:
    return _detail(request, application_id)


@router.patch("/items/{application_id}", response=TrackerItemDetailOut)
def items_patch(
    request: HttpRequest, application_id: int, payload: ItemPatchIn
) -> TrackedApplication:
    application = access.application_get_for_member(request.user, application_id)
    application_services.tracked_application_update(
        application=application, **payload.dict(exclude_unset=True)
    )
    return _detail(request, application_id)


@router.delete("/items/{application_id}", response={204: None})
def items_delete(request: HttpRequest, application_id: int) -> Any:
    application = access.application_get_for_member(request.user, application_id)
    application_services.tracked_application_delete(application=application)
    return 204, None


@router.post("/items/{application_id}/move", response=list[TrackerItemOut])
def items_move(request: HttpRequest, application_id: int, payload: MoveIn) -> Any:
    """Move a card (left/right/up/down) or place it in a stage; returns the whole board."""
    application = access.application_get_for_member(request.user, application_id)
    if payload.move:
        application_services.tracked_application_move(application=application, move=payload.move)
    elif payload.stage:
        application_services.tracked_application_place(
            application=application, stage=payload.stage, index=payload.index
        )
    else:
        raise ValidationError("Send a move (left, right, up, down) or a stage.")
    return items_list(request)


@router.post("/items/{application_id}/contacts", response={201: ContactOut})
def items_contact_add(request: HttpRequest, application_id: int, payload: ContactIn) -> Any:
    application = access.application_get_for_member(request.user, application_id)
    contact = application_services.application_contact_add(
        application=application, **payload.dict()
    )
    return 201, contact


@router.post("/postings/{public_id}/track", response=TrackerItemOut)
def postings_track(request: HttpRequest, public_id: UUID) -> TrackedApplication:
    posting = access.live_posting_get(public_id)
    return application_services.tracked_application_track_posting(
        member=signed_in_member(request.user), posting=posting
    )


@router.post(
    "/postings/{public_id}/apply",
    response={201: TrackerItemDetailOut, 429: ErrorOut},
)
def postings_apply(request: HttpRequest, public_id: UUID, payload: ApplyIn) -> Any:
    """Apply with one of your uploaded resumes (POST /resumes first) or none, and a note."""
    posting = access.live_posting_get(public_id)
    existing: ApplicationResume | None = None
    if payload.resume_id is not None:
        existing = access.resume_get_for_member(request.user, payload.resume_id)
    try:
        application = application_services.application_submit(
            member=signed_in_member(request.user),
            posting=posting,
            resume=application_services.ResumeChoice(existing=existing),
            note=payload.note,
        )
    except RateLimited as error:
        return 429, ErrorOut(detail=str(error))
    return 201, _detail(request, application.pk)


@router.get("/resumes", response=list[ResumeOut])
def resumes_list(request: HttpRequest) -> list[ApplicationResume]:
    return selectors.resumes_for_member(request.user)


@router.post("/resumes", response={201: ResumeOut})
def resumes_upload(request: HttpRequest, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    """Upload a resume (PDF or DOCX, up to 5 MB) to apply with."""
    resume = application_services.application_resume_upload(
        member=signed_in_member(request.user), upload=file, filename=file.name or ""
    )
    return 201, resume
