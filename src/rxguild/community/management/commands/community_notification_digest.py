"""Email each member a digest of notifications not yet emailed. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.community.services.notifications import notification_digest_send


class Command(BaseCommand):
    help = "Send the community notification digest (each kind only if the member wants email)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = notification_digest_send()
        self.stdout.write(f"Sent {sent} digest(s).")
