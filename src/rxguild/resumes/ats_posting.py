"""Reading a posting beyond its keywords: sections, required vs preferred, clauses,
negations, shifts and settings (years of experience and resume dates: ats_years).

Pure Python, no Django. Everything works on the original text with character offsets, so a
keyword hit found by the matcher can ask "which section and clause am I in?".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import ahocorasick

from rxguild.resumes.ats_text import normalize_text

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

# Cues inside a clause; the nearest one to the keyword decides.
_CUE_RE = re.compile(
    r"\b(?P<pref>preferred|prefer|a plus|is a plus|plus\b|desired|desirable|nice to have|"
    r"bonus|helpful|an advantage|advantageous|ideally|optional)"
    r"|\b(?P<req>required|requires?|must|mandatory|essential|needed|minimum)\b",
    re.I,
)
# Normalized tokens ("don't" -> "dont") that start a negation; the regex below is the same
# list for raw text.
NEGATION_TOKENS = frozenset(
    {"no", "not", "without", "never", "none", "dont", "doesnt", "isnt", "arent", "wont", "didnt"}
)
# The literal words each cue alternative starts with: the cue pattern can only match where
# one of them starts, so it is tried there instead of at every position (see `finditer_at`).
_CUE_STARTS = (
    "prefer", "a plus", "is a plus", "plus", "desir", "nice to have", "bonus", "helpful",
    "an advantage", "advantageous", "ideally", "optional",
    "requir", "must", "mandatory", "essential", "needed", "minimum",
)  # fmt: skip
# Characters that, under re.IGNORECASE, match an ASCII letter without lower-casing to it, or
# that change length when lower-cased (found by trying every code point): in a text without
# them, `text.lower()` shows every place a case-insensitive pattern of ASCII words can start,
# at the same offsets.
_CASE_SPECIALS = "\u0130\u0131\u017f\u212a"


def has_case_specials(text: str) -> bool:
    """Does `text` hold a character that matches an ASCII letter under re.IGNORECASE without
    lower-casing to it (or that lower-cases to two)? Without one, an ASCII literal search in
    any case finds every place a case-insensitive pattern of ASCII words can match."""
    # Four searches for one character each (memchr speed), not a character class tried at
    # every position.
    return any(char in text for char in _CASE_SPECIALS)


def word_positions(words: tuple[str, ...], lowered: str) -> list[int]:
    """Where any of `words` starts in `lowered`, overlaps included, in order."""
    positions: set[int] = set()
    for word in words:
        position = lowered.find(word)
        while position != -1:
            positions.add(position)
            position = lowered.find(word, position + 1)
    return sorted(positions)


def finditer_at(
    pattern: re.Pattern[str], text: str, starts: tuple[str, ...]
) -> list[re.Match[str]]:
    """Exactly `list(pattern.finditer(text))` for a case-insensitive pattern that can only
    match where one of the lower-case ASCII words `starts` begins; much cheaper when those
    words are rare, since the pattern is then not tried at every position."""
    if not text.isascii() and has_case_specials(text):
        return list(pattern.finditer(text))
    return matches_from(pattern, text, word_positions(starts, text.lower()))


def matches_from(pattern: re.Pattern[str], text: str, positions: list[int]) -> list[re.Match[str]]:
    """Exactly `list(pattern.finditer(text))`, given (in order) every position where one of
    its matches can start: the pattern is tried there only."""
    matches: list[re.Match[str]] = []
    searched_to = 0  # finditer goes on after the previous match
    for position in positions:
        if position >= searched_to and (match := pattern.match(text, position)) is not None:
            matches.append(match)
            searched_to = match.end()
    return matches


_NEGATION_WORD_RE = re.compile(r"\b(?:no|not|without|never|none)\b|n't\b", re.I)
# Line breaks, semicolons, bullets, "!" and "?"; "." before a space or at the end; ":" and the
# space after it. Written to start with one character set, which the regex engine scans for
# quickly, instead of as the plain alternation `[\n;•·▪●!?]|\.(?=\s)|\.$|:\s` (same matches).
_CLAUSE_BREAK_RE = re.compile(r"[\n;•·▪●!?.:](?:(?<=[\n;•·▪●!?])|(?<=\.)(?=\s)|(?<=\.)$|(?<=:)\s)")


_SINGLE_BREAKS = "\n;•·▪●!?"


def clause_breaks(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of `_CLAUSE_BREAK_RE.finditer(text)`, found with a string search for
    each break character (C, at memchr speed) instead of the pattern tried at every position.
    A "." breaks before whitespace or at the end; a ":" before whitespace, and that whitespace
    is part of its match, so a line break just after a ":" is no break of its own."""
    size = len(text)
    starts: list[int] = []
    colons: set[int] = set()  # breaks two characters long: ":" and the whitespace after it
    for char in ".:":
        position = text.find(char)
        while position != -1:
            after = position + 1
            if char == "." and (after == size or text[after].isspace()):
                starts.append(position)
            elif char == ":" and after < size and text[after].isspace():
                starts.append(position)
                colons.add(position)
            position = text.find(char, after)
    for char in _SINGLE_BREAKS:
        position = text.find(char)
        while position != -1:
            if position - 1 not in colons:
                starts.append(position)
            position = text.find(char, position + 1)
    starts.sort()  # one break starts at each position: plain ints to sort
    return starts, [start + 2 if start in colons else start + 1 for start in starts]


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
    words = candidate.split(None, 6)  # seven words are as many as it needs to see
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
    # `_heading_kind` strips whitespace, so a line without its "\n" reads the same.
    for line in text.split("\n"):
        # An empty line is no heading; many postings have one between every paragraph.
        if line and (kind := _heading_kind(line)) is not False:
            sections.append(Section(offset, kind if isinstance(kind, str) else None))
        offset += len(line) + 1
    return sections


