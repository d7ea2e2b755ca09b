"""In-app notifications and the email digest. Each kind has its own on/off per channel."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import Notification, NotificationKind, NotificationSetting
from rxguild.core.mail import mail_send_after_commit


def _setting(user_id: int, kind: str) -> tuple[bool, bool]:
    row = NotificationSetting.objects.filter(user_id=user_id, kind=kind).first()
    return (True, True) if row is None else (row.in_app, row.email)


def notification_channels(user_id: int, kind: str) -> tuple[bool, bool]:
    """(in the app, by email) as the member chose for this kind; both on by default."""
    return _setting(user_id, kind)


def notify(
    *,
    recipient: User | None,
    kind: str,
    text: str,
    url: str = "",
    emailed_by_caller: bool = False,
) -> Notification | None:
    """Record a notification when the member wants this kind in the app or by email.

    Callers decide who may be told (a notification is only ever about something the
    recipient may see): this function only honours the member's settings. No recipient (a
    topic or event whose member deleted their account): no one to tell.
    `emailed_by_caller`: the caller sends its own email at once (mentoring does), so the
    digest must not repeat it."""
    if recipient is None:
        return None
    in_app, email = _setting(recipient.pk, kind)
    if not in_app and not email:
        return None
    if emailed_by_caller:
        email = False
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        text=text[:300],
        url=url[:300],
        # Not wanted by email: count it as already handled by the digest.
        emailed_at=None if email else timezone.now(),
        read_at=None if in_app else timezone.now(),
    )


@transaction.atomic
def notification_settings_update(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    for kind, (in_app, email) in choices.items():
        if kind not in NotificationKind.values:
            continue
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": in_app, "email": email}
        )


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())


def notification_digest_send(*, now: Any = None) -> int:
    """Email each member one digest of notifications not yet emailed. Idempotent: a
    notification is marked as emailed in the same transaction that selects it."""
    now = now or timezone.now()
    emails: list[EmailMessage] = []
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(emailed_at__isnull=True)
            .select_related("recipient")
            .order_by("recipient_id", "created_at")
        )
        by_member: dict[int, list[Notification]] = defaultdict(list)
        for item in pending:
            by_member[item.recipient_id].append(item)
        base = getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
        for items in by_member.values():
            member = items[0].recipient
            if not member.is_active:
                continue
            lines = [f"- {n.text}" + (f" ({base}{n.url})" if n.url else "") for n in items]
            emails.append(
                EmailMessage(
                    subject=f"{len(items)} new in your RxGuild community",
                    body="Here is what happened since the last digest:\n\n"
                    + "\n".join(lines)
                    + "\n\nChoose what you are told about in Community → Notification settings.",
                    to=[member.email],
                )
            )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        mail_send_after_commit(emails)
    return len(emails)
