"""The months engine: exact figures for the rules, and properties that must hold for any input."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.experience.months import (
    DAYS_PER_MONTH,
    Span,
    experience_summarize,
    months_display,
)

FULL = Fraction(30)
AS_OF = date(2026, 12, 3)


def summarize(*spans: Span, as_of: date = AS_OF):
    return experience_summarize(spans, as_of=as_of, full_time_hours_per_week=FULL)


def span(key="a", setting="hospital", start=date(2025, 1, 1), end=date(2025, 1, 30), **kw):
    return Span(key=key, setting=setting, started_on=start, ended_on=end, **kw)


def test_a_full_time_month_counts_its_days_in_full():
    summary = summarize(span(hours_per_week=Fraction(30)))
    assert summary.total.days == 30
    assert summary.total.fte_days == 30
    assert summary.total.hours == Fraction(30 * 30, 7)


def test_part_time_counts_in_proportion_to_the_full_time_week():
    summary = summarize(span(hours_per_week=Fraction(15)))
    assert summary.total.days == 30
    assert summary.total.fte_days == 15
    assert summary.by_setting["hospital"].fte_days == 15


def test_two_overlapping_jobs_in_one_setting_cover_each_day_once_and_cap_at_full_time():
    summary = summarize(
        span("a", hours_per_week=Fraction(30)), span("b", hours_per_week=Fraction(20))
    )
    hospital = summary.by_setting["hospital"]
    assert (hospital.days, hospital.fte_days) == (30, 30)
    assert hospital.hours == Fraction(50 * 30, 7)  # every hour worked still counts as an hour
    assert summary.notes == (
        "hospital: overlapping entries cover the same days once; weeks over 30 h count as one "
        "full-time week.",
    )


def test_two_part_time_jobs_in_one_setting_add_up():
    summary = summarize(
        span("a", hours_per_week=Fraction(15)), span("b", hours_per_week=Fraction(10))
    )
    assert summary.by_setting["hospital"].fte_days == 25


def test_jobs_in_two_settings_each_keep_their_months_but_the_total_is_capped():
    summary = summarize(
        span("a", setting="hospital", hours_per_week=Fraction(30)),
        span("b", setting="retail", hours_per_week=Fraction(20)),
    )
    assert summary.by_setting["hospital"].fte_days == 30
    assert summary.by_setting["retail"].fte_days == 20
    assert summary.total.fte_days == 30
    assert summary.total.days == 30
    assert len(summary.notes) == 1 and summary.notes[0].startswith("In weeks worked in more")


def test_logged_hours_spread_over_the_dates():
    # 60 hours over 30 days = 14 h/week: 14/30 of each day.
    summary = summarize(span(logged_hours=Fraction(60)))
    assert summary.total.hours == 60
    assert summary.total.fte_days == Fraction(14, 30) * 30


def test_duty_share_is_a_percentage_of_the_entry_hours():
    summary = summarize(
        span(hours_per_week=Fraction(30), duty_percent={"sterile-compounding": 50, "billing": 0})
    )
    sterile = summary.by_duty["sterile-compounding"]
    assert (sterile.days, sterile.fte_days) == (30, 15)
    assert "billing" not in summary.by_duty


def test_an_ongoing_entry_counts_up_to_as_of_and_a_future_one_not_at_all():
    ongoing = span("a", start=date(2026, 12, 1), end=None, hours_per_week=Fraction(30))
    future = span("b", start=date(2026, 12, 10), end=None, hours_per_week=Fraction(30))
    summary = summarize(ongoing, future)
    assert summary.total.days == 3
    assert summary.total.fte_days == 3


def test_an_empty_ledger_is_zero():
    summary = summarize()
    assert (summary.total.days, summary.total.fte_days, summary.by_setting) == (0, 0, {})


def test_a_full_time_week_must_be_positive():
    with pytest.raises(ValueError):
        experience_summarize([], as_of=AS_OF, full_time_hours_per_week=Fraction(0))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(0), "0.0"),
        (Fraction(119, 10), "11.9"),
        (Fraction(1199, 100), "11.9"),
        (Fraction(12), "12.0"),
    ],
    ids=["zero", "exact", "rounded-down", "whole"],
)
def test_months_are_shown_rounded_down(value, shown):
    assert months_display(value) == shown


# --- Properties ----------------------------------------------------------------------------

START = date(2020, 1, 1)


@st.composite
def spans(draw, key: str):
    start = START + timedelta(days=draw(st.integers(0, 2000)))
    ongoing = draw(st.booleans())
    end = None if ongoing else start + timedelta(days=draw(st.integers(0, 800)))
    setting = draw(st.sampled_from(["hospital", "retail", "nuclear"]))
    duty = {"sterile-compounding": draw(st.integers(0, 100))}
    if draw(st.booleans()):
        return Span(
            key,
            setting,
            start,
            end,
            hours_per_week=Fraction(draw(st.integers(1, 80))),
            duty_percent=duty,
        )
    return Span(
        key,
        setting,
        start,
        end,
        logged_hours=Fraction(draw(st.integers(1, 3000))),
        duty_percent=duty,
    )


span_lists = st.integers(0, 6).flatmap(
    lambda n: st.tuples(*[spans(str(i)) for i in range(n)]).map(list)
)
as_of_dates = st.integers(0, 3000).map(lambda d: START + timedelta(days=d))


@given(span_lists, as_of_dates)
def test_no_figure_claims_more_full_time_days_than_calendar_days(entries, as_of):
    summary = summarize(*entries, as_of=as_of)
    for tally in [summary.total, *summary.by_setting.values(), *summary.by_duty.values()]:
        assert 0 <= tally.fte_days <= tally.days
    assert summary.total.days <= (as_of - START).days + 1
    assert summary.total.days <= sum(t.days for t in summary.by_setting.values())
    for tally in summary.by_setting.values():
        assert tally.days <= summary.total.days
    for tally in summary.by_duty.values():
        assert tally.fte_days <= summary.total.fte_days


@given(span_lists, as_of_dates)
def test_hours_are_the_sum_of_the_settings_and_order_does_not_matter(entries, as_of):
    summary = summarize(*entries, as_of=as_of)
    assert summary.total.hours == sum((t.hours for t in summary.by_setting.values()), Fraction(0))
    assert summarize(*reversed(entries), as_of=as_of) == summary


@given(span_lists, as_of_dates)
def test_a_duplicated_entry_adds_hours_but_never_days(entries, as_of):
    once = summarize(*entries, as_of=as_of)
    twice = summarize(
        *entries,
        *[
            Span(
                s.key + "-copy",
                s.setting,
                s.started_on,
                s.ended_on,
                s.hours_per_week,
                s.logged_hours,
                s.duty_percent,
            )
            for s in entries
        ],
        as_of=as_of,
    )
    assert twice.total.days == once.total.days
    assert twice.total.fte_days >= once.total.fte_days
    assert twice.total.hours == 2 * once.total.hours


@given(st.integers(0, 800), st.integers(1, 799), st.integers(1, 80), as_of_dates)
def test_splitting_a_weekly_entry_in_two_changes_nothing(length, cut, hours, as_of):
    cut = min(cut, length)
    end = START + timedelta(days=length)
    whole = Span("w", "hospital", START, end, hours_per_week=Fraction(hours))
    if cut == 0 or cut > length:
        return
    first = Span(
        "a", "hospital", START, START + timedelta(days=cut - 1), hours_per_week=Fraction(hours)
    )
    second = Span("b", "hospital", START + timedelta(days=cut), end, hours_per_week=Fraction(hours))
    split = summarize(first, second, as_of=as_of)
    assert split.total == summarize(whole, as_of=as_of).total


def test_the_month_is_the_mean_gregorian_month():
    assert Fraction(365 * 400 + 97, 400 * 12) == DAYS_PER_MONTH
