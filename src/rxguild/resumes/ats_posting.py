"""Reading a posting (and a resume) beyond its keywords: sections, required vs preferred,
years of experience, shifts, settings, negations and resume dates.

Pure Python, no Django. Everything works on the original text with character offsets, so a
keyword hit found by the matcher can ask "which section and clause am I in?".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

REQUIRED = "required"
PREFERRED = "preferred"
NOT_REQUIRED = "not_required"

_HEADING_PREFERRED = re.compile(
    r"\b(preferred|nice to have|nice-to-have|bonus|pluses|a plus|desired|desirable|ideal)\b", re.I
)
_HEADING_REQUIRED = re.compile(
    r"\b(requirements?|required|qualifications?|must[- ]haves?|what you(?:'ll)? need|"
    r"what you bring|who you are|skills|minimum|basic qualifications|education|"
    r"certifications?|licens(?:e|ure)s?)\b",
    re.I,
)
_HEADING_OTHER = re.compile(
    r"\b(responsibilities|duties|what you(?:'ll)? do|about|benefits|perks|schedule|"
    r"overview|summary|the role|position|compensation|pay|why|who we are|essential functions)\b",
    re.I,
)
_LINE_RE = re.compile(r"[^\n]*\n?")

# Cues inside a clause; the nearest one to the keyword decides.
_CUE_RE = re.compile(
    r"\b(?P<pref>preferred|prefer|a plus|is a plus|plus\b|desired|desirable|nice to have|"
    r"bonus|helpful|an advantage|advantageous|ideally|optional)"
    r"|\b(?P<req>required|requires?|must|mandatory|essential|needed|minimum)\b",
    re.I,
)
_CLAUSE_BREAK_RE = re.compile(r"[\n;•·▪●!?]|\.(?=\s)|\.$|:\s")


@dataclass(frozen=True, slots=True)
class Section:
    start: int
    importance: str | None  # REQUIRED, PREFERRED, or None (duties, benefits, about)


def _heading_kind(line: str) -> str | bool | None:
    """REQUIRED/PREFERRED/None for a heading line; False when the line is not a heading."""
    stripped = line.strip().strip("#*-_=•: \t").strip()
    if not stripped:
        return False
    head, colon, _rest = stripped.partition(":")
    candidate = head if colon else stripped
    words = candidate.split()
    if not 1 <= len(words) <= 6:
        return False
    looks_like_heading = (
        bool(colon)
        or line.rstrip().endswith(":")
        or candidate.isupper()
        or candidate.istitle()
        or len(words) <= 3
    )
    if not looks_like_heading or candidate.endswith((".", ",")):
        return False
    if _HEADING_PREFERRED.search(candidate):
        return PREFERRED
    if _HEADING_REQUIRED.search(candidate):
        return REQUIRED
    if _HEADING_OTHER.search(candidate):
        return None
    return False


def parse_sections(text: str) -> list[Section]:
    sections = [Section(0, None)]
    offset = 0
    for match in _LINE_RE.finditer(text):
        line = match.group()
        if not line:
            break
        kind = _heading_kind(line)
        if kind is not False:
            sections.append(Section(offset, kind if isinstance(kind, str) else None))
        offset += len(line)
    return sections


def section_at(sections: list[Section], position: int) -> Section:
    starts = [section.start for section in sections]
    return sections[bisect.bisect_right(starts, position) - 1]


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): bounded by line breaks, sentence ends, semicolons."""
    left = 0
    window_start = max(0, start - 240)
    for match in _CLAUSE_BREAK_RE.finditer(text, window_start, start):
        left = match.end()
    left = max(left, window_start)
    found = _CLAUSE_BREAK_RE.search(text, end, min(len(text), end + 240))
    right = found.start() if found else min(len(text), end + 240)
    return left, right


def clause_importance(text: str, start: int, end: int) -> str | None:
    left, right = clause_bounds(text, start, end)
    best: tuple[int, str] | None = None
    for match in _CUE_RE.finditer(text, left, right):
        if start <= match.start() < end:
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        kind = PREFERRED if match.group("pref") else REQUIRED
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


# --- negation --------------------------------------------------------------------------
_NEGATORS = frozenset({"no", "not", "without", "never", "none"})
# Words that may sit between a negator and the keyword: "no prior experience with Pyxis".
_NEGATION_FILLER = frozenset(
    {
        "prior", "previous", "formal", "experience", "with", "in", "of", "knowledge", "any",
        "pharmacy", "is", "are", "a", "an", "the", "or", "and", "required", "needed",
        "necessary", "certification", "certificate", "training", "license", "registration",
    }
)  # fmt: skip
_NEGATED_AFTER_RE = re.compile(
    r"^[\s,]*(?:(?:experience|certification|certificate|training|knowledge|license|"
    r"registration|skills?)\s+)?(?:is\s+|are\s+)?(?:not|n't)\s+"
    r"(?:required|necessary|needed|mandatory|a requirement)",
    re.I,
)
_WORD_RE = re.compile(r"[^\W\d_]+", re.U)


