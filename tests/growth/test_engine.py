"""The pure engine: the scale, weakest areas, series and chart geometry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.growth.engine import (
    AssessmentPoint,
    CompetencyRef,
    FeedbackPoint,
    LevelError,
    chart_geometry,
    history_series,
    level_check,
    weakest_areas,
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(0, "Choose a level from 1 to 4 (got 0).", id="zero"),
        pytest.param(5, "Choose a level from 1 to 4 (got 5).", id="five"),
        pytest.param("x", "Choose a level from 1 to 4.", id="text"),
        pytest.param(True, "Choose a level from 1 to 4.", id="bool"),
        pytest.param(2.5, "Choose a level from 1 to 4.", id="float"),
    ],
)
def test_level_outside_scale_is_refused(value: object, message: str) -> None:
    with pytest.raises(LevelError) as caught:
        level_check(value)
    assert str(caught.value) == message


def test_level_accepts_text_digits() -> None:
    assert level_check("3") == 3


REFS = [
    CompetencyRef("fed-a", "Federal A", "fed", Decimal("12.5"), 0),
    CompetencyRef("med-a", "Medications A", "med", Decimal("40"), 1),
    CompetencyRef("med-b", "Medications B", "med", Decimal("40"), 2),
    CompetencyRef("safe-a", "Safety A", "safe", Decimal("26.25"), 3),
]


def test_weakest_ties_go_to_the_heavier_domain() -> None:
    result = weakest_areas(REFS, {"fed-a": 2, "med-a": 2, "med-b": 4, "safe-a": 1}, limit=3)
    assert [(w.code, w.level) for w in result] == [("safe-a", 1), ("med-a", 2), ("fed-a", 2)]
    assert result[1].reason == "You rated yourself 2 (Developing); its domain is 40 % of the exam."


def test_weakest_skips_unrated_and_top_level() -> None:
    assert weakest_areas(REFS, {"med-b": 4}) == []


@given(st.dictionaries(st.sampled_from([r.code for r in REFS]), st.integers(1, 4)))
def test_weakest_never_rates_above_an_omitted_lower_one(ratings: dict[str, int]) -> None:
    result = weakest_areas(REFS, ratings, limit=2)
    chosen = {w.code for w in result}
    assert len(result) <= 2
    for ref in REFS:
        if ref.code in ratings and ref.code not in chosen and ratings[ref.code] < 4:
            assert all(w.level <= ratings[ref.code] for w in result)


def test_series_averages_in_time_order_with_change() -> None:
    points = [
        AssessmentPoint(2, date(2026, 9, 1), {"med-a": 3, "med-b": 4}),
        AssessmentPoint(1, date(2026, 3, 1), {"med-a": 1, "med-b": 2, "fed-a": 2}),
    ]
    series = history_series(
        [("med", "Medications", ["med-a", "med-b"]), ("fed", "Federal", ["fed-a"])], points
    )
    assert [(p.assessment_id, p.average) for p in series[0].points] == [
        (1, Decimal("1.50")),
        (2, Decimal("3.50")),
    ]
    assert series[0].change == Decimal("2.00")
    assert [p.average for p in series[1].points] == [Decimal("2.00"), None]
    assert series[1].change is None


def test_feedback_points_sit_in_time_order_beside_the_own_ratings() -> None:
    points = [
        AssessmentPoint(1, date(2026, 3, 1), {"med-a": 1, "med-b": 2}),
        AssessmentPoint(2, date(2026, 9, 1), {"med-a": 3, "med-b": 3}),
    ]
    feedback = [FeedbackPoint(7, date(2026, 5, 10), 2, {"med-a": [3, 4], "fed-a": [2]})]
    series = history_series(
        [("med", "Medications", ["med-a", "med-b"]), ("fed", "Federal", ["fed-a"])],
        points,
        feedback,
    )
    assert [(p.kind, p.on, p.average, p.people) for p in series[0].points] == [
        ("self", date(2026, 3, 1), Decimal("1.50"), 0),
        ("others", date(2026, 5, 10), Decimal("3.50"), 2),
        ("self", date(2026, 9, 1), Decimal("3.00"), 0),
    ]
    # The change is the member's own: feedback never moves it.
    assert series[0].change == Decimal("1.50")
    assert [p.average for p in series[1].points] == [None, Decimal("2.00"), None]
    assert series[1].change is None
    chart = chart_geometry(series)
    med = chart.lines[0]
    assert len(med.dots) == 2 and len(med.others) == 1
    assert med.points == " ".join(f"{x},{y}" for x, y in med.dots)
    assert med.dots[0][0] < med.others[0][0] < med.dots[1][0]
    assert [label for _, label in chart.x_labels] == ["Mar 2026", "May 2026", "Sep 2026"]


def test_same_day_feedback_comes_after_the_own_assessment() -> None:
    day = date(2026, 4, 1)
    series = history_series(
        [("g", "G", ["a"])],
        [AssessmentPoint(5, day, {"a": 2})],
        [FeedbackPoint(1, day, 3, {"a": [4]})],
    )
    assert [p.kind for p in series[0].points] == ["self", "others"]


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["a", "b"]), st.integers(1, 4), min_size=1),
        min_size=1,
        max_size=12,
    )
)
def test_chart_points_stay_inside_the_plot(rating_sets: list[dict[str, int]]) -> None:
    points = [
        AssessmentPoint(i, date(2026, 1, 1 + i), ratings) for i, ratings in enumerate(rating_sets)
    ]
    chart = chart_geometry(history_series([("g", "G", ["a", "b"])], points))
    for line in chart.lines:
        for x, y in line.dots:
            assert chart.plot_left <= x <= chart.plot_right
            assert chart.plot_top <= y <= chart.plot_bottom
    assert len(chart.x_labels) == len(rating_sets)


from rxguild.growth.engine import CourseFacts, course_matches  # noqa: E402

COURSES = [
    CourseFacts(1, "Hazardous drug handling under USP <800>", "07", ("sterile_compounding",), "T"),
    CourseFacts(2, "Look-alike drug names: a quick review", "05", ("medication_errors",), "T"),
    CourseFacts(3, "High-alert medications: safety strategies", "05", (), "T"),
    CourseFacts(4, "Patient safety for pharmacists", "05", (), "P"),
    CourseFacts(5, "Oncology basics", "01", (), "T"),
]


def test_courses_rank_tag_then_title_then_topic_with_reasons():
    result = course_matches(
        keywords=["medication_errors", "high-alert"], topics=["05"], courses=COURSES, limit=4
    )
    assert [(m.course_id, m.score, m.reason) for m in result] == [
        (2, 30, "tagged “medication_errors”"),
        (3, 20, "title mentions “high-alert”"),
        (4, 5, "ACPE topic 05; accredited for pharmacists (PTCB counts at most 5 such hours)"),
    ]


def test_no_fit_no_course():
    assert course_matches(keywords=["billing"], topics=["02"], courses=COURSES) == []


@given(st.lists(st.sampled_from(["05", "07", "01", "04"]), max_size=3), st.integers(0, 5))
def test_course_matches_are_sorted_and_limited(topics: list[str], limit: int):
    result = course_matches(keywords=["usp <800>"], topics=topics, courses=COURSES, limit=limit)
    assert len(result) <= limit
    assert [m.score for m in result] == sorted((m.score for m in result), reverse=True)


from rxguild.growth.engine import feedback_comparison  # noqa: E402

COMPETENCIES = [("a", "Alpha"), ("b", "Beta")]


def test_named_feedback_shows_each_answer_beside_own():
    result = feedback_comparison(
        competencies=COMPETENCIES,
        own={"a": 2},
        answers=[("Dana (pharmacist)", {"a": (3, "Solid"), "b": (None, "")})],
        anonymous=False,
    )
    row = result.rows[0]
    assert (row.own_level, row.others_average, row.others_count) == (2, Decimal("3.00"), 1)
    assert [(a.who, a.level, a.comment) for a in row.answers] == [("Dana (pharmacist)", 3, "Solid")]
    assert result.rows[1].others_average is None


def test_anonymous_hidden_below_three_then_unattributed():
    two = [("X", {"a": (4, "zz")}), ("Y", {"a": (2, "aa")})]
    hidden = feedback_comparison(competencies=COMPETENCIES, own={}, answers=two, anonymous=True)
    assert hidden.hidden
    assert hidden.rows[0].others_average is None and hidden.rows[0].comments == ()
    assert hidden.hidden_reason.endswith("(2 so far).")
    shown = feedback_comparison(
        competencies=COMPETENCIES, own={}, answers=[*two, ("Z", {"a": (3, "mm")})], anonymous=True
    )
    row = shown.rows[0]
    assert (shown.hidden, row.others_average, row.answers, row.comments) == (
        False,
        Decimal("3.00"),
        (),
        ("aa", "mm", "zz"),
    )


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.tuples(st.one_of(st.none(), st.integers(1, 4)), st.text(max_size=3)),
        ),
        max_size=6,
    )
)
def test_anonymous_never_reveals_a_name(answer_sets):
    answers = [(f"person{i}", a) for i, a in enumerate(answer_sets)]
    result = feedback_comparison(competencies=COMPETENCIES, own={}, answers=answers, anonymous=True)
    assert all(row.answers == () for row in result.rows)
    assert result.hidden == (len(answers) < 3)
