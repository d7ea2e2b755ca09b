"""Send due CE reminders. Idempotent: run it from cron daily (or hourly); nothing is sent twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rxguild.ce.services import reminders_send_due


class Command(BaseCommand):
    help = "E-mail members 90/30/7 days before CE deadlines and before CPE Monitor windows close."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Pretend today is YYYY-MM-DD (for catching up).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(f"--today must be YYYY-MM-DD: {error}") from error
        run = reminders_send_due(today=today)
        self.stdout.write(
            f"Checked {run.members_checked} member(s); sent {run.emails_sent} e-mail(s) "
            f"covering {run.reminders} reminder(s)."
        )
