"""What the scan works with: a written form's match rules (`FormInfo`), the two-character
word codes a document is scanned in, a document's reading (`Read`), and the schedule ranges
("Schedule II-V") that name schedules III to V. Pure Python, no Django."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from rxguild.core.us_states import STATES_AND_DC
from rxguild.resumes import ats_posting
from rxguild.resumes.ats_english import is_english
from rxguild.resumes.ats_text import fold_word, normalize_word

SCHEDULE_II = "schedule-ii"
SCHEDULES_III_V = "schedules-iii-v"
_SCHEDULE_RANGE_RE = re.compile(
    r"(?:\bschedules?\s*|\bC-?)II\s*(?:-|\u2013|through|to)\s*((?:C-?)?V)\b", re.I
)
_II_FORMS = ("II", "Ii", "iI", "ii")


def schedule_range_matches(text: str) -> list[re.Match[str]]:
    """Exactly `list(_SCHEDULE_RANGE_RE.finditer(text))`, with the pattern tried only where a
    match can start: every match holds "II" right after "C", "C-" or "schedule(s)" and spaces,
    and "II" is rare, whereas the pattern (no literal start) was tried at every position."""
    if not text.isascii() and ats_posting.has_case_specials(text):
        return list(_SCHEDULE_RANGE_RE.finditer(text))
    starts: set[int] = set()
    for form in _II_FORMS:
        position = text.find(form)
        while position != -1:
            before = position
            while before > 0 and text[before - 1].isspace():
                before -= 1
            # "C" or "C-" just before, or "schedule"/"schedules" before the spaces.
            starts.update(
                start
                for start in (position - 1, position - 2, before - 8, before - 9)
                if start >= 0
            )
            position = text.find(form, position + 1)
    matches: list[re.Match[str]] = []
    searched_to = 0  # finditer goes on after the previous match
    for start in sorted(starts):
        if start >= searched_to and (match := _SCHEDULE_RANGE_RE.match(text, start)):
            matches.append(match)
            searched_to = match.end()
    return matches


_BROKEN_LINE_RE = re.compile(r"[.;:!?]\s*\n|\n\s*(?:[-*\u2022\u00b7\u25aa\u25cf]|\d+[.)]|\n)")
_STATE_ABBREVIATIONS = STATES_AND_DC
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_COMMA_BEFORE_RE = re.compile(r",\s*$")
# "Pittsburgh PA", "Erie PA 16501": a capitalised word (the city) right before, and the end of
# the place after: a ZIP code; a separator ("Allentown PA | Full time", "Scranton PA (days)");
# or, when the city does not open its line or sentence ("Handled PA.", "Submit PA; ..."), the
# end of the line or a comma too.
_CITY_BEFORE_RE = re.compile(r"(?:^|(\S))\s*\b[A-Z][a-z]+[ \t]+$")
_ZIP_OR_SEPARATOR_RE = re.compile(r"[ \t]*(?:\d{5}\b|[|(\u00b7\u2022\u2013\u2014]|-\s)")
_PLACE_END_RE = re.compile(r"[ \t]*(?:$|[\n,;/)])")
_PUNCTUATION_RE = re.compile(r"[,;:/()|.!?\n]")


class FormInfo(NamedTuple):
    """What a match of one written form needs, worked out once when the automaton is built
    (so the scan does no per-hit lookups of term, kind or flags)."""

    code: str
    name: str
    kind: str
    category: str
    matched_by: str  # EXACT for the canonical name, SYNONYM otherwise
    case_sensitive: bool
    caps_words: frozenset[str]
    # Neither case rules nor a number in the form: `_accept` then only has to look for a line
    # break inside the match and a "non" before it, which `_find` does inline.
    plain: bool
    # A one-word form's own words (`Form.whole_words`): the written word must fold to one.
    whole_words: tuple[str, ...] = ()
    reordered: bool = False  # `Form.reordered`
    # Products or named standards of another kind written inside this form, as (word offset,
    # form): "document in Epic" holds Epic (`ats_nested`).
    inner_names: tuple[tuple[int, FormInfo], ...] = ()


# One match before it becomes a `Hit`: (start, end, form, matched_by, negated). Analysis,
# posting reading and ranking use these directly; only `extract` builds `Hit` objects.
# `negated` is None when the caller asked `_find` not to work it out (see `posting_profile`).
RawHit = tuple[int, int, FormInfo, str, bool | None]
# Words are written for the automaton as two characters, a "high" one and a "low" one, from
# two disjoint sets of 64: every node of the automaton then has at most 64 children (one
# character per word made the root hold thousands, and pyahocorasick walks a node's children
# in turn), and a match can only start on a word's first character. Index 0 is no word.
WORD_HIGH = tuple(map(chr, range(0x100, 0x140)))
WORD_LOW = tuple(map(chr, range(0x140, 0x180)))
OTHER_WORD = WORD_HIGH[0] + WORD_LOW[0]


class CodeCache(dict[str, str]):
    """Lower-cased raw token -> the code of its word (`OTHER_WORD` for a word no form or
    phrase holds); a miss is computed (and kept while the cache is small). Like the word cache
    of `ats_text`, it is warm with the words of earlier documents."""

    def __init__(self, word_chars: dict[str, str]) -> None:
        super().__init__()
        self.word_chars = word_chars

    def __missing__(self, raw: str) -> str:
        code = self.word_chars.get(normalize_word(raw), OTHER_WORD)
        if len(self) < 200_000:
            self[raw] = code
        return code


class Read(NamedTuple):
    """A document as the scan needs it."""

    string: str  # two characters per token (`Extractor.word_string`)
    starts: list[int]  # each token's [start, end) in the original text
    ends: list[int]
    words: list[str] | None  # the normalized words, when asked for (the fuzzy pass)
    negations: list[int]  # starts of negation words ("no", "not", "without", ...)
    # The text folded by `ats_text.ascii_runs` (ASCII letters lower-cased, same offsets), when
    # it was read that way: it shows a "non" before a match as `text.lower()` would.
    folded: str | None = None
    # The same codes as a list (one two-character string per token).
    codes: list[str] | None = None


def negated_at(text: str, start: int, end: int, clauses: ats_posting.Clauses) -> bool:
    """Is the keyword at [start, end) negated ("no X required", "X not required")?"""
    # Cheap look first (a bisection): almost no keyword has a negation word anywhere near it.
    negations = clauses.negation_positions()
    if not negations:
        return False
    index = bisect_left(negations, start - 60)
    return (
        index < len(negations)
        and negations[index] < end + 80
        and ats_posting.is_negated(text, start, end, clauses)
    )


def _after_city(text: str, start: int, end: int) -> bool:
    """Is the abbreviation at [start, end) a state written after its city?"""
    if _COMMA_BEFORE_RE.search(text[max(0, start - 3) : start]):
        return True
    city = _CITY_BEFORE_RE.search(text[max(0, start - 40) : start])
    if city is None:
        return False
    if _ZIP_OR_SEPARATOR_RE.match(text, end):
        return True
    before = city.group(1)
    return (
        before is not None and before not in ".!?:" and _PLACE_END_RE.match(text, end) is not None
    )


def accept_match(
    text: str,
    start: int,
    end: int,
    info: FormInfo,
    dictionary: frozenset[str],
    *,
    typo: bool = False,
) -> bool:
    """May this match count? `typo`: the fuzzy pass found it, so its word is a typo of
    the form's and is not held to the form's own word."""
    written = text[start:end]
    if (
        info.whole_words
        and not typo
        and (word := fold_word(written)) not in info.whole_words
        and is_english(word, dictionary)
    ):
        # An English word with the form's stem is another word ("orders" for "ordering");
        # a stem-alike that is no word is a typo of the form ("Omnicel").
        return False
    if info.reordered and _PUNCTUATION_RE.search(written):
        return False
    if "\n" in written and _BROKEN_LINE_RE.search(text, start, min(len(text), end + 3)):
        # A hard-wrapped line may split a term, but a list item, a sentence end or a
        # paragraph may not: "the weekly schedule\n2. Manage the order" is no "schedule 2".
        return False
    if written.isdigit() and (start == 0 or text[start - 1] != "<"):
        return False  # "<797>" alone is the chapter; "1,800 prescriptions" is not
    if info.case_sensitive:
        letters = written.replace(".", "")
        if letters.endswith("s") and len(letters) > 2:
            letters = letters[:-1]  # "ADCs", "PAs": a plural keeps its capitals
        if not letters.isupper():
            return False
        # "Pittsburgh, PA 15213": a state after a city is not an abbreviation we know.
        if letters in _STATE_ABBREVIATIONS and _after_city(text, start, end):
            return False
    if info.caps_words and not info.caps_words <= set(_LETTERS_RE.findall(written)):
        return False
    # "non-sterile compounding" is not sterile compounding (the look needs a "non").
    return not (
        "non" in text[start - 5 if start > 5 else 0 : start].lower()
        and ats_posting.is_prefixed_by_non(text, start)
    )
