"""Badges this instance issues (Open Badges 3.0, VC-JWT), and their revocation."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.wallet import statuslist
from rxguild.wallet.keys import SigningKeyMissing, signing_key
from rxguild.wallet.models import IssuedBadge
from rxguild.wallet.sources import badge_source_get
from rxguild.wallet.vc import (
    OB3_CONTEXT,
    VC_CONTEXT,
    Achievement,
    credential_build,
    iso,
    vc_jwt_sign,
)

# One revocation list for the whole instance, of the spec's minimum size.
STATUS_LIST_SIZE = statuslist.MIN_ENTRIES


def site_url(path: str) -> str:
    return settings.RXGUILD_SITE_URL.rstrip("/") + path


def issuer_profile() -> dict[str, Any]:
    return {
        "id": site_url(reverse("wallet:issuer")),
        "type": ["Profile"],
        "name": settings.RXGUILD_SITE_NAME,
        "url": site_url("/"),
    }


def status_list_url() -> str:
    return site_url(reverse("wallet:status_list"))


def _free_status_index() -> int:
    # Random positions, as the Bitstring Status List spec advises: an index must not tell how
    # many badges came before it.
    taken = set(IssuedBadge.objects.values_list("status_index", flat=True))
    if len(taken) >= STATUS_LIST_SIZE:
        raise ValidationError("The status list is full; ask the site's staff.")
    while True:
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if index not in taken:
            return index


def badge_issue(*, member: User, kind: str, source_id: int) -> IssuedBadge:
    """Sign a badge for something the member's record shows someone else confirmed."""
    source = badge_source_get(member, kind=kind, source_id=source_id)
    try:
        key, kid = signing_key()
    except SigningKeyMissing as error:
        raise ValidationError(f"Badges cannot be issued yet: {error}") from None
    for _attempt in range(3):  # two issuers may draw the same free index at once
        try:
            with transaction.atomic():
                return _badge_create(member=member, source=source, key=key, kid=kid)
        except IntegrityError:
            if IssuedBadge.objects.filter(
                member=member, kind=kind, source_id=source_id, revoked_at__isnull=True
            ).exists():
                break
    raise ValidationError("A badge for this was already issued; see it in your wallet.")


def _badge_create(*, member: User, source: Any, key: Any, kid: str) -> IssuedBadge:
    if IssuedBadge.objects.filter(
        member=member, kind=source.kind, source_id=source.source_id, revoked_at__isnull=True
    ).exists():
        raise ValidationError("A badge for this was already issued; see it in your wallet.")
    badge = IssuedBadge(
        member=member,
        kind=source.kind,
        source_id=source.source_id,
        achievement_name=source.name,
        narrative=source.narrative,
        signing_kid=kid,
        status_index=_free_status_index(),
        issued_at=timezone.now(),
    )
    badge_url = site_url(reverse("wallet:badge", args=[badge.public_id]))
    credential = credential_build(
        credential_id=badge_url,
        issuer=issuer_profile(),
        achievement=Achievement(
            id=f"{badge_url}#achievement",
            name=source.name,
            description=source.description,
            criteria=source.narrative,
        ),
        recipient_email=member.email,
        salt=secrets.token_hex(8),
        valid_from=badge.issued_at,
        valid_until=None,
        status={
            "id": f"{status_list_url()}#{badge.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(badge.status_index),
            "statusListCredential": status_list_url(),
        },
        name=source.name,
    )
    badge.credential_jwt = vc_jwt_sign(credential, key=key, kid=kid)
    badge.save()
    return badge


@transaction.atomic
def badge_revoke(*, actor: User, badge: IssuedBadge, reason: str) -> IssuedBadge:
    """Revoke: the badge's bit is set in the status list from now on. The member may revoke
    their own badge; staff may revoke any."""
    if not (actor.is_staff or actor.pk == badge.member_id):
        raise PermissionDenied("Only the badge's holder or staff revoke a badge.")
    locked = IssuedBadge.objects.select_for_update().get(pk=badge.pk)
    if locked.revoked_at is not None:
        raise ValidationError("This badge is already revoked; nothing changed.")
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason.strip()[:300] or "Revoked by its holder."
    locked.save(update_fields=["revoked_at", "revoked_reason"])
    return locked


def badges_revoke_for_withdrawn_source(*, kind: str, source_ids: list[int], reason: str) -> int:
    """The record a badge vouched for no longer stands (a verified entry edited or deleted):
    its badges are revoked at once, so a verifier reading the status list sees it."""
    return IssuedBadge.objects.filter(
        kind=kind, source_id__in=source_ids, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_reason=reason[:300])


def status_list_jwt() -> str:
    """The revocation list as a signed BitstringStatusListCredential (VC-JWT), made fresh:
    16 KiB of mostly zeros compresses to a few hundred bytes in well under a millisecond."""
    revoked = set(
        IssuedBadge.objects.filter(revoked_at__isnull=False).values_list("status_index", flat=True)
    )
    key, kid = signing_key()
    now = timezone.now()
    credential = {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile(),
        "validFrom": iso(now),
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": statuslist.encode(revoked, size=STATUS_LIST_SIZE),
        },
    }
    return vc_jwt_sign(credential, key=key, kid=kid)
