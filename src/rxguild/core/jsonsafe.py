"""The one JSON reader for member-sent documents (API bodies, JSON imports).

`json.loads` accepts three things the rest of the app cannot store or walk: lone UTF-16
surrogates ("\\ud800" decodes to a str that no database or UTF-8 encoder accepts), NUL
characters ("\\u0000", refused by PostgreSQL's text columns) and deep nesting (5,000
levels overflow Python's recursion limit in the parser or in later walks). All three are
refused here with a clear message, so no caller meets them as a 500.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # far beyond any real document (JSON Resume is 4 deep), far below recursion
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonInputError(ValueError):
    """The document is not JSON this app can accept; the message says why, for the member."""


def _check_depth(text: str) -> None:
    # Brackets inside strings don't nest: drop the strings, then count the rest.
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise JsonInputError(f"The JSON is nested too deeply: the limit is {MAX_DEPTH} levels.")


def _check_text(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise JsonInputError(
                "The JSON contains an invalid character (a lone UTF-16 surrogate such as \\ud800)."
            ) from None
        if "\x00" in value:
            # Valid JSON, but no text means it, and PostgreSQL's text columns refuse it.
            raise JsonInputError(
                "The JSON contains a NUL character (\\u0000), which text can't hold."
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


def json_loads(raw: bytes | str) -> Any:
    """Parse `raw` as JSON or raise JsonInputError with a message fit to show the member."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise JsonInputError("The JSON is not UTF-8 text.") from None
    else:
        text = raw
    _check_depth(text)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonInputError(f"The body is not valid JSON ({error}).") from None
    _check_text(value)
    return value
