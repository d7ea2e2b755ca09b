"""Re-verify imported badges and mark those their issuer revoked since (daily, by cron).

Idempotent: a badge already marked revoked is not checked again; one that cannot be reached
now keeps its standing until the issuer itself says otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.wallet.services import imported_badges_recheck


class Command(BaseCommand):
    help = "Re-verify imported badges; mark revoked ones."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, revoked = imported_badges_recheck()
        self.stdout.write(f"Checked {checked} imported badges; {revoked} newly revoked.")
