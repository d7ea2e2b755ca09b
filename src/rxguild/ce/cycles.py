"""Renewal dates per board: when a credential expires, from the rule set's ``[expiry]`` table.

Pure module (no Django import). Boards set expiry in a handful of ways, each with a worked case
from a board's own text in ``tests/ce/engine/test_engine_cycles.py``:

- ``fixed_date``: the same calendar date for everyone, every year or every other year
  (North Carolina: 31 December each year; Alabama: 31 December of odd-numbered years; Arizona:
  1 November, even-numbered licences in even years and odd-numbered ones in odd years);
- ``birth_month``: the last day of the holder's birth month;
- ``birthday``: the holder's birthday (29 February counts as 28 February in common years);
- ``issue_anniversary``: the anniversary of first issue, every ``every_years`` years;
- ``unspecified``: the board's text we found states no rule; the member enters the date.

``next_expiry`` answers "when does a credential held from ``issued_on`` next expire on or after
``on``?", which is what reminders and the calendar need. A first period shorter than a full
cycle (Alabama: "if you register now you still renew by 31 December of this odd year") falls
out of the same rule: the first qualifying date on or after the issue date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from rxguild.ce.compliance import add_months
from rxguild.ce.rules import Expiry, RuleSet

__all__ = ["ExpiryInputMissing", "describe_expiry", "next_expiry"]

_MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True)
class ExpiryInputMissing:
    """What the member must tell us before the date can be worked out (plain words)."""

    needed: str


def _year_fits(expiry: Expiry, year: int, license_number: str | None) -> bool:
    if expiry.every_years == 1 or expiry.years == "any":
        return True
    if expiry.years == "even":
        return year % 2 == 0
    if expiry.years == "odd":
        return year % 2 == 1
    digits = [c for c in (license_number or "") if c.isdigit()]
    return year % 2 == int(digits[-1]) % 2


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_expiry(
    rule_set: RuleSet,
    *,
    on: date,
    issued_on: date | None = None,
    birth_date: date | None = None,
    license_number: str | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
) -> date | ExpiryInputMissing | None:
    """The first expiry date on or after ``on`` (None when the board states no rule).

    Returns :class:`ExpiryInputMissing` when the rule depends on a fact we were not given
    (birth month or birthday, issue date, licence number), so callers can ask for it instead
    of guessing. Members give a birth month and day, never a year (``birth_month``,
    ``birth_day``); ``birth_date`` is the same as a date.
    """
    expiry = rule_set.expiry
    if birth_date is None and birth_month is not None and expiry is not None:
        if expiry.rule == "birth_month":
            birth_date = date(2000, birth_month, 1)
        elif expiry.rule == "birthday" and birth_day is not None:
            # 2000 was a leap year, so a 29 February birthday is kept (and clamped later).
            birth_date = date(2000, birth_month, birth_day)
    if expiry is None or expiry.rule == "unspecified":
        return None
    if expiry.rule == "fixed_date":
        assert expiry.month is not None and expiry.day is not None
        if expiry.years == "license_number" and not any(
            c.isdigit() for c in (license_number or "")
        ):
            return ExpiryInputMissing("your licence number")
        year = on.year
        while True:
            candidate = _clamped(year, expiry.month, expiry.day)
            if candidate >= on and _year_fits(expiry, year, license_number):
                return candidate
            year += 1
    if expiry.rule in ("birth_month", "birthday"):
        if birth_date is None:
            if expiry.rule == "birthday":
                return ExpiryInputMissing("your birthday (month and day)")
            return ExpiryInputMissing("your birth month")
        if expiry.every_years > 1 and issued_on is None:
            return ExpiryInputMissing("the date your credential was first issued")
        # Every ``every_years`` years from the first birth month (or birthday) ending at least
        # ``first_after_months`` after issue.
        if expiry.first_after_months and issued_on is None:
            return ExpiryInputMissing("the date your credential was first issued")
        earliest = issued_on or on
        if expiry.first_after_months:
            earliest = add_months(earliest, expiry.first_after_months)
        first = _birth_date_in(expiry, birth_date, earliest.year)
        if first < earliest:
            first = _birth_date_in(expiry, birth_date, earliest.year + 1)
        year = first.year
        while True:
            candidate = _birth_date_in(expiry, birth_date, year)
            if candidate >= on:
                return candidate
            year += expiry.every_years
    if issued_on is None:
        return ExpiryInputMissing("the date your credential was first issued")
    step = expiry.every_years
    year = issued_on.year + step
    while True:
        candidate = _clamped(year, issued_on.month, issued_on.day)
        if candidate >= on:
            return candidate
        year += step


def _birth_date_in(expiry: Expiry, birth_date: date, year: int) -> date:
    if expiry.rule == "birth_month":
        return date(year, birth_date.month, calendar.monthrange(year, birth_date.month)[1])
    return _clamped(year, birth_date.month, birth_date.day)


def describe_expiry(expiry: Expiry | None) -> str:
    """One sentence for the state pages, e.g. "31 December of odd-numbered years"."""
    if expiry is None or expiry.rule == "unspecified":
        return "Expiry rule not stated in the sources we found: confirm with the board."
    every = {1: "every year", 2: "every 2 years", 3: "every 3 years"}[expiry.every_years]
    if expiry.rule == "fixed_date":
        assert expiry.month is not None
        when = f"{expiry.day} {_MONTHS[expiry.month]}"
        years = {
            "any": every,
            "even": "of even-numbered years",
            "odd": "of odd-numbered years",
            "license_number": "of even years for even-numbered licences, odd years for odd",
        }[expiry.years]
        return f"Expires {when} {years}."
    if expiry.rule == "birth_month":
        return f"Expires on the last day of your birth month, {every}."
    if expiry.rule == "birthday":
        return f"Expires on your birthday, {every}."
    return f"Expires on the anniversary of first issue, {every}."