def section_at(sections: list[Section], position: int) -> Section:
    # Sections are few and ordered by start; a linear walk beats building a key list.
    found = sections[0]
    for section in sections:
        if section.start > position:
            break
        found = section
    return found


class Clauses:
    """Clause boundaries and required/preferred cues of one text, found once and bisected per
    keyword, so a posting with a hundred keywords is not rescanned a hundred times."""

    __slots__ = ("_break_ends", "_break_starts", "_cue_starts", "_cues", "_negations", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._break_starts: list[int] | None = None  # found on first use
        self._break_ends: list[int] = []
        self._cues: list[tuple[int, int, str]] | None = None
        self._cue_starts: list[int] = []
        self._negations: list[int] | None = None

    def use_negations(self, positions: list[int]) -> None:
        """Starts of the negation words, as the engine's reading of the normalized tokens
        found them (cheaper than a regex over the text)."""
        if self._negations is None:
            self._negations = positions

    def negation_positions(self) -> list[int]:
        if self._negations is None:
            self._negations = [m.start() for m in _NEGATION_WORD_RE.finditer(self.text)]
        return self._negations

    def has_negation_near(self, start: int, end: int) -> bool:
        """Is any negation word within 60 characters before or 80 after [start, end)?"""
        negations = self.negation_positions()
        i = bisect_left(negations, start - 60)
        return i < len(negations) and negations[i] < end + 80

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): bounded by line breaks, sentence ends, semicolons."""
        if self._break_starts is None:
            self._break_starts, self._break_ends = clause_breaks(self.text)
        i = bisect_right(self._break_ends, start) - 1
        left = max(self._break_ends[i] if i >= 0 else 0, start - 240, 0)
        j = bisect_left(self._break_starts, end)
        limit = min(len(self.text), end + 240)
        right = min(self._break_starts[j], limit) if j < len(self._break_starts) else limit
        return left, right

    def importance(self, start: int, end: int) -> str | None:
        """REQUIRED or PREFERRED from the cue nearest the keyword in its clause, or None."""
        if self._cues is None:
            self._cues = [
                (m.start(), m.end(), PREFERRED if m.group("pref") else REQUIRED)
                for m in finditer_at(_CUE_RE, self.text, _CUE_STARTS)
            ]
            self._cue_starts = [cue[0] for cue in self._cues]
        cues = self._cues
        # A clause reaches at most 240 characters either side: with no cue inside that reach
        # (cues are ordered and do not overlap), there is nothing to look for.
        first = bisect_left(self._cue_starts, start - 240)
        if first == len(cues) or cues[first][1] > end + 240:
            return None
        left, right = self.bounds(start, end)
        best: tuple[int, str] | None = None
        for index in range(bisect_left(self._cue_starts, left), len(cues)):
            cue_start, cue_end, kind = cues[index]
            if cue_end > right:
                break
            if start <= cue_start < end:
                continue
            distance = start - cue_end if cue_end <= start else cue_start - end
            if best is None or distance < best[0]:
                best = (distance, kind)
        return best[1] if best else None


def clause_importance(text: str, start: int, end: int) -> str | None:
    return Clauses(text).importance(start, end)


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


def is_negated(text: str, start: int, end: int, clauses: Clauses | None = None) -> bool:
    """'No experience with X required', 'X not required', 'without X' (same clause only)."""
    clauses = clauses or Clauses(text)
    # Cheap look first: almost no keyword has a negation word anywhere near it.
    if not clauses.has_negation_near(start, end):
        return False
    left, right = clauses.bounds(start, end)
    before: list[str] = _WORD_RE.findall(text[left:start].lower())[-6:]
    for word in reversed(before):
        if word in _NEGATORS:
            return True
        if word not in _NEGATION_FILLER:
            break
    return bool(_NEGATED_AFTER_RE.match(text[end:right]))


_NON_RE = re.compile(r"\bnon[-\s]?$", re.I)


def is_prefixed_by_non(text: str, start: int) -> bool:
    """'non-sterile compounding' is not sterile compounding."""
    before = text[max(0, start - 5) : start]
    return ("n" in before or "N" in before) and bool(_NON_RE.search(before))


# --- shifts and settings ---------------------------------------------------------------
# Phrases as written; matched on the normalized text with one Aho-Corasick scan per table
# (plurals, hyphens and case are already folded: "12-hour", "12 hour" and "12-Hour" agree).
_SHIFTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overnight", ("overnight", "night shift", "nights", "noc shift", "graveyard", "third shift")),
    ("evening", ("evening shift", "evenings", "second shift", "swing shift", "pm shift")),
    ("day", ("day shift", "first shift", "daytime")),  # not "days": "within 90 days"
    ("weekend", ("weekend", "every other weekend", "saturday", "sunday")),
    ("rotating", ("rotating",)),
    ("holiday", ("holiday",)),
    ("on_call", ("on-call", "on call")),
    ("12_hour", ("12-hour", "12 hr", "12hr")),
    ("10_hour", ("10-hour", "10 hr", "10hr")),
    ("8_hour", ("8-hour", "8 hr", "8hr")),
    ("prn", ("PRN", "per diem")),
    ("full_time", ("full-time",)),
    ("part_time", ("part-time",)),
)
_SETTINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("retail", ("retail", "community pharmacy", "drugstore", "drug store", "grocery pharmacy")),
    (
        "hospital",
        ("hospital", "health-system", "inpatient", "medical center", "IV room", "acute care"),
    ),
    (
        "long_term_care",
        ("long-term care", "LTC", "skilled nursing", "nursing home", "assisted living"),
    ),
    ("mail_order", ("mail order", "central fill", "home delivery pharmacy")),
    ("specialty", ("specialty pharmacy",)),
    ("nuclear", ("nuclear pharmacy", "radiopharmacy", "radiopharmaceutical")),
    ("home_infusion", ("home infusion",)),
    ("compounding", ("compounding pharmacy",)),
    ("ambulatory", ("ambulatory", "outpatient", "clinic")),
    ("pbm_insurance", ("PBM", "pharmacy benefit manager", "health plan", "insurer")),
    ("informatics", ("informatics", "pharmacy systems analyst", "EHR build")),
    ("government", ("VA medical center", "veterans affairs", "military", "federal")),
)


# The phrase tables above, for the engine to scan in its own word encoding.
SHIFT_PHRASES = _SHIFTS
SETTING_PHRASES = _SETTINGS


def _automaton(table: tuple[tuple[str, tuple[str, ...]], ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for order, (code, phrases) in enumerate(table):
        for phrase in phrases:
            normalized = normalize_text(phrase)
            automaton.add_word(f" {normalized} ", (order, code))
    automaton.make_automaton()
    return automaton


_SHIFT_AUTOMATON = _automaton(_SHIFTS)
_SETTING_AUTOMATON = _automaton(_SETTINGS)


def _codes(automaton: ahocorasick.Automaton, text: str, normalized: str | None) -> list[str]:
    padded = f" {normalized if normalized is not None else normalize_text(text)} "
    found = {value for _, value in automaton.iter(padded)}
    return [code for _, code in sorted(found)]


def parse_shifts(text: str, normalized: str | None = None) -> list[str]:
    return _codes(_SHIFT_AUTOMATON, text, normalized)


def parse_settings(text: str, normalized: str | None = None) -> list[str]:
    return _codes(_SETTING_AUTOMATON, text, normalized)
