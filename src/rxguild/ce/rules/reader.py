"""Typed, strict reading of rule-set tables: errors name the file, section and field."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from rxguild.ce.rules.model import (
    AUDIENCES,
    CONFIDENCES,
    EARLIEST_CHECKED,
    FORMATS,
    KNOWN_TAGS,
    RECORD_KINDS,
    STATE_LAW_TAG,
    Cap,
    Match,
    RuleSetError,
)


class _Reader:
    """Typed field access that raises errors naming file, section and field."""

    def __init__(self, filename: str, where: str, table: dict[str, Any]) -> None:
        self.filename = filename
        self.where = where
        self.table = table

    def error(self, name: str, problem: str) -> RuleSetError:
        return RuleSetError(f"{self.filename}: {self.where}: field {name!r} {problem}")

    def text(self, name: str, *, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.error(name, "is missing or not text")
        return value

    def choice(self, name: str, choices: tuple[str, ...], *, default: str | None = None) -> str:
        value = self.text(name, default=default)
        if value not in choices:
            raise self.error(name, f"is {value!r}; expected one of {', '.join(choices)}")
        return value

    def decimal(self, name: str, *, default: Decimal | None = None) -> Decimal:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self.error(name, "is missing or not a number")
        number = Decimal(value)
        if number < 0 or not number.is_finite():
            raise self.error(name, "must be zero or more")
        return number

    def integer(self, name: str, *, default: int | None = None) -> int | None:
        value = self.table.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.error(name, "must be a whole number, zero or more")
        return value

    def boolean(self, name: str, *, default: bool) -> bool:
        value = self.table.get(name, default)
        if not isinstance(value, bool):
            raise self.error(name, "must be true or false")
        return value

    def day(self, name: str, *, optional: bool = False) -> date | None:
        value = self.table.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, date):
            raise self.error(name, "must be a date like 2020-09-01")
        return value

    def checked(self) -> date:
        """The date a fact was last checked against its source (required on every fact)."""
        value = self.day("checked")
        assert value is not None
        if value < EARLIEST_CHECKED:
            raise self.error("checked", f"is {value}; expected {EARLIEST_CHECKED} or later")
        return value

    def strings(self, name: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(name, "must be a list of text")
        if required and not value:
            raise self.error(name, "must list at least one entry")
        return tuple(value)

    def table_of(self, name: str) -> dict[str, Any]:
        value = self.table.get(name, {})
        if not isinstance(value, dict):
            raise self.error(name, "must be a table")
        return value


def _read_match(reader: _Reader, name: str = "match") -> Match:
    sub = _Reader(reader.filename, f"{reader.where}.{name}", reader.table_of(name))
    topics = sub.strings("topics")
    tags = sub.strings("tags")
    kinds = sub.strings("kinds")
    formats = sub.strings("formats")
    audiences = sub.strings("audiences")
    unknown_keys = set(sub.table) - {"topics", "tags", "kinds", "formats", "audiences"}
    if unknown_keys:
        raise sub.error(sorted(unknown_keys)[0], "is not a known match field")
    for topic in topics:
        if not re.fullmatch(r"[0-9]{2}", topic):
            raise sub.error("topics", f"has {topic!r}; topics are two digits like '03'")
    for tag in tags:
        if tag not in KNOWN_TAGS and not STATE_LAW_TAG.fullmatch(tag):
            raise sub.error("tags", f"has unknown tag {tag!r}")
    for kind in kinds:
        if kind not in RECORD_KINDS:
            raise sub.error("kinds", f"has {kind!r}; expected one of {', '.join(RECORD_KINDS)}")
    for letter in formats:
        if letter not in FORMATS:
            raise sub.error("formats", f"has {letter!r}; expected L, H or B")
    for audience in audiences:
        if audience not in AUDIENCES:
            raise sub.error("audiences", f"has {audience!r}; expected T or P")
    return Match(
        topics=frozenset(topics),
        tags=frozenset(tags),
        kinds=frozenset(kinds),
        formats=frozenset(formats),
        audiences=frozenset(audiences),
    )


def _read_caps(reader: _Reader, owner: str) -> tuple[Cap, ...]:
    raw = reader.table.get("caps", [])
    if not isinstance(raw, list):
        raise reader.error("caps", "must be a list of [[caps]] tables")
    caps: list[Cap] = []
    for index, table in enumerate(raw):
        code = table.get("code", f"#{index + 1}") if isinstance(table, dict) else f"#{index + 1}"
        cap = _Reader(reader.filename, f"{owner} cap {code!r}", table)
        caps.append(
            Cap(
                code=cap.text("code"),
                label=cap.text("label"),
                match=_read_match(cap),
                max_hours=cap.decimal("max_hours"),
                reason=cap.text("reason"),
                source=cap.text("source"),
                per_day=cap.boolean("per_day", default=False),
                checked=cap.checked(),
                confidence=cap.choice("confidence", CONFIDENCES),
            )
        )
    return tuple(caps)
