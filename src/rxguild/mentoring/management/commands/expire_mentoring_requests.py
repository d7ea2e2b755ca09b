"""Expire mentoring requests past their answer date and tell each mentee, and nudge quiet
mentorships (cron, e.g. hourly; both idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.mentoring.services.meetings import mentorships_quiet_nudge
from rxguild.mentoring.services.mentorships import mentorship_requests_expire


class Command(BaseCommand):
    help = "Expire unanswered mentoring requests (telling the mentees) and nudge quiet mentorships."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = mentorship_requests_expire()
        nudged = mentorships_quiet_nudge()
        self.stdout.write(f"{expired} request(s) expired, {nudged} quiet mentorship(s) nudged.")
