"""Cron, every few minutes (idempotent): retry emails that failed, and emails whose worker
stopped while sending (core.mail_queue)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.core.mail_queue import email_retry_due


class Command(BaseCommand):
    help = "Re-enqueue queued emails whose retry is due or whose worker stopped mid-send."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{email_retry_due()} emails queued again")
