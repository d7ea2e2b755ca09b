"""The pharmacy-aware ATS engine: keyword extraction, resume vs posting analysis, ranking.

Pure Python, no Django: plain data in, dataclasses out, so it is unit-tested and benchmarked
on its own. How it works:

* Exact and synonym matching is one Aho-Corasick scan (pyahocorasick) over the normalized
  text (`ats_text`), with word-boundary checks; matches map back to the original offsets.
* The fuzzy pass is conservative: only tokens of at least `FUZZY_MIN_LENGTH` letters that
  appear in no term at all are candidates, each may be one edit (two for long words) from a
  term's word with the same first letter, and the nearest word must be unique. A word that
  belongs to any term is never corrected, so a real term never turns into another.
* Postings are read for required vs preferred, years, shifts and settings (`ats_posting`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import compress, count, repeat
from operator import itemgetter
from typing import NamedTuple

import ahocorasick
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from rxguild.core.us_states import STATES_AND_DC
from rxguild.resumes import ats_held, ats_posting, ats_text, markup
from rxguild.resumes.ats_posting import NOT_REQUIRED, PREFERRED, REQUIRED
from rxguild.resumes.ats_taxonomy import (
    CREDENTIAL,
    REQUIREMENT,
    SKILL,
    Taxonomy,
    Term,
    load_taxonomy,
)
from rxguild.resumes.ats_text import (
    fold_word,
    normalize_text,
    normalize_tokens,
    normalize_word,
    token_lists,
)

EXACT = "exact"
SYNONYM = "synonym"
FUZZY = "fuzzy"

# Seven letters: six-letter words are too often real words one edit from a product name
# ("Corner" -> "Cerner").
FUZZY_MIN_LENGTH = 7
MAX_TEXT_CHARS = 100_000
# Posting profiles kept by `Analyzer.analyze` (texts are at most MAX_TEXT_CHARS).
POSTING_CACHE_SIZE = 128

# Score weights (out of 100) and why: a missing required credential usually stops an
# application at the first screen, required skills are what the ATS ranks on, preferred
# items and years separate otherwise equal candidates.
WEIGHTS: dict[str, int] = {
    "required_credentials": 35,
    "required_skills": 35,
    "preferred": 15,
    "experience": 15,
}

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


@dataclass(frozen=True, slots=True)
class Hit:
    code: str
    name: str
    kind: str  # "skill" or "credential"
    category: str
    start: int
    end: int
    text: str  # exactly as written: original[start:end]
    matched_by: str  # exact | synonym | fuzzy
    negated: bool = False
    # Named as wanted, planned or in progress, not held ("pursuing the CSPT"; `ats_held`).
    wanted: bool = False


@dataclass(frozen=True, slots=True)
class PostingItem:
    code: str
    name: str
    kind: str
    category: str
    importance: str  # required | preferred | not_required
    written: str  # the posting's form


@dataclass(frozen=True, slots=True)
class PostingProfile:
    """What a posting asks for; computed once and cached, so ranking is set arithmetic."""

    items: tuple[PostingItem, ...]
    required_credentials: frozenset[str]
    required_skills: frozenset[str]
    preferred: frozenset[str]
    years_required: float | None
    years_preferred: float | None
    no_experience_required: bool
    shifts: tuple[str, ...]
    settings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    name: str
    weight: int
    matched: float
    total: float
    points: float
    # What this part is worth in this analysis: its weight, scaled up when the posting does
    # not ask for every part (the weights of absent parts are shared among the rest).
    max_points: float = 0.0

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class MatchedItem:
    code: str
    name: str
    kind: str
    category: str
    importance: str
    posting_text: str
    resume_text: str
    # The narrower term the resume names, when the match is through it ("Omnicell" for
    # automated dispensing cabinets); empty for a direct match.
    through: str = ""


@dataclass(frozen=True, slots=True)
class MissingItem:
    code: str
    name: str
    kind: str
    category: str
    importance: str
    posting_text: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class WantedItem:
    """Something the posting asks for that the resume names only as wanted or in progress:
    shown to the member, never scored."""

    code: str
    name: str
    kind: str
    importance: str
    posting_text: str
    resume_text: str
    message: str


@dataclass(frozen=True, slots=True)
class LiteralHint:
    code: str
    name: str
    posting_text: str
    resume_text: str
    message: str


@dataclass(frozen=True, slots=True)
class ResumeCheck:
    code: str
    severity: str  # "warning" | "error"
    message: str


@dataclass(frozen=True, slots=True)
class Analysis:
    score: int
    components: tuple[ScoreComponent, ...]
    computation: str
    matched: tuple[MatchedItem, ...]
    missing: tuple[MissingItem, ...]
    literal_hints: tuple[LiteralHint, ...]
    checks: tuple[ResumeCheck, ...]
    posting: PostingProfile
    resume_years: float
    # Posting items the resume names as wanted or in progress (never scored).
    wanted: tuple[WantedItem, ...] = ()


@dataclass(frozen=True, slots=True)
class RankedPosting:
    index: int
    score: int


# File-level findings the resume importer passes in (it inspects the DOCX/PDF itself).
FILE_FINDINGS: dict[str, tuple[str, str]] = {
    "tables": (
        "warning",
        "Your file uses tables; many ATS parsers read table cells out of "
        "order. Put the content in plain paragraphs.",
    ),
    "columns": (
        "warning",
        "Your file sets text side by side (columns or a borderless table); many ATS parsers "
        "read across the page and splice the columns together. Use one column.",
    ),
    "text_boxes": (
        "warning",
        "Your file uses text boxes; many ATS parsers skip them. Move their text into the body.",
    ),
    "images": (
        "warning",
        "Your file has images; ATS parsers cannot read text in images. "
        "Make sure nothing important is only in a picture.",
    ),
    "headers_footers": (
        "warning",
        "Contact details in the page header or footer are often skipped; repeat them in the body.",
    ),
    "unextractable_text": (
        "error",
        "Text could not be extracted from your file (scanned or "
        "image-only?). An ATS will see an empty resume: upload a text-based "
        "DOCX or PDF.",
    ),
}


class _FormInfo(NamedTuple):
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
    # A one-word form's own word (`Form.whole_word`): the written word must fold to it.
    whole_word: str | None = None
    reordered: bool = False  # `Form.reordered`


# One match before it becomes a `Hit`: (start, end, form, matched_by, negated). Analysis,
# posting reading and ranking use these directly; only `extract` builds `Hit` objects.
# `negated` is None when the caller asked `_find` not to work it out (see `posting_profile`).
_RawHit = tuple[int, int, _FormInfo, str, bool | None]
# Words are written for the automaton as two characters, a "high" one and a "low" one, from
# two disjoint sets of 64: every node of the automaton then has at most 64 children (one
# character per word made the root hold thousands, and pyahocorasick walks a node's children
# in turn), and a match can only start on a word's first character. Index 0 is no word.
_WORD_HIGH = tuple(map(chr, range(0x100, 0x140)))
_WORD_LOW = tuple(map(chr, range(0x140, 0x180)))
_OTHER_WORD = _WORD_HIGH[0] + _WORD_LOW[0]
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_COMMA_BEFORE_RE = re.compile(r",\s*$")
_PUNCTUATION_RE = re.compile(r"[,;:/()|.!?\n]")


class _CodeCache(dict[str, str]):
    """Lower-cased raw token -> the code of its word (`_OTHER_WORD` for a word no form or
    phrase holds); a miss is computed (and kept while the cache is small). Like the word cache
    of `ats_text`, it is warm with the words of earlier documents."""

    def __init__(self, word_chars: dict[str, str]) -> None:
        super().__init__()
        self.word_chars = word_chars

    def __missing__(self, raw: str) -> str:
        code = self.word_chars.get(normalize_word(raw), _OTHER_WORD)
        if len(self) < 200_000:
            self[raw] = code
        return code


class _Read(NamedTuple):
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


class Extractor:
    """Compiled taxonomy: the automaton, the word vocabulary and the fuzzy index."""

    def __init__(self, taxonomy: Taxonomy, dictionary: frozenset[str] | None = None) -> None:
        self.taxonomy = taxonomy
        # Real English words are never typos: "protect" is not "project", "shielding" is not
        # "shelving", "Corner" is not "Cerner".
        self.dictionary = english_words() if dictionary is None else dictionary
        self.terms: list[Term] = taxonomy.terms
        vocabulary: set[str] = set()
        for normalized in taxonomy.forms:
            vocabulary.update(normalized.split())
        # Every word of any form is two characters, every other word `_OTHER_WORD`: a document
        # becomes a string of two characters per token, and the automaton over it reports
        # whole-word matches only ("ehr" is never found in "other") with twice the token
        # index as its position, so no offsets are counted or bisected.
        # The shift and setting phrases are read from the same string, so their words have
        # codes too (they are not vocabulary: the fuzzy pass does not correct towards them).
        phrases: dict[str, set[tuple[int, int, str]]] = {}
        for table_index, table in enumerate(
            (ats_posting.SHIFT_PHRASES, ats_posting.SETTING_PHRASES)
        ):
            for order, (code, written_forms) in enumerate(table):
                for written in written_forms:
                    phrases.setdefault(normalize_text(written), set()).add(
                        (table_index, order, code)
                    )
        # Negation, "usp" and chapter words have codes too: the coded reading finds them in
        # the string (see `_read`).
        coded = sorted(
            vocabulary
            | {word for phrase in phrases for word in phrase.split()}
            | ats_posting.NEGATION_TOKENS
            | ats_text.CHAPTER_WORDS
            | {"usp"}
        )
        if len(coded) >= len(_WORD_HIGH) * len(_WORD_LOW):
            raise ValueError(f"{len(coded)} words do not fit the two-character codes.")
        self.word_chars: dict[str, str] = {
            word: _WORD_HIGH[index // len(_WORD_LOW)] + _WORD_LOW[index % len(_WORD_LOW)]
            for index, word in enumerate(coded, start=1)
        }
        phrase_automaton = ahocorasick.Automaton()
        for phrase, values in phrases.items():
            phrase_automaton.add_word(self.word_string(phrase.split()), frozenset(values))
        phrase_automaton.make_automaton()
        self._phrase_automaton = phrase_automaton
        self._code_cache = _CodeCache(self.word_chars)
        self._negation_codes = tuple(
            self.word_chars[word] for word in sorted(ats_posting.NEGATION_TOKENS)
        )
        self._usp_code = self.word_chars["usp"]
        self._chapter_codes = frozenset(self.word_chars[w] for w in ats_text.CHAPTER_WORDS)
        automaton = ahocorasick.Automaton()
        reordered = ahocorasick.Automaton()
        for normalized, form in taxonomy.forms.items():
            term = self.terms[form.term_index]
            info = _FormInfo(
                term.code,
                term.name,
                term.kind,
                term.category,
                EXACT if form.canonical else SYNONYM,
                form.case_sensitive,
                frozenset(form.caps_words),
                not form.case_sensitive
                and not form.caps_words
                and form.whole_word is None
                and not form.reordered
                and not any(char.isdigit() for char in normalized),
                form.whole_word,
                form.reordered,
            )
            key = "".join(map(self.word_chars.__getitem__, normalized.split()))
            if form.reordered:
                # Their own scan (`_reordered_hits`): a form in the other word order never
                # takes text from a form as written.
                reordered.add_word(key, (len(key) // 2, info))
                continue
            # The value gives (words - 1, -words): a match ending at token `end` starts at
            # token `end - (words - 1)`, and the pair sorts leftmost first, longest first.
            n_words = len(key) // 2
            automaton.add_word(key, (n_words - 1, -n_words, info))
        automaton.make_automaton()
        self.automaton = automaton
        reordered.make_automaton()
        self._reordered = reordered if len(reordered) else None
        self._max_form_words = max((n.count(" ") + 1 for n in taxonomy.forms), default=1)
        self.vocabulary = frozenset(vocabulary)
        schedules = taxonomy.by_code.get(SCHEDULES_III_V)
        self._schedules_info = (
            None
            if schedules is None
            else _FormInfo(
                self.terms[schedules].code,
                self.terms[schedules].name,
                self.terms[schedules].kind,
                self.terms[schedules].category,
                SYNONYM,
                False,
                frozenset(),
                False,
            )
        )
        # Fuzzy candidates by (first letter, length of the unknown word): every vocabulary
        # word within the edit budget's length difference, listed once here, not filtered
        # per word. The order of a list does not matter: the answer must be a unique nearest.
        by_letter_length: dict[tuple[str, int], list[str]] = {}
        for word in sorted(vocabulary):
            if len(word) >= FUZZY_MIN_LENGTH - 1 and word.isalpha():
                by_letter_length.setdefault((word[0], len(word)), []).append(word)
        longest = max((length for _, length in by_letter_length), default=0)
        candidates: dict[tuple[str, int], list[str]] = {}
        for letter in {letter for letter, _ in by_letter_length}:
            for length in range(FUZZY_MIN_LENGTH, longest + 3):
                max_edits = 1 if length < 9 else 2
                words = [
                    word
                    for other in range(length - max_edits, length + max_edits + 1)
                    for word in by_letter_length.get((letter, other), ())
                ]
                if words:
                    candidates[(letter, length)] = words
        self._fuzzy_candidates = candidates
        self._correction_cache: dict[str, str | None] = {}

    # -- exact and synonym -------------------------------------------------------------
    def word_string(self, words: Iterable[str]) -> str:
        """Two characters per word (`word_chars`), the string the automaton scans."""
        return "".join(map(self.word_chars.get, words, repeat(_OTHER_WORD)))

    def _scan(self, words: Sequence[str]) -> list[tuple[int, int, _FormInfo]]:
        """(first token, last token + 1, form) of every leftmost-longest match."""
        return self._scan_keeping(self.word_string(words), keep=False)[0]

    def _scan_keeping(
        self, string: str, *, keep: bool = True
    ) -> tuple[list[tuple[int, int, _FormInfo]], list[tuple[int, int, _FormInfo]]]:
        """`_scan` of the words coded in `string`, and every candidate match as (first token,
        -word count, form), sorted: the fuzzy pass adds its candidates to these instead of
        scanning the text again."""
        if not keep:
            return self._scan_longest(string), []
        candidates = [
            ((end >> 1) - before, minus_count, info)
            for end, (before, minus_count, info) in self.automaton.iter(string)
        ]
        if not candidates:
            return [], []
        # Leftmost first, longest first at one start (no two candidates share both).
        candidates.sort()
        chosen: list[tuple[int, int, _FormInfo]] = []
        taken_until = -1
        for first, minus_count, info in candidates:
            if first < taken_until:
                continue
            taken_until = first - minus_count
            chosen.append((first, taken_until, info))
        return chosen, candidates

    def _scan_longest(self, string: str) -> list[tuple[int, int, _FormInfo]]:
        """`_scan_keeping`'s choice without the sorted candidates: the longest match at each
        start is all the leftmost-longest choice ever takes from that start, so only the starts
        (plain ints) are sorted, not a tuple per candidate."""
        longest: dict[int, tuple[int, _FormInfo]] = {}
        for end, (before, minus_count, info) in self.automaton.iter(string):
            first = (end >> 1) - before
            current = longest.get(first)
            if current is None or minus_count < current[0]:
                longest[first] = (minus_count, info)
        chosen: list[tuple[int, int, _FormInfo]] = []
        taken_until = -1
        for first in sorted(longest):
            if first < taken_until:
                continue
            minus_count, info = longest[first]
            taken_until = first - minus_count
            chosen.append((first, taken_until, info))
        return chosen

    # -- reading a document --------------------------------------------------------------
    def _read(self, text: str, *, words: bool = False) -> _Read:
        """The document's word string, offsets and negation words; its words too with
        `words`. Text whose tokens `ats_text.ascii_runs` can split (ASCII, or non-ASCII only
        in separators and quotes) is coded straight from its raw tokens, without the list of
        normalized words: one dictionary look-up per token instead of two, and no word list
        to build or scan for negations. `_read_by_words` is the plain statement of the same."""
        if not words:
            stand_in = ats_text.ascii_stand_in(text)
            if stand_in is not None:
                return self._read_coded(text, stand_in)
        return self._read_by_words(text)

    def _read_by_words(self, text: str) -> _Read:
        words, starts, ends = token_lists(text)
        negations = list(compress(starts, map(ats_posting.NEGATION_TOKENS.__contains__, words)))
        codes = list(map(self.word_chars.get, words, repeat(_OTHER_WORD)))
        return _Read("".join(codes), starts, ends, words, negations, None, codes)

    def _read_coded(self, text: str, stand_in: str) -> _Read:
        raw, starts, ends, folded = ats_text.ascii_runs(stand_in)
        codes = list(map(self._code_cache.__getitem__, raw))
        # What `token_lists` does after the split, on codes: dotted abbreviations become one
        # token, chapter words between "usp" and a number go.
        hints = ats_text.dotted_hints(text)
        if hints:
            for match in ats_text.dotted_matches(text, hints):
                first = bisect_left(starts, match.start())
                last = bisect_left(starts, match.end())
                if first >= last:
                    continue
                code = self.word_chars.get(normalize_word(match.group()), _OTHER_WORD)
                codes[first:last] = [code]
                raw[first:last] = [match.group()]
                starts[first:last] = [match.start()]
                ends[first:last] = [match.end()]
        string = "".join(codes)
        if self._usp_code in string and self._drop_chapter_codes(string, codes, raw, starts, ends):
            string = "".join(codes)
        # Codes sit at even positions only (their two characters come from disjoint sets), so
        # every `find` hit is a whole token.
        negation_tokens: list[int] = []
        for code in self._negation_codes:
            position = string.find(code)
            while position != -1:
                negation_tokens.append(position >> 1)
                position = string.find(code, position + 2)
        negation_tokens.sort()
        negations = [starts[index] for index in negation_tokens]
        return _Read(string, starts, ends, None, negations, folded, codes)

    def _drop_chapter_codes(
        self, string: str, codes: list[str], raw: list[str], starts: list[int], ends: list[int]
    ) -> bool:
        """`ats_text._drop_chapter_words` on codes (a digit word is a digit raw token); True
        when it dropped any. Each "usp" is found in the coded string (a C search, not a
        comparison per token) and handled last first, so a deletion leaves the positions of
        the earlier ones as they were; the chapter words after one "usp" stop before the next."""
        usp, chapter = self._usp_code, self._chapter_codes
        found: list[int] = []
        position = string.find(usp)
        while position != -1:
            found.append(position >> 1)
            position = string.find(usp, position + 2)
        dropped = False
        for index in reversed(found):
            first = last = index + 1
            while last < len(codes) - 1 and codes[last] in chapter:
                last += 1
            if last > first and raw[last].isdigit():
                del codes[first:last], raw[first:last], starts[first:last], ends[first:last]
                dropped = True
        return dropped

    def _accept(
        self, text: str, start: int, end: int, info: _FormInfo, *, typo: bool = False
    ) -> bool:
        """May this match count? `typo`: the fuzzy pass found it, so its word is a typo of
        the form's and is not held to the form's own word."""
        written = text[start:end]
        if (
            info.whole_word is not None
            and not typo
            and (word := fold_word(written)) != info.whole_word
            and _is_english(word, self.dictionary)
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
            if letters in _STATE_ABBREVIATIONS and _COMMA_BEFORE_RE.search(
                text[max(0, start - 3) : start]
            ):
                return False
        if info.caps_words and not info.caps_words <= set(_LETTERS_RE.findall(written)):
            return False
        # "non-sterile compounding" is not sterile compounding (the look needs a "non").
        return not (
            "non" in text[start - 5 if start > 5 else 0 : start].lower()
            and ats_posting.is_prefixed_by_non(text, start)
        )

    def extract(self, text: str, *, fuzzy: bool = True) -> list[Hit]:
        clauses = ats_posting.Clauses(text)
        aspirations = ats_held.Aspirations(text)
        return [
            Hit(info.code, info.name, info.kind, info.category, start, end, text[start:end],
                matched_by, bool(negated),
                not negated and aspirations.is_wanted(start, end, clauses))
            for start, end, info, matched_by, negated in self._find(text, fuzzy, clauses)
        ]  # fmt: skip

    def _find(
        self,
        text: str,
        fuzzy: bool,
        clauses: ats_posting.Clauses,
        read: _Read | None = None,
        *,
        wanted: Container[str] | None = None,
        negations: bool = True,
    ) -> list[_RawHit]:
        """Every hit, by start. Work that cannot change the caller's result is skipped:
        with `wanted`, hits of other codes are neither checked nor returned (with the fuzzy
        pass they are still checked, since an accepted hit keeps a typo fix off its words);
        without `negations`, the negation of each hit is left as None for the caller to read
        when it needs it."""
        if read is None:
            read = self._read(text, words=fuzzy)
        starts, ends = read.starts, read.ends
        clauses.use_negations(read.negations)
        hits: list[_RawHit] = []
        covered: list[tuple[int, int]] = []
        if fuzzy:
            chosen, candidates = self._scan_keeping(read.string)
        else:
            chosen, candidates = self._scan_longest(read.string), []
        nested = self._nested(read.string, chosen)
        if nested:
            chosen = sorted(chosen + nested, key=_first_token)
        lowered = read.folded if read.folded is not None else text.lower()
        # `lower()` keeps offsets unless a character lower-cases to two ("İ").
        same_offsets = len(lowered) == len(text)
        has_non = "non" in lowered  # most texts have none: no per-hit look then
        skip_unwanted = wanted is not None and not fuzzy
        position = 0
        while position < len(chosen):
            first, last, info = chosen[position]
            position += 1
            if skip_unwanted and info.code not in wanted:  # type: ignore[operator]
                continue
            start, end = starts[first], ends[last - 1]
            # One token holds no line break (tokens are letters, digits, quotes, dots).
            if (
                info.plain
                and same_offsets
                and (last - first == 1 or text.find("\n", start, end) == -1)
            ):
                # `_accept` for such a form, without its slices: only "non-" can reject it.
                if (
                    has_non
                    and lowered.find("non", start - 5 if start > 5 else 0, start) != -1
                    and ats_posting.is_prefixed_by_non(text, start)
                ):
                    continue
            elif not self._accept(text, start, end, info):
                continue
            covered.append((first, last))
            if wanted is not None and info.code not in wanted:
                continue
            after = text[end : end + 1]
            if after == ">":
                # "USP <797>" and "<797>": the span keeps the brackets around the number.
                if text.find("<", start, end) != -1:
                    end += 1
                elif start > 0 and text[start - 1] == "<":
                    start, end = start - 1, end + 1
            elif after == ")" and text.find("(", start, end) != -1:
                # "Registered Pharmacy Technician (New York)": the span closes its bracket.
                end += 1
            negated = _negated(text, start, end, clauses) if negations else None
            hits.append((start, end, info, info.matched_by, negated))
        if self._reordered is not None:
            hits.extend(
                self._reordered_hits(text, read, chosen, covered, clauses, wanted, negations)
            )
        if fuzzy:
            words = read.words if read.words is not None else token_lists(text)[0]
            hits.extend(
                self._fuzzy(
                    (words, starts, ends), text, covered, candidates, clauses, wanted, negations
                )
            )
        hits.extend(self._schedule_ranges(text, hits))
        hits.sort(key=_hit_start)
        return _one_hit_per_span(hits)

    def _reordered_hits(
        self,
        text: str,
        read: _Read,
        chosen: list[tuple[int, int, _FormInfo]],
        covered: list[tuple[int, int]],
        clauses: ats_posting.Clauses,
        wanted: Container[str] | None,
        negations: bool,
    ) -> list[_RawHit]:
        """Two-word skills written the other way round ("reconciled medications",
        "reconciliation of medication lists"), where no form as written was found; their
        words must not be split by punctuation ("Skills: Writing" is no "writing skills").
        Text any form as written matched is left alone, whether that match counted or not
        (so skipping unwanted codes in `_find` changes nothing here)."""
        assert self._reordered is not None
        taken = bytearray(len(read.starts))
        for c_first, c_last, _ in chosen:
            taken[c_first:c_last] = b"\x01" * (c_last - c_first)
        hits: list[_RawHit] = []
        for end, (length, info) in self._reordered.iter(read.string):
            last = (end >> 1) + 1
            first = last - length
            if any(taken[first:last]) or (wanted is not None and info.code not in wanted):
                continue
            start, stop = read.starts[first], read.ends[last - 1]
            if not self._accept(text, start, stop, info):
                continue
            taken[first:last] = b"\x01" * (last - first)
            covered.append((first, last))
            negated = _negated(text, start, stop, clauses) if negations else None
            hits.append((start, stop, info, info.matched_by, negated))
        return hits

    def _nested(
        self, string: str, chosen: list[tuple[int, int, _FormInfo]]
    ) -> list[tuple[int, int, _FormInfo]]:
        """Shorter skill forms of other terms inside each chosen skill match of four words or
        more: "USP <797> sterile compounding standard" names the skill of sterile compounding
        too, while a product's name of three ("Pyxis CII Safe") names no second product. The
        longest inner match at each start counts, as in the scan itself."""
        found: list[tuple[int, int, _FormInfo]] = []
        for first, last, outer in chosen:
            # A credential's name holds generic words of other terms ("Texas pharmacy
            # technician registration" is no separate "technician registration").
            if last - first < _NESTED_MIN_WORDS or outer.kind != SKILL:
                continue
            longest: dict[int, tuple[int, _FormInfo]] = {}
            for end, (before, minus_count, info) in self.automaton.iter(
                string, 2 * first, 2 * last
            ):
                inner_first = (end >> 1) - before  # `iter` reports positions in `string`
                if -minus_count >= last - first or info.code == outer.code or info.kind != SKILL:
                    continue
                current = longest.get(inner_first)
                if current is None or minus_count < current[0]:
                    longest[inner_first] = (minus_count, info)
            found.extend(
                (inner_first, inner_first - minus_count, info)
                for inner_first, (minus_count, info) in longest.items()
            )
        return found

    def _schedule_ranges(self, text: str, hits: list[_RawHit]) -> list[_RawHit]:
        # "Schedule II-V" and "CII-CV" name schedules III to V too, which have their own term.
        info = self._schedules_info
        if info is None or not any(hit[2].code == SCHEDULE_II for hit in hits):
            return []
        return [
            (match.start(1), match.end(1), info, SYNONYM, False)
            for match in schedule_range_matches(text)
        ]

    # -- fuzzy ---------------------------------------------------------------------------
    def correct(self, word: str) -> str | None:
        """The single vocabulary word this unknown word is a typo of, or None."""
        cached = self._correction_cache.get(word, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        result: str | None = None
        if (
            len(word) >= FUZZY_MIN_LENGTH
            and word.isalpha()
            and word not in self.vocabulary
            and not _is_english(word, self.dictionary)
        ):
            max_edits = 1 if len(word) < 9 else 2
            choices = self._fuzzy_candidates.get((word[0], len(word)))
            if choices:
                found = process.extract(
                    word,
                    choices,
                    scorer=DamerauLevenshtein.distance,
                    score_cutoff=max_edits,
                    limit=2,
                )
                if found and (len(found) == 1 or found[1][1] > found[0][1]):
                    result = found[0][0]
        if len(self._correction_cache) < 200_000:
            self._correction_cache[word] = result
        return result

    def _fuzzy(
        self,
        tokens: tuple[list[str], list[int], list[int]],
        text: str,
        covered: list[tuple[int, int]],
        candidates: list[tuple[int, int, _FormInfo]],
        clauses: ats_posting.Clauses,
        wanted: Container[str] | None = None,
        negations: bool = True,
    ) -> list[_RawHit]:
        # Distinct unknown words first (a set difference in C), then a correction for each.
        words, starts, ends = tokens
        unknown = set(words).difference(self.vocabulary)
        fixes = {
            word: replacement
            for word in unknown
            if len(word) >= FUZZY_MIN_LENGTH and (replacement := self.correct(word)) is not None
        }
        if not fixes:
            return []
        corrected = list(compress(count(), map(fixes.__contains__, words)))
        corrected_mask = bytearray(len(words))
        for index in corrected:
            corrected_mask[index] = 1
        # The corrected text's candidates: the first scan's (none of them holds a corrected
        # word, since a corrected word is in no form), plus those holding a corrected word,
        # which lie within a form's longest word count of it: only those windows are scanned.
        new: dict[tuple[int, int], _FormInfo] = {}
        reach = self._max_form_words
        for index in corrected:
            low, high = max(0, index - reach + 1), min(len(words), index + reach)
            window = self.word_string([fixes.get(word, word) for word in words[low:high]])
            for end, (before, minus_count, info) in self.automaton.iter(window):
                first = low + (end >> 1) - before
                if any(corrected_mask[first : first - minus_count]):
                    new[(first, minus_count)] = info
        merged = candidates + [(first, minus, info) for (first, minus), info in new.items()]
        merged.sort()  # no two share (first, -count): the new ones hold a corrected word
        covered_mask = bytearray(len(words))
        for c_first, c_last in covered:
            covered_mask[c_first:c_last] = b"\x01" * (c_last - c_first)
        hits: list[_RawHit] = []
        taken_until = -1  # leftmost-longest, as `_scan` chooses, in token positions
        for first, minus_count, info in merged:
            if first < taken_until:
                continue
            last = taken_until = first - minus_count
            if not any(corrected_mask[first:last]) or any(covered_mask[first:last]):
                continue
            start, end = starts[first], ends[last - 1]
            if info.case_sensitive or not self._accept(text, start, end, info, typo=True):
                continue
            if wanted is not None and info.code not in wanted:
                continue
            negated = _negated(text, start, end, clauses) if negations else None
            hits.append((start, end, info, FUZZY, negated))
        return hits

    # -- postings ---------------------------------------------------------------------
    def posting_profile(self, posting_text: str, *, fuzzy: bool = True) -> PostingProfile:
        clauses = ats_posting.Clauses(posting_text)
        read = self._read(posting_text, words=fuzzy)
        hits = self._find(posting_text, fuzzy, clauses, read, negations=False)
        sections: list[ats_posting.Section] | None = None  # read on first need
        # The strongest importance per code; the first hit wins among equals.
        best: dict[str, tuple[int, str, _FormInfo, int, int]] = {}
        for start, end, info, _, negated in hits:
            current = best.get(info.code)
            if current is not None and current[0] == _REQUIRED_RANK:
                continue  # nothing outranks it, and the first hit wins among equals
            if negated is None:
                negated = _negated(posting_text, start, end, clauses)
            if negated:
                importance = NOT_REQUIRED
            elif (cue := clauses.importance(start, end)) is not None:
                importance = cue
            else:
                if sections is None:
                    sections = ats_posting.parse_sections(posting_text)
                importance = ats_posting.section_at(sections, start).importance or REQUIRED
            rank = _IMPORTANCE_RANK[importance]
            if current is None or rank > current[0]:
                best[info.code] = (rank, importance, info, start, end)
        items = tuple(
            PostingItem(info.code, info.name, info.kind, info.category, importance,
                        posting_text[start:end])
            for _, importance, info, start, end in best.values()
        )  # fmt: skip
        experience = ats_posting.parse_experience(posting_text, sections, clauses)
        required_credentials: list[str] = []
        required_skills: list[str] = []
        preferred: list[str] = []
        for item in items:
            if item.importance == REQUIRED:
                if item.kind == CREDENTIAL:
                    required_credentials.append(item.code)
                elif item.kind == SKILL:
                    required_skills.append(item.code)
            elif item.importance == PREFERRED:
                preferred.append(item.code)
        # `ats_posting.parse_shifts` and `parse_settings`, read from the word string scanned
        # above (same words, same phrases, same order: by table row).
        phrases = sorted(
            {value for _, values in self._phrase_automaton.iter(read.string) for value in values}
        )
        return PostingProfile(
            items=items,
            required_credentials=frozenset(required_credentials),
            required_skills=frozenset(required_skills),
            preferred=frozenset(preferred),
            years_required=experience.years_required,
            years_preferred=experience.years_preferred,
            no_experience_required=experience.no_experience_required,
            shifts=tuple(code for table, _, code in phrases if table == 0),
            settings=tuple(code for table, _, code in phrases if table == 1),
        )


_NESTED_MIN_WORDS = 4
_IMPORTANCE_RANK = {REQUIRED: 2, PREFERRED: 1, NOT_REQUIRED: 0}
_REQUIRED_RANK = _IMPORTANCE_RANK[REQUIRED]
_hit_start = itemgetter(0)
_first_token = itemgetter(0)


def _one_hit_per_span(hits: list[_RawHit]) -> list[_RawHit]:
    """Hits by start, without a second hit of a code over text a hit of it already covers."""
    reach: dict[str, int] = {}  # code -> end of its last hit
    kept: list[_RawHit] = []
    for hit in hits:
        code = hit[2].code
        if reach.get(code, -1) > hit[0]:
            continue
        reach[code] = hit[1]
        kept.append(hit)
    return kept


def _negated(text: str, start: int, end: int, clauses: ats_posting.Clauses) -> bool:
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


# --- analysis --------------------------------------------------------------------------
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
_RESUME_HEADINGS: dict[str, tuple[str, re.Pattern[str]]] = {
    "experience": (
        "Experience",
        re.compile(
            r"^\W*(?:professional |work |relevant |pharmacy )?(?:experience|employment"
            r"(?: history)?|work history|career history)\W*$",
            re.I | re.M,
        ),
    ),
    "education": (
        "Education",
        re.compile(
            r"^\W*(?:education(?: and training)?|training|academic background)\W*$", re.I | re.M
        ),
    ),
    "skills": (
        "Skills",
        re.compile(
            r"^\W*(?:(?:technical |core |key |professional )?skills|core competencies|"
            r"competencies|areas of expertise)(?: (?:and|&) \w+)?\W*$",
            re.I | re.M,
        ),
    ),
    "certifications": (
        "Certifications",
        re.compile(
            r"^\W*(?:certifications?|licenses?|licensure|credentials|"
            r"certifications? (?:and|&) licenses?|licenses? (?:and|&) certifications?)\W*$",
            re.I | re.M,
        ),
    ),
}


# A word every heading of each kind holds (in lower case): a heading can only be on a line
# that has one.
_HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "experience": ("experience", "employment", "history"),
    "education": ("education", "training", "academic background"),
    "skills": ("skills", "competencies", "areas of expertise"),
    "certifications": ("certification", "license", "licensure", "credentials"),
}


def _has_heading(
    text: str, lowered: str | None, pattern: re.Pattern[str], words: tuple[str, ...]
) -> bool:
    """`pattern.search(text)` as a yes or no, searched from the line of the first of `words`
    on: a heading pattern (`^...$`, line by line) matches on a line holding one of them, and
    no such line starts before that one. `lowered` has the text's ASCII letters in lower case
    at the same offsets and no other letters (`text.lower()` of ASCII text, or the engine's
    folded reading); without it, the plain search."""
    if lowered is None:
        return pattern.search(text) is not None
    first = -1
    for word in words:
        position = lowered.find(word)
        if position != -1 and (first == -1 or position < first):
            first = position
    if first == -1:
        return False
    return pattern.search(text, text.rfind("\n", 0, first) + 1) is not None


def _has_email(text: str) -> bool:
    """`_EMAIL_RE.search(text)` as a yes or no, tried only just before each "@": a match's
    local part ends right before its "@", and one character of it is enough. (Tried at every
    position, the pattern's `[\\w.+-]+` runs along each word of the resume first.)"""
    at = text.find("@", 1)
    while at != -1:
        if _EMAIL_RE.match(text, at - 1):
            return True
        at = text.find("@", at + 1)
    return False


def resume_checks(
    resume_text: str, file_findings: Iterable[str] = (), *, folded: str | None = None
) -> list[ResumeCheck]:
    """`folded`: the text as the engine's reading folded it (`_Read.folded`), when it has one;
    the heading look then needs no lower-cased copy of a non-ASCII text."""
    checks: list[ResumeCheck] = []
    for finding in file_findings:
        severity, message = FILE_FINDINGS.get(
            finding, ("warning", f"The file check reported: {finding}.")
        )
        checks.append(ResumeCheck(finding, severity, message))
    if not resume_text.strip():
        checks.append(ResumeCheck("empty", "error", "The resume has no text."))
        return checks
    if not _has_email(resume_text):
        checks.append(
            ResumeCheck(
                "missing_email",
                "warning",
                "No email address found: put it near your name at the top.",
            )
        )
    if not _PHONE_RE.search(resume_text):
        checks.append(
            ResumeCheck(
                "missing_phone",
                "warning",
                "No phone number found: put it near your name at the top.",
            )
        )
    if not ats_posting.has_year(resume_text):
        checks.append(
            ResumeCheck(
                "missing_dates",
                "warning",
                "No dates found: give start and end (month and year) for each "
                "job and your education.",
            )
        )
    written_mark = markup.literal_markup(resume_text)
    if written_mark is not None:
        checks.append(
            ResumeCheck(
                "literal_markup",
                "warning",
                f"Formatting marks are written out as characters (“{written_mark}”): an ATS "
                "reads them as part of your words and a recruiter sees them. Use real bold or "
                "italics in your file, or plain text.",
            )
        )
    lowered = folded
    if lowered is None and resume_text.isascii():
        lowered = resume_text.lower()
    for code, (label, pattern) in _RESUME_HEADINGS.items():
        if not _has_heading(resume_text, lowered, pattern, _HEADING_WORDS[code]):
            checks.append(
                ResumeCheck(
                    f"missing_heading_{code}",
                    "warning",
                    f"No “{label}” heading found: ATS parsers look for standard headings; "
                    f"use “{label}” on its own line.",
                )
            )
    return checks


def _suggestion(item: PostingItem, wanted_form: str | None = None) -> str:
    if wanted_form is not None:
        return (
            f"Your resume names {item.name} as something you are working toward "
            f"(“{wanted_form}”), so it does not count as held. Once you have it, list it as "
            f"the posting writes it: “{item.written}”."
        )
    if item.kind == CREDENTIAL:
        return (
            f"If you hold {item.name}, list it under Certifications as the posting "
            f"writes it: “{item.written}”. If you don't, don't add it."
        )
    return (
        f"If you have {item.name} experience, add it in your own words (where, how often, "
        f"with what), using the posting's term “{item.written}”. Add only what you have."
    )


def _through(taxonomy: Taxonomy, resume_forms: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    """Broader code -> (the narrower term's name, its form in the resume), for each broader
    term the resume names only through a narrower one."""
    through: dict[str, tuple[str, str]] = {}
    for code, forms in resume_forms.items():
        for broader in taxonomy.broader.get(code, ()):
            if broader not in resume_forms and broader not in through:
                through[broader] = (taxonomy.terms[taxonomy.by_code[code]].name, forms[0])
    return through


def _wanted_item(item: PostingItem, resume_form: str) -> WantedItem:
    return WantedItem(
        code=item.code,
        name=item.name,
        kind=item.kind,
        importance=item.importance,
        posting_text=item.written,
        resume_text=resume_form,
        message=(
            f"“{resume_form}” reads as wanted or in progress, not held: {item.name} is not counted."
        ),
    )


def _experience_coverage(
    profile: PostingProfile, resume_years: float
) -> tuple[float, float] | None:
    wanted = profile.years_required
    if wanted is None or wanted <= 0:
        return None
    return min(resume_years, wanted), wanted


def _score_parts(
    profile: PostingProfile, resume_codes: frozenset[str] | set[str], resume_years: float
) -> list[tuple[str, float, float]]:
    """(part, matched, total) for each part the posting asks for."""
    parts: list[tuple[str, float, float]] = []
    for name, wanted in (
        ("required_credentials", profile.required_credentials),
        ("required_skills", profile.required_skills),
        ("preferred", profile.preferred),
    ):
        if wanted:
            parts.append((name, float(len(wanted & resume_codes)), float(len(wanted))))
    experience = _experience_coverage(profile, resume_years)
    if experience is not None:
        parts.append(("experience", experience[0], experience[1]))
    return parts


def _score_value(
    profile: PostingProfile, resume_codes: frozenset[str] | set[str], resume_years: float
) -> int:
    """The score of `_score` alone (same arithmetic in the same order), for ranking."""
    parts = _score_parts(profile, resume_codes, resume_years)
    if not parts:
        return 0
    total_weight = sum(WEIGHTS[name] for name, _, _ in parts)
    return round(
        sum(
            round(100 * WEIGHTS[name] / total_weight * matched / total, 1)
            for name, matched, total in parts
        )
    )


def _score(
    *,
    profile: PostingProfile,
    resume_codes: frozenset[str] | set[str],
    resume_years: float,
) -> tuple[int, tuple[ScoreComponent, ...]]:
    parts = _score_parts(profile, resume_codes, resume_years)
    if not parts:
        return 0, ()
    total_weight = sum(WEIGHTS[name] for name, _, _ in parts)
    components = tuple(
        ScoreComponent(
            name=name,
            weight=WEIGHTS[name],
            matched=round(matched, 1),
            total=round(total, 1),
            # Weights of parts the posting does not ask for are shared among the rest.
            points=round(100 * WEIGHTS[name] / total_weight * matched / total, 1),
            max_points=round(100 * WEIGHTS[name] / total_weight, 1),
        )
        for name, matched, total in parts
    )
    return round(sum(component.points for component in components)), components


class Analyzer:
    """The engine: one compiled taxonomy, reused for every analysis and ranking."""

    def __init__(self, taxonomy: Taxonomy, dictionary: frozenset[str] | None = None) -> None:
        self.extractor = Extractor(taxonomy, dictionary)
        # The same posting is analysed again and again (the analysis page re-scores on every
        # resume edit; the API is called with one posting and many resumes): its profile is
        # kept for the most recent postings. Profiles are immutable, so sharing is safe.
        self._posting_profiles = lru_cache(maxsize=POSTING_CACHE_SIZE)(
            self.extractor.posting_profile
        )

    def clear_posting_cache(self) -> None:
        """Forget cached posting profiles (the benchmark measures cold analyses with it)."""
        self._posting_profiles.cache_clear()

    def extract(self, text: str, *, fuzzy: bool = True) -> list[Hit]:
        return self.extractor.extract(text, fuzzy=fuzzy)

    def posting_profile(self, posting_text: str, *, fuzzy: bool = True) -> PostingProfile:
        return self.extractor.posting_profile(posting_text, fuzzy=fuzzy)

    def analyze(
        self,
        *,
        resume_text: str,
        posting_text: str | None = None,
        posting: PostingProfile | None = None,
        file_findings: Iterable[str] = (),
        today: date | None = None,
        fuzzy: bool = True,
    ) -> Analysis:
        """Resume against a posting (its text, or a profile already extracted and cached).

        `file_findings` are codes from the file inspection (tables, text_boxes, images,
        headers_footers, unextractable_text); `resume_text` is the text extracted from it.
        """
        if posting is None:
            if posting_text is None:
                raise ValueError("Give posting_text or posting.")
            posting = self._posting_profiles(posting_text, fuzzy=fuzzy)
        # The resume's forms as written, per code, in text order (no `Hit` objects needed).
        resume_forms: dict[str, list[str]] = {}
        # Only codes the posting names count (the score and the lists read nothing else);
        # Schedule II is kept since its hit is what makes "Schedule II-V" name III to V.
        wanted = {item.code for item in posting.items}
        taxonomy = self.extractor.taxonomy
        # A product counts for its kind ("Omnicell" for automated dispensing cabinets).
        wanted |= taxonomy.narrower_of(wanted)
        wanted.add(SCHEDULE_II)
        # What the resume names only as wanted or in progress ("pursuing the CSPT").
        wanted_forms: dict[str, list[str]] = {}
        read = self.extractor._read(resume_text, words=fuzzy)
        clauses = ats_posting.Clauses(resume_text)
        aspirations = ats_held.Aspirations(resume_text)
        for start, end, info, _, negated in self.extractor._find(
            resume_text, fuzzy, clauses, read, wanted=wanted
        ):
            if negated:
                continue
            if aspirations.is_wanted(start, end, clauses):
                wanted_forms.setdefault(info.code, []).append(resume_text[start:end])
            else:
                resume_forms.setdefault(info.code, []).append(resume_text[start:end])
        through = _through(taxonomy, resume_forms)
        resume_years = ats_posting.resume_experience_years(resume_text, today or date.today())
        score, components = _score(
            profile=posting,
            resume_codes=set(resume_forms) | set(through),
            resume_years=resume_years,
        )
        matched: list[MatchedItem] = []
        missing: list[MissingItem] = []
        hints: list[LiteralHint] = []
        wanted_items: list[WantedItem] = []
        order = {REQUIRED: 0, PREFERRED: 1, NOT_REQUIRED: 2}
        for item in sorted(
            posting.items, key=lambda i: (order[i.importance], i.kind != CREDENTIAL, i.name)
        ):
            if item.kind == REQUIREMENT:
                continue  # an employer checks it, not a resume: listed in `posting.items`
            found = resume_forms.get(item.code)
            via = ""
            if not found and item.code in through:
                via, form = through[item.code]
                found = [form]
            if found:
                matched.append(
                    MatchedItem(
                        item.code,
                        item.name,
                        item.kind,
                        item.category,
                        item.importance,
                        item.written,
                        found[0],
                        via,
                    )
                )
                hint = _literal_hint(item, found)
                if hint is not None:
                    hints.append(hint)
            elif item.importance != NOT_REQUIRED:
                aimed = wanted_forms.get(item.code)
                if aimed:
                    wanted_items.append(_wanted_item(item, aimed[0]))
                missing.append(
                    MissingItem(
                        item.code,
                        item.name,
                        item.kind,
                        item.category,
                        item.importance,
                        item.written,
                        _suggestion(item, aimed[0] if aimed else None),
                    )
                )
        return Analysis(
            score=score,
            components=components,
            computation=_computation(components),
            matched=tuple(matched),
            missing=tuple(missing),
            literal_hints=tuple(hints),
            checks=tuple(resume_checks(resume_text, file_findings, folded=read.folded)),
            posting=posting,
            resume_years=resume_years,
            wanted=tuple(wanted_items),
        )

    def rank_postings(
        self,
        resume_text: str,
        postings: Sequence[PostingProfile],
        *,
        today: date | None = None,
        limit: int | None = None,
    ) -> list[RankedPosting]:
        """Postings (already extracted, e.g. cached per posting) best first."""
        clauses = ats_posting.Clauses(resume_text)
        aspirations = ats_held.Aspirations(resume_text)
        held = {
            info.code
            for start, end, info, _, negated in self.extractor._find(resume_text, True, clauses)
            if not negated and not aspirations.is_wanted(start, end, clauses)
        }
        broader = self.extractor.taxonomy.broader
        resume_codes = frozenset(held.union(*[broader[code] for code in held if code in broader]))
        resume_years = ats_posting.resume_experience_years(resume_text, today or date.today())
        scores = [_score_value(p, resume_codes, resume_years) for p in postings]
        # Best first; a stable sort keeps equal scores in posting order.
        order = sorted(range(len(scores)), key=lambda index: -scores[index])
        if limit is not None:
            order = order[:limit]
        return [RankedPosting(index, scores[index]) for index in order]


@lru_cache(maxsize=65536)
def _normalized(written: str) -> str:
    return normalize_tokens(written).text


def _literal_hint(item: PostingItem, found: list[str]) -> LiteralHint | None:
    # ATS keyword search is often literal: if the posting says "CPhT" and the resume only
    # "certified pharmacy technician", the member should write the posting's form too.
    posting_form = _normalized(item.written)
    for written in found:
        if _normalized(written) == posting_form:
            return None
    resume_form = found[0]
    return LiteralHint(
        code=item.code,
        name=item.name,
        posting_text=item.written,
        resume_text=resume_form,
        message=(
            f"The posting writes “{item.written}”; your resume says “{resume_form}”. "
            f"Some ATS search for the exact words: write both, e.g. "
            f"“{resume_form} ({item.written})”."
        ),
    )


def _computation(components: Sequence[ScoreComponent]) -> str:
    if not components:
        return (
            "The posting names no skills, credentials or years we recognise, so there is no score."
        )
    parts = [
        f"{c.name.replace('_', ' ')}: {c.matched:g} of {c.total:g}, weight {c.weight}"
        f" = {c.points:g} points"
        for c in components
    ]
    return (
        "; ".join(parts)
        + ". Weights of parts the posting does not ask for are shared among the rest."
    )


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words of four letters or more (english-words, MIT licence)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    return frozenset(word for word in words if len(word) >= 4)


# The word list has no inflections; a word whose stem is English is English too
# ("coordinator" from "coordinate", "labeled" from "label").
_SUFFIXES = (
    ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("er", ""), ("er", "e"), ("or", "e"),
    ("ion", ""), ("ion", "e"), ("ly", ""), ("s", ""), ("es", ""), ("al", ""),
)  # fmt: skip


def _is_english(word: str, dictionary: frozenset[str]) -> bool:
    """Is this word (a stem, as the matcher reads words) English? A stem is where an English
    word begins ("communit" of "community"), so a word of the dictionary starting with it
    counts too; a typo ("omnicel", "pyxsis") starts none."""
    if word in dictionary:
        return True
    for suffix, replacement in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and stem + replacement in dictionary:
            return True
    ordered = _sorted_words(dictionary)
    index = bisect_left(ordered, word)
    return index < len(ordered) and ordered[index].startswith(word)


@lru_cache(maxsize=4)
def _sorted_words(dictionary: frozenset[str]) -> list[str]:
    return sorted(dictionary)


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The engine over the repository's data files, built once per process."""
    return Analyzer(load_taxonomy())


def rank_postings(
    resume_text: str, postings: Sequence[PostingProfile], *, limit: int | None = None
) -> list[RankedPosting]:
    return default_analyzer().rank_postings(resume_text, postings, limit=limit)


def extract(text: str, *, fuzzy: bool = True) -> list[Hit]:
    return default_analyzer().extract(text, fuzzy=fuzzy)


def analyze(*, resume_text: str, posting_text: str, file_findings: Iterable[str] = ()) -> Analysis:
    return default_analyzer().analyze(
        resume_text=resume_text, posting_text=posting_text, file_findings=file_findings
    )


__all__ = [
    "EXACT",
    "FUZZY",
    "SYNONYM",
    "Analysis",
    "Analyzer",
    "Extractor",
    "Hit",
    "PostingProfile",
    "analyze",
    "default_analyzer",
    "extract",
    "rank_postings",
]