def is_negated(text: str, start: int, end: int) -> bool:
    """'No experience with X required', 'X not required', 'without X' (same clause only)."""
    left, right = clause_bounds(text, start, end)
    before = _WORD_RE.findall(text[left:start].lower())[-6:]
    for word in reversed(before):
        if word in _NEGATORS:
            return True
        if word not in _NEGATION_FILLER:
            break
    return bool(_NEGATED_AFTER_RE.match(text[end:right]))


def is_prefixed_by_non(text: str, start: int) -> bool:
    """'non-sterile compounding' is not sterile compounding."""
    return bool(re.search(r"\bnon[-\s]?$", text[max(0, start - 5) : start], re.I))


# --- years of experience -------------------------------------------------------------
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


def parse_experience(text: str, sections: list[Section] | None = None) -> ExperienceRequirement:
    sections = sections if sections is not None else parse_sections(text)
    required: list[float] = []
    preferred: list[float] = []
    for match in _YEARS_RE.finditer(text):
        left, right = clause_bounds(text, match.start(), match.end())
        clause = text[left:right].lower()
        if "experience" not in clause:
            continue  # "after two years of service", "3 months of benefits"
        years = _number(match.group("n"))
        if match.group("unit").lower().startswith("m"):
            years /= 12
        importance = (
            clause_importance(text, match.start(), match.end())
            or section_at(sections, match.start()).importance
        )
        (preferred if importance == PREFERRED else required).append(years)
    no_experience = bool(_NO_EXPERIENCE_RE.search(text))
    return ExperienceRequirement(
        years_required=min(required) if required else (0.0 if no_experience else None),
        years_preferred=min(preferred) if preferred else None,
        no_experience_required=no_experience,
    )


# --- shifts and settings ---------------------------------------------------------------
_SHIFTS: tuple[tuple[str, str], ...] = (
    ("overnight", r"\b(?:overnight|night shift|nights|noc shift|graveyard|third shift)\b"),
    ("evening", r"\b(?:evening shift|evenings|second shift|swing shift|pm shift)\b"),
    ("day", r"\b(?:day shift|days|first shift|daytime)\b"),
    ("weekend", r"\b(?:weekends?|every other weekend|saturdays?|sundays?)\b"),
    ("rotating", r"\brotating\b"),
    ("holiday", r"\bholidays?\b"),
    ("on_call", r"\bon[- ]call\b"),
    ("12_hour", r"\b12[- ]?(?:hour|hr)\b"),
    ("10_hour", r"\b10[- ]?(?:hour|hr)\b"),
    ("8_hour", r"\b8[- ]?(?:hour|hr)\b"),
    ("prn", r"\b(?:prn|per diem)\b"),
    ("full_time", r"\bfull[- ]time\b"),
    ("part_time", r"\bpart[- ]time\b"),
)
_SETTINGS: tuple[tuple[str, str], ...] = (
    ("retail", r"\b(?:retail|community pharmacy|drugstore|drug store|grocery pharmacy)\b"),
    ("hospital", r"\b(?:hospital|health[- ]system|inpatient|medical center|iv room|acute care)\b"),
    (
        "long_term_care",
        r"\b(?:long[- ]term care|ltc|skilled nursing|nursing homes?|assisted living)\b",
    ),
    ("mail_order", r"\b(?:mail[- ]order|central fill|home delivery pharmacy)\b"),
    ("specialty", r"\bspecialty pharmacy\b"),
    ("nuclear", r"\b(?:nuclear pharmacy|radiopharmac\w*|radiopharmaceuticals?)\b"),
    ("home_infusion", r"\bhome infusion\b"),
    ("compounding", r"\bcompounding pharmacy\b"),
    ("ambulatory", r"\b(?:ambulatory|outpatient|clinic)\b"),
    ("pbm_insurance", r"\b(?:pbm|pharmacy benefit manager|health plan|insurer)\b"),
    ("informatics", r"\b(?:informatics|pharmacy systems analyst|ehr build)\b"),
    ("government", r"\b(?:va medical center|veterans affairs|military|federal)\b"),
)
_SHIFT_RES = tuple((code, re.compile(pattern, re.I)) for code, pattern in _SHIFTS)
_SETTING_RES = tuple((code, re.compile(pattern, re.I)) for code, pattern in _SETTINGS)


def parse_shifts(text: str) -> list[str]:
    return [code for code, pattern in _SHIFT_RES if pattern.search(text)]


def parse_settings(text: str) -> list[str]:
    return [code for code, pattern in _SETTING_RES if pattern.search(text)]


# --- resume dates ----------------------------------------------------------------------
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
_RANGE_RE = re.compile(
    _DATE.format(p="a")
    + r"\s*(?:-|\u2013|\u2014|to|through)\s*(?:"
    + _DATE.format(p="b")
    + r"|(?P<now>present|current|now|today))",
    re.I,
)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


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
    for match in _RANGE_RE.finditer(text):
        start = _month_index(match.group("am"), match.group("an"), match.group("ay"), end=False)
        if match.group("now"):
            finish = now
        else:
            finish = _month_index(match.group("bm"), match.group("bn"), match.group("by"), True)
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
