from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rxguild.growth.frameworks import FrameworkDataError, read_frameworks
from rxguild.growth.services import frameworks_directory, frameworks_load


class Command(BaseCommand):
    help = "Load the competency frameworks in data/growth/frameworks/ (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Validate only; write nothing.")
        parser.add_argument("--path", type=Path, help="Another directory of framework files.")

    def handle(self, *args: object, **options: object) -> None:
        directory = options["path"] or frameworks_directory()
        assert isinstance(directory, Path)
        try:
            if options["check"]:
                entries = read_frameworks(directory)
                self.stdout.write(f"{len(entries)} frameworks are valid.")
                return
            report = frameworks_load(directory=directory)
        except FrameworkDataError as error:
            raise CommandError(f"Nothing was loaded:\n{error}") from error
        self.stdout.write(
            f"Loaded {report.frameworks} frameworks with {report.competencies} competencies."
        )
        if report.retired:
            self.stdout.write("Retired (kept for history): " + ", ".join(report.retired))
