"""When each compounding competency must be shown again. Pure (no Django import).

The intervals come from data/experience/competencies.toml (USP <797>/<800> via secondary
summaries, sourced there). Each standing carries its reason so pages and reminders never
recompute why.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Attempt:
    code: str
    performed_on: date
    passed: bool
    category: str  # "default", "category-1-2" or "category-3"


@dataclass(frozen=True)
class Rule:
    name: str
    interval_months: Mapping[str, int]
    initial_passes: int = 1

    def interval_for(self, category: str) -> int | None:
        return self.interval_months.get(category) or self.interval_months.get("default")


@dataclass(frozen=True)
class Standing:
    code: str
    name: str
    state: str  # "current", "due-soon", "overdue", "not-passed", "initial-incomplete"
    last_passed_on: date | None
    due_on: date | None
    reason: str


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def competency_standings(
    attempts: Iterable[Attempt],
    rules: Mapping[str, Rule],
    *,
    as_of: date,
    due_soon_days: int = DUE_SOON_DAYS,
) -> list[Standing]:
    """One standing per competency with at least one attempt, in the rules' order."""
    by_code: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        if attempt.code in rules and attempt.performed_on <= as_of:
            by_code.setdefault(attempt.code, []).append(attempt)
    standings = []
    for code, rule in rules.items():
        history = sorted(by_code.get(code, []), key=lambda a: a.performed_on)
        if not history:
            continue
        passes = [a for a in history if a.passed]
        latest = history[-1]
        if not latest.passed:
            standings.append(
                Standing(
                    code,
                    rule.name,
                    "not-passed",
                    passes[-1].performed_on if passes else None,
                    None,
                    f"The attempt on {latest.performed_on:%b %-d, %Y} did not pass: follow your "
                    "facility's procedure for retraining and a new evaluation.",
                )
            )
            continue
        last = passes[-1]
        months = rule.interval_for(last.category)
        if months is None:
            standings.append(
                Standing(
                    code,
                    rule.name,
                    "current",
                    last.performed_on,
                    None,
                    "No repeat interval is recorded for this category: confirm with your "
                    "designated person.",
                )
            )
            continue
        due_on = add_months(last.performed_on, months)
        if len(passes) < rule.initial_passes:
            state = "initial-incomplete"
            reason = (
                f"{len(passes)} of the {rule.initial_passes} initial passing evaluations are "
                f"recorded; then every {months} months."
            )
        elif due_on < as_of:
            state = "overdue"
            reason = f"Was due on {due_on:%b %-d, %Y} ({months} months after the last pass)."
        elif due_on <= as_of + timedelta(days=due_soon_days):
            state = "due-soon"
            reason = f"Due on {due_on:%b %-d, %Y} ({months} months after the last pass)."
        else:
            state = "current"
            reason = f"Next due on {due_on:%b %-d, %Y} ({months} months after the last pass)."
        standings.append(Standing(code, rule.name, state, last.performed_on, due_on, reason))
    return standings
