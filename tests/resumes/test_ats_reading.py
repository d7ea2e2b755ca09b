"""The engine's fast reading of a document gives exactly what the plain reading gives.

`ats_text.ascii_runs` splits without the token regex, `Extractor._read_coded` codes raw tokens
without the word list, `Extractor._find` skips work for hits that cannot change its caller's
result, and `posting_profile` reads shifts and settings from the coded words: each is checked
here against the plain statement of the same thing, on random text and on the evaluation set.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.resumes import ats, ats_forms, ats_posting, ats_text, ats_years
from rxguild.resumes.ats import (
    NOT_REQUIRED,
    REQUIRED,
    SCHEDULE_II,
    default_analyzer,
)
from rxguild.resumes.ats_eval import load_documents
from rxguild.resumes.ats_profile import _IMPORTANCE_RANK

# Pieces that exercise the split: quotes inside and around words, letters touching digits,
# dotted abbreviations, "USP" with chapter words, negations, non-ASCII separators and letters.
PIECES = [
    "don't", "'90s", "USP797", "USP", "usp", "Chapter", "General", "ch", "<797>", "797", "401k",
    "a'b'c", "x'", "'", "''", "C.Ph.T.", "A.A.S.", "e.g.", "rock'n'roll", "12hr", "a1b2", "José",
    "\u2019s", "pharmacists'", "3'4", "ab'1", "1'ab", "\u2022", "\u2013", "\u00a0", "no", "not",
    "without", "never", "None", "doesn't", "won\u2019t", "Sterile", "compounding", "non-sterile",
    "IV", "room", "Pyxis", "PA", "Pittsburgh,", "prior", "authorizations", "required",
    "preferred", "a plus", "nights", "Day shift", "LTC", "retail", "hospital", " ", "  ", "\n",
    "\n\n", "-", ".", ",", ":", ";", "(", ")", "/",
]  # fmt: skip
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet="aAsS1' .\n-", max_size=5)),
    max_size=40,
).map(" ".join)
glued = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@pytest.fixture(scope="module")
def real():
    return default_analyzer()


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, glued))
def test_ascii_runs_split_like_the_token_pattern(text: str) -> None:
    stand_in = ats_text.ascii_stand_in(text)
    if stand_in is None:
        return  # a non-ASCII letter or digit: the token pattern is used as it is
    raw, starts, ends, folded = ats_text.ascii_runs(stand_in)
    words, ref_starts, ref_ends = ats_text._split_reference(text)
    assert [ats_text.normalize_word(token) for token in raw] == words
    assert (starts, ends) == (ref_starts, ref_ends)
    assert folded == stand_in.translate(ats_text._FOLD)


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, glued))
def test_the_ascii_split_gives_the_token_pattern(text: str) -> None:
    stand_in = ats_text.ascii_stand_in(text)
    if stand_in is None:
        return
    folded = stand_in.translate(ats_text._FOLD)
    words, starts, _ = ats_text._split_reference(text)
    raw, split_starts = ats_text.runs_by_split(stand_in, folded)
    assert ([ats_text.normalize_word(t) for t in raw], split_starts) == (words, starts)


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, glued))
def test_the_longest_match_per_start_is_the_leftmost_longest_choice(real, text: str) -> None:
    # `_scan_longest` (no candidate list kept) chooses what the sorted candidates choose.
    read = real.extractor._read(text)
    chosen, _ = real.extractor._scan_keeping(read.string, keep=True)
    assert real.extractor._scan_longest(read.string) == chosen
    assert read.codes is not None
    assert "".join(read.codes) == read.string


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, glued))
def test_coded_reading_equals_the_reading_by_words(real, text: str) -> None:
    extractor = real.extractor
    plain = extractor._read_by_words(text)
    fast = extractor._read(text)
    assert (fast.string, fast.starts, fast.ends, fast.negations) == (
        plain.string,
        plain.starts,
        plain.ends,
        plain.negations,
    )


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, glued))
def test_hits_from_the_coded_reading_equal_those_from_the_words(real, text: str) -> None:
    extractor = real.extractor
    fast = extractor._find(text, False, ats_posting.Clauses(text), extractor._read(text))
    plain = extractor._find(text, False, ats_posting.Clauses(text), extractor._read_by_words(text))
    assert fast == plain


def test_coded_reading_equals_the_reading_by_words_on_the_evaluation_set(real) -> None:
    extractor = real.extractor
    for document in load_documents():
        plain = extractor._read_by_words(document.text)
        fast = extractor._read(document.text)
        assert fast[:3] == plain[:3], document.id
        assert fast.negations == plain.negations, document.id


def _reference_best(extractor, text: str, fuzzy: bool):
    """`posting_profile`'s importance per code as it was written first: negation and
    importance worked out for every hit."""
    clauses = ats_posting.Clauses(text)
    sections = ats_posting.parse_sections(text)
    best = {}
    for start, end, info, _, negated in extractor._find(text, fuzzy, clauses):
        if negated:
            importance = NOT_REQUIRED
        else:
            importance = (
                clauses.importance(start, end)
                or ats_posting.section_at(sections, start).importance
                or REQUIRED
            )
        rank = _IMPORTANCE_RANK[importance]
        current = best.get(info.code)
        if current is None or rank > current[0]:
            best[info.code] = (rank, importance, text[start:end])
    return [(code, importance, written) for code, (_, importance, written) in best.items()]


@pytest.mark.parametrize("fuzzy", [False, True], ids=["exact", "fuzzy"])
def test_posting_profile_equals_the_reading_of_every_hit(real, fuzzy: bool) -> None:
    for document in load_documents():
        profile = real.extractor.posting_profile(document.text, fuzzy=fuzzy)
        assert [(i.code, i.importance, i.written) for i in profile.items] == _reference_best(
            real.extractor, document.text, fuzzy
        ), document.id


@settings(max_examples=300, deadline=None)
@given(texts)
def test_posting_profile_equals_the_reading_of_every_hit_on_random_text(real, text: str) -> None:
    profile = real.extractor.posting_profile(text, fuzzy=False)
    assert [(i.code, i.importance, i.written) for i in profile.items] == _reference_best(
        real.extractor, text, False
    )


@settings(max_examples=300, deadline=None)
@given(texts)
def test_shifts_and_settings_from_the_coded_words_equal_the_phrase_scan(real, text) -> None:
    profile = real.extractor.posting_profile(text, fuzzy=False)
    assert list(profile.shifts) == ats_posting.parse_shifts(text)
    assert list(profile.settings) == ats_posting.parse_settings(text)


def test_shifts_and_settings_on_the_evaluation_set(real) -> None:
    for document in load_documents():
        profile = real.extractor.posting_profile(document.text)
        assert list(profile.shifts) == ats_posting.parse_shifts(document.text), document.id
        assert list(profile.settings) == ats_posting.parse_settings(document.text), document.id


@pytest.mark.parametrize("fuzzy", [False, True], ids=["exact", "fuzzy"])
def test_hits_of_wanted_codes_are_the_same_with_the_others_skipped(real, fuzzy: bool) -> None:
    documents = load_documents()
    postings = [d for d in documents if d.kind == "posting"]
    for document in documents:
        every = real.extractor._find(document.text, fuzzy, ats_posting.Clauses(document.text))
        for posting in postings[:8]:
            wanted = {item.code for item in real.posting_profile(posting.text).items}
            wanted.add(SCHEDULE_II)
            found = real.extractor._find(
                document.text, fuzzy, ats_posting.Clauses(document.text), wanted=wanted
            )
            kept = [hit for hit in every if hit[2].code in wanted]
            assert [hit for hit in found if hit[2].code in wanted] == kept, document.id


def _stand_in_by_search(text: str) -> str | None:
    """The stand-in as first written: every non-ASCII character found by a regex."""
    if text.isascii():
        return text
    for char in set(re.findall(r"[^\x00-\x7f]", text)):
        if char == "\u2019":
            text = text.replace(char, "'")
        elif ats_text._TOKEN_RE.match(char) is None:
            text = text.replace(char, " ")
        else:
            return None
    return text


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        texts,
        glued,
        st.text(alphabet=st.characters(blacklist_categories=()), max_size=30),
        st.text(alphabet="a \u2019\u2022\u2013\ud800\udc00\u00e9\u0301\u00b2", max_size=20),
    )
)
def test_stand_in_equals_the_search_for_each_non_ascii_character(text: str) -> None:
    assert ats_text.ascii_stand_in(text) == _stand_in_by_search(text)


SCHEDULE_PIECES = [
    "Schedule", "schedules", "SCHEDULES", "C", "c", "C-", "xC", "_C", "aschedule", "II", "ii",
    "iI", "III", "I", "-", "\u2013", "through", "to", "TO", " - ", "V", "CV", "C-V", "v", "VI",
    "c-v", "\u0130", "\u017f", " ", "  ", "\n", "\u00a0", ".",
]  # fmt: skip
schedule_texts = st.lists(
    st.one_of(st.sampled_from(SCHEDULE_PIECES), st.text(alphabet="CIVciv- ", max_size=4)),
    max_size=16,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(schedule_texts)
def test_schedule_ranges_equal_the_plain_search(text: str) -> None:
    assert [m.span() for m in ats.schedule_range_matches(text)] == [
        m.span() for m in ats_forms._SCHEDULE_RANGE_RE.finditer(text)
    ]


YEARS_PIECES = [
    "minimum", "Min.", "at least", "AT LEAST", "of", "a", "an", "An", "one", "Two", "three",
    "ten", "twelve", "eighteen", "1", "2", "3.5", "10", "(2)", "+", "plus", "-", "\u2013", "to",
    "or", "years", "Year", "yrs", "months", "mo", "mos", " ", "  ", "\n", "experience", "data",
    "x", "\u0130", "\u212a",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(YEARS_PIECES), max_size=16).map(" ".join))
def test_years_before_a_unit_equal_the_plain_search(text: str) -> None:
    plain_case = text.isascii() or not ats_posting.has_case_specials(text)
    for unit in ats_years._UNIT_RE.finditer(text):
        expected = next(
            (
                candidate.span()
                for candidate in ats_years._YEARS_RE.finditer(
                    text, max(0, unit.start() - 48), unit.end()
                )
                if candidate.end() == unit.end()
            ),
            None,
        )
        found = ats_years.years_before(text, unit.start(), unit.end(), plain_case=plain_case)
        assert (found.span() if found else None) == expected
