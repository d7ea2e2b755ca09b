"""`manage.py catalog_stale --older-than DAYS [--confidence LEVEL]`: state facts to re-check.

Reads the state rule files (data/ce/jurisdictions, data/ce/rule_sets) and lists every fact last
checked more than DAYS days ago, oldest first, with its source, so staff can plan re-checks.
Exit status 0 with the list (or "nothing to re-check"); bad arguments are a one-line error and a
nonzero exit, never a traceback.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rxguild.catalog.selectors import facts_to_review
from rxguild.ce.rules import RuleSetError

MAX_DAYS = 36500


class Command(BaseCommand):
    help = (
        "List state CE and registration facts last checked more than --older-than days ago "
        "(oldest first), optionally only those of one --confidence level."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            dest="older_than",
            required=True,
            help="Days since the fact was last checked, a whole number from 0 to 36500.",
        )
        parser.add_argument(
            "--confidence",
            default="",
            help="Only facts of this confidence: high, medium or low (low includes unverified).",
        )

    def handle(self, *args: Any, older_than: str, confidence: str, **options: Any) -> None:
        text = str(older_than).strip()
        if not text.isdigit() or int(text) > MAX_DAYS:
            raise CommandError(
                f"--older-than {older_than!r}: give a whole number of days from 0 to {MAX_DAYS}."
            )
        if confidence not in ("", "high", "medium", "low"):
            raise CommandError(f"--confidence {confidence!r}: use high, medium or low.")
        try:
            facts = facts_to_review(
                today=timezone.localdate(),
                older_than_days=int(text),
                confidence=confidence or None,
            )
        except RuleSetError as error:
            raise CommandError(f"A state rule file is invalid: {error}") from None
        if not facts:
            self.stdout.write(f"Nothing to re-check: no fact checked more than {text} days ago.")
            return
        for fact in facts:
            self.stdout.write(
                f"{fact.checked}  {fact.confidence:<10}  {fact.jurisdiction}  {fact.where}: "
                f"{fact.statement}  [{fact.source}]"
            )
        self.stdout.write(
            f"{len(facts)} fact{'s' if len(facts) != 1 else ''} checked more than {text} days ago."
        )
