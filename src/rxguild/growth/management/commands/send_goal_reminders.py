from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rxguild.growth.reminders import goal_reminders_send


class Command(BaseCommand):
    help = "Email reminders 7 days and 1 day before goals' target dates (idempotent; for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: object, **options: object) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(str(options["today"]))
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-12-03.") from error
        count = goal_reminders_send(today=today)
        self.stdout.write(f"Reminded members about {count} goal{'s' if count != 1 else ''}.")
