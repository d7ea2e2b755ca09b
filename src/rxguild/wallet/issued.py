"""Reads of the badges this instance issued: what a stranger's check of one says, and what a
member may still turn into a badge. (Apart from selectors.py, which profiles imports: these
read the experience and community apps.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.human_dates import human_date
from rxguild.wallet.errors import BadgeRefused
from rxguild.wallet.keys import public_key
from rxguild.wallet.models import IssuedBadge
from rxguild.wallet.sources import BadgeSource, badge_sources
from rxguild.wallet.vc import vc_jwt_verify


@dataclass(frozen=True)
class BadgeCheck:
    state: str  # "valid", "revoked" or "invalid"
    detail: str
    credential: dict[str, Any]


def issued_badge_check(badge: IssuedBadge) -> BadgeCheck:
    """Verify one of our badges as a stranger would: signature with the key its header names
    (current or retired), then the status list (our own table is the list's source)."""
    try:
        verified = vc_jwt_verify(
            badge.credential_jwt,
            key_for=lambda header: public_key(header.get("kid")),
            now=timezone.now(),
        )
    except BadgeRefused as error:
        return BadgeCheck(state="invalid", detail=str(error), credential={})
    if badge.revoked_at is not None:
        return BadgeCheck(
            state="revoked",
            detail=(
                f"Revoked on {human_date(timezone.localdate(badge.revoked_at))}: "
                f"{badge.revoked_reason}"
            ),
            credential=verified.credential,
        )
    return BadgeCheck(
        state="valid",
        detail=f"Signed by {verified.issuer_name} (key {badge.signing_kid[:8]}…); not revoked.",
        credential=verified.credential,
    )


@dataclass(frozen=True)
class IssuableBadges:
    issued: list[IssuedBadge]
    available: list[BadgeSource]  # confirmed facts without a live badge yet


def issuable_badges(member: User) -> IssuableBadges:
    issued = list(IssuedBadge.objects.filter(member=member))
    live = {(b.kind, b.source_id) for b in issued if b.revoked_at is None}
    available = [s for s in badge_sources(member) if (s.kind, s.source_id) not in live]
    return IssuableBadges(issued=issued, available=available)
