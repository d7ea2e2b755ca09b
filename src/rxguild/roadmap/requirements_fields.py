"""Typed field access for one table of the requirements files: every problem is recorded with
the entry and the field named, instead of stopping at the first. Pure Python (no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from rxguild.roadmap.requirement_types import CODE_RE, CONFIDENCES


class Entry:
    """Typed field access for one table that records problems instead of raising."""

    def __init__(self, where: str, raw: Any, allowed: frozenset[str], problems: list[str]):
        self.raw: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        # Name the entry by its code when it has one ("requirement cspt-exam"), else by position.
        code = self.raw.get("code")
        what, _, _ = where.partition("s[")
        self.where = f"{what} {code}" if isinstance(code, str) and code.strip() else where
        self.problems = problems
        if not isinstance(raw, Mapping):
            self.problem(None, "must be a table")
        for key in sorted(set(self.raw) - allowed):
            self.problem(key, f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def problem(self, name: str | None, message: str) -> None:
        self.problems.append(f"{self.where}{f', field {name!r}' if name else ''}: {message}")

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.raw.get(name, "")
        if not isinstance(value, str):
            self.problem(name, f"must be text, got {type(value).__name__}")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(name, "is required")
        return value

    def code(self) -> str:
        value = self.text("code", required=True)
        if value and not CODE_RE.match(value):
            self.problem("code", f"{value!r} is not a lower-case slug")
        return value

    def choice(self, name: str, options: tuple[str, ...]) -> str:
        value = self.text(name, required=True)
        if value and value not in options:
            self.problem(name, f"{value!r} is not one of: {', '.join(options)}")
        return value

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "must be a list of text")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def whole(self, name: str, *, minimum: int = 0) -> int | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(name, f"must be a whole number of at least {minimum}")
            return None
        return value

    def number(self, name: str) -> Decimal | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(name, "must be a number")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - int/float always convert
            self.problem(name, "must be a number")
            return None
        if number < 0:
            self.problem(name, "must not be negative")
        return number

    def flag(self, name: str) -> bool:
        value = self.raw.get(name, False)
        if not isinstance(value, bool):
            self.problem(name, "must be true or false")
            return False
        return value

    def date(self, name: str) -> dt.date:
        value = self.raw.get(name)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.problem(name, "is required as a date (YYYY-MM-DD)")
        return dt.date.min

    def sourced(self) -> tuple[str, dt.date, str]:
        return (
            self.text("source", required=True),
            self.date("checked"),
            self.choice("confidence", CONFIDENCES),
        )
