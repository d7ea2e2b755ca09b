"""Imported badges (verified at import), the badges this instance issued to the caller, and
verification links on the caller's job applications."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.tracker.access import application_get_for_member
from rxguild.wallet import access, selectors, services
from rxguild.wallet.applications import application_proofs
from rxguild.wallet.issued import issuable_badges
from rxguild.wallet.models import ImportedBadge, IssuedBadge
from rxguild.wallet.services.issuing import site_url

router = Router()


class ImportIn(Schema):
    badge: str = Field(
        ...,
        max_length=200_000,
        description="an Open Badges 2.0 hosted assertion URL or its JSON, or an OB 3.0 VC-JWT",
    )
    credential_held: int | None = Field(None, description="the profile credential it proves")


class ImportedOut(Schema):
    id: int
    spec: str
    name: str
    issuer_name: str
    issuer_id: str
    badge_id: str
    credential_held: int | None
    issued_at: datetime | None
    expires_at: datetime | None
    verified_at: datetime


class IssuedOut(Schema):
    id: int
    public_id: UUID
    kind: str
    source_id: int
    name: str
    narrative: str
    issued_at: datetime
    revoked_at: datetime | None
    verification_url: str
    vc_jwt: str


class IssueIn(Schema):
    kind: str
    source_id: int


class SourceOut(Schema):
    kind: str
    source_id: int
    name: str
    narrative: str


class RevokeIn(Schema):
    reason: str = Field("", max_length=300)


def _imported_out(badge: ImportedBadge) -> ImportedOut:
    return ImportedOut(
        id=badge.pk,
        spec=badge.spec,
        name=badge.name,
        issuer_name=badge.issuer_name,
        issuer_id=badge.issuer_id,
        badge_id=badge.badge_id,
        credential_held=badge.credential_held_id,
        issued_at=badge.issued_at,
        expires_at=badge.expires_at,
        verified_at=badge.verified_at,
    )


def issued_out(badge: IssuedBadge) -> IssuedOut:
    return IssuedOut(
        id=badge.pk,
        public_id=badge.public_id,
        kind=badge.kind,
        source_id=badge.source_id,
        name=badge.achievement_name,
        narrative=badge.narrative,
        issued_at=badge.issued_at,
        revoked_at=badge.revoked_at,
        verification_url=site_url(f"/wallet/badges/{badge.public_id}/"),
        vc_jwt=badge.credential_jwt,
    )


@router.get("/badges", response=list[ImportedOut])
def badges_list(request: HttpRequest) -> list[ImportedOut]:
    member = signed_in_member(request.user)
    return [_imported_out(b) for b in selectors.imported_badges_for_owner(member)]


@router.post("/badges", response={201: ImportedOut})
def badges_import(request: HttpRequest, payload: ImportIn) -> tuple[int, ImportedOut]:
    """Verify and add a badge; 422 with the reason (and nothing added) when it fails."""
    member = signed_in_member(request.user)
    held = (
        access.credential_held_get_for_owner(member, payload.credential_held)
        if payload.credential_held is not None
        else None
    )
    badge = services.badge_import(member=member, text=payload.badge, credential_held=held)
    return 201, _imported_out(badge)


@router.delete("/badges/{badge_id}", response={204: None})
def badges_delete(request: HttpRequest, badge_id: int) -> tuple[int, None]:
    member = signed_in_member(request.user)
    badge = access.imported_badge_get_for_owner(member, badge_id)
    services.imported_badge_delete(member=member, badge=badge)
    return 204, None


@router.get("/issued", response=list[IssuedOut])
def issued_list(request: HttpRequest) -> list[IssuedOut]:
    return [issued_out(b) for b in issuable_badges(signed_in_member(request.user)).issued]


@router.get("/issued/available", response=list[SourceOut])
def issued_available(request: HttpRequest) -> list[SourceOut]:
    """What others confirmed that has no live badge yet."""
    available = issuable_badges(signed_in_member(request.user)).available
    return [
        SourceOut(kind=s.kind, source_id=s.source_id, name=s.name, narrative=s.narrative)
        for s in available
    ]


@router.post("/issued", response={201: IssuedOut})
def issued_create(request: HttpRequest, payload: IssueIn) -> tuple[int, IssuedOut]:
    member = signed_in_member(request.user)
    badge = services.badge_issue(member=member, kind=payload.kind, source_id=payload.source_id)
    return 201, issued_out(badge)


@router.post("/issued/{badge_id}/revoke", response=IssuedOut)
def issued_revoke(request: HttpRequest, badge_id: int, payload: RevokeIn) -> IssuedOut:
    member = signed_in_member(request.user)
    badge = access.issued_badge_get_for_owner(member, badge_id)
    return issued_out(services.badge_revoke(actor=member, badge=badge, reason=payload.reason))


class ProofIn(Schema):
    badge: str = Field(..., max_length=40, description='"issued:<id>" or "imported:<id>"')


class ProofOut(Schema):
    id: int
    name: str
    state: str
    label: str
    detail: str
    url: str


@router.get("/applications/{application_id}/proofs", response=list[ProofOut])
def proofs_list(request: HttpRequest, application_id: int) -> list[ProofOut]:
    """Verification links on one of the caller's applications."""
    application = application_get_for_member(signed_in_member(request.user), application_id)
    return [ProofOut(**vars(p)) for p in application_proofs(application)]


@router.post("/applications/{application_id}/proofs", response={201: ProofOut})
def proofs_attach(
    request: HttpRequest, application_id: int, payload: ProofIn
) -> tuple[int, ProofOut]:
    member = signed_in_member(request.user)
    application = application_get_for_member(member, application_id)
    proof = services.application_proof_attach(
        member=member, application=application, badge_ref=payload.badge
    )
    view = next(p for p in application_proofs(application) if p.id == proof.pk)
    return 201, ProofOut(**vars(view))


@router.delete("/proofs/{proof_id}", response={204: None})
def proofs_detach(request: HttpRequest, proof_id: int) -> tuple[int, None]:
    member = signed_in_member(request.user)
    proof = access.application_proof_get_for_owner(member, proof_id)
    services.application_proof_detach(member=member, proof=proof)
    return 204, None
