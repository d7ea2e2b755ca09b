"""Email members about unread messages, one batched email each. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.community.services.messages import unread_message_notices_send


class Command(BaseCommand):
    help = "Email each member with unread messages once (messages older than 15 minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = unread_message_notices_send()
        self.stdout.write(f"Sent {sent} unread-message notice(s).")
