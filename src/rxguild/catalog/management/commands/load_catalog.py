"""`manage.py load_catalog [--check] [--path DIR]`: load the versioned reference data files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR, CatalogDataError
from rxguild.catalog.services import catalog_check, catalog_load


class Command(BaseCommand):
    help = (
        "Validate and load the reference catalog (credentials, practice settings, "
        "specializations, skills, wages) from data/catalog/*.toml. Unchanged files are skipped; "
        "any invalid file aborts the whole load with nothing written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only validate the files; write nothing.",
        )
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_DATA_DIR,
            help=f"Directory holding the data files (default: {DEFAULT_DATA_DIR}).",
        )

    def handle(self, *args: Any, check: bool, path: Path, **options: Any) -> None:
        if not path.is_dir():
            raise CommandError(f"--path {path}: no such directory.")
        try:
            if check:
                data = catalog_check(path=path)
                for data_file in data.files():
                    self.stdout.write(
                        f"{data_file.name} v{data_file.version}: "
                        f"{len(data_file.entries)} entries valid"
                    )
                self.stdout.write(self.style.SUCCESS("Catalog data files are valid."))
                return
            report = catalog_load(path=path)
        except CatalogDataError as exc:
            lines = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(
                f"The catalog data files have {len(exc.problems)} problem(s); "
                f"nothing was written:\n{lines}"
            ) from exc
        self.stdout.write(report.summary())
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Catalog loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Catalog already up to date."))
