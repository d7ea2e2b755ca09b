"""Years of experience: what a posting asks for ("2+ years", "no experience required") and
how many years a resume's dated roles add up to.

Pure Python, no Django; works on the original text with character offsets like ats_posting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rxguild.resumes.ats_posting import (
    PREFERRED,
    Clauses,
    Section,
    finditer_at,
    has_case_specials,
    matches_from,
    parse_sections,
    section_at,
    word_positions,
)

# --- what a posting asks for -------------------------------------------------------------
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a": 1, "an": 1, "twelve": 12, "eighteen": 18,
}  # fmt: skip
_NUM = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)"
_YEARS_RE = re.compile(
    rf"(?:(?:minimum|at least|min\.?)\s+(?:of\s+)?)?(?P<n>{_NUM}|an?)\s*(?:\(\d+\)\s*)?"
    rf"(?:\+|plus)?\s*(?:(?:-|\u2013|to|or)\s*{_NUM}\s*)?(?:\+\s*)?"
    r"(?P<unit>years?|yrs?|months?|mos?)\b(?:\s*\+)?",
    re.I,
)
# Only experience as such: "Prior authorization experience not required" is about a skill
# (the keyword's own negation), not about years.
_NO_EXPERIENCE_RE = re.compile(
    r"\bno\s+(?:prior\s+|previous\s+)?(?:pharmacy\s+|work\s+)?experience\s+(?:is\s+)?"
    r"(?:required|necessary|needed)\b"
    r"|(?:^|[\n.;:•]|\b(?:pharmacy|prior|previous|work))\s*experience\s+(?:is\s+)?not\s+"
    r"(?:required|necessary|needed)\b"
    r"|\b(?:we\s+)?will\s+train\b|\bentry[- ]level\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ExperienceRequirement:
    years_required: float | None
    years_preferred: float | None
    no_experience_required: bool


def _number(word: str) -> float:
    lowered = word.lower()
    return float(_NUMBER_WORDS[lowered]) if lowered in _NUMBER_WORDS else float(lowered)


def parse_experience(
    text: str, sections: list[Section] | None = None, clauses: Clauses | None = None
) -> ExperienceRequirement:
    clauses = clauses or Clauses(text)
    required: list[float] = []
    preferred: list[float] = []
    plain_case = text.isascii() or not has_case_specials(text)
    for unit in finditer_at(_UNIT_RE, text, _UNIT_STARTS):
        # Anchor on the unit word, then read the number before it: a pattern that starts
        # with optional words would be tried at every position of a long text.
        match = years_before(text, unit.start(), unit.end(), plain_case=plain_case)
        if match is None:
            continue
        left, right = clauses.bounds(match.start(), match.end())
        if "experience" not in text[left:right].lower():
            continue  # "after two years of service", "3 months of benefits"
        years = _number(match.group("n"))
        if match.group("unit").lower().startswith("m"):
            years /= 12
        importance = clauses.importance(match.start(), match.end())
        if importance is None:
            if sections is None:
                sections = parse_sections(text)
            importance = section_at(sections, match.start()).importance
        (preferred if importance == PREFERRED else required).append(years)
    lowered = text.lower()
    # Only around a negation word, or the two stock phrases: one full scan of a long pattern
    # costs more than the rest of the posting's reading.
    no_experience = (
        "will train" in lowered
        or "entry level" in lowered
        or "entry-level" in lowered
        or any(
            _NO_EXPERIENCE_RE.search(text, max(0, position - 40), position + 80)
            for position in clauses.negation_positions()
        )
    )
    return ExperienceRequirement(
        years_required=min(required) if required else (0.0 if no_experience else None),
        years_preferred=min(preferred) if preferred else None,
        no_experience_required=no_experience,
    )


# The words a `_YEARS_RE` match can start with ("at least" and "an" start with "a").
_YEARS_STARTS = (
    "min", "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "twelve", "eighteen", *"0123456789",
)  # fmt: skip


def years_before(
    text: str, unit_start: int, unit_end: int, *, plain_case: bool = False
) -> re.Match[str] | None:
    """The first `_YEARS_RE.finditer(text, unit_start - 48, unit_end)` match ending at
    `unit_end`. With `plain_case` (no case specials in `text`, see `has_case_specials`) the
    pattern is tried only where one of its start words is, not at each of the 48 positions."""
    window_start = max(0, unit_start - 48)
    if not plain_case:
        for candidate in _YEARS_RE.finditer(text, window_start, unit_end):
            if candidate.end() == unit_end:
                return candidate
        return None
    searched_to = 0  # finditer goes on after the previous match
    for position in word_positions(_YEARS_STARTS, text[window_start:unit_end].lower()):
        if position < searched_to:
            continue
        found = _YEARS_RE.match(text, window_start + position, unit_end)
        if found is not None:
            if found.end() == unit_end:
                return found
            searched_to = found.end() - window_start
    return None


_UNIT_RE = re.compile(r"\b(?:years?|yrs?|months?|mos?)\b(?:\s*\+)?", re.I)
_UNIT_STARTS = ("year", "yr", "month", "mo")


# --- what a resume's dates add up to -------------------------------------------------
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = rf"(?:(?P<{{p}}m>{_MONTH})\.?\s+|(?P<{{p}}n>\d{{{{1,2}}}})/)?(?P<{{p}}y>(?:19|20)\d\d)"
# Anchored on the start year (a pattern starting with an optional month would be tried at
# every position); the start month, if any, is read just before it.
_RANGE_RE = re.compile(
    r"(?P<ay>(?:19|20)\d\d)\s*(?:-|\u2013|\u2014|to|through)\s*(?:"
    + _DATE.format(p="b")
    + r"|(?P<now>present|current|now|today))",
    re.I,
)
_START_MONTH_RE = re.compile(rf"(?:(?P<am>{_MONTH})\.?\s+|(?P<an>\d{{1,2}})/)$", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
# How every year `_RANGE_RE` and `YEAR_RE` read starts (digits: no case to fold).
_CENTURIES = ("19", "20")


def has_year(text: str) -> bool:
    """`YEAR_RE.search(text)` as a yes or no, tried only where "19" or "20" is."""
    for century in _CENTURIES:
        position = text.find(century)
        while position != -1:
            if YEAR_RE.match(text, position):
                return True  # the first year found will do: no list of every "19" and "20"
            position = text.find(century, position + 1)
    return False


def _month_index(month_name: str | None, month_number: str | None, year: str, end: bool) -> int:
    if month_name:
        month = _MONTHS.get(month_name.lower().rstrip("."), 1)
    elif month_number and 1 <= int(month_number) <= 12:
        month = int(month_number)
    else:
        month = 12 if end else 1
    return int(year) * 12 + month - 1


def resume_experience_years(text: str, today: date) -> float:
    """Total years covered by the resume's date ranges, overlaps counted once."""
    spans: list[tuple[int, int]] = []
    now = today.year * 12 + today.month - 1
    for match in matches_from(_RANGE_RE, text, word_positions(_CENTURIES, text)):
        # The groups in one call each (a call costs more than the look-up of a group).
        start_year, present, end_month, end_number, end_year = match.group(
            "ay", "now", "bm", "bn", "by"
        )
        at = match.start()
        month = _START_MONTH_RE.search(text, max(0, at - 12), at)
        month_name, month_number = month.group("am", "an") if month else (None, None)
        start = _month_index(month_name, month_number, start_year, end=False)
        finish = now if present else _month_index(end_month, end_number, end_year, True)
        if start <= finish <= now + 1:
            spans.append((start, finish + 1))
    total = 0
    covered_until = -1
    for start, finish in sorted(spans):
        start = max(start, covered_until)
        if finish > start:
            total += finish - start
            covered_until = finish
    return round(total / 12, 1)
