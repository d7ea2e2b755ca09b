"""Attaching verification links to the member's own job applications."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from rxguild.accounts.models import User
from rxguild.tracker.models import TrackedApplication
from rxguild.wallet.models import ApplicationProof, ImportedBadge, IssuedBadge


def application_proof_attach(
    *, member: User, application: TrackedApplication, badge_ref: str
) -> ApplicationProof:
    """`badge_ref` is "issued:<id>" (a live badge issued here) or "imported:<id>"."""
    if application.member_id != member.pk:
        raise PermissionDenied("That application is not yours.")
    kind, _, raw_id = badge_ref.partition(":")
    choose = ValidationError({"badge": ["Choose one of your badges."]})
    if not raw_id.isdigit():
        raise choose
    proof = ApplicationProof(member=member, application=application)
    if kind == "issued":
        issued = IssuedBadge.objects.filter(
            pk=int(raw_id), member=member, revoked_at__isnull=True
        ).first()
        if issued is None:
            raise choose
        proof.issued_badge = issued
    elif kind == "imported":
        imported = ImportedBadge.objects.filter(pk=int(raw_id), member=member).first()
        if imported is None:
            raise choose
        proof.imported_badge = imported
    else:
        raise choose
    try:
        with transaction.atomic():
            proof.save()
    except IntegrityError:
        raise ValidationError({"badge": ["That badge is already on this application."]}) from None
    return proof


@transaction.atomic
def application_proof_detach(*, member: User, proof: ApplicationProof) -> None:
    if proof.member_id != member.pk:
        raise PermissionDenied("That is not yours.")
    proof.delete()
