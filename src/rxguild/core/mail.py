"""Email leaves only once the change that caused it is committed.

A message sent inside a transaction that later rolls back tells a member about something that
never happened, and one sent before a row is marked "emailed" can go out twice. Services build
their messages while they hold the rows and hand them here; they go out after the commit (at
once when no transaction is open). Through the mail queue (the site's EMAIL_BACKEND, see
core.mail_queue) each message is stored in the transaction itself, with the rows that say it
was sent, and enqueued after the commit: a process stopped between the two loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction

QUEUED_BACKEND = "rxguild.core.mail_queue.QueuedEmailBackend"


def mail_send_after_commit(messages: Sequence[EmailMessage]) -> None:
    if not messages:
        return
    batch = list(messages)
    if settings.EMAIL_BACKEND == QUEUED_BACKEND:
        # The queue stores each message in this transaction and sends it after the commit:
        # stored now, it is never lost to a process stopped between the commit and the send.
        with get_connection() as connection:
            connection.send_messages(batch)
        return

    def send() -> None:
        with get_connection() as connection:
            connection.send_messages(batch)

    transaction.on_commit(send)
