"""Cron, daily (idempotent): delete accounts whose grace period is over, with their files,
and the files of expired data exports."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rxguild.accounts.data_services import purge_due


class Command(BaseCommand):
    help = "Delete accounts past their deletion grace period and expired data exports."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts, exports = purge_due()
        self.stdout.write(f"{accounts} accounts deleted, {exports} exports expired")
