"""Checks on member-entered profile facts. Plain Python (no Django import): the services turn
the messages into ValidationErrors keyed by field."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from rxguild.core.human_dates import human_date
from rxguild.core.us_states import US_STATES

STATE_CHOICES: list[tuple[str, str]] = sorted(
    ((code, name) for code, name in US_STATES.items()), key=lambda pair: pair[1]
)

_ZIP_RE = re.compile(r"^\d{5}$")
# A technician's career record: nothing before 1950, nothing but expiries far in the future.
EARLIEST_DATE = dt.date(1950, 1, 1)
MAX_YEARS_AHEAD_START = 1
MAX_YEARS_AHEAD_EXPIRY = 10
MAX_YEARS_EXPERIENCE = 70


def state_error(state: str) -> str | None:
    if state and state not in US_STATES:
        return "Choose a US state, DC or territory (two-letter code such as TX)."
    return None


@lru_cache(maxsize=4096)
def _zip_states(zip_code: str) -> frozenset[str] | None:
    """States a ZIP code belongs to, from the offline `zipcodes` data; None if unknown."""
    import zipcodes  # imported lazily: it loads its data file on first use

    matches = zipcodes.matching(zip_code)
    if not matches:
        return None
    return frozenset(str(match["state"]) for match in matches)


def zip_errors(zip_code: str, state: str) -> dict[str, str]:
    """Errors by field for a ZIP code and state entered together."""
    errors: dict[str, str] = {}
    if message := state_error(state):
        errors["state"] = message
    if not zip_code:
        return errors
    if not _ZIP_RE.match(zip_code):
        errors["zip_code"] = "Enter a 5-digit ZIP code, such as 77030."
        return errors
    states = _zip_states(zip_code)
    if states is None:
        errors["zip_code"] = "We don't know that ZIP code. Check it and try again."
    elif state and "state" not in errors and state not in states:
        errors["zip_code"] = (
            f"ZIP code {zip_code} is in {', '.join(sorted(states))}, not {state}. "
            "Check the ZIP code or the state."
        )
    return errors


def zip_state(zip_code: str) -> str | None:
    """The state of a known ZIP code (first if it spans several)."""
    if not _ZIP_RE.match(zip_code or ""):
        return None
    states = _zip_states(zip_code)
    return sorted(states)[0] if states else None


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def date_range_errors(
    *,
    start: dt.date | None,
    end: dt.date | None,
    today: dt.date,
    start_field: str = "start_date",
    end_field: str = "end_date",
    end_label: str = "end date",
    start_label: str = "start date",
    end_may_be_future_years: int = MAX_YEARS_AHEAD_START,
    strictly_after: bool = False,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    latest_start = _years_after(today, MAX_YEARS_AHEAD_START)
    if start is not None and not EARLIEST_DATE <= start <= latest_start:
        errors[start_field] = (
            f"Enter a {start_label} between {EARLIEST_DATE.year} and {human_date(latest_start)}."
        )
    latest_end = _years_after(today, end_may_be_future_years)
    if end is not None and not EARLIEST_DATE <= end <= latest_end:
        errors[end_field] = (
            f"Enter an {end_label} between {EARLIEST_DATE.year} and {human_date(latest_end)}."
        )
    too_early = (
        end is not None and start is not None and (end <= start if strictly_after else end < start)
    )
    if too_early and not errors:
        errors[end_field] = f"The {end_label} must be after the {start_label}."
    return errors


def renewal_details_errors(
    birth_month: int | None, birth_day: int | None, ce_conditions: list[str]
) -> dict[str, str]:
    """Birth month/day (no year) and CE situations, as state renewal rules need them."""
    from rxguild.ce.rules import MEMBER_CONDITIONS

    errors: dict[str, str] = {}
    if birth_month is not None and not 1 <= birth_month <= 12:
        errors["birth_month"] = "Choose a month from January to December."
    elif birth_day is not None:
        if birth_month is None:
            errors["birth_day"] = "Choose the month too, or leave the day empty."
        elif not 1 <= birth_day <= calendar.monthrange(2000, birth_month)[1]:
            # 2000 was a leap year: 29 February is a real birthday.
            errors["birth_day"] = f"{calendar.month_name[birth_month]} has no day {birth_day}."
    unknown = sorted(set(ce_conditions) - set(MEMBER_CONDITIONS))
    if unknown:
        errors["ce_conditions"] = f"Unknown situation: {', '.join(unknown)}."
    return errors
