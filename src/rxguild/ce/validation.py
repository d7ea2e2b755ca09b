"""Cleaning of CE record fields, shared by the form, the CSV import, the certificate reader and
the API, so one record is judged the same way whichever door it came through.

Plain Python (no Django import): takes strings, returns clean values or messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from rxguild.ce.rules import KNOWN_TAGS, RECORD_KINDS, STATE_LAW_TAG
from rxguild.ce.tags import tag_from_text, tag_label
from rxguild.ce.uan import Uan, UanError, load_topics, parse_uan
from rxguild.core.human_dates import human_date

# One activity worth more than this is a typo (a 3-credit college course is ~45 contact hours).
MAX_HOURS = Decimal("60")
EARLIEST_DATE = date(1980, 1, 1)
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")
FORMAT_WORDS = {
    "l": "L",
    "live": "L",
    "h": "H",
    "home": "H",
    "home study": "H",
    "home-study": "H",
    "enduring": "H",
    "b": "B",
}
AUDIENCE_WORDS = {"t": "T", "technician": "T", "p": "P", "pharmacist": "P"}


@dataclass
class CleanRecord:
    title: str = ""
    provider_name: str = ""
    uan: str = ""
    completed_on: date | None = None
    hours: Decimal | None = None
    format: str = "H"
    topic_code: str = ""
    audience: str = ""
    kind: str = "acpe"
    tags: list[str] = field(default_factory=list)
    decoded_uan: Uan | None = None


def parse_date(text: str) -> date | None:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# What the form's help and the error say: tags in words, as members write them.
KNOWN_TAGS_IN_WORDS = (
    "Known tags: "
    + ", ".join(sorted(tag_label(tag) for tag in KNOWN_TAGS))
    + ", and a state's law as \u201c<State> law\u201d (e.g. Texas law)."
)


def parse_tags(text: str | list[str]) -> tuple[list[str], list[str]]:
    """Split 'a; b, c' into known tags; return (tags, unknown)."""
    items = text if isinstance(text, list) else re.split(r"[;,|]", text)
    tags: list[str] = []
    unknown: list[str] = []
    for item in items:
        tag = tag_from_text(item)
        if not tag:
            continue
        if tag in KNOWN_TAGS or STATE_LAW_TAG.fullmatch(tag):
            if tag not in tags:
                tags.append(tag)
        else:
            unknown.append(item.strip())
    return tags, unknown


def record_clean(
    raw: Mapping[str, object], *, today: date
) -> tuple[CleanRecord | None, dict[str, str]]:
    """Validate one record's raw fields. The UAN, when given, fills format, topic and audience
    left blank; a UAN that disagrees with an explicit value is an error, never a silent pick."""
    errors: dict[str, str] = {}
    record = CleanRecord()

    def text(name: str) -> str:
        value = raw.get(name)
        return "" if value is None else str(value).strip()

    record.title = text("title")
    if not record.title:
        errors["title"] = "Enter the activity title."
    elif len(record.title) > 300:
        errors["title"] = "The title is longer than 300 characters."
    record.provider_name = text("provider_name")[:200]

    uan_text = text("uan")
    if uan_text:
        try:
            record.decoded_uan = parse_uan(uan_text)
            record.uan = record.decoded_uan.normalized
        except UanError as error:
            errors["uan"] = str(error)

    completed = raw.get("completed_on")
    completed_on = completed if isinstance(completed, date) else parse_date(text("completed_on"))
    if not text("completed_on") and not isinstance(completed, date):
        errors["completed_on"] = "Enter the completion date."
    elif completed_on is None:
        errors["completed_on"] = (
            f"“{text('completed_on')}” is not a date; use YYYY-MM-DD, e.g. 2025-03-14."
        )
    elif completed_on > today:
        errors["completed_on"] = f"The completion date {human_date(completed_on)} is in the future."
    elif completed_on < EARLIEST_DATE:
        errors["completed_on"] = (
            f"The completion date {human_date(completed_on)} is implausibly old."
        )
    else:
        record.completed_on = completed_on

    kind = text("kind").lower() or "acpe"
    if kind not in RECORD_KINDS:
        errors["kind"] = f"Unknown kind “{kind}”; use one of {', '.join(RECORD_KINDS)}."
    record.kind = kind

    # Hours arrive as typed text (pages, CSV) or as a Decimal the API schema already parsed;
    # either way they are checked here, once, and stay a Decimal from here to the engine.
    hours_raw = raw.get("hours")
    hours_text = text("hours")
    hours: Decimal | None
    try:
        if isinstance(hours_raw, Decimal):
            hours = hours_raw
        else:
            hours = Decimal(hours_text) if hours_text else None
    except InvalidOperation:
        hours = None
        errors["hours"] = f"“{hours_text}” is not a number of hours."
    if hours is None and "hours" not in errors:
        errors["hours"] = "Enter the contact hours."
    elif hours is not None:
        if not hours.is_finite() or hours < 0:
            errors["hours"] = "Hours cannot be negative."
        elif hours == 0 and kind != "training":
            errors["hours"] = "Hours must be more than 0 (only a required training may have 0)."
        elif hours > MAX_HOURS:
            errors["hours"] = f"{hours} hours for one activity is not plausible (max {MAX_HOURS})."
        elif hours != hours.quantize(Decimal("0.01")):
            errors["hours"] = "Use at most two decimals for hours."
        else:
            record.hours = hours

    decoded = record.decoded_uan
    fmt_text = text("format").lower()
    if fmt_text:
        if fmt_text not in FORMAT_WORDS:
            errors["format"] = f"Unknown format “{text('format')}”; use live or home study."
        else:
            record.format = FORMAT_WORDS[fmt_text]
    if decoded:
        if fmt_text and fmt_text in FORMAT_WORDS and record.format != decoded.format:
            errors["format"] = f"The UAN says format {decoded.format}, not {record.format}."
        record.format = decoded.format

    topic = text("topic_code")
    topics = load_topics()
    if topic:
        topic = topic.zfill(2)
        if topic not in topics:
            errors["topic_code"] = f"Unknown ACPE topic “{text('topic_code')}” (01-08)."
        elif decoded and decoded.topic_code != topic:
            errors["topic_code"] = f"The UAN says topic {decoded.topic_code}, not {topic}."
        record.topic_code = topic
    if decoded:
        record.topic_code = decoded.topic_code

    audience_text = text("audience").lower()
    if audience_text:
        if audience_text not in AUDIENCE_WORDS:
            errors["audience"] = f"Unknown audience “{text('audience')}”; use T or P."
        else:
            record.audience = AUDIENCE_WORDS[audience_text]
            if decoded and decoded.audience and decoded.audience != record.audience:
                errors["audience"] = f"The UAN says audience {decoded.audience}."
    if decoded and decoded.audience:
        record.audience = decoded.audience
    if decoded and not record.provider_name and decoded.provider_name:
        record.provider_name = decoded.provider_name

    tags_raw = raw.get("tags", "")
    tags, unknown = parse_tags(tags_raw if isinstance(tags_raw, list) else str(tags_raw or ""))
    if unknown:
        errors["tags"] = f"Unknown tag(s): {', '.join(unknown)}. {KNOWN_TAGS_IN_WORDS}"
    record.tags = tags
    return (None, errors) if errors else (record, {})
