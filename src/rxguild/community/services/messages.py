"""One-to-one messages between connections, read markers and the batched email notice."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import Message, NotificationKind, NotificationSetting
from rxguild.community.selectors.connections import are_connected, is_blocked_between
from rxguild.community.selectors.message_requests import has_accepted_request
from rxguild.community.services.common import (
    daily_cap_check,
    require_participant,
    trust_limits_for,
)
from rxguild.core.mail import mail_send_after_commit

MAX_LENGTH = 5000
# Wait this long before emailing about an unread message: a member who is on the site
# reads it in the app, and several messages become one email.
NOTICE_DELAY = timedelta(minutes=15)


def may_message(sender: User, recipient: User) -> bool:
    """Connections may write to each other, and so may a mentor and mentee while their
    mentorship is open, and two members once either accepted the other's message request;
    a block in either direction stops it."""
    if sender.pk == recipient.pk or not recipient.is_active:
        return False
    if is_blocked_between(sender, recipient):
        return False
    if are_connected(sender, recipient) or has_accepted_request(sender, recipient):
        return True
    # Imported here: mentoring builds on community, not the other way round.
    from rxguild.mentoring.records import open_between

    return open_between(sender, recipient)


@transaction.atomic
def message_send(*, sender: User, recipient: User, body: str) -> Message:
    require_participant(sender)
    if not may_message(sender, recipient):
        raise PermissionDenied(
            "You can message your connections and mentorship partners, or send a message "
            "request first."
        )
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write a message first."})
    if len(body) > MAX_LENGTH:
        raise ValidationError({"body": f"Keep messages under {MAX_LENGTH:,} characters."})
    limits = trust_limits_for(sender)
    daily_cap_check(
        user=sender, action="message", limit=limits.messages_per_day, described="sent messages"
    )
    return Message.objects.create(sender=sender, recipient=recipient, body=body)


@transaction.atomic
def conversation_mark_read(*, reader: User, other: User) -> int:
    return Message.objects.filter(sender=other, recipient=reader, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread_message_notices_send(*, now: datetime | None = None) -> int:
    """One email per member with unread messages older than NOTICE_DELAY that nobody told
    them about yet. Idempotent: the messages are marked in the same transaction."""
    now = now or timezone.now()
    muted = set(
        NotificationSetting.objects.filter(kind=NotificationKind.MESSAGE, email=False).values_list(
            "user_id", flat=True
        )
    )
    emails: list[EmailMessage] = []
    with transaction.atomic():
        pending = list(
            # Lock the messages only: a former member's messages have no recipient, and
            # PostgreSQL cannot lock the nullable side of the outer join select_related makes.
            Message.objects.select_for_update(of=("self",))
            .filter(
                read_at__isnull=True,
                notice_sent_at__isnull=True,
                status=Message.Status.VISIBLE,
                created_at__lte=now - NOTICE_DELAY,
            )
            .select_related("recipient")
        )
        by_member: dict[int, list[Message]] = defaultdict(list)
        for message in pending:
            if message.recipient_id is not None:  # None: sent to a former member
                by_member[message.recipient_id].append(message)
        url = getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + reverse(
            "community:inbox"
        )
        for member_id, messages in by_member.items():
            member = messages[0].recipient
            if member is None or member_id in muted or not member.is_active:
                continue
            count = len(messages)
            # The text never quotes the messages: email is not the place for them.
            emails.append(
                EmailMessage(
                    subject=f"You have {count} unread message{'s' if count != 1 else ''} "
                    "on RxGuild",
                    body=f"Read and answer them at {url}",
                    to=[member.email],
                )
            )
        Message.objects.filter(pk__in=[m.pk for m in pending]).update(notice_sent_at=now)
        mail_send_after_commit(emails)
    return len(emails)
