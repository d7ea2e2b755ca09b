from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rxguild.accounts.models import User
from rxguild.jobs import importers
from rxguild.jobs.models import Employer


class Command(BaseCommand):
    help = (
        "Import postings for an employer from a CSV or JSON-LD file. All or nothing unless "
        "--valid-only; re-importing the same external ids updates those postings."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="A .csv, .json or .jsonld file")
        parser.add_argument("--employer", required=True, help="Employer slug")
        parser.add_argument("--as", dest="actor", required=True, help="Email of the importer")
        parser.add_argument("--valid-only", action="store_true", help="Save the valid rows")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            employer = Employer.objects.get(slug=options["employer"])
        except Employer.DoesNotExist as error:
            raise CommandError(f"No employer with slug “{options['employer']}”.") from error
        try:
            actor = User.objects.get(email=options["actor"])
        except User.DoesNotExist as error:
            raise CommandError(f"No user with email “{options['actor']}”.") from error
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows = importers.parse_file(path.name, path.read_bytes())
        except importers.ImportFileError as error:
            raise CommandError(str(error)) from error
        report = importers.jobs_import(
            employer=employer, actor=actor, rows=rows, valid_only=options["valid_only"]
        )
        for row_error in report.errors:
            for message in row_error.messages:
                self.stderr.write(f"row {row_error.row}: {message}")
        if not report.saved:
            raise CommandError(
                f"Nothing saved: {len(report.errors)} row(s) have errors (or use --valid-only)."
            )
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {len(report.errors)} skipped."
        )
