"""Email members whose compounding competencies are due again (run daily by cron; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.experience.services import competency_reminders_send


class Command(BaseCommand):
    help = "Email members whose competencies (USP <797>/<800> intervals) are due or overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = competency_reminders_send()
        self.stdout.write(f"Sent {sent} competency reminder email(s).")
