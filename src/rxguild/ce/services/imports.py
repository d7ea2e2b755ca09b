"""Transcript import from CSV: a preview with every row's errors, then all-or-valid-only commit.

Documented columns (header row required, any order, case-insensitive):
title*, completed_on*, hours*, provider, uan, format, topic, audience, kind, tags, notes.
`completed_on` is YYYY-MM-DD (MM/DD/YYYY also read); `tags` are separated by ";".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.ce.models import CeRecord
from rxguild.ce.services.records import _apply, _initial_cpe_status, duplicates_refresh
from rxguild.ce.validation import CleanRecord, record_clean

MAX_ROWS = 1000
MAX_CSV_BYTES = 1024 * 1024
COLUMNS = (
    "title",
    "completed_on",
    "hours",
    "provider",
    "uan",
    "format",
    "topic",
    "audience",
    "kind",
    "tags",
    "notes",
)
REQUIRED_COLUMNS = ("title", "completed_on", "hours")
# What people's spreadsheets call the same things.
ALIASES = {
    "activity": "title",
    "activity title": "title",
    "program": "title",
    "date": "completed_on",
    "completion date": "completed_on",
    "date completed": "completed_on",
    "contact hours": "hours",
    "credit hours": "hours",
    "provider name": "provider",
    "activity number": "uan",
    "acpe uan": "uan",
    "topic designator": "topic",
}
FIELD_FOR_COLUMN = {"provider": "provider_name", "topic": "topic_code"}


@dataclass
class CsvRow:
    line: int
    values: dict[str, str]
    clean: CleanRecord | None
    errors: dict[str, str]
    duplicate_of: str = ""  # why this row looks like a duplicate, if it does

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class CsvImportReport:
    file_errors: list[str] = field(default_factory=list)
    rows: list[CsvRow] = field(default_factory=list)
    created: int = 0
    committed: bool = False

    @property
    def valid_rows(self) -> list[CsvRow]:
        return [row for row in self.rows if row.ok]

    @property
    def invalid_count(self) -> int:
        return sum(1 for row in self.rows if not row.ok)

    @property
    def all_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and self.invalid_count == 0


def _decode(content: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def csv_parse(*, member: User, content: bytes, today: date) -> CsvImportReport:
    report = CsvImportReport()
    if len(content) > MAX_CSV_BYTES:
        report.file_errors.append(f"The file is over {MAX_CSV_BYTES // 1024} KB.")
        return report
    text = _decode(content)
    if text is None or "\x00" in (text or ""):
        report.file_errors.append("The file is not a text CSV (save it as CSV UTF-8).")
        return report
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            report.file_errors.append("The file is empty: it needs a header row and records.")
            return report
        columns = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
        unknown = [h for h in columns if h and h not in COLUMNS]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if unknown:
            report.file_errors.append(
                f"Unknown column(s): {', '.join(unknown)}. Columns: {', '.join(COLUMNS)}."
            )
        if missing:
            report.file_errors.append(f"Missing required column(s): {', '.join(missing)}.")
        if len(set(columns)) != len(columns):
            report.file_errors.append("A column appears twice in the header.")
        if report.file_errors:
            return report
        existing = set(
            CeRecord.objects.filter(member=member)
            .exclude(uan="")
            .values_list("uan", "completed_on")
        )
        seen: dict[tuple[str, date], int] = {}
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            line = reader.line_num
            if len(report.rows) >= MAX_ROWS:
                report.file_errors.append(f"The file has more than {MAX_ROWS} records.")
                return report
            if len(cells) > len(columns):
                row = CsvRow(line, {}, None, {"row": "This row has more cells than the header."})
                report.rows.append(row)
                continue
            values = {col: cell.strip() for col, cell in zip(columns, cells, strict=False)}
            raw = {FIELD_FOR_COLUMN.get(col, col): value for col, value in values.items()}
            clean, errors = record_clean(raw, today=today)
            row = CsvRow(line, values, clean, errors)
            if clean and clean.uan and clean.completed_on:
                key = (clean.uan, clean.completed_on)
                if key in existing:
                    row.duplicate_of = "Same UAN and date as a record already in your transcript."
                elif key in seen:
                    row.duplicate_of = f"Same UAN and date as line {seen[key]}."
                seen.setdefault(key, line)
            report.rows.append(row)
    except csv.Error as error:
        report.file_errors.append(f"The CSV could not be read: {error}.")
        return report
    if not report.rows and not report.file_errors:
        report.file_errors.append("The file has a header but no records.")
    return report


def ce_records_import_csv(
    *,
    member: User,
    content: bytes,
    commit: bool = False,
    valid_only: bool = False,
    today: date | None = None,
) -> CsvImportReport:
    """Preview (commit=False) or import. Without valid_only, any bad row means nothing is saved.
    Duplicates are imported and flagged, never merged."""
    report = csv_parse(member=member, content=content, today=today or timezone.localdate())
    if not commit or report.file_errors:
        return report
    if not valid_only and not report.all_valid:
        return report
    with transaction.atomic():
        records = []
        for row in report.valid_rows:
            assert row.clean is not None
            record = CeRecord(
                member=member, source=CeRecord.Source.CSV, notes=row.values.get("notes", "")[:2000]
            )
            _apply(record, row.clean)
            record.cpe_monitor_status = _initial_cpe_status(row.clean)
            records.append(record)
        CeRecord.objects.bulk_create(records)
        duplicates_refresh(
            member_id=member.id, keys=[(r.uan, r.completed_on) for r in records if r.uan]
        )
    report.created = len(records)
    report.committed = True
    return report
