"""Digest scheduling and selection, as plain data."""

from __future__ import annotations

from datetime import date

import pytest

from rxguild.jobs.alerts.digest import Frequency, Match, is_due, period_key, select_new_matches


@pytest.mark.parametrize(
    ("frequency", "today", "expected"),
    [
        pytest.param(Frequency.DAILY, date(2026, 11, 26), "2026-11-26", id="daily-is-the-date"),
        pytest.param(Frequency.WEEKLY, date(2026, 11, 26), "2026-W48", id="weekly-is-iso-week"),
        pytest.param(Frequency.WEEKLY, date(2027, 1, 1), "2026-W53", id="iso-year-not-calendar"),
    ],
)
def test_period_key(frequency, today, expected):
    assert period_key(frequency, today) == expected


def test_due_once_per_period():
    assert is_due(Frequency.DAILY, "", date(2026, 11, 26)) is True
    assert is_due(Frequency.DAILY, "2026-11-26", date(2026, 11, 26)) is False
    assert is_due(Frequency.DAILY, "2026-11-26", date(2026, 11, 27)) is True
    assert is_due(Frequency.WEEKLY, "2026-W48", date(2026, 11, 29)) is False
    assert is_due(Frequency.WEEKLY, "2026-W48", date(2026, 11, 30)) is True


def test_select_new_matches_skips_sent_and_duplicates_and_caps():
    matches = [Match(i, f"Job {i}") for i in (5, 4, 4, 3, 2, 1)]
    assert select_new_matches(matches, already_sent={4}, limit=3) == [
        Match(5, "Job 5"),
        Match(3, "Job 3"),
        Match(2, "Job 2"),
    ]
    assert select_new_matches(matches, already_sent={1, 2, 3, 4, 5}) == []
