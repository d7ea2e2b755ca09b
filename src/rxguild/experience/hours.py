"""Progress of an externship or internship toward its program's required hours.

Pure (no Django import). Only hours a preceptor signed count toward the requirement: logged
hours waiting for sign-off are shown apart, so the progress bar never runs ahead of what a
program would accept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class LoggedDay:
    worked_on: date
    hours: Decimal
    state: str  # "open" (not sent), "pending" (with the preceptor) or "signed"


@dataclass(frozen=True)
class HoursProgress:
    logged: Decimal
    signed: Decimal
    pending: Decimal
    unsent: Decimal
    required: int | None
    remaining: Decimal | None  # signed hours still needed; None without a requirement
    percent_signed: int | None  # 0-100, rounded down; None without a requirement
    reasons: tuple[str, ...]


def hours_progress(days: Iterable[LoggedDay], *, required: int | None) -> HoursProgress:
    totals = {"open": Decimal(0), "pending": Decimal(0), "signed": Decimal(0)}
    for day in days:
        totals[day.state] += day.hours
    logged = sum(totals.values(), Decimal(0))
    signed = totals["signed"]
    reasons: list[str] = []
    if totals["pending"]:
        reasons.append(f"{totals['pending']} h are waiting for your preceptor's sign-off.")
    if totals["open"]:
        reasons.append(f"{totals['open']} h are logged but not yet sent for sign-off.")
    remaining: Decimal | None = None
    percent: int | None = None
    if required:
        remaining = max(Decimal(required) - signed, Decimal(0))
        percent = min(100, int(signed * 100 // required))
        if remaining == 0:
            reasons.insert(0, f"All {required} required hours are signed.")
        else:
            reasons.insert(0, f"{remaining} of the {required} required hours still need signing.")
    return HoursProgress(
        logged=logged,
        signed=signed,
        pending=totals["pending"],
        unsent=totals["open"],
        required=required,
        remaining=remaining,
        percent_signed=percent,
        reasons=tuple(reasons),
    )


def week_of(day: date) -> tuple[date, date]:
    """The Monday-to-Sunday week holding `day`: the default sign-off period."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
