"""How a credential on a profile is known: one pure rule, so pages, the API and the employer's
view of an application say the same thing.

The strongest evidence wins: a signed digital badge that verified and is neither expired nor
revoked, then a document a staff member approved, else the member's own word. A badge or a
document that no longer holds (expired, revoked, rejected) never counts; a document still
waiting for review is mentioned but proves nothing yet.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rxguild.core.human_dates import human_date


class MarkKind(enum.StrEnum):
    SELF_REPORTED = "self-reported"
    DOCUMENT = "document"
    BADGE = "badge"


@dataclass(frozen=True)
class DocumentFact:
    status: str  # "pending", "approved", "rejected"
    reviewed_on: date | None


@dataclass(frozen=True)
class BadgeFact:
    issuer_name: str
    verified_on: date
    expires_on: date | None
    revoked: bool


@dataclass(frozen=True)
class CredentialMark:
    kind: MarkKind
    label: str  # short, beside the credential
    detail: str  # one sentence saying why

    @property
    def is_verified(self) -> bool:
        return self.kind != MarkKind.SELF_REPORTED


def credential_mark(
    *, documents: Iterable[DocumentFact], badges: Iterable[BadgeFact], today: date
) -> CredentialMark:
    """The mark of one credential from the evidence attached to it."""
    good_badges = [
        badge
        for badge in badges
        if not badge.revoked and (badge.expires_on is None or badge.expires_on >= today)
    ]
    if good_badges:
        latest = max(good_badges, key=lambda badge: badge.verified_on)
        return CredentialMark(
            kind=MarkKind.BADGE,
            label="Verified by signed badge",
            detail=(
                f"A digital badge from {latest.issuer_name} was verified on "
                f"{human_date(latest.verified_on)}."
            ),
        )
    documents = list(documents)
    approved = [doc for doc in documents if doc.status == "approved" and doc.reviewed_on]
    if approved:
        latest_on = max(doc.reviewed_on for doc in approved if doc.reviewed_on)
        return CredentialMark(
            kind=MarkKind.DOCUMENT,
            label="Verified by document",
            detail=f"Staff checked an uploaded document on {human_date(latest_on)}.",
        )
    if any(doc.status == "pending" for doc in documents):
        return CredentialMark(
            kind=MarkKind.SELF_REPORTED,
            label="Self-reported",
            detail="Entered by the member; a document is waiting for staff review.",
        )
    return CredentialMark(
        kind=MarkKind.SELF_REPORTED, label="Self-reported", detail="Entered by the member."
    )
