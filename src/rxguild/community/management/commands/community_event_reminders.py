"""Remind attendees of events starting soon. Idempotent: run it every few minutes from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rxguild.community.services.events import event_reminders_send


class Command(BaseCommand):
    help = "Send reminders for events starting within --hours (default 24); each RSVP once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = event_reminders_send(hours_ahead=options["hours"])
        self.stdout.write(f"Sent {sent} event reminder(s).")
