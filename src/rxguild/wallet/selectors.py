"""Reads of the wallet: the mark of each credential, a member's evidence, the review queue."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.profiles.models import CredentialHeld
from rxguild.wallet.marks import BadgeFact, CredentialMark, DocumentFact, credential_mark
from rxguild.wallet.models import CredentialDocument, DocumentStatus, ImportedBadge


def credential_marks(
    helds: Sequence[CredentialHeld], *, today: date | None = None
) -> dict[int, CredentialMark]:
    """The mark of each credential held, by its id. Two queries, whatever the number."""
    today = today or timezone.localdate()
    ids = [held.pk for held in helds]
    documents: dict[int, list[DocumentFact]] = defaultdict(list)
    for held_id, status, reviewed_at in CredentialDocument.objects.filter(
        credential_held_id__in=ids
    ).values_list("credential_held_id", "status", "reviewed_at"):
        reviewed_on = timezone.localdate(reviewed_at) if reviewed_at else None
        documents[held_id].append(DocumentFact(status=status, reviewed_on=reviewed_on))
    badges: dict[int, list[BadgeFact]] = defaultdict(list)
    for held_id, issuer_name, verified_at, expires_at, revoked_at in ImportedBadge.objects.filter(
        credential_held_id__in=ids
    ).values_list("credential_held_id", "issuer_name", "verified_at", "expires_at", "revoked_at"):
        badges[held_id].append(
            BadgeFact(
                issuer_name=issuer_name,
                verified_on=timezone.localdate(verified_at),
                expires_on=timezone.localdate(expires_at) if expires_at else None,
                revoked=revoked_at is not None,
            )
        )
    return {
        held_id: credential_mark(documents=documents[held_id], badges=badges[held_id], today=today)
        for held_id in ids
    }


def credential_marks_attach(helds: Sequence[CredentialHeld]) -> None:
    """Put `wallet_mark` on each credential held, for the profile's templates and API."""
    marks = credential_marks(helds)
    for held in helds:
        held.wallet_mark = marks[held.pk]  # type: ignore[attr-defined]  # display-only attribute


def documents_for_owner(member: User) -> QuerySet[CredentialDocument]:
    return CredentialDocument.objects.filter(member=member).select_related(
        "credential_held__credential"
    )


def review_queue() -> QuerySet[CredentialDocument]:
    """Documents waiting for staff, oldest first (first come, first checked)."""
    return (
        CredentialDocument.objects.filter(status=DocumentStatus.PENDING)
        .select_related("credential_held__credential", "member")
        .order_by("submitted_at", "id")
    )


def imported_badges_for_owner(member: User) -> QuerySet[ImportedBadge]:
    return ImportedBadge.objects.filter(member=member).select_related("credential_held__credential")
