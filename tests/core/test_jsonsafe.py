"""core.jsonsafe: the one JSON reader refuses lone surrogates and deep nesting, clearly."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.core.jsonsafe import MAX_DEPTH, JsonInputError, json_loads


def test_lone_surrogate_is_refused() -> None:
    with pytest.raises(JsonInputError, match="lone UTF-16 surrogate"):
        json_loads(b'{"employer": "\\ud800"}')


def test_lone_surrogate_in_a_key_is_refused() -> None:
    with pytest.raises(JsonInputError, match="lone UTF-16 surrogate"):
        json_loads('{"\\udfff": 1}')


def test_surrogate_pair_is_a_real_character() -> None:
    assert json_loads(b'{"name": "\\ud83d\\ude00"}') == {"name": "\U0001f600"}


def test_deep_nesting_is_refused_before_parsing() -> None:
    with pytest.raises(JsonInputError, match=f"nested too deeply: the limit is {MAX_DEPTH}"):
        json_loads("[" * 5000 + "]" * 5000)


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"note": "[" * 500, "escaped": '\\"[[[[' + "{" * 200})
    assert json_loads(text)["note"] == "[" * 500


def test_nesting_at_the_limit_is_accepted() -> None:
    assert json_loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


def test_not_utf8_and_not_json_are_clear() -> None:
    with pytest.raises(JsonInputError, match="not UTF-8"):
        json_loads(b"\xff\xfe{}")
    with pytest.raises(JsonInputError, match="not valid JSON"):
        json_loads(b"{nope")


# Storable text: any characters but NUL (hypothesis already leaves out lone surrogates).
STORABLE_TEXT = st.text(st.characters(exclude_characters="\x00"))


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | STORABLE_TEXT,
        lambda c: st.lists(c) | st.dictionaries(STORABLE_TEXT, c),
        max_leaves=30,
    )
)
def test_any_storable_document_round_trips(document: object) -> None:
    assert json_loads(json.dumps(document)) == document


def test_nul_anywhere_is_refused() -> None:
    with pytest.raises(JsonInputError, match="NUL character"):
        json_loads('{"work": [{"ok": "yes", "not\\u0000ok": 1}]}')
