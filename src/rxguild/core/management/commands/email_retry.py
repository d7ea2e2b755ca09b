"""Cron, every few minutes (idempotent): retry emails that failed, and emails whose worker
stopped while sending (core.mail_queue). `--resend ID…`: staff send again emails left
unconfirmed (the worker stopped after handing them to the provider) or given up."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rxguild.core.mail_queue import email_resend, email_retry_due
from rxguild.core.models import OutgoingEmail


class Command(BaseCommand):
    help = "Re-enqueue queued emails whose retry is due or whose worker stopped mid-send."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--resend",
            nargs="+",
            type=int,
            metavar="ID",
            help="send these unconfirmed or given-up emails again (same Message-ID)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for email_id in options["resend"] or []:
            done = email_resend(email_id)
            self.stdout.write(f"email {email_id}: {'queued again' if done else 'not resendable'}")
        self.stdout.write(f"{email_retry_due()} emails queued again")
        unconfirmed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.UNCONFIRMED)
        if count := unconfirmed.count():
            self.stdout.write(f"{count} unconfirmed (perhaps sent; --resend ID to send again)")
