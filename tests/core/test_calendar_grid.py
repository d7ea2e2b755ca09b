"""The calendar's date math (pure): month grids, agendas, urgency, rings, subscribe links."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.core.calendar_grid import (
    CalendarItem,
    Kind,
    Month,
    MonthParamError,
    agenda,
    days_left_words,
    month_grid,
    month_parse,
    nearest_deadlines,
    ring_for,
    subscribe_links,
    upcoming,
    visible_range,
)

TODAY = date(2026, 12, 4)


def item(day: date, title: str = "x", kind: Kind = Kind.EVENT, **extra: object) -> CalendarItem:
    return CalendarItem(day=day, title=title, kind=kind, url="/x/", **extra)  # type: ignore[arg-type]


def test_december_2026_grid_runs_sunday_to_saturday_over_five_weeks() -> None:
    grid = month_grid(Month(2026, 12), [], today=TODAY)
    assert grid.weekday_names == ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
    assert len(grid.weeks) == 5
    assert grid.weeks[0][0].day == date(2026, 11, 29)
    assert grid.weeks[0][0].in_month is False
    assert grid.weeks[0][2].day == date(2026, 12, 1)
    assert grid.weeks[-1][-1].day == date(2027, 1, 2)
    assert [c.day for w in grid.weeks for c in w if c.is_today] == [TODAY]
    assert visible_range(Month(2026, 12)) == (date(2026, 11, 29), date(2027, 1, 2))


@pytest.mark.parametrize(
    ("month", "weeks"),
    [
        pytest.param(Month(2026, 2), 4, id="feb-2026-starts-sunday-four-weeks"),
        pytest.param(Month(2026, 8), 6, id="aug-2026-six-weeks"),
        pytest.param(Month(2028, 2), 5, id="leap-february"),
    ],
)
def test_weeks_per_month(month: Month, weeks: int) -> None:
    assert len(month_grid(month, [], today=TODAY).weeks) == weeks


def test_items_fall_on_their_day_in_order_and_count_only_in_the_month() -> None:
    morning = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    evening = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)
    items = [
        item(date(2026, 12, 10), "Evening event", starts_at=evening),
        item(date(2026, 12, 10), "Morning event", starts_at=morning),
        item(date(2026, 12, 10), "All-day deadline", Kind.CE_DEADLINE),
        item(date(2027, 1, 1), "New year, shown greyed"),
    ]
    grid = month_grid(Month(2026, 12), items, today=TODAY)
    cells = {c.day: c for w in grid.weeks for c in w}
    assert [i.title for i in cells[date(2026, 12, 10)].items] == [
        "All-day deadline",
        "Morning event",
        "Evening event",
    ]
    assert [i.title for i in cells[date(2027, 1, 1)].items] == ["New year, shown greyed"]
    assert grid.item_count == 3


def test_agenda_lists_only_days_with_items_inside_the_range() -> None:
    items = [
        item(date(2026, 12, 31), "last"),
        item(date(2026, 12, 2), "b"),
        item(date(2026, 12, 2), "a"),
        item(date(2027, 1, 1), "outside"),
    ]
    days = agenda(items, start=date(2026, 12, 1), end=date(2026, 12, 31))
    assert [(d.day, [i.title for i in d.items]) for d in days] == [
        (date(2026, 12, 2), ["a", "b"]),
        (date(2026, 12, 31), ["last"]),
    ]


@pytest.mark.parametrize(
    ("offset", "urgency"),
    [
        pytest.param(-1, "overdue", id="yesterday"),
        pytest.param(0, "soon", id="today"),
        pytest.param(29, "soon", id="29-days"),
        pytest.param(30, "later", id="30-days-is-not-under-30"),
    ],
)
def test_urgency_highlights_under_30_days(offset: int, urgency: str) -> None:
    assert item(TODAY + timedelta(days=offset)).urgency(TODAY) == urgency


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "today"), (1, "tomorrow"), (-1, "yesterday"), (-3, "3 days ago"), (12, "in 12 days")],
)
def test_days_left_words(days: int, words: str) -> None:
    assert days_left_words(days) == words


def test_nearest_deadlines_keep_a_just_missed_one_and_skip_other_dates() -> None:
    items = [
        item(TODAY - timedelta(days=31), "too old", Kind.CE_DEADLINE),
        item(TODAY - timedelta(days=2), "missed", Kind.EXPIRY),
        item(TODAY + timedelta(days=400), "far", Kind.CE_DEADLINE),
        item(TODAY + timedelta(days=3), "an event", Kind.EVENT),
        item(TODAY + timedelta(days=40), "claim", Kind.CLAIM_DEADLINE),
    ]
    found = nearest_deadlines(items, today=TODAY, limit=2)
    assert [i.title for i in found] == ["missed", "far"]


def test_upcoming_keeps_kinds_and_window() -> None:
    items = [
        item(TODAY - timedelta(days=1), "past"),
        item(TODAY, "today"),
        item(TODAY + timedelta(days=30), "edge"),
        item(TODAY + timedelta(days=31), "beyond"),
        item(TODAY + timedelta(days=2), "deadline", Kind.CE_DEADLINE),
    ]
    found = upcoming(items, today=TODAY, days=30, kinds=(Kind.EVENT,), limit=10)
    assert [i.title for i in found] == ["today", "edge"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, Month(2026, 12), id="empty-is-this-month"),
        pytest.param("2027-03", Month(2027, 3), id="march"),
        pytest.param(" 2027-03 ", Month(2027, 3), id="spaces"),
    ],
)
def test_month_parse(value: str | None, expected: Month) -> None:
    assert month_parse(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("2027-13", "There is no month 13: months run from 01 to 12.", id="month-13"),
        pytest.param("March", "Pick a month as YYYY-MM, for example 2026-12.", id="words"),
        pytest.param("9999-01", "The calendar shows 2000 to 2100.", id="far-future"),
        pytest.param("2027-1", "Pick a month as YYYY-MM, for example 2026-12.", id="one-digit"),
    ],
)
def test_month_parse_refuses_with_a_message(value: str, message: str) -> None:
    with pytest.raises(MonthParamError) as error:
        month_parse(value, today=TODAY)
    assert str(error.value) == message


def test_month_paging_crosses_years_and_stops_at_the_ends() -> None:
    assert Month(2026, 12).next == Month(2027, 1)
    assert Month(2027, 1).previous == Month(2026, 12)
    assert Month(2000, 1).previous is None
    assert Month(2100, 12).next is None
    assert Month(2026, 12).title == "December 2026"
    assert Month(2026, 3).param == "2026-03"


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12))
def test_every_month_grid_is_whole_weeks_covering_the_month(year: int, month: int) -> None:
    grid = month_grid(Month(year, month), [], today=TODAY)
    days = [c.day for w in grid.weeks for c in w]
    assert all(len(week) == 7 for week in grid.weeks)
    assert days[0].weekday() == 6  # Sunday
    assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(days))
    inside = [d for d in days if d.month == month and d.year == year]
    assert inside[0] == Month(year, month).first
    assert inside[-1] == Month(year, month).last


@pytest.mark.parametrize(
    ("fraction", "percent", "dash"),
    [
        pytest.param(0.0, 0, "0 100", id="none"),
        pytest.param(0.875, 88, "88 12", id="most"),
        pytest.param(0.996, 99, "99 1", id="almost-is-not-full"),
        pytest.param(1.0, 100, "100 0", id="done"),
        pytest.param(1.7, 100, "100 0", id="over-is-capped"),
    ],
)
def test_ring(fraction: float, percent: int, dash: str) -> None:
    ring = ring_for(fraction)
    assert ring is not None
    assert (ring.percent, ring.dash) == (percent, dash)


def test_no_ring_without_progress() -> None:
    assert ring_for(None) is None


def test_subscribe_links() -> None:
    links = subscribe_links("https://rx.example/calendar/feed/abc.ics", name="RxGuild")
    assert links.webcal == "webcal://rx.example/calendar/feed/abc.ics"
    assert links.google == (
        "https://calendar.google.com/calendar/render?cid="
        "webcal%3A%2F%2Frx.example%2Fcalendar%2Ffeed%2Fabc.ics"
    )
    assert links.outlook == (
        "https://outlook.live.com/calendar/0/addfromweb?"
        "url=https%3A%2F%2Frx.example%2Fcalendar%2Ffeed%2Fabc.ics&name=RxGuild"
    )


def test_engine_has_no_django_import() -> None:
    import ast
    from pathlib import Path

    import rxguild.core.calendar_grid as engine

    tree = ast.parse(Path(engine.__file__).read_text())
    names = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert [n for n in names if n.startswith(("django", "rxguild"))] == []
