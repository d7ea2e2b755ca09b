"""Dates and times written into sentences ("due Dec 2, 2026", "at 7:00 PM"), the same as
the page formats in rxguild/formats/en (never ISO, which reads as a code to a member).

Plain Python with no Django import, so pure engines (ce.compliance, roadmap.gap) write their
reasons with it too; templates use the formats (`{{ day }}`, `|date`, `|time`)."""

from __future__ import annotations

from datetime import date, datetime, time


def human_date(value: date) -> str:
    """Dec 2, 2026."""
    return f"{value:%b} {value.day}, {value.year}"


def human_month_day(value: date) -> str:
    """Dec 2 (when the year is plain from the context)."""
    return f"{value:%b} {value.day}"


def human_time(value: time | datetime) -> str:
    """7:00 PM; a datetime's own clock time (make it local first)."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def human_datetime(value: datetime) -> str:
    """Dec 2, 2026, 7:00 PM (make it local first)."""
    return f"{human_date(value)}, {human_time(value)}"
