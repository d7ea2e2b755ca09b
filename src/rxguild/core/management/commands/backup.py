"""`manage.py backup [--folder DIR]`: the database and every upload in one checked archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rxguild.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write the database and all uploaded files to rxguild-backup-<time>.tar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--folder",
            default=str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="Where to write the archive (default var/backups/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_create(folder=Path(options["folder"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{report.path} ({report.database} database, {report.files} files, "
            f"{report.bytes / 1024 / 1024:.1f} MB)"
        )
