"""Credentials with their marks, documents uploaded for staff review, and the review itself."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema, UploadedFile

from rxguild.accounts.viewer import signed_in_member
from rxguild.wallet import access, selectors, services
from rxguild.wallet.api.schemas import MarkOut, mark_out
from rxguild.wallet.models import CredentialDocument

router = Router()


class CredentialMarkOut(Schema):
    id: int
    credential: str
    name: str
    state: str
    mark: MarkOut


class DocumentOut(Schema):
    id: int
    credential_held: int
    original_name: str
    status: str
    reason: str
    submitted_at: datetime
    reviewed_at: datetime | None


class RejectIn(Schema):
    reason: str


def _document_out(document: CredentialDocument) -> DocumentOut:
    return DocumentOut(
        id=document.pk,
        credential_held=document.credential_held_id,
        original_name=document.original_name,
        status=document.status,
        reason=document.reason,
        submitted_at=document.submitted_at,
        reviewed_at=document.reviewed_at,
    )


@router.get("/credentials", response=list[CredentialMarkOut])
def credentials_list(request: HttpRequest) -> list[CredentialMarkOut]:
    """The caller's credentials, each with how it is known."""
    helds = list(access.credentials_of_owner(signed_in_member(request.user)))
    marks = selectors.credential_marks(helds)
    return [
        CredentialMarkOut(
            id=held.pk,
            credential=held.credential.code,
            name=held.credential.name,
            state=held.state,
            mark=mark_out(marks[held.pk]),
        )
        for held in helds
    ]


@router.get("/documents", response=list[DocumentOut])
def documents_list(request: HttpRequest) -> list[DocumentOut]:
    member = signed_in_member(request.user)
    return [_document_out(doc) for doc in selectors.documents_for_owner(member)]


@router.post("/documents", response={201: DocumentOut})
def documents_create(
    request: HttpRequest, credential_held: Form[int], file: File[UploadedFile]
) -> tuple[int, DocumentOut]:
    """Upload a PDF, PNG or JPEG (at most 5 MB) backing one of the caller's credentials."""
    member = signed_in_member(request.user)
    held = access.credential_held_get_for_owner(member, credential_held)
    document = services.credential_document_submit(member=member, credential_held=held, upload=file)
    return 201, _document_out(document)


@router.get("/documents/{document_id}", response=DocumentOut)
def documents_get(request: HttpRequest, document_id: int) -> DocumentOut:
    return _document_out(access.document_get_for_owner(request.user, document_id))


@router.delete("/documents/{document_id}", response={204: None})
def documents_delete(request: HttpRequest, document_id: int) -> tuple[int, None]:
    member = signed_in_member(request.user)
    document = access.document_get_for_owner(member, document_id)
    services.credential_document_delete(member=member, document=document)
    return 204, None


@router.get("/review", response=list[DocumentOut])
def review_list(request: HttpRequest) -> list[DocumentOut]:
    """Staff: documents waiting for review, oldest first."""
    if not access.is_document_reviewer(request.user):
        raise Http404
    return [_document_out(doc) for doc in selectors.review_queue()]


@router.post("/review/{document_id}/approve", response=DocumentOut)
def review_approve(request: HttpRequest, document_id: int) -> DocumentOut:
    document = access.document_get_for_reviewer(request.user, document_id)
    reviewer = signed_in_member(request.user)
    return _document_out(services.credential_document_approve(reviewer=reviewer, document=document))


@router.post("/review/{document_id}/reject", response=DocumentOut)
def review_reject(request: HttpRequest, document_id: int, payload: RejectIn) -> DocumentOut:
    document = access.document_get_for_reviewer(request.user, document_id)
    reviewer = signed_in_member(request.user)
    return _document_out(
        services.credential_document_reject(
            reviewer=reviewer, document=document, reason=payload.reason
        )
    )
