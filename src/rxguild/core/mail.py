"""Email leaves only once the change that caused it is committed.

A message sent inside a transaction that later rolls back tells a member about something that
never happened, and one sent before a row is marked "emailed" can go out twice. Services build
their messages while they hold the rows and hand them here; they go out after the commit (at
once when no transaction is open).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection
from django.db import transaction


def mail_send_after_commit(messages: Sequence[EmailMessage]) -> None:
    if not messages:
        return
    batch = list(messages)

    def send() -> None:
        with get_connection() as connection:
            connection.send_messages(batch)

    transaction.on_commit(send)
