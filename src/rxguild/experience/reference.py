"""The ledger's reference data from data/experience/: duties that matter, the full-time week,
competencies and how often USP says they are repeated.

Plain Python (core.factfiles, no Django) so the engine's callers and tests share one reading;
every fact must say its source and confidence or the file does not load. The files are small
and read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

from rxguild.core.factfiles import read_fact_file

DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "experience"


@dataclass(frozen=True)
class Duty:
    code: str
    name: str
    matters_for: str
    source: str
    confidence: str


@dataclass(frozen=True)
class SourcedValue:
    value: Fraction
    source: str
    confidence: str


# The facts of each file: the tables that must carry a source and a confidence.
_FACTS: dict[str, tuple[str, ...]] = {
    "duties.toml": ("duties",),
    "rules.toml": ("full_time",),
    "competencies.toml": ("competencies",),
    "evaluation.toml": (),
}


def _read(name: str) -> dict:
    return read_fact_file(DATA_DIR / name, _FACTS[name], whole_file=name == "evaluation.toml")


@cache
def duties() -> tuple[Duty, ...]:
    return tuple(
        Duty(
            code=row["code"],
            name=row["name"],
            matters_for=row["matters_for"],
            source=row["source"],
            confidence=row["confidence"],
        )
        for row in _read("duties.toml")["duties"]
    )


@cache
def duty_names() -> dict[str, str]:
    return {duty.code: duty.name for duty in duties()}


@cache
def full_time_hours_per_week() -> SourcedValue:
    row = _read("rules.toml")["full_time"]
    return SourcedValue(
        value=Fraction(row["hours_per_week"]), source=row["source"], confidence=row["confidence"]
    )


@dataclass(frozen=True)
class Competency:
    code: str
    name: str
    standard: str
    # months between repeats, by CSP category ("default", "category-1-2", "category-3")
    interval_months: dict[str, int]
    note: str
    source: str
    confidence: str
    initial_passes: int = 1  # passing evaluations needed before the repeat interval applies

    def interval_for(self, category: str) -> int | None:
        return self.interval_months.get(category) or self.interval_months.get("default")


@cache
def competencies() -> tuple[Competency, ...]:
    return tuple(
        Competency(
            code=row["code"],
            name=row["name"],
            standard=row["standard"],
            interval_months=dict(row["interval_months"]),
            note=row["note"],
            source=row["source"],
            confidence=row["confidence"],
            initial_passes=row.get("initial_passes", 1),
        )
        for row in _read("competencies.toml")["competencies"]
    )


@cache
def competency_names() -> dict[str, str]:
    return {competency.code: competency.name for competency in competencies()}


@dataclass(frozen=True)
class EvaluationForm:
    """The preceptor's checklist (data/experience/evaluation.toml): items and rating scale."""

    items: tuple[tuple[str, str], ...]  # (code, name)
    scale: tuple[tuple[int, str], ...]  # (value, name); 0 = not observed
    source: str
    confidence: str

    def item_name(self, code: str) -> str:
        return dict(self.items).get(code, code)

    def rating_name(self, value: int) -> str:
        return dict(self.scale).get(value, "Not observed")


@cache
def evaluation_form() -> EvaluationForm:
    data = _read("evaluation.toml")
    return EvaluationForm(
        items=tuple((row["code"], row["name"]) for row in data["items"]),
        scale=tuple((row["value"], row["name"]) for row in data["scale"]),
        source=data["source"],
        confidence=data["confidence"],
    )
