"""The matching engine on its own: hard constraints, reasons, load-aware ranking, the
featured rotation (unit tests and hypothesis properties)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.mentoring import matching
from rxguild.mentoring.matching import Exclusion, Labels, Mentee, Mentor, Weights

W = Weights()
LABELS = Labels(
    credentials={"ptcb-cspt": "CSPT"},
    specialties={"sterile-compounding": "Sterile compounding"},
    settings={"hospital-health-system": "Hospital / health system"},
    topics={"cspt": "Preparing for the CSPT"},
    languages={"es": "Spanish"},
    states={"TX": "Texas", "OK": "Oklahoma"},
    formats={"video": "Video call"},
)

MENTEE = Mentee(
    id=1,
    home_state="TX",
    target_credential="ptcb-cspt",
    specialties=frozenset({"sterile-compounding"}),
    settings=frozenset({"hospital-health-system"}),
    topics=frozenset({"cspt"}),
    languages=frozenset({"es"}),
    formats=frozenset({"video"}),
    employers=frozenset({"lone star health"}),
)
MENTOR = Mentor(
    id=2,
    home_state="TX",
    credentials=frozenset({"ptcb-cspt", "ptcb-cpht"}),
    specialties=frozenset({"sterile-compounding", "oncology"}),
    settings=frozenset({"hospital-health-system"}),
    topics=frozenset({"cspt", "leadership"}),
    languages=frozenset({"en", "es"}),
    formats=frozenset({"video", "phone"}),
    employers=frozenset({"gulf coast pharmacy"}),
    capacity=3,
)


def test_a_full_fit_scores_every_factor_with_plain_reasons():
    match = matching.explain(MENTEE, MENTOR, W, LABELS)
    assert match is not None
    assert match.score == 100.0
    assert [r.text for r in match.reasons] == [
        "holds CSPT, which you are working toward",
        "works in Sterile compounding",
        "works in the setting you are aiming for: Hospital / health system",
        "can help with Preparing for the CSPT",
        "both in Texas",
        "speaks Spanish",
        "can meet the way you prefer: video call",
    ]


def test_a_mentor_speaking_for_the_state_is_told_apart_from_a_neighbour():
    match = matching.explain(
        MENTEE, replace(MENTOR, home_state="OK", states=frozenset({"TX"})), W, LABELS
    )
    assert match is not None
    assert "knows Texas's registration rules and jobs" in [r.text for r in match.reasons]


def test_load_lowers_the_score_and_says_so():
    match = matching.explain(MENTEE, replace(MENTOR, load=2), W, LABELS)
    assert match is not None
    assert match.score == 92.0
    assert match.reasons[-1] == matching.Reason(
        factor="load",
        points=-8.0,
        text="has 2 of 3 mentee seats taken, so ranks a little lower",
    )


@pytest.mark.parametrize(
    ("mentee_changes", "mentor_changes", "expected"),
    [
        ({"id": 2}, {}, Exclusion.SELF),
        ({}, {"available": False}, Exclusion.UNAVAILABLE),
        ({}, {"load": 3}, Exclusion.FULL),
        ({"blocked": frozenset({2})}, {}, Exclusion.BLOCKED),
        (
            {"outside_employer": True},
            {"employers": frozenset({"lone star health"})},
            Exclusion.SAME_EMPLOYER,
        ),
        ({"same_state": True}, {"home_state": "CA"}, Exclusion.OTHER_STATE),
        ({"matched": frozenset({2})}, {}, Exclusion.ALREADY),
    ],
    ids=["self", "paused", "full", "blocked", "same-employer", "other-state", "already"],
)
def test_hard_constraints(mentee_changes, mentor_changes, expected):
    mentee = replace(MENTEE, **mentee_changes)
    mentor = replace(MENTOR, **mentor_changes)
    assert matching.exclusion(mentee, mentor) == expected
    assert matching.explain(mentee, mentor, W, LABELS) is None
    assert matching.score(mentee, mentor, W) is None


def test_same_employer_is_fine_when_the_mentee_did_not_ask():
    mentor = replace(MENTOR, employers=frozenset({"lone star health"}))
    assert matching.exclusion(MENTEE, mentor) is None


def test_nothing_in_common_is_not_a_match():
    stranger = Mentor(id=9, home_state="CA", topics=frozenset({"billing"}), capacity=5)
    assert matching.score(MENTEE, stranger, W) is None


def test_weights_from_the_data_file_have_reasons():
    weights, why = matching.load_weights()
    assert weights == Weights()
    assert set(why) == set(Weights().as_dict())
    assert all(len(text) > 20 for text in why.values())


def test_unknown_or_negative_weights_are_refused():
    with pytest.raises(ValueError, match="Unknown weight factor"):
        Weights.from_mapping({"charisma": 3})
    with pytest.raises(ValueError, match="between 0 and 1000"):
        Weights.from_mapping({"topic": -1})


def test_featured_rotates_among_close_runners_up():
    ranked = [
        matching.Match(mentor_id=i, mentee_id=1, score=s, reasons=())
        for i, s in [(10, 100), (11, 95), (12, 85), (13, 50)]
    ]
    picks = [matching.featured(ranked, rotation=r).mentor_id for r in range(6)]  # type: ignore[union-attr]
    assert picks == [10, 11, 12, 10, 11, 12]
    assert matching.featured([], rotation=3) is None


# --- properties ----------------------------------------------------------------------------

CODES = st.frozensets(st.sampled_from(["a", "b", "c", "d"]), max_size=3)
STATES = st.sampled_from(["", "TX", "OK", "CA"])


# A program's questionnaire answers: (question key, choice) pairs.
ANSWERS = st.frozensets(
    st.tuples(st.sampled_from(["q1", "q2"]), st.sampled_from(["a", "b", "c"])), max_size=3
)


@st.composite
def mentors(draw, mentor_id):
    capacity = draw(st.integers(1, 4))
    return Mentor(
        id=mentor_id,
        home_state=draw(STATES),
        states=draw(st.frozensets(STATES, max_size=2)),
        credentials=draw(CODES),
        specialties=draw(CODES),
        settings=draw(CODES),
        topics=draw(CODES),
        languages=draw(CODES),
        formats=draw(CODES),
        employers=draw(st.frozensets(st.sampled_from(["x", "y"]), max_size=1)),
        capacity=capacity,
        load=draw(st.integers(0, capacity)),
        available=draw(st.booleans()),
        answers=draw(ANSWERS),
    )


@st.composite
def mentees(draw, mentee_id=1, mentor_ids=range(100, 130)):
    return Mentee(
        id=mentee_id,
        home_state=draw(STATES),
        target_credential=draw(st.sampled_from(["", "a", "b"])),
        specialties=draw(CODES),
        settings=draw(CODES),
        topics=draw(CODES),
        languages=draw(CODES),
        formats=draw(CODES),
        employers=draw(st.frozensets(st.sampled_from(["x", "y"]), max_size=1)),
        outside_employer=draw(st.booleans()),
        same_state=draw(st.booleans()),
        blocked=draw(st.frozensets(st.sampled_from(list(mentor_ids)), max_size=5)),
        matched=draw(st.frozensets(st.sampled_from(list(mentor_ids)), max_size=5)),
        answers=draw(ANSWERS),
    )


@st.composite
def pools(draw):
    count = draw(st.integers(0, 30))
    return [draw(mentors(100 + i)) for i in range(count)]


@given(mentee=mentees(), pool=pools())
def test_every_recommendation_passes_every_hard_constraint(mentee, pool):
    by_id = {m.id: m for m in pool}
    for match in matching.recommend(mentee, pool, W, Labels(), limit=50):
        mentor = by_id[match.mentor_id]
        assert matching.exclusion(mentee, mentor) is None
        assert mentor.id not in mentee.blocked
        assert mentor.id not in mentee.matched
        assert mentor.load < mentor.capacity and mentor.available


@given(mentee=mentees(), pool=pools())
def test_ranking_is_sorted_deterministic_and_reasons_add_up(mentee, pool):
    ranked = matching.recommend(mentee, pool, W, Labels(), limit=50)
    assert ranked == matching.recommend(mentee, list(reversed(pool)), W, Labels(), limit=50)
    keys = [(-m.score, m.mentor_id) for m in ranked]
    assert keys == sorted(keys)
    for match in ranked:
        assert match.reasons
        assert match.score == pytest.approx(sum(r.points for r in match.reasons), abs=0.05)


@given(mentee=mentees(), mentor=mentors(100))
def test_more_load_never_ranks_a_mentor_higher(mentee, mentor):
    lighter = replace(mentor, load=0)
    heavier = replace(mentor, load=max(0, mentor.capacity - 1))
    light_score = matching.score(mentee, lighter, W)
    heavy_score = matching.score(mentee, heavier, W)
    if light_score is not None and heavy_score is not None:
        assert heavy_score <= light_score
