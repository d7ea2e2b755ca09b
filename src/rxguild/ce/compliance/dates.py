"""Cycle dates: month arithmetic, the cycle ending on an expiry, reinstatement windows, first
renewals, requirement windows and the CPE Monitor claim window."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

from rxguild.ce.compliance.results import CeRecordInput, Cycle
from rxguild.ce.rules import DATA_DIR, FirstRenewalTier, Requirement, RuleSet, RuleSetError
from rxguild.core.factfiles import read_toml
from rxguild.core.human_dates import human_date

CPE_MONITOR_FILE = DATA_DIR / "cpe_monitor.toml"


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def cycle_for(
    rule_set: RuleSet,
    *,
    expires_on: date,
    issued_on: date | None = None,
    first_cycle: bool = False,
    reinstatement: bool = False,
) -> Cycle:
    """The cycle that ends on ``expires_on``: it starts the day after the same date
    ``cycle_months`` earlier (PTCB: the cycle runs from the last approval to the expiry date).

    ``issued_on`` (first issue or last approval) shortens the cycle when it is later, which is
    the case for a first cycle and for reinstated certificants ("only the remainder of the cycle").
    """
    start = add_months(expires_on, -rule_set.cycle_months) + timedelta(days=1)
    if issued_on is not None and start < issued_on <= expires_on:
        start = issued_on
    return Cycle(start=start, end=expires_on, first_cycle=first_cycle, reinstatement=reinstatement)


def reinstatement_deadline(rule_set: RuleSet, *, expires_on: date) -> date | None:
    """Last day a lapsed credential can still be reinstated (PTCB, NHA: 1 year after expiry);
    None when the rule set states no reinstatement period."""
    if rule_set.reinstatement_months is None:
        return None
    return add_months(expires_on, rule_set.reinstatement_months)


def reinstatement_cycle(
    rule_set: RuleSet, *, expires_on: date, applying_on: date, issued_on: date | None = None
) -> Cycle:
    """The window for a reinstatement application: the lapsed cycle plus the time since expiry.

    PTCB returns a renewal whose CE had to be done after the cycle and sends the member to
    reinstatement instead, so CE completed between expiry and the application counts there.
    """
    deadline = reinstatement_deadline(rule_set, expires_on=expires_on)
    if deadline is None:
        raise ValueError(f"{rule_set.name} states no reinstatement period")
    if not expires_on < applying_on <= deadline:
        raise ValueError(
            f"reinstatement applies between {expires_on + timedelta(days=1)} and {deadline}"
        )
    lapsed = cycle_for(rule_set, expires_on=expires_on, issued_on=issued_on)
    return Cycle(start=lapsed.start, end=applying_on, reinstatement=True)


def rule_set_for(
    rule_sets: Mapping[str, RuleSet] | Iterable[RuleSet], credential_code: str, on: date
) -> RuleSet | None:
    """The rule set for a credential in force on a date; the latest-starting one if several."""
    values = rule_sets.values() if isinstance(rule_sets, Mapping) else rule_sets
    candidates = [
        rs for rs in values if rs.credential_code == credential_code and rs.effective_on(on)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda rs: (rs.effective_from, rs.code))


@lru_cache(maxsize=1)
def _cpe_monitor_claim_days() -> int:
    data = read_toml(CPE_MONITOR_FILE)
    days = data["claim_window_days"]
    if not isinstance(days, int) or not data.get("source"):
        raise RuleSetError(f"{CPE_MONITOR_FILE.name}: claim_window_days and source are required")
    return days


def cpe_monitor_deadline(completed_on: date) -> date:
    """Last day the provider may report an ACPE activity to CPE Monitor (NABP: 60 days).

    After this date a missing activity will not appear by itself: the member should contact the
    provider. Source in ``data/ce/cpe_monitor.toml``.
    """
    return completed_on + timedelta(days=_cpe_monitor_claim_days())


def _window_start(requirement: Requirement, cycle: Cycle) -> date | None:
    if requirement.window == "ever":
        return None
    if requirement.window_months is not None:
        window_start = add_months(cycle.end, -requirement.window_months) + timedelta(days=1)
        return max(window_start, cycle.start)
    return cycle.start


def _date_reason(
    record: CeRecordInput, requirement: Requirement, start: date | None, cycle: Cycle
) -> str | None:
    if record.completed_on > cycle.end:
        return (
            f"completed {human_date(record.completed_on)}, after this cycle ended on "
            f"{human_date(cycle.end)}"
        )
    if start is not None and record.completed_on < start:
        if start == cycle.start:
            return (
                f"completed {human_date(record.completed_on)}, before this cycle began on "
                f"{human_date(cycle.start)}"
            )
        return (
            f"completed {human_date(record.completed_on)}, more than "
            f"{requirement.window_months} months before the cycle ends on "
            f"{human_date(cycle.end)} (only hours from {human_date(start)} count)"
        )
    return None


def months_registered(cycle: Cycle) -> int:
    """Whole calendar months from the cycle's start to the day after it ends (a registration
    issued 1 Jan and expiring 31 Dec of the same year has been held 12 months)."""
    after_end = cycle.end + timedelta(days=1)
    months = (after_end.year - cycle.start.year) * 12 + after_end.month - cycle.start.month
    if after_end.day < cycle.start.day:
        months -= 1
    return max(months, 0)


def first_renewal_tier(rule_set: RuleSet, cycle: Cycle) -> FirstRenewalTier | None:
    """The reduced first-renewal tier that applies to this first cycle, if any (longest first)."""
    if not cycle.first_cycle or not rule_set.first_renewal_tiers:
        return None
    held = months_registered(cycle)
    applicable = [tier for tier in rule_set.first_renewal_tiers if tier.months <= held]
    return applicable[-1] if applicable else None
