"""Send due saved-search digests and follow-up reminders. Idempotent: run it from cron as
often as you like (e.g. hourly); each digest goes once per day or week, each job once.
It also sends the tracker's follow-up reminders, as it did before the tracker had its own app,
so existing cron entries keep working."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.jobs.alerts.sending import job_alerts_send
from rxguild.tracker.reminders import follow_up_reminders_send


class Command(BaseCommand):
    help = "Email due saved-search digests and application follow-up reminders."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--skip-reminders", action="store_true", help="Send digests only, no reminders."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = job_alerts_send()
        self.stdout.write(f"Digests sent: {result.searches_sent} ({result.postings_sent} jobs).")
        if not options["skip_reminders"]:
            reminded = follow_up_reminders_send()
            self.stdout.write(f"Follow-up reminders: {reminded} applications.")
