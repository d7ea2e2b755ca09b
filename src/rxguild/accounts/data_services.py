"""A member's own data: the export they download and the deletion of their account.

Export: `export_request` queues `tasks.build_member_export`, which writes the ZIP
(member_data.export_write) to the upload storage with its progress on the row; the owner
downloads it until it expires (EXPORT_DAYS), then `purge_due` deletes the file.

Deletion (docs/data-policy.md): `deletion_request` needs the current password; it closes the
account at once (no sign-in, every session ended, every API token revoked, the member hidden
wherever the site lists members: inactive users are left out) and emails a cancel link valid
for the grace period. `purge_due` (manage.py purge_accounts, cron) then deletes the user row
with everything that cascades from it, and every file those rows held, from the storage.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
from datetime import datetime, timedelta

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.member_data import export_write, member_files, member_rows
from rxguild.accounts.models import AccountDeletion, DataExport, User
from rxguild.accounts.tokens import tokens_revoke_all
from rxguild.core.mail import mail_send_after_commit
from rxguild.core.signed_links import LinkInvalid, link_issue, link_matches, link_read

logger = logging.getLogger("rxguild.accounts.data")

EXPORT_DAYS = 7
CANCEL_PURPOSE = "account-deletion-cancel"


def grace_days() -> int:
    return int(getattr(settings, "ACCOUNT_DELETION_GRACE_DAYS", 14))


class AccountDataError(ValueError):
    """A request that cannot be done; the message is safe to show to the member."""


def _site_url(path: str) -> str:
    return getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


# --- export ---------------------------------------------------------------------------


def export_request(*, user: User) -> DataExport:
    """Queue an export, or return the one already waiting or being built."""
    from rxguild.accounts.tasks import build_member_export

    with transaction.atomic():
        pending = (
            DataExport.objects.select_for_update()
            .filter(user=user, status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING])
            .first()
        )
        if pending is not None:
            return pending
        export = DataExport.objects.create(user=user)
        transaction.on_commit(lambda: build_member_export.enqueue(export.pk))
    return export


def export_build(export_id: int) -> DataExport | None:
    """The task's work; a second run for the same export does nothing."""
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id, status=DataExport.Status.QUEUED)
            .first()
        )
        if export is None:
            return None
        export.status = DataExport.Status.BUILDING
        export.save(update_fields=["status"])

    def progress(percent: int) -> None:
        DataExport.objects.filter(pk=export_id).update(progress=percent)

    try:
        with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as buffer:
            rows, files = export_write(
                export.user, buffer, site=settings.RXGUILD_SITE_NAME, progress=progress
            )
            size = buffer.tell()
            buffer.seek(0)
            name = default_storage.save(
                f"exports/{secrets.token_hex(16)}.zip", File(buffer, name="export.zip")
            )
    except Exception:
        logger.exception("data export %s failed", export_id)
        DataExport.objects.filter(pk=export_id).update(status=DataExport.Status.FAILED)
        raise
    now = timezone.now()
    export.status = DataExport.Status.READY
    export.file.name = name
    export.size, export.rows, export.files = size, rows, files
    export.progress = 100
    export.finished_at = now
    export.expires_at = now + timedelta(days=EXPORT_DAYS)
    export.save()
    mail_send_after_commit(
        [
            EmailMessage(
                subject=f"[{settings.RXGUILD_SITE_NAME}] Your data export is ready",
                body=(
                    "The copy of your data you asked for is ready. Download it, signed in, "
                    f"from {_site_url(reverse('accounts:data'))} before "
                    f"{export.expires_at:%Y-%m-%d %H:%M} UTC; after that it is deleted.\n"
                ),
                to=[export.user.email],
            )
        ]
    )
    return export


def export_for_download(*, user: User, export_id: int) -> DataExport:
    """The owner's ready export; DoesNotExist for anyone else's, AccountDataError if expired."""
    export = DataExport.objects.get(pk=export_id, user=user)
    if export.status == DataExport.Status.EXPIRED or (
        export.expires_at is not None and export.expires_at <= timezone.now()
    ):
        raise AccountDataError("This export has expired and was deleted. Ask for a new one.")
    if export.status != DataExport.Status.READY:
        raise AccountDataError("This export is not ready yet.")
    return export


# --- deletion -------------------------------------------------------------------------


def deletion_request(*, user: User, password: str) -> AccountDeletion:
    if not user.has_usable_password() or not user.check_password(password):
        raise AccountDataError("That is not your current password. Nothing was changed.")
    now = timezone.now()
    with transaction.atomic():
        deletion, _ = AccountDeletion.objects.update_or_create(
            user=user,
            defaults={"requested_at": now, "purge_after": now + timedelta(days=grace_days())},
        )
        link = link_issue(purpose=CANCEL_PURPOSE, object_id=deletion.pk)
        deletion.link_digest = link.digest
        deletion.save(update_fields=["link_digest"])
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        tokens_revoke_all(user=user)
        for session in UserSession.objects.filter(user=user):
            session.end()
        cancel_url = _site_url(reverse("accounts:deletion_cancel", args=[link.token]))
        mail_send_after_commit(
            [
                EmailMessage(
                    subject=f"[{settings.RXGUILD_SITE_NAME}] Your account will be deleted",
                    body=(
                        "You asked to delete your account. It is closed now and will be "
                        f"deleted with everything you entered on {deletion.purge_after:%Y-%m-%d}"
                        " (UTC).\n\nChanged your mind? Keep your account with this link before "
                        f"then:\n{cancel_url}"
                        "\n\nIf you did not ask for this, use the link and change your password.\n"
                    ),
                    to=[user.email],
                )
            ]
        )
    return deletion


def deletion_cancel(*, token: str) -> User:
    """Reopen the account of a pending deletion; LinkError with a message otherwise."""
    deletion_id = link_read(token, purpose=CANCEL_PURPOSE, max_age=timedelta(days=grace_days()))
    with transaction.atomic():
        deletion = (
            AccountDeletion.objects.select_for_update()
            .select_related("user")
            .filter(pk=deletion_id)
            .first()
        )
        if deletion is None or not link_matches(deletion.link_digest, token):
            raise LinkInvalid("This link is no longer valid: the account was kept or deleted.")
        user = deletion.user
        User.objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        deletion.delete()
    return user


def account_purge(*, user: User) -> int:
    """Delete the user, every row that cascades from them and every file those rows held.
    Returns how many files were deleted. The files go once the rows are gone for good."""
    with transaction.atomic():
        names = member_files(member_rows(user))
        user.delete()

        def delete_files() -> None:
            for name in names:
                try:
                    default_storage.delete(name)
                except OSError:  # logged, and reported by the next run's check
                    logger.exception("could not delete %s", name)

        transaction.on_commit(delete_files)
    return len(names)


def purge_due(*, now: datetime | None = None) -> tuple[int, int]:
    """Delete accounts whose grace period is over and expired export files; idempotent.
    Returns (accounts deleted, exports expired)."""
    now = now or timezone.now()
    accounts = 0
    for deletion in AccountDeletion.objects.filter(purge_after__lte=now).select_related("user"):
        account_purge(user=deletion.user)
        accounts += 1
    exports = 0
    for export in DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now):
        if export.file.name:
            default_storage.delete(export.file.name)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.EXPIRED, file="")
        exports += 1
    return accounts, exports
