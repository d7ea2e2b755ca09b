"""Reading the reference-fact files under ``data/`` (TOML): one way for every app.

A fact file is a TOML document whose entries each say where the fact comes from (``source``)
and how sure we are of it (``confidence``): a wrong rule misleads a technician, so an entry
without them does not load. Problems are reported with the file, the entry and the field, and
collected before raising, so a data editor fixes a file in one pass.

Pure Python (no Django import): engines, management commands and tests read the same files
the same way, without a database.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

CONFIDENCES = ("high", "medium", "low", "unverified")
# Facts a page shows with a "check with the source" note.
LOW_CONFIDENCES = frozenset({"low", "unverified"})
# An entry's code: a lower-case slug (letters, digits, hyphens).
CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class FactProblem:
    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry is not None:
            where += f", entry {self.entry}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class FactFileError(Exception):
    """One or more fact files are invalid; nothing may use them."""

    def __init__(self, problems: Sequence[FactProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))


def parse_toml(
    content: bytes | str, *, name: str, parse_float: Callable[[str], Any] = float
) -> dict[str, Any]:
    """A TOML document from a file's bytes (or text); FactFileError names the file."""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        return tomllib.loads(text, parse_float=parse_float)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FactFileError([FactProblem(name, None, None, f"is not valid TOML: {exc}")]) from exc


def read_toml(path: Path, *, parse_float: Callable[[str], Any] = float) -> dict[str, Any]:
    """A TOML file; FactFileError when it is missing or not valid TOML."""
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise FactFileError([FactProblem(path.name, None, None, "file not found")]) from exc
    return parse_toml(content, name=path.name, parse_float=parse_float)


def entry_label(position: int, raw: Mapping[str, Any], key: str = "code") -> str:
    """How problems name an entry: its position in the file and, when it has one, its code."""
    code = raw.get(key)
    return f"#{position} '{code}'" if isinstance(code, str) and code else f"#{position}"


def sourced_problems(raw: Mapping[str, Any], *, file: str, entry: str) -> list[FactProblem]:
    """What is wrong with one entry's ``source`` and ``confidence`` (nothing when both hold)."""
    problems: list[FactProblem] = []
    EntryReader(file, entry, raw, problems).sourced()
    return problems


def read_fact_file(
    path: Path, fact_keys: Iterable[str] = (), *, whole_file: bool = False
) -> dict[str, Any]:
    """A fact file whose facts must each carry a source and a confidence: the tables under
    each of `fact_keys` (an array of tables, or one table), and with `whole_file` the document
    itself (a file that is one fact). FactFileError lists every fact that does not."""
    document = read_toml(path)
    problems: list[FactProblem] = []
    if whole_file:
        problems.extend(sourced_problems(document, file=path.name, entry="(the file)"))
    for key in fact_keys:
        facts = document.get(key)
        if isinstance(facts, dict):
            problems.extend(sourced_problems(facts, file=path.name, entry=f"[{key}]"))
            continue
        if not isinstance(facts, list):
            problems.append(FactProblem(path.name, None, key, "a list of entries is required"))
            continue
        for position, raw in enumerate(facts, start=1):
            if not isinstance(raw, dict):
                label = f"{key} #{position}"
                problems.append(FactProblem(path.name, label, None, "must be a table"))
                continue
            label = f"{key} {entry_label(position, raw)}"
            problems.extend(sourced_problems(raw, file=path.name, entry=label))
    if problems:
        raise FactFileError(problems)
    return document


@dataclass
class EntryReader:
    """Field accessors for one entry of a fact file that record problems instead of raising."""

    file: str
    label: str
    raw: Mapping[str, Any]
    problems: list[FactProblem]
    allowed: frozenset[str] = field(default_factory=frozenset)
    # Column sizes, checked here so a long value is a named problem rather than a database
    # error halfway through a load (PostgreSQL enforces them, SQLite does not).
    max_lengths: Mapping[str, int] = field(default_factory=dict)

    def problem(self, field_name: str | None, message: str) -> None:
        self.problems.append(FactProblem(self.file, self.label, field_name, message))

    def check_unknown_fields(self) -> None:
        for key in sorted(set(self.raw) - self.allowed):
            self.problem(key, f"unknown field (allowed: {', '.join(sorted(self.allowed))})")

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.raw.get(name, "")
        if not isinstance(value, str):
            self.problem(name, f"must be text, got {type(value).__name__}")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(name, "is required")
        limit = self.max_lengths.get(name)
        if limit is not None and len(value) > limit:
            self.problem(name, f"is {len(value)} characters long (at most {limit})")
        return value

    def code(self, name: str = "code") -> str:
        value = self.text(name, required=True)
        if value and not CODE_RE.match(value):
            self.problem(name, f"'{value}' is not a lower-case slug (letters, digits, hyphens)")
        return value

    def choice(self, name: str, choices: Iterable[str], what: str) -> str:
        value = self.text(name, required=True)
        options = tuple(choices)
        if value and value not in options:
            self.problem(name, f"unknown {what} '{value}' (expected one of: {', '.join(options)})")
        return value

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "must be a list of text")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def number(self, name: str) -> Decimal | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.problem(name, f"must be a number, got {type(value).__name__}")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(name, f"'{value}' is not a number")
            return None
        if number < 0:
            self.problem(name, "must not be negative")
        return number

    def integer(self, name: str) -> int | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(name, "must be a whole number of at least 0")
            return None
        return value

    def sourced(self) -> tuple[str, str]:
        """The entry's source and confidence, every fact's required pair."""
        source = self.text("source", required=True)
        confidence = self.choice("confidence", CONFIDENCES, "confidence")
        return source, confidence
