"""`manage.py restore ARCHIVE --yes`: replace the database and uploads with a backup's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rxguild.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the whole database and all uploaded files with those of a backup archive. "
        "The archive is checked in full first; stop the web server and worker before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="An rxguild-backup-<time>.tar written by `backup`.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm: everything entered since the backup is lost.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(
                "Restoring replaces the whole database and every upload with the backup's, and "
                "loses everything entered since. Run it again with --yes to go ahead."
            )
        try:
            report = backup_restore(archive_path=Path(options["archive"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the {report.database} database and {report.files} files "
            f"from the backup of {report.created_at}."
        )
