"""Documents a member uploads to back a credential, and the staff review of them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.uploads import JPEG, PDF, PNG, UploadRejected, random_storage_name, upload_check
from rxguild.profiles.models import CredentialHeld
from rxguild.wallet.models import CredentialDocument, DocumentStatus

# A certificate is a PDF from the issuer or a photo/scan of the wallet card: the same kinds the
# CE transcript takes as proof.
DOCUMENT_KINDS = (PDF, PNG, JPEG)
# Enough to replace a blurry scan; more would only fill the staff queue.
MAX_PENDING_PER_CREDENTIAL = 3


@transaction.atomic
def credential_document_submit(
    *, member: User, credential_held: CredentialHeld, upload: UploadedFile
) -> CredentialDocument:
    """Store an uploaded document for staff review; nothing is stored when it is refused."""
    if credential_held.profile.user_id != member.pk:
        raise PermissionDenied("That credential is not on your profile.")
    pending = CredentialDocument.objects.filter(
        credential_held=credential_held, status=DocumentStatus.PENDING
    ).count()
    if pending >= MAX_PENDING_PER_CREDENTIAL:
        raise ValidationError(
            {
                "file": [
                    f"{pending} documents for this credential are already waiting for review; "
                    "remove one first."
                ]
            }
        )
    try:
        checked = upload_check(
            upload, name=upload.name or "", size=upload.size or 0, kinds=DOCUMENT_KINDS
        )
    except UploadRejected as error:
        raise ValidationError({"file": [str(error)]}) from None
    document = CredentialDocument(
        member=member, credential_held=credential_held, original_name=checked.original_name
    )
    document.file.save(
        random_storage_name("wallet-documents", checked.kind.extension), upload, save=False
    )
    document.save()
    return document


@transaction.atomic
def credential_document_delete(*, member: User, document: CredentialDocument) -> None:
    """The member removes their document (and its file); an approved one takes its mark too."""
    if document.member_id != member.pk:
        raise PermissionDenied("That document is not yours.")
    name = document.file.name
    storage = document.file.storage
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _pending_locked(document: CredentialDocument) -> CredentialDocument:
    locked = CredentialDocument.objects.select_for_update().get(pk=document.pk)
    if locked.status != DocumentStatus.PENDING:
        raise ValidationError(
            f"This document was already {locked.get_status_display().lower()}; nothing changed."
        )
    return locked


def _reviewer_name(reviewer: User) -> str:
    return reviewer.get_full_name() or reviewer.email


@transaction.atomic
def credential_document_approve(
    *, reviewer: User, document: CredentialDocument
) -> CredentialDocument:
    if not reviewer.is_staff:
        raise PermissionDenied("Only staff review documents.")
    if document.member_id == reviewer.pk:
        raise PermissionDenied("Another staff member must review your own document.")
    locked = _pending_locked(document)
    locked.status = DocumentStatus.APPROVED
    locked.reason = ""
    locked.reviewed_by_name = _reviewer_name(reviewer)
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reason", "reviewed_by_name", "reviewed_at"])
    return locked


@transaction.atomic
def credential_document_reject(
    *, reviewer: User, document: CredentialDocument, reason: str
) -> CredentialDocument:
    if not reviewer.is_staff:
        raise PermissionDenied("Only staff review documents.")
    if document.member_id == reviewer.pk:
        raise PermissionDenied("Another staff member must review your own document.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Say why, so the member knows what to send instead."]})
    if len(reason) > 1000:
        raise ValidationError({"reason": ["At most 1000 characters."]})
    locked = _pending_locked(document)
    locked.status = DocumentStatus.REJECTED
    locked.reason = reason
    locked.reviewed_by_name = _reviewer_name(reviewer)
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "reason", "reviewed_by_name", "reviewed_at"])
    return locked
