"""Import postings from CSV or JSON-LD, validated row by row.

Every row goes through the same `posting_input_validate` as the posting form. By default
the import is all or nothing (one transaction; any bad row and nothing is saved); with
`valid_only` the good rows are saved and the bad ones reported. A row is matched to an
existing posting of the same employer by its external id (CSV `external_id`, JSON-LD
`identifier.value`), so importing the same file twice updates instead of duplicating.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from rxguild.accounts.viewer import Viewer, signed_in_member
from rxguild.core.jsonsafe import JsonInputError, json_loads
from rxguild.jobs.access import can_manage_employer, can_review_postings
from rxguild.jobs.jsonld import JsonLdError, jsonld_to_input
from rxguild.jobs.models import Employer, JobPosting
from rxguild.jobs.services import PostingInput, posting_apply, posting_input_validate

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
CSV_COLUMNS = (
    "external_id", "title", "description", "employment_type", "kind", "shift",
    "practice_setting", "experience_months", "location_type", "street_address", "city",
    "state", "zip_code", "pay_min", "pay_max", "pay_unit", "valid_through",
    "required_credentials", "preferred_credentials", "skills", "latitude", "longitude",
    "unpaid",
)  # fmt: skip
_YES = {"1", "true", "yes", "y"}


@dataclass
class RowError:
    row: int  # 1-based data row (CSV: line 2 is row 1), or item number in JSON-LD
    messages: list[str]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    saved: bool = True  # False when an all-or-nothing import was refused

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    """The file itself is unreadable (not a row problem)."""


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


def parse_csv(content: bytes | str) -> list[PostingInput | RowError]:
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"The CSV is not UTF-8 text (byte {error.start + 1} is not valid UTF-8): "
                "save it from your spreadsheet as “CSV UTF-8”."
            ) from None
    else:
        text = content
    if "\x00" in text:
        raise ImportFileError("The CSV contains NUL bytes; it is not a text file.")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "title" not in reader.fieldnames:
        raise ImportFileError(
            "The CSV needs a header row with at least: " + ", ".join(CSV_COLUMNS[:4]) + "."
        )
    rows: list[PostingInput | RowError] = []
    for number, raw in enumerate(reader, start=1):
        if number > MAX_ROWS:
            raise ImportFileError(f"Import at most {MAX_ROWS} rows per file.")
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        valid_through = None
        if row.get("valid_through"):
            valid_through = parse_datetime(row["valid_through"])
            if valid_through is None:
                day = parse_date(row["valid_through"])
                if day is None:
                    rows.append(RowError(number, ["valid_through must be a date (YYYY-MM-DD)."]))
                    continue
                from datetime import datetime

                valid_through = datetime(day.year, day.month, day.day, 23, 59)
        rows.append(
            PostingInput(
                title=row.get("title", ""),
                description=row.get("description", ""),
                employment_type=row.get("employment_type", "").upper(),
                kind=row.get("kind") or JobPosting.Kind.JOB,
                shift=row.get("shift", ""),
                practice_setting=row.get("practice_setting", ""),
                experience_months=row.get("experience_months") or 0,  # type: ignore[arg-type]  # validated as int later
                location_type=row.get("location_type") or JobPosting.LocationType.ON_SITE,
                street_address=row.get("street_address", ""),
                city=row.get("city", ""),
                state=row.get("state", ""),
                zip_code=row.get("zip_code", ""),
                latitude=row.get("latitude") or None,
                longitude=row.get("longitude") or None,
                unpaid=row.get("unpaid", "").lower() in _YES,
                pay_min=row.get("pay_min") or None,
                pay_max=row.get("pay_max") or None,
                pay_unit=row.get("pay_unit", "").upper(),
                valid_through=valid_through,
                required_credentials=_split(row.get("required_credentials")),
                preferred_credentials=_split(row.get("preferred_credentials")),
                skills=_split(row.get("skills")),
                external_id=row.get("external_id", ""),
            )
        )
    return rows


def parse_jsonld(content: bytes | str) -> list[PostingInput | RowError]:
    try:
        data = json_loads(content)
    except JsonInputError as error:
        raise ImportFileError(f"The file is not valid JSON: {error}") from error
    if isinstance(data, dict) and data.get("@type") == "ItemList":
        items = [e.get("item", e) for e in data.get("itemListElement", []) if isinstance(e, dict)]
    elif isinstance(data, dict) and "@graph" in data:
        items = data["@graph"]
    elif isinstance(data, list):
        items = data
    else:
        items = [data]
    if len(items) > MAX_ROWS:
        raise ImportFileError(f"Import at most {MAX_ROWS} postings per file.")
    rows: list[PostingInput | RowError] = []
    for number, item in enumerate(items, start=1):
        try:
            rows.append(jsonld_to_input(item))
        except JsonLdError as error:
            rows.append(RowError(number, [str(error)]))
    return rows


def parse_file(name: str, content: bytes) -> list[PostingInput | RowError]:
    if len(content) > MAX_BYTES:
        raise ImportFileError("The file is larger than 5 MB; split it.")
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return parse_csv(content)
    if lowered.endswith((".json", ".jsonld")):
        return parse_jsonld(content)
    raise ImportFileError("Upload a .csv or a .json / .jsonld file.")


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [
            f"{k}: {m}" if k != "__all__" else m for k, ms in error.message_dict.items() for m in ms
        ]
    return list(error.messages)


class _Rollback(Exception):
    pass


def jobs_import(
    *,
    employer: Employer,
    actor: Viewer,
    rows: list[PostingInput | RowError],
    valid_only: bool = False,
) -> ImportReport:
    """Create or update postings from parsed rows. Staff imports publish directly; a
    recruiter's imported postings go to review (new ones as drafts submitted for review)."""
    if not can_manage_employer(actor, employer):
        raise PermissionDenied("Only this employer's recruiters or staff can import its postings.")
    from django.utils import timezone

    from rxguild.jobs.search import get_backend

    report = ImportReport()
    publish = can_review_postings(actor)
    seen: set[str] = set()
    touched: list[int] = []
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=1):
                if isinstance(row, RowError):
                    report.errors.append(row)
                    continue
                if not row.external_id:
                    report.errors.append(
                        RowError(
                            number, ["external_id: each row needs an id so re-imports update it."]
                        )
                    )
                    continue
                if row.external_id in seen:
                    report.errors.append(
                        RowError(
                            number, [f"external_id: “{row.external_id}” appears twice in the file."]
                        )
                    )
                    continue
                seen.add(row.external_id)
                try:
                    clean = posting_input_validate(row)
                except ValidationError as error:
                    report.errors.append(RowError(number, _messages(error)))
                    continue
                existing = JobPosting.objects.filter(
                    employer=employer, external_id=row.external_id
                ).first()
                with transaction.atomic():  # a savepoint per row: a DB error spoils one row
                    posting = existing or JobPosting(
                        employer=employer, created_by=signed_in_member(actor)
                    )
                    try:
                        posting_apply(posting, clean)
                    except ValidationError as error:
                        report.errors.append(RowError(number, _messages(error)))
                        continue
                    now = timezone.now()
                    if publish:
                        posting.status = JobPosting.Status.PUBLISHED
                        posting.date_posted = posting.date_posted or now
                        posting.last_verified_at = now
                    elif posting.status in {JobPosting.Status.DRAFT, JobPosting.Status.PUBLISHED}:
                        posting.status = JobPosting.Status.IN_REVIEW
                    posting.save()
                    touched.append(posting.pk)
                if existing is None:
                    report.created += 1
                else:
                    report.updated += 1
            if report.errors and not valid_only:
                raise _Rollback
            get_backend().refresh(touched)
    except _Rollback:
        report.saved = False
        report.created = report.updated = 0
    return report
