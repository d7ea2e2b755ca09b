"""Who may see or change wallet rows: the one place that decides.

- A member sees and changes only their own documents and badges; anyone else's id is a 404
  (never a 403, so nobody learns it exists) on pages and in the API, and nothing changes.
- Staff review uploaded documents: they see the queue and each document's file, and approve
  or reject it. Nobody else sees another member's document.
- What a credential's mark says (self-reported, document, badge) is shown wherever the
  credential itself is shown: the profile's own audience rules (profiles.access) decide that.
- A badge this site issued is public to whoever holds its link (the member shares it): its
  page and JSON say what was confirmed, by whom, and whether it still holds. Only the member
  (or staff) revokes it.
- A member attaches verification links only to their own applications (tracker.access decides
  which are theirs); the employer who received the application sees those links on it, and
  nothing else of the wallet.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.profiles.access import credential_held_get_for_owner
from rxguild.profiles.models import CredentialHeld
from rxguild.wallet.models import ApplicationProof, CredentialDocument, ImportedBadge, IssuedBadge

__all__ = [
    "application_proof_get_for_owner",
    "credential_held_get_for_owner",
    "document_get_for_owner",
    "document_get_for_reviewer",
    "document_get_for_viewer",
    "imported_badge_get_for_owner",
    "is_document_reviewer",
    "issued_badge_get_for_owner",
    "issued_badge_get_public",
]


def is_document_reviewer(viewer: Viewer | None) -> bool:
    """Staff check uploaded documents (they run the instance and answer for its marks)."""
    return bool(viewer is not None and viewer.is_authenticated and viewer.is_staff)


def _documents() -> QuerySet[CredentialDocument]:
    return CredentialDocument.objects.select_related(
        "credential_held__credential", "member"
    ).order_by()


def document_get_for_owner(viewer: Viewer | None, document_id: int) -> CredentialDocument:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such document.")
    try:
        return _documents().get(pk=document_id, member=viewer)
    except (CredentialDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document.") from None


def document_get_for_reviewer(viewer: Viewer | None, document_id: int) -> CredentialDocument:
    if not is_document_reviewer(viewer):
        raise Http404("No such document.")
    try:
        return _documents().get(pk=document_id)
    except (CredentialDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("No such document.") from None


def document_get_for_viewer(viewer: Viewer | None, document_id: int) -> CredentialDocument:
    """The owner or a reviewer may open the file; everyone else gets a 404."""
    if is_document_reviewer(viewer):
        return document_get_for_reviewer(viewer, document_id)
    return document_get_for_owner(viewer, document_id)


def credentials_of_owner(viewer: User) -> QuerySet[CredentialHeld]:
    return CredentialHeld.objects.filter(profile__user=viewer).select_related("credential")


def issued_badge_get_for_owner(viewer: Viewer | None, badge_id: int) -> IssuedBadge:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such badge.")
    try:
        return IssuedBadge.objects.get(pk=badge_id, member=viewer)
    except (IssuedBadge.DoesNotExist, ValueError, TypeError):
        raise Http404("No such badge.") from None


def issued_badge_get_public(public_id: UUID | str) -> IssuedBadge:
    """Anyone holding a badge's link may verify it: the link is what the member shares (a
    random UUID, not guessable). A closed account's badges are gone with it."""
    try:
        return IssuedBadge.objects.select_related("member").get(
            public_id=public_id, member__is_active=True
        )
    except (IssuedBadge.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such badge.") from None


def imported_badge_get_for_owner(viewer: Viewer | None, badge_id: int) -> ImportedBadge:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such badge.")
    try:
        return ImportedBadge.objects.select_related("credential_held__credential").get(
            pk=badge_id, member=viewer
        )
    except (ImportedBadge.DoesNotExist, ValueError, TypeError):
        raise Http404("No such badge.") from None


def application_proof_get_for_owner(viewer: Viewer | None, proof_id: int) -> ApplicationProof:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such link.")
    try:
        return ApplicationProof.objects.get(pk=proof_id, member=viewer)
    except (ApplicationProof.DoesNotExist, ValueError, TypeError):
        raise Http404("No such link.") from None
