"""Email through the task queue, so a failing provider never loses or blocks a member's action.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: sending stores each message as an
`OutgoingEmail` row in the caller's transaction (rolled back with it) and, after the commit,
enqueues `deliver_email`. The task claims the row (queued or failed -> sending, under a row
lock), sends it with the real backend (EMAIL_DELIVERY_BACKEND, from EMAIL_URL) and marks it
sent. A failure is recorded and retried with backoff (RETRY_MINUTES) up to MAX_ATTEMPTS; a run
for a row already sent or being sent does nothing, so a task enqueued twice sends once.

A worker killed mid-task leaves its row "sending": `manage.py email_retry` (cron, every few
minutes; idempotent) re-enqueues rows due for a retry and rows claimed longer than
STALE_CLAIM ago. The one window where a message can go twice is a kill after the provider
accepted it and before the row was marked sent: email has no delivery receipt to check.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
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


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        rows = [
            OutgoingEmail.objects.create(message=message_to_json(message))
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


def email_deliver(email_id: int) -> str:
    """Send one queued email; returns what happened (for the task result and tests)."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            OutgoingEmail.objects.select_for_update()
            .filter(
                pk=email_id, status__in=[OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.FAILED]
            )
            .first()
        )
        if row is None:
            return "nothing to do"
        row.status = OutgoingEmail.Status.SENDING
        row.attempts += 1
        row.claimed_at = now
        row.save(update_fields=["status", "attempts", "claimed_at"])
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([message_from_json(row.message)])
    except Exception as error:  # any provider failure: recorded and retried
        logger.warning("email %s attempt %s failed: %r", row.pk, row.attempts, error)
        row.last_error = f"{type(error).__name__}: {error}"[:200]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = OutgoingEmail.Status.GAVE_UP
            row.next_attempt_at = None
        else:
            row.status = OutgoingEmail.Status.FAILED
            delay = RETRY_MINUTES[min(row.attempts, len(RETRY_MINUTES)) - 1]
            row.next_attempt_at = timezone.now() + timedelta(minutes=delay)
        row.save(update_fields=["status", "last_error", "next_attempt_at"])
        if row.status == OutgoingEmail.Status.FAILED:
            _enqueue(row.pk, run_after=row.next_attempt_at)
        return row.status
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return OutgoingEmail.Status.SENT


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
    for pk in [*due, *stale_ids]:
        _enqueue(pk)
    return len(due) + len(stale_ids)
