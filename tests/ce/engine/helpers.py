"""Shared builders for the CE engine tests (plain data, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from rxguild.ce.compliance import CeRecordInput, RuleSet, load_rule_sets


@lru_cache(maxsize=1)
def rule_sets() -> dict[str, RuleSet]:
    return load_rule_sets()


def rec(
    record_id: str,
    completed_on: date,
    hours: str | int = 1,
    *,
    audience: str | None = "T",
    topic: str | None = "04",
    fmt: str | None = "H",
    kind: str = "acpe",
    tags: tuple[str, ...] = (),
    title: str = "",
) -> CeRecordInput:
    return CeRecordInput(
        id=record_id,
        title=title or f"Activity {record_id}",
        completed_on=completed_on,
        hours=Decimal(str(hours)),
        audience=audience,
        topic_code=topic,
        format=fmt,
        kind=kind,
        tags=frozenset(tags),
    )
