"""Transcript exports (CSV, PDF proof) and the private iCalendar feed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from fpdf import FPDF
from icalendar import Calendar, Event

from rxguild.ce.models import CeRecord
from rxguild.ce.selectors import CredentialStatus, TranscriptScope
from rxguild.ce.tags import tag_labels
from rxguild.core.spreadsheet import formula_safe as _formula_safe

CSV_COLUMNS = (
    "title",
    "provider",
    "uan",
    "completed_on",
    "hours",
    "format",
    "topic",
    "audience",
    "kind",
    "tags",
    "cpe_monitor",
)


def transcript_csv(records: Iterable[CeRecord]) -> str:
    """The same columns the import reads, so an export can be imported elsewhere."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow(
            [
                _formula_safe(r.title),
                _formula_safe(r.provider_name),
                r.uan,
                r.completed_on.isoformat(),
                f"{r.hours.normalize():f}",
                r.format,
                r.topic_code,
                r.audience,
                r.kind,
                ";".join(r.tags or []),
                r.cpe_monitor_status,
            ]
        )
    return out.getvalue()


def _latin1(text: str) -> str:
    # The PDF core fonts are Latin-1; typographic quotes and dashes become plain ones.
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )
    return text.encode("latin-1", "replace").decode("latin-1")


def _day(value: date) -> str:
    # Written out ("Mar 14, 2026") like every date members read; boards read it the same.
    return f"{value:%b} {value.day}, {value.year}"


def _subject(record: CeRecord) -> str:
    """What the activity was about, in words: its tags, else its ACPE topic."""
    if record.tags:
        return ", ".join(tag_labels(record.tags))
    return record.get_topic_code_display() if record.topic_code else "-"


def transcript_heading(scope: TranscriptScope, *, fallback_name: str) -> tuple[str, str]:
    """The PDF's title line (the member's name) and the line saying what it covers."""
    title = f"Continuing education transcript: {scope.member_name or fallback_name}"
    if scope.credential_name and scope.cycle_start and scope.cycle_end:
        number = f", no. {scope.credential_number}" if scope.credential_number else ""
        covers = (
            f"{scope.credential_name}{number}: activities completed in the renewal cycle "
            f"{_day(scope.cycle_start)} to {_day(scope.cycle_end)}."
        )
    elif scope.first_completed and scope.last_completed:
        covers = (
            f"All activities on record, completed {_day(scope.first_completed)} to "
            f"{_day(scope.last_completed)}."
        )
    else:
        covers = "No activities on record yet."
    return title, covers


def transcript_pdf(*, scope: TranscriptScope, fallback_name: str, generated_on: date) -> bytes:
    """A proof transcript with the fields PTCB asks for: name, titles, providers, dates, hours
    and UANs (reference §1.2, PTCB proof-of-completion article). The heading names the member
    and what the transcript covers (one credential's cycle, or every record and their dates).
    """
    records = scope.records
    title, covers = transcript_heading(scope, fallback_name=fallback_name)
    pdf = FPDF(orientation="L", format="Letter")
    pdf.set_title(_latin1(title))
    pdf.set_author("RxGuild")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 7, _latin1(covers), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    total = sum((r.hours for r in records), Decimal(0))
    pdf.cell(
        0,
        6,
        _latin1(
            f"Generated {_day(generated_on)} by RxGuild. {len(records)} activities, "
            f"{total.normalize():f} contact hours. Attach certificates where a board asks."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    headings = ("Completed", "Title", "Provider", "ACPE UAN", "Subject", "Hours")
    widths = (26, 86, 50, 46, 34, 14)
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"),
        first_row_as_headings=True,
    ) as table:
        row = table.row()
        for heading in headings:
            row.cell(heading)
        for r in records:
            row = table.row()
            row.cell(_day(r.completed_on))
            row.cell(_latin1(r.title))
            row.cell(_latin1(r.provider_name or "-"))
            row.cell(r.uan or "-")
            row.cell(_latin1(_subject(r)))
            row.cell(f"{r.hours.normalize():f}")
    return bytes(pdf.output())


def calendar_ics(
    *,
    statuses: Sequence[CredentialStatus],
    pending_records: Sequence[CeRecord],
    uid_domain: str,
    member_id: int,
) -> bytes:
    """Renewal windows, renewal deadlines and CPE Monitor claim deadlines as all-day events."""
    calendar = Calendar()
    calendar.add("prodid", "-//RxGuild//CE deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "RxGuild CE deadlines")

    def add(uid: str, summary: str, day: date, description: str, end: date | None = None) -> None:
        event = Event()
        event.add("uid", f"{uid}-{member_id}@{uid_domain}")
        event.add("summary", summary)
        event.add("dtstart", day)
        event.add("dtend", end or day + timedelta(days=1))
        event.add("description", description)
        calendar.add_component(event)

    for status in statuses:
        if not status.result:
            continue
        result = status.result
        missing = status.missing
        detail = ("Still missing: " + "; ".join(missing)) if missing else "CE requirements met."
        add(
            f"deadline-{status.credential_code}-{result.deadline}",
            f"{status.credential_name}: renewal deadline",
            result.deadline,
            detail,
        )
        if result.renewal_window_opens:
            add(
                f"window-{status.credential_code}-{result.renewal_window_opens}",
                f"{status.credential_name}: renewal window opens",
                result.renewal_window_opens,
                f"You can apply to renew until {result.cycle.end}. {detail}",
            )
    for record in pending_records:
        add(
            f"cpe-{record.id}",
            f"CPE Monitor claim window closes: {record.title[:60]}",
            record.cpe_monitor_deadline,
            "If this activity is not in your NABP e-Profile yet, contact the provider.",
        )
    return calendar.to_ical()
