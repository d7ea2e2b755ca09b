"""Importing a digital badge: read it, verify it fully, then store it — or refuse and store
nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.ratelimit import rate_limit_check
from rxguild.core.uploads import PNG, SVG, UploadRejected, upload_check
from rxguild.profiles.models import CredentialHeld
from rxguild.wallet import badge_input, keys
from rxguild.wallet.errors import BadgeRefused, BadgeRevoked
from rxguild.wallet.fetch import Fetcher, default_fetcher
from rxguild.wallet.imported import VerifiedBadge
from rxguild.wallet.models import ImportedBadge, IssuedBadge
from rxguild.wallet.ob2 import ob2_verify
from rxguild.wallet.ob3 import ob3_verify
from rxguild.wallet.services.issuing import issuer_profile, status_list_url
from rxguild.wallet.vc import PublicKey

MAX_IMAGE_BYTES = 2 * 1024 * 1024


def _member_emails(member: User) -> list[str]:
    """The addresses a badge may be issued to: the account's, and any other it verified."""
    verified = EmailAddress.objects.filter(user=member, verified=True).values_list(
        "email", flat=True
    )
    return sorted({member.email, *verified} - {""})


def _own_key(issuer_id: str, header: Mapping[str, Any]) -> PublicKey | None:
    if issuer_id != issuer_profile()["id"]:
        return None
    return keys.public_key(header.get("kid"))


def _own_status(list_url: str, index: int) -> bool | None:
    if list_url != status_list_url():
        return None
    return IssuedBadge.objects.filter(status_index=index, revoked_at__isnull=False).exists()


def _read_upload(upload: UploadedFile) -> str:
    try:
        checked = upload_check(
            upload,
            name=upload.name or "",
            size=upload.size or 0,
            kinds=(PNG, SVG),
            max_bytes=MAX_IMAGE_BYTES,
        )
    except UploadRejected as error:
        raise BadgeRefused(str(error)) from None
    upload.seek(0)
    data = upload.read(MAX_IMAGE_BYTES + 1)
    if checked.kind is PNG:
        return badge_input.from_png(data)
    return badge_input.from_svg(data)


def badge_verify(
    *,
    member: User,
    text: str = "",
    upload: UploadedFile | None = None,
    fetch: Fetcher,
    now: datetime,
) -> VerifiedBadge:
    raw = _read_upload(upload) if upload is not None else text
    found = badge_input.read_text(raw)
    emails = _member_emails(member)
    if found.kind == "ob3-jwt":
        return ob3_verify(
            found.token,
            fetch=fetch,
            emails=emails,
            now=now,
            own_key=_own_key,
            own_status=_own_status,
        )
    provided = found.url if found.kind == "ob2-url" else found.assertion
    assert provided is not None
    return ob2_verify(provided, fetch=fetch, emails=emails, now=now)


def badge_import(
    *,
    member: User,
    text: str = "",
    upload: UploadedFile | None = None,
    credential_held: CredentialHeld | None = None,
    fetch: Fetcher | None = None,
) -> ImportedBadge:
    """Verify and store a badge; ValidationError with the reason, and nothing stored, when
    it does not verify, is someone else's, or was imported before."""
    if credential_held is not None and credential_held.profile.user_id != member.pk:
        raise PermissionDenied("That credential is not on your profile.")
    # Each import may fetch several URLs from the outside: a limit keeps the wallet from being
    # anyone's fetching robot.
    rate_limit_check(
        key=f"wallet-import:{member.pk}", limit=20, window_seconds=3600, action="imported badges"
    )
    try:
        verified = badge_verify(
            member=member,
            text=text,
            upload=upload,
            fetch=fetch or default_fetcher(),
            now=timezone.now(),
        )
    except BadgeRefused as error:
        raise ValidationError({"badge": [str(error)]}) from None
    digest = hashlib.sha256(verified.badge_id.encode("utf-8")).hexdigest()
    replayed = ValidationError(
        {"badge": ["This badge was already imported on this site; a badge counts once."]}
    )
    if ImportedBadge.objects.filter(badge_digest=digest).exists():
        raise replayed
    try:
        with transaction.atomic():
            return ImportedBadge.objects.create(
                member=member,
                credential_held=credential_held,
                spec=verified.spec,
                badge_id=verified.badge_id[:500],
                badge_digest=digest,
                name=verified.name,
                description=verified.description,
                issuer_name=verified.issuer_name,
                issuer_id=verified.issuer_id,
                issued_at=verified.issued_at,
                expires_at=verified.expires_at,
                document=verified.document,
                vc_jwt=verified.vc_jwt,
            )
    except IntegrityError:
        raise replayed from None


@transaction.atomic
def imported_badge_delete(*, member: User, badge: ImportedBadge) -> None:
    if badge.member_id != member.pk:
        raise PermissionDenied("That badge is not yours.")
    badge.delete()


@transaction.atomic
def imported_badge_link(
    *, member: User, badge: ImportedBadge, credential_held: CredentialHeld | None
) -> ImportedBadge:
    """Say which credential on the profile the badge backs (or none)."""
    if badge.member_id != member.pk or (
        credential_held is not None and credential_held.profile.user_id != member.pk
    ):
        raise PermissionDenied("That is not yours.")
    badge.credential_held = credential_held
    badge.save(update_fields=["credential_held"])
    return badge


def imported_badges_recheck(*, fetch: Fetcher | None = None) -> tuple[int, int]:
    """Verify every imported badge again; mark revoked those whose issuer revoked them since.
    A badge that cannot be checked now (issuer down, network) keeps its standing: only the
    issuer's own word revokes. Returns (checked, newly revoked). Idempotent."""
    fetcher = fetch or default_fetcher()
    checked = revoked = 0
    badges = ImportedBadge.objects.filter(revoked_at__isnull=True).select_related("member")
    for badge in badges:
        text = badge.vc_jwt if badge.spec == ImportedBadge.Spec.OB3 else badge.badge_id
        try:
            badge_verify(member=badge.member, text=text, fetch=fetcher, now=timezone.now())
        except BadgeRevoked as error:
            ImportedBadge.objects.filter(pk=badge.pk, revoked_at__isnull=True).update(
                revoked_at=timezone.now(), revoked_reason=str(error)[:300]
            )
            revoked += 1
        except BadgeRefused:
            pass
        else:
            ImportedBadge.objects.filter(pk=badge.pk).update(verified_at=timezone.now())
        checked += 1
    return checked, revoked
