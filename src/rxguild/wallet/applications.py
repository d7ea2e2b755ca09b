"""Verification links on job applications: what the member may attach, and what the
employer's view of the application shows of them. (Its own module: it reads the tracker.)"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.human_dates import human_date
from rxguild.tracker.models import TrackedApplication
from rxguild.wallet.models import ApplicationProof, ImportedBadge, IssuedBadge
from rxguild.wallet.services.issuing import site_url


@dataclass(frozen=True)
class ProofView:
    id: int
    name: str
    state: str  # "verified", "revoked", "expired"
    label: str
    detail: str
    url: str  # where anyone can check it; empty when there is no public page


def _issued_view(proof_id: int, badge: IssuedBadge) -> ProofView:
    url = site_url(f"/wallet/badges/{badge.public_id}/")
    if badge.revoked_at is not None:
        return ProofView(
            proof_id, badge.achievement_name, "revoked", "Revoked", badge.revoked_reason, url
        )
    return ProofView(
        proof_id,
        badge.achievement_name,
        "verified",
        "Verified: signed badge",
        f"{badge.narrative} Signed by this site on "
        f"{human_date(timezone.localdate(badge.issued_at))}.",
        url,
    )


def _imported_view(proof_id: int, badge: ImportedBadge) -> ProofView:
    url = badge.badge_id if badge.badge_id.startswith("https://") else ""
    if badge.revoked_at is not None:
        return ProofView(proof_id, badge.name, "revoked", "Revoked", badge.revoked_reason, url)
    if badge.expires_at is not None and badge.expires_at <= timezone.now():
        return ProofView(
            proof_id, badge.name, "expired", "Expired", f"From {badge.issuer_name}.", url
        )
    return ProofView(
        proof_id,
        badge.name,
        "verified",
        "Verified: signed badge",
        f"From {badge.issuer_name}; its signature, issuer and recipient were checked on "
        f"{human_date(timezone.localdate(badge.verified_at))}.",
        url,
    )


def application_proofs(application: TrackedApplication) -> list[ProofView]:
    """The links on an application, for its member and its employer alike (one query)."""
    proofs = ApplicationProof.objects.filter(application=application).select_related(
        "issued_badge", "imported_badge"
    )
    views = []
    for proof in proofs:
        if proof.issued_badge is not None:
            views.append(_issued_view(proof.pk, proof.issued_badge))
        elif proof.imported_badge is not None:
            views.append(_imported_view(proof.pk, proof.imported_badge))
    return views


@dataclass(frozen=True)
class Attachable:
    value: str  # "issued:<id>" or "imported:<id>"
    name: str


def attachable_badges(member: User, application: TrackedApplication) -> list[Attachable]:
    attached = ApplicationProof.objects.filter(application=application)
    taken_issued = set(attached.values_list("issued_badge_id", flat=True))
    taken_imported = set(attached.values_list("imported_badge_id", flat=True))
    found = [
        Attachable(f"issued:{b.pk}", b.achievement_name)
        for b in IssuedBadge.objects.filter(member=member, revoked_at__isnull=True)
        if b.pk not in taken_issued
    ]
    found += [
        Attachable(f"imported:{b.pk}", f"{b.name} ({b.issuer_name})")
        for b in ImportedBadge.objects.filter(member=member)
        if b.pk not in taken_imported
    ]
    return found
