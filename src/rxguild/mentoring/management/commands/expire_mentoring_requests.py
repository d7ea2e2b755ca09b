"""Expire mentoring requests past their answer date and tell each mentee, tell both members
of a check-in a day ahead, and nudge quiet mentorships (cron, e.g. hourly; all idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.mentoring.services.meetings import check_ins_remind, mentorships_quiet_nudge
from rxguild.mentoring.services.mentorships import mentorship_requests_expire


class Command(BaseCommand):
    help = (
        "Expire unanswered mentoring requests (telling the mentees), announce check-ins a day "
        "ahead and nudge quiet mentorships."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        expired = mentorship_requests_expire()
        reminded = check_ins_remind()
        nudged = mentorships_quiet_nudge()
        self.stdout.write(
            f"{expired} request(s) expired, {reminded} check-in(s) announced, "
            f"{nudged} quiet mentorship(s) nudged."
        )
