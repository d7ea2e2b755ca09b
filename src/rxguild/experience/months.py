"""How much experience a set of entries adds up to, by practice setting and by duty.

A pure engine (no Django import): it takes plain `Span`s and returns plain `Tally`s, so the
ledger page, the public profile and (later) the roadmap's eligibility checks all count the same
way, and the rules can be property-tested on their own.

Three numbers per setting or duty, because eligibility rules ask different questions:

- **calendar months**: the union of the days worked there. Two overlapping jobs in the same
  setting cover each day once.
- **full-time-equivalent (FTE) months**: each day counts as the week's hours there divided by
  the full-time week, capped at one full-time day. A 20 h/week job is half a month per month,
  two 30 h/week jobs on the same days are still one month per month: a person cannot gain
  experience faster than time passes. The full-time week is a parameter; the ledger passes
  PTCB's 30 h/week (see data/experience/rules.toml for the source).
- **hours**: every hour worked, uncapped (PTCB's work-experience pathway counts hours).

An entry with logged hours instead of hours per week (an externship log) spreads its hours
evenly over its dates. A duty share is the percentage of the entry's hours spent on that duty.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

# The mean Gregorian month: 365.2425 days / 12.
DAYS_PER_MONTH = Fraction(3652425, 120000)
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class Span:
    """One ledger entry as the engine sees it. Dates are inclusive; `ended_on` None = ongoing."""

    key: str
    setting: str
    started_on: date
    ended_on: date | None
    hours_per_week: Fraction | None = None
    logged_hours: Fraction | None = None
    duty_percent: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Tally:
    days: int
    fte_days: Fraction
    hours: Fraction

    @property
    def calendar_months(self) -> Fraction:
        return self.days / DAYS_PER_MONTH

    @property
    def fte_months(self) -> Fraction:
        return self.fte_days / DAYS_PER_MONTH


EMPTY = Tally(days=0, fte_days=Fraction(0), hours=Fraction(0))


@dataclass(frozen=True)
class ExperienceSummary:
    total: Tally
    by_setting: dict[str, Tally]
    by_duty: dict[str, Tally]
    # Why a number is smaller than the sum of the entries ("... overlap: counted once").
    notes: tuple[str, ...]


def months_display(value: Fraction) -> str:
    """One decimal, rounded down so a display never claims more than was worked."""
    tenths = math.floor(value * 10)
    return f"{tenths // 10}.{tenths % 10}"


def _end(span: Span, as_of: date) -> date:
    return min(span.ended_on or as_of, as_of)


def weekly_hours(span: Span, as_of: date) -> Fraction:
    """The span's hours per week; logged hours spread over the span's full dates."""
    if span.hours_per_week is not None:
        return Fraction(span.hours_per_week)
    if span.logged_hours is None:
        return Fraction(0)
    # Logged hours are hours done by now: spread over the dates up to as_of (or the end).
    last = _end(span, as_of)
    days = (last - span.started_on).days + 1
    if days <= 0:
        return Fraction(0)
    return Fraction(span.logged_hours) * DAYS_PER_WEEK / days


def experience_summarize(
    spans: Iterable[Span],
    *,
    as_of: date,
    full_time_hours_per_week: Fraction,
    labels: Mapping[str, str] | None = None,
) -> ExperienceSummary:
    """Tally `spans` up to and including `as_of`; `labels` name settings in the notes.

    Cost: the spans are cut at every start and end into segments during which the same spans
    are active; each segment costs one pass over its active spans, so O(n^2) for n spans in
    the worst case (all overlapping) and O(n log n) for a usual career of sequential jobs.
    """
    if full_time_hours_per_week <= 0:
        raise ValueError("full_time_hours_per_week must be positive")
    active: list[tuple[Span, date, date, Fraction]] = []
    for span in spans:
        last = _end(span, as_of)
        if last < span.started_on:
            continue
        active.append((span, span.started_on, last, weekly_hours(span, as_of)))

    starts = {start for _, start, _, _ in active}
    cuts = sorted(starts | {last + timedelta(days=1) for _, _, last, _ in active})
    full_time = Fraction(full_time_hours_per_week)
    total_days = 0
    total_fte = Fraction(0)
    total_hours = Fraction(0)
    setting_days: dict[str, int] = {}
    setting_fte: dict[str, Fraction] = {}
    setting_hours: dict[str, Fraction] = {}
    duty_days: dict[str, int] = {}
    duty_fte: dict[str, Fraction] = {}
    duty_hours: dict[str, Fraction] = {}
    capped_settings: set[str] = set()
    overlapping_settings: set[str] = set()
    capped_total = False

    for segment_start, segment_end in itertools.pairwise(cuts):
        running = [
            (span, week)
            for span, start, last, week in active
            if start <= segment_start and segment_end - timedelta(days=1) <= last
        ]
        if not running:
            continue
        length = (segment_end - segment_start).days
        week_by_setting: dict[str, Fraction] = {}
        week_by_duty: dict[str, Fraction] = {}
        count_by_setting: dict[str, int] = {}
        for span, week in running:
            week_by_setting[span.setting] = week_by_setting.get(span.setting, Fraction(0)) + week
            count_by_setting[span.setting] = count_by_setting.get(span.setting, 0) + 1
            for duty, percent in span.duty_percent.items():
                if percent > 0:
                    share = week * Fraction(percent, 100)
                    week_by_duty[duty] = week_by_duty.get(duty, Fraction(0)) + share
        week_all = sum(week_by_setting.values(), Fraction(0))
        total_days += length
        total_hours += week_all * length / DAYS_PER_WEEK
        total_fte += min(week_all / full_time, Fraction(1)) * length
        if week_all > full_time and len(week_by_setting) > 1:
            capped_total = True
        for setting, week in week_by_setting.items():
            setting_days[setting] = setting_days.get(setting, 0) + length
            setting_hours[setting] = setting_hours.get(setting, Fraction(0)) + (
                week * length / DAYS_PER_WEEK
            )
            setting_fte[setting] = setting_fte.get(setting, Fraction(0)) + (
                min(week / full_time, Fraction(1)) * length
            )
            if count_by_setting[setting] > 1:
                overlapping_settings.add(setting)
                if week > full_time:
                    capped_settings.add(setting)
        for duty, week in week_by_duty.items():
            duty_days[duty] = duty_days.get(duty, 0) + length
            duty_hours[duty] = duty_hours.get(duty, Fraction(0)) + week * length / DAYS_PER_WEEK
            duty_fte[duty] = duty_fte.get(duty, Fraction(0)) + (
                min(week / full_time, Fraction(1)) * length
            )

    names = labels or {}
    notes: list[str] = []
    for setting in sorted(overlapping_settings):
        note = f"{names.get(setting, setting)}: overlapping entries cover the same days once"
        if setting in capped_settings:
            note += f"; weeks over {full_time} h count as one full-time week"
        notes.append(note + ".")
    if capped_total:
        notes.append(
            f"In weeks worked in more than one setting for over {full_time} h in all, each "
            "setting keeps its own months but the total counts at most one full-time month per "
            "month."
        )
    return ExperienceSummary(
        total=Tally(days=total_days, fte_days=total_fte, hours=total_hours),
        by_setting={
            key: Tally(days=setting_days[key], fte_days=setting_fte[key], hours=setting_hours[key])
            for key in sorted(setting_days)
        },
        by_duty={
            key: Tally(days=duty_days[key], fte_days=duty_fte[key], hours=duty_hours[key])
            for key in sorted(duty_days)
        },
        notes=tuple(notes),
    )
