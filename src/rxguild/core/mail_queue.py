"""Email through the task queue, so a failing provider never loses or blocks a member's action.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: sending stores each message as an
`OutgoingEmail` row in the caller's transaction (rolled back with it), with a Message-ID of its
own, and, after the commit, enqueues `deliver_email`. The row is the email's idempotency key:
every attempt sends that row, with that Message-ID. The task claims the row (queued or failed
-> sending, under a row lock; `attempts` is the claim's number), sends it with the real backend
(EMAIL_DELIVERY_BACKEND, from EMAIL_URL) and marks it sent. A failure is recorded and retried
with backoff (RETRY_MINUTES) up to MAX_ATTEMPTS; a run for a row in any other state does
nothing, so a task enqueued or retried twice sends once.

Just before the message becomes the provider's (over SMTP: before the "." that ends DATA, see
core.smtp_handover; other backends: before the call), the row is marked "handed over", only if
this claim still holds it (a worker whose claim went stale and was taken over stops there).
A worker killed mid-task: `manage.py email_retry` (cron; idempotent) looks at rows claimed
longer than STALE_CLAIM ago (and re-enqueues rows queued that long ago and never claimed: their
enqueue was lost). Still "sending": nothing was handed over, it is sent again.
"Handed over": the provider may have it, so it is never sent again automatically; it becomes
"unconfirmed", logged as a warning, and `email_retry --resend ID` sends it again when staff
decide to (with the same Message-ID, which mail clients use to fold duplicates). The same
holds for an SMTP connection lost after the "." (no reply read). The window left, for SMTP,
is between recording the hand-over and reading the server's reply: a worker killed or cut off
there after the server took the message causes no duplicate; killed before the "." reached
the server, that one email is not delivered and waits, unconfirmed, for staff.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from email.utils import make_msgid, parseaddr
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from rxguild.core.models import OutgoingEmail

logger = logging.getLogger("rxguild.mail")

MAX_ATTEMPTS = 6
RETRY_MINUTES = (1, 5, 15, 60, 240)
STALE_CLAIM = timedelta(minutes=10)


def message_to_json(message: EmailMessage) -> dict[str, Any]:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_from_json(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def _with_message_id(message: EmailMessage) -> EmailMessage:
    if "message-id" not in {name.lower() for name in message.extra_headers}:
        sender = parseaddr(str(message.from_email or settings.DEFAULT_FROM_EMAIL))[1]
        domain = sender.rpartition("@")[2] or "rxguild.local"
        message.extra_headers["Message-ID"] = make_msgid(domain=domain)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        rows = [
            OutgoingEmail.objects.create(message=message_to_json(_with_message_id(message)))
            for message in email_messages
            if message.recipients()
        ]
        for row in rows:
            transaction.on_commit(partial(_enqueue, row.pk))
        return len(rows)


def _enqueue(email_id: int, run_after: Any = None) -> None:
    from django_tasks import task_backends

    from rxguild.core.tasks import deliver_email

    task = deliver_email
    if run_after is not None:
        backend = task_backends["default"]
        if not backend.supports_defer or type(backend).__name__ == "ImmediateBackend":
            return  # no deferred tasks here: email_retry enqueues it when it is due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(email_id)
    except Exception:  # the queue down: the row waits for email_retry
        logger.exception("could not enqueue email %s", email_id)


class ClaimLost(Exception):
    """Another worker took this email over (the claim went stale): this one must not send."""


def _claim(email_id: int) -> OutgoingEmail | None:
    with transaction.atomic():
        row = (
            OutgoingEmail.objects.select_for_update()
            .filter(
                pk=email_id, status__in=[OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.FAILED]
            )
            .first()
        )
        if row is None:
            return None
        row.status = OutgoingEmail.Status.SENDING
        row.attempts += 1
        row.claimed_at = timezone.now()
        row.save(update_fields=["status", "attempts", "claimed_at"])
    return row


def email_deliver(email_id: int) -> str:
    """Send one queued email; returns what happened (for the task result and tests)."""
    row = _claim(email_id)
    if row is None:
        return "nothing to do"
    mine = OutgoingEmail.objects.filter(pk=row.pk, attempts=row.attempts)
    handed_over = False

    def hand_over() -> None:
        nonlocal handed_over
        held = mine.filter(status=OutgoingEmail.Status.SENDING)
        if not held.update(status=OutgoingEmail.Status.HANDED_OVER):
            raise ClaimLost(f"email {row.pk}: claim {row.attempts} was taken over")
        handed_over = True

    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND, on_handover=hand_over) as connection:
            if not getattr(connection, "supports_handover", False):
                hand_over()
            connection.send_messages([message_from_json(row.message)])
    except ClaimLost:
        logger.warning("email %s: claim %s lost before hand-over; not sent", row.pk, row.attempts)
        return "claim lost"
    except Exception as error:  # any provider failure: recorded and retried
        row.last_error = f"{type(error).__name__}: {error}"[:200]
        if handed_over and _answer_unknown(connection, error):
            logger.warning("email %s handed over, no answer: %r; not sent again", row.pk, error)
            mine.update(status=OutgoingEmail.Status.UNCONFIRMED, last_error=row.last_error)
            return OutgoingEmail.Status.UNCONFIRMED
        logger.warning("email %s attempt %s failed: %r", row.pk, row.attempts, error)
        if row.attempts >= MAX_ATTEMPTS:
            row.status = OutgoingEmail.Status.GAVE_UP
            row.next_attempt_at = None
        else:
            row.status = OutgoingEmail.Status.FAILED
            delay = RETRY_MINUTES[min(row.attempts, len(RETRY_MINUTES)) - 1]
            row.next_attempt_at = timezone.now() + timedelta(minutes=delay)
        mine.update(
            status=row.status, last_error=row.last_error, next_attempt_at=row.next_attempt_at
        )
        if row.status == OutgoingEmail.Status.FAILED:
            _enqueue(row.pk, run_after=row.next_attempt_at)
        return row.status
    mine.update(status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error="")
    return OutgoingEmail.Status.SENT


def _answer_unknown(connection: Any, error: Exception) -> bool:
    """After the hand-over, did the provider perhaps take the message? Over SMTP, yes unless
    the server answered (a 4xx or 5xx reply to the final "."); other backends raise only when
    they failed."""
    return bool(getattr(connection, "supports_handover", False)) and not isinstance(
        error, smtplib.SMTPResponseException
    )


def email_retry_due(*, now: Any = None) -> int:
    """Re-enqueue failed rows whose retry is due and rows whose worker died mid-send."""
    now = now or timezone.now()
    due = list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.FAILED, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    stale = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, claimed_at__lte=now - STALE_CLAIM
    )
    stale_ids = list(stale.values_list("pk", flat=True))
    stale.update(status=OutgoingEmail.Status.FAILED, last_error="worker stopped while sending")
    # Queued long ago and never claimed: its enqueue was lost (the queue down, or the process
    # stopped between the commit and the enqueue). Enqueued twice it is still sent once.
    stale_ids += OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.QUEUED, created_at__lte=now - STALE_CLAIM
    ).values_list("pk", flat=True)
    handed = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.HANDED_OVER, claimed_at__lte=now - STALE_CLAIM
    )
    for pk in handed.values_list("pk", flat=True):
        logger.warning("email %s: worker stopped after hand-over; unconfirmed, not resent", pk)
    handed.update(
        status=OutgoingEmail.Status.UNCONFIRMED, last_error="worker stopped after hand-over"
    )
    for pk in [*due, *stale_ids]:
        _enqueue(pk)
    return len(due) + len(stale_ids)


def email_resend(email_id: int) -> bool:
    """Staff's decision to send an unconfirmed (or given-up) email again: queued afresh."""
    again = OutgoingEmail.objects.filter(
        pk=email_id,
        status__in=[OutgoingEmail.Status.UNCONFIRMED, OutgoingEmail.Status.GAVE_UP],
    ).update(status=OutgoingEmail.Status.FAILED, next_attempt_at=timezone.now())
    if again:
        transaction.on_commit(partial(_enqueue, email_id))
    return bool(again)
