"""`manage.py scale_demo`: demo data at load-test scale (issue #18: 10,000 members, 100,000
postings by default), after `seed_demo`. Bulk inserts, one seed, idempotent: run it again and
only what is missing is added; ask for less than there is and nothing is removed."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rxguild.jobs.demo_scale import MAX_POSTINGS, scale_postings
from rxguild.profiles.demo_scale import MAX_MEMBERS, scale_members


class Command(BaseCommand):
    help = "Scale the demo data to N members and M postings (after seed_demo; not in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=10_000, help=f"at most {MAX_MEMBERS:,}")
        parser.add_argument(
            "--postings", type=int, default=100_000, help=f"at most {MAX_POSTINGS:,}"
        )

    def handle(self, *args: object, **options: int) -> None:
        if settings.PRODUCTION:
            raise CommandError("scale_demo is for local and demo instances, not production.")
        members, postings = options["members"], options["postings"]
        if not 0 <= members <= MAX_MEMBERS:
            raise CommandError(f"--members must be between 0 and {MAX_MEMBERS:,}.")
        if not 0 <= postings <= MAX_POSTINGS:
            raise CommandError(f"--postings must be between 0 and {MAX_POSTINGS:,}.")
        started = time.perf_counter()
        added_members = scale_members(members, progress=self.stdout.write)
        added_postings = scale_postings(postings, progress=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scaled: {added_members:,} members and {added_postings:,} postings added "
                f"in {time.perf_counter() - started:.0f} s."
            )
        )
