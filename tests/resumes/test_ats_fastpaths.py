"""The engine's shortcuts find exactly what the plain patterns they stand for find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.resumes import ats_checks, ats_posting, ats_text, ats_years
from rxguild.resumes.ats import default_analyzer

# Pieces that exercise the shortcuts: cue and unit words in any case, dotted abbreviations,
# non-ASCII letters, digits and separators, and the characters whose case rules differ.
PIECES = [
    "preferred", "Prefer", "A PLUS", "is a plus", "plus", "Desirable", "nice to have",
    "bonus", "helpful", "an advantage", "advantageous", "ideally", "optional", "Required",
    "requires", "MUST", "mandatory", "essential", "needed", "minimum", "years", "yr", "Yrs",
    "month", "mos", "Moderate", "C.Ph.T.", "U.S.P.", "e.g.", "a.b.c.", "A.A.S.", "x.", "José",
    "don\u2019t", "x\u00b2", "\u0663", "\u2022", "\u2013", "\u0130", "\u0131", "\u017f",
    "\u212a", "e\u0301", " ", "  ", "\n", ".", ":", ";", "-", "'", "<797>", "12", "3+",
]  # fmt: skip
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet="aAsSkKiI.:' \n2", max_size=6)),
    max_size=30,
).map("".join)
PLAIN_CLAUSE_BREAK_RE = re.compile(r"[\n;•·▪●!?]|\.(?=\s)|\.$|:\s")


def spans(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_cue_and_unit_search_equals_the_plain_pattern(text: str) -> None:
    assert spans(ats_posting.finditer_at(ats_posting._CUE_RE, text, ats_posting._CUE_STARTS)) == (
        spans(list(ats_posting._CUE_RE.finditer(text)))
    )
    assert spans(
        ats_posting.finditer_at(ats_years._UNIT_RE, text, ats_years._UNIT_STARTS)
    ) == spans(list(ats_years._UNIT_RE.finditer(text)))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clause_breaks_equal_the_plain_alternation(text: str) -> None:
    assert spans(list(ats_posting._CLAUSE_BREAK_RE.finditer(text))) == spans(
        list(PLAIN_CLAUSE_BREAK_RE.finditer(text))
    )


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clause_breaks_by_character_search_equal_the_pattern(text: str) -> None:
    found = list(ats_posting._CLAUSE_BREAK_RE.finditer(text))
    assert ats_posting.clause_breaks(text) == (
        [match.start() for match in found],
        [match.end() for match in found],
    )


@settings(max_examples=400, deadline=None)
@given(texts)
def test_dotted_hints_equal_the_plain_search(text: str) -> None:
    assert spans(ats_text.dotted_hints(text)) == spans(
        list(ats_text._DOTTED_HINT_RE.finditer(text))
    )


@settings(max_examples=400, deadline=None)
@given(texts)
def test_ascii_stand_in_splits_like_the_unicode_pattern(text: str) -> None:
    stand_in = ats_text.ascii_stand_in(text)
    if stand_in is None:
        return  # a non-ASCII letter or digit: the Unicode pattern is used as it is
    assert len(stand_in) == len(text)
    fast = ats_text._ASCII_SPLIT_RE.split(stand_in)
    plain = ats_text._SPLIT_RE.split(text)
    assert [len(part) for part in fast] == [len(part) for part in plain]
    assert [ats_text.normalize_word(raw) for raw in fast[1::2]] == [
        ats_text.normalize_word(raw) for raw in plain[1::2]
    ]


def test_sections_read_the_same_without_line_ends() -> None:
    text = "Requirements:\n\n- CPhT\nPreferred\nnice\n"
    assert [(s.start, s.importance) for s in ats_posting.parse_sections(text)] == [
        (0, None),
        (0, "required"),
        (22, "preferred"),
    ]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a_1.@+-é \n", max_size=24))
def test_email_look_equals_the_plain_search(text: str) -> None:
    assert ats_checks._has_email(text) is (ats_checks._EMAIL_RE.search(text) is not None)


HEADING_PIECES = [
    "Experience", "WORK HISTORY", "Professional experience", "Employment History", "Skills",
    "skills & tools", "Core Competencies", "areas of expertise", "Education", "Training",
    "Education and Training", "Licenses and Certifications", "Certification", "credentials",
    "licensure", "\u017fkills", "\u212aey Skills", "\u0130", "x", "Pyxis", "\n", "\n\n", " ",
    ":", "\u2022", "-", "*", "2021", "areas\u00a0of expertise", "Jos\u00e9", "work\u2013history",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HEADING_PIECES), max_size=12).map("".join))
def test_heading_look_equals_the_plain_search(text: str) -> None:
    # The look is given the engine's folded reading, which exists when every non-ASCII
    # character is a separator, or `text.lower()` of ASCII text; otherwise no look.
    folded = default_analyzer().extractor._read(text).folded
    lowered = text.lower() if text.isascii() else None
    for code, (_, pattern) in ats_checks._RESUME_HEADINGS.items():
        plain = pattern.search(text) is not None
        for reading in (folded, lowered, None):
            assert (
                ats_checks._has_heading(text, reading, pattern, ats_checks._HEADING_WORDS[code])
                is plain
            ), code


YEAR_PIECES = [
    "2019", "1998", "2020", "19", "20", "201", "12/2019", "Jan", "Sept.", "March", "- ", "\u2013",
    "\u2014", " to ", "through", "Present", "current", " ", "\n", "x", "a2019", "20199", "5",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(YEAR_PIECES), max_size=14).map("".join))
def test_year_searches_from_the_centuries_equal_the_plain_search(text: str) -> None:
    positions = ats_posting.word_positions(ats_years._CENTURIES, text)
    assert spans(ats_posting.matches_from(ats_years._RANGE_RE, text, positions)) == spans(
        list(ats_years._RANGE_RE.finditer(text))
    )
    assert ats_years.has_year(text) is (ats_years.YEAR_RE.search(text) is not None)
