"""Expire mentoring requests past their answer date and tell each mentee (cron, e.g. hourly;
idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.mentoring.services.mentorships import mentorship_requests_expire


class Command(BaseCommand):
    help = "Expire unanswered mentoring requests and tell the mentees."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = mentorship_requests_expire()
        self.stdout.write(f"{expired} request(s) expired.")
