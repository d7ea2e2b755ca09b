"""What a completion certificate states, read from its text (pure, no Django).

Only suggestions: the member confirms every field before anything is saved. A field is filled
only when the certificate states it; what it does not state stays empty and `missing_notes`
says so, so the member knows to look it up rather than trust a guess.

How certificates state things (ACPE providers' statements of credit, reference §4):
- the UAN (``PPPP-JJJJ-YY-SSS-FTT-A``): its format letter, topic designator and audience suffix
  ("T" for technicians) are the ACPE's own coding, so they fill format, topic and audience;
- a legacy UAN has no audience suffix: the audience is filled only if the certificate says
  whom the credit is for ("Pharmacy Technician credit", "Target audience: pharmacy technicians");
- the title is labelled ("Activity title: ...") or follows the completion sentence ("has
  successfully completed" / "for successfully completing", the title on the next line).
"""

from __future__ import annotations

import re

from rxguild.ce.uan import UanError, parse_uan
from rxguild.ce.validation import parse_date

_DASH = r"\s*[-\u2013\u2014\u2212]\s*"
_UAN_IN_TEXT = re.compile(
    rf"\b\d{{3,4}}{_DASH}\d{{3,4}}{_DASH}\d{{2}}{_DASH}\d{{3}}{_DASH}[LHB]\d{{2}}"
    rf"(?:{_DASH}[PT])?\b",
    re.IGNORECASE,
)
# A number of hours is a number of its own (not the end of "2026" before "Contact hours"), on
# the same line as its unit.
_HOURS_IN_TEXT = re.compile(
    r"(?<![\d.,/-])(\d{1,2}(?:\.\d{1,2})?)[ \t]*(?:contact[ \t]+)?(?:hours?|hrs?\.?|"
    r"CE[ \t]*hours?)\b"
    r"|(?:contact[ \t]+hours?|CE[ \t]+hours?|hours?|credits?)[ \t]*[:=]?[ \t]*"
    r"(\d{1,2}(?:\.\d{1,2})?)(?![\d/-])",
    re.IGNORECASE,
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_IN_TEXT = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTHS}\s+\d{{1,2}},\s*\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)
# A line naming the day the member finished, rather than the activity's release or expiry.
_COMPLETION_LINE = re.compile(
    r"complet|earned|participat|attended|awarded|date of credit", re.IGNORECASE
)
_TITLE_LABEL = re.compile(
    r"^\s*(?:activity|program|programme|course|session)?\s*title\s*[:\-]\s*(.+)$"
    r"|^\s*(?:activity|program|course)\s*[:\-]\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
# "has successfully completed", "for successfully completing", "completed the activity":
# the title is the rest of the line, or the next non-empty line.
_COMPLETED_SENTENCE = re.compile(
    r"(?:has\s+)?(?:successfully\s+)?complet(?:ed|ing)(?:\s+the(?:\s+\w+){0,4}\s+"
    r"(?:activity|program|course|module))?\s*[:\-]?\s*(.*)$",
    re.IGNORECASE,
)
_NOT_A_TITLE = re.compile(
    r"^(?:on|date|the requirements|requirements|this|an?\s|for\s|\d)|contact hour|\bUAN\b",
    re.IGNORECASE,
)
_PROVIDER_IN_TEXT = re.compile(
    r"(?:provider|provided by|sponsor(?:ed by)?)\s*[:\-]\s*(.+)", re.IGNORECASE
)
# "Target audience: pharmacy technicians", "Credit designated for: Pharmacists", or
# "Pharmacy Technician credit"; a line naming both professions states no one audience.
_AUDIENCE_LINE = re.compile(
    r"(?:target\s+audience|audience|credit\s+(?:type|designated\s+for|for)|designed\s+for|"
    r"intended\s+for)\s*:?\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_OF = re.compile(r"\b(technician|pharmacist)s?\s+(?:credit|CE|CPE)\b", re.IGNORECASE)


def _audience(text: str) -> str | None:
    said: set[str] = set()
    for match in _AUDIENCE_LINE.finditer(text):
        line = match.group(1).lower()
        said |= {code for word, code in (("technician", "T"), ("pharmacist", "P")) if word in line}
    for match in _CREDIT_OF.finditer(text):
        said.add("T" if match.group(1).lower() == "technician" else "P")
    return said.pop() if len(said) == 1 else None


_TOPIC_IN_TEXT = re.compile(r"topic\s+(?:designator|code)\s*[:#]?\s*(0[1-8])\b", re.IGNORECASE)
_IN_SERVICE = re.compile(r"\bin[- ]service\b", re.IGNORECASE)

# What the confirm page says when a field is not on the certificate.
FIELD_NAMES = {
    "title": "the activity title",
    "topic_code": "an ACPE topic",
    "audience": "whom the credit is for (technician or pharmacist)",
}


def _clean_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" \t:-\u2013\u2014\"'\u201c\u201d")


def _title(text: str) -> str | None:
    if match := _TITLE_LABEL.search(text):
        title = _clean_line(match.group(1) or match.group(2))
        if title:
            return title[:300]
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        match = _COMPLETED_SENTENCE.search(line)
        if not match:
            continue
        rest = _clean_line(match.group(1))
        candidates = [rest] if rest else [c for c in lines[index + 1 : index + 3] if c]
        for candidate in candidates:
            candidate = _clean_line(candidate)
            if candidate and not _NOT_A_TITLE.search(candidate) and len(candidate) > 3:
                return candidate[:300]
    return None


def _completion_date(text: str) -> str | None:
    first: str | None = None
    for line in text.splitlines():
        for match in _DATE_IN_TEXT.finditer(line):
            raw = re.sub(r"\.", "", match.group(1))
            raw = re.sub(r"^Sept\b", "Sep", raw, flags=re.IGNORECASE)
            parsed = parse_date(raw)
            if parsed is None:
                continue
            if _COMPLETION_LINE.search(line):
                return parsed.isoformat()
            first = first or parsed.isoformat()
    return first


def certificate_fields_from_text(text: str) -> dict[str, str]:
    """The record fields the certificate states (CeRecordForm names), nothing guessed."""
    found: dict[str, str] = {}
    decoded = None
    if match := _UAN_IN_TEXT.search(text):
        candidate = match.group(0)
        try:
            decoded = parse_uan(candidate)
            found["uan"] = decoded.normalized
        except UanError:
            found["uan"] = candidate
    if title := _title(text):
        found["title"] = title
    if match := _PROVIDER_IN_TEXT.search(text):
        found["provider_name"] = _clean_line(match.group(1))[:200]
    elif decoded is not None and decoded.provider_name:
        found["provider_name"] = decoded.provider_name
    if match := _HOURS_IN_TEXT.search(text):
        found["hours"] = match.group(1) or match.group(2)
    if completed := _completion_date(text):
        found["completed_on"] = completed
    if decoded is not None:
        found["format"] = decoded.format
        found["topic_code"] = decoded.topic_code
        found["kind"] = "acpe"
        if decoded.audience:
            found["audience"] = decoded.audience
    else:
        if match := _TOPIC_IN_TEXT.search(text):
            found["topic_code"] = match.group(1)
        if _IN_SERVICE.search(text):
            found["kind"] = "in_service"
    if "audience" not in found and (audience := _audience(text)):
        found["audience"] = audience
    return found


def missing_notes(found: dict[str, str]) -> list[str]:
    """Plain words for each field the certificate did not state."""
    return [
        f"The certificate does not state {name}: fill it in from the course's page or your "
        "provider's record."
        for key, name in FIELD_NAMES.items()
        if not found.get(key)
    ]
