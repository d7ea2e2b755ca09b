"""The program assignment on its own: candidate pairs, the optimal assignment against the
greedy baseline and a brute force, capacities, hard constraints, determinism, fixed pairs
(properties with hypothesis)."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.mentoring.test_matching_engine import mentees, mentors

from rxguild.mentoring import assignment, candidates, matching
from rxguild.mentoring.matching import Labels, Mentee, Mentor, Weights

W = Weights()


@st.composite
def cohorts(draw, max_mentees=25):
    pool = [draw(mentors(100 + i)) for i in range(draw(st.integers(0, 12)))]
    # Some members are both a mentor and a mentee in the program (the id is the same person).
    ids = draw(
        st.lists(st.integers(1, 40) | st.integers(100, 111), max_size=max_mentees, unique=True)
    )
    people = [draw(mentees(mentee_id=i, mentor_ids=range(100, 112))) for i in ids]
    return people, pool


questions_drawn = st.tuples(
    *(
        st.builds(
            matching.Question,
            key=st.just(key),
            label=st.just(key.upper()),
            points=st.integers(0, 20).map(float),
            must_match=st.booleans(),
        )
        for key in ("q1", "q2")
    )
)
weights_drawn = st.builds(
    Weights,
    **{name: st.integers(0, 40).map(float) for name in candidates.FAMILIES},
    questions=questions_drawn,
)


def unloaded(pool):
    return [replace(m, load=0, capacity=m.seats_left) for m in pool]


def check_proposal(proposal, people, pool):
    by_mentor = {m.id: m for m in pool}
    by_mentee = {m.id: m for m in people}
    taken = Counter(pair.mentor_id for pair in proposal.pairs)
    for mentor_id, count in taken.items():
        assert count <= by_mentor[mentor_id].seats_left
    assert len({pair.mentee_id for pair in proposal.pairs}) == len(proposal.pairs)
    for pair in proposal.pairs:
        mentor = replace(by_mentor[pair.mentor_id], load=0)
        assert matching.exclusion(by_mentee[pair.mentee_id], mentor) is None
        assert matching.score(by_mentee[pair.mentee_id], mentor, W) == pair.score
    placed = {p.mentee_id for p in proposal.pairs} | {u.mentee_id for u in proposal.unmatched}
    assert placed == set(by_mentee)


@given(cohort=cohorts(), weights=weights_drawn)
def test_every_candidate_is_exactly_a_pair_the_engine_scores(cohort, weights):
    people, pool = cohort
    pool = unloaded(pool)
    expected = {
        (row, col): value
        for row, mentee in enumerate(people)
        for col, mentor in enumerate(pool)
        if (value := matching.score(mentee, mentor, weights)) is not None
    }
    every = candidates.generate(people, pool, weights, per_mentee=None, blocking=False)
    got = dict(
        zip(
            zip(every.mentee_rows.tolist(), every.mentor_rows.tolist(), strict=True),
            every.scores.tolist(),
            strict=True,
        )
    )
    assert got == expected
    few = candidates.generate(people, pool, weights, per_mentee=2)
    pairs = list(zip(few.mentee_rows.tolist(), few.mentor_rows.tolist(), strict=True))
    assert all(
        expected[pair] == value for pair, value in zip(pairs, few.scores.tolist(), strict=True)
    )
    assert max(Counter(row for row, _ in pairs).values(), default=0) <= 2


@pytest.mark.parametrize("per_mentee", [None, 3], ids=["every-pair", "top-3"])
@given(cohort=cohorts())
def test_capacities_hold_every_pair_passes_and_the_optimum_beats_greedy(per_mentee, cohort):
    people, pool = cohort
    optimal = assignment.assign_optimal(people, pool, W, per_mentee=per_mentee)
    greedy = assignment.assign_greedy(people, pool, W, per_mentee=per_mentee)
    check_proposal(optimal, people, pool)
    check_proposal(greedy, people, pool)
    assert optimal.total_score >= greedy.total_score
    if optimal.total_score == greedy.total_score:
        assert len(optimal.pairs) >= len(greedy.pairs)


def brute_force(people, pool):
    """(total score, number matched) of the best assignment, trying every one."""
    options = []
    for mentee in people:
        fits = [(None, 0.0)]
        for mentor in pool:
            value = matching.score(mentee, replace(mentor, load=0), W)
            if value is not None:
                fits.append((mentor, value))
        options.append(fits)
    best = (0.0, 0)
    for choice in itertools.product(*options):
        chosen = [mentor for mentor, _ in choice if mentor is not None]
        used = Counter(mentor.id for mentor in chosen)
        if all(used[m.id] <= m.seats_left for m in pool):
            best = max(best, (round(sum(value for _, value in choice), 6), len(chosen)))
    return best


@given(cohort=cohorts(max_mentees=5))
def test_the_optimum_is_the_best_assignment_score_first_then_count(cohort):
    people, pool = cohort
    pool = pool[:4]
    optimal = assignment.assign_optimal(people, pool, W, per_mentee=None)
    assert (optimal.total_score, len(optimal.pairs)) == pytest.approx(brute_force(people, pool))


@given(cohort=cohorts())
def test_same_input_same_proposal(cohort):
    people, pool = cohort
    first = assignment.assign_optimal(people, pool, W)
    assert first == assignment.assign_optimal(list(reversed(people)), list(reversed(pool)), W)
    greedy = assignment.assign_greedy(people, pool, W)
    assert greedy == assignment.assign_greedy(list(reversed(people)), list(reversed(pool)), W)


# Rosa holds the CSPT and helps with it; Walt holds it too. Ana works toward the CSPT;
# Ben wants help with the CSPT in a hospital, which only Rosa offers.
ROSA = Mentor(
    id=10,
    credentials=frozenset({"cspt"}),
    topics=frozenset({"cspt"}),
    settings=frozenset({"hospital"}),
    capacity=1,
)
WALT = Mentor(id=11, credentials=frozenset({"cspt"}), capacity=1)
ANA = Mentee(id=1, target_credential="cspt", topics=frozenset({"cspt"}))
BEN = Mentee(id=2, topics=frozenset({"cspt"}), settings=frozenset({"hospital"}))


def test_the_optimum_places_both_where_greedy_strands_one():
    greedy = assignment.assign_greedy([ANA, BEN], [ROSA, WALT], W)
    assert greedy.pairs == (assignment.Pair(mentee_id=1, mentor_id=10, score=45.0),)
    assert greedy.unmatched == (assignment.Unmatched(mentee_id=2, why=assignment.ALL_TAKEN),)
    optimal = assignment.assign_optimal([ANA, BEN], [ROSA, WALT], W)
    assert optimal.pairs == (
        assignment.Pair(mentee_id=1, mentor_id=11, score=30.0),
        assignment.Pair(mentee_id=2, mentor_id=10, score=30.0),
    )
    assert optimal.total_score == 60.0
    assert optimal.unmatched == ()


def test_between_equal_totals_more_matched_wins():
    ben = replace(BEN, settings=frozenset())  # now 15 with Rosa: 30 + 15 == 45 alone
    optimal = assignment.assign_optimal([ANA, ben], [ROSA, WALT], W)
    assert [(p.mentee_id, p.mentor_id) for p in optimal.pairs] == [(1, 11), (2, 10)]
    assert optimal.total_score == 45.0


def test_why_the_rest_are_unmatched():
    loner = Mentee(id=3, topics=frozenset({"billing"}))
    cara = replace(ANA, id=4)
    optimal = assignment.assign_optimal([ANA, cara, loner], [ROSA], W)
    # Ana and Cara tie for Rosa's one seat; which one gets it is fixed for the same input.
    (pair,) = optimal.pairs
    other = ({1, 4} - {pair.mentee_id}).pop()
    assert (pair.mentor_id, pair.score) == (10, 45.0)
    assert sorted(optimal.unmatched, key=lambda u: u.mentee_id) == [
        assignment.Unmatched(mentee_id=m, why=w)
        for m, w in sorted([(3, assignment.NO_CANDIDATE), (other, assignment.OUTWEIGHED)])
    ]


@pytest.mark.parametrize("assign", [assignment.assign_optimal, assignment.assign_greedy])
def test_fixed_pairs_are_kept_and_use_seats(assign):
    fixed = [assignment.Pair(mentee_id=2, mentor_id=10, score=15.0)]
    proposal = assign([ANA, BEN], [ROSA], W, fixed=fixed)
    assert proposal.pairs == (assignment.Pair(mentee_id=2, mentor_id=10, score=15.0),)
    assert [u.mentee_id for u in proposal.unmatched] == [1]


def test_reasons_for_the_chosen_pairs():
    proposal = assignment.assign_optimal([ANA, BEN], [ROSA, WALT], W)
    labels = Labels(credentials={"cspt": "CSPT"}, settings={"hospital": "Hospital"})
    reasons = assignment.explain_pairs(proposal, [ANA, BEN], [ROSA, WALT], W, labels)
    assert [r.text for r in reasons[1].reasons] == ["holds CSPT, which you are working toward"]
    assert [r.text for r in reasons[2].reasons] == [
        "works in the setting you are aiming for: Hospital",
        "can help with cspt",
    ]


def test_a_block_scored_in_slices_gives_the_same_pairs(monkeypatch):
    people = [
        Mentee(id=i, topics=frozenset({"cspt", "billing"} if i % 2 else {"cspt"})) for i in range(9)
    ]
    pool = [ROSA, WALT, replace(ROSA, id=12, topics=frozenset({"billing"}), capacity=3)]
    whole = candidates.generate(people, pool, W, per_mentee=2, blocking=False)
    monkeypatch.setattr(candidates, "ROWS_AT_ONCE", 4)
    sliced = candidates.generate(people, pool, W, per_mentee=2, blocking=False)
    assert sliced.mentee_rows.tolist() == whole.mentee_rows.tolist()
    assert sliced.mentor_rows.tolist() == whole.mentor_rows.tolist()
    assert sliced.scores.tolist() == whole.scores.tolist()
    assert len(whole) == 13  # Rosa for everyone, the billing mentor for the odd ones


def test_scores_too_large_for_millionths_are_solved_in_coarser_units():
    huge = candidates.Candidates(
        mentee_rows=np.array([0, 1]), mentor_rows=np.array([0, 0]), scores=np.array([2e12, 1e12])
    )
    assert assignment._solve(huge, 2, [1]).tolist() == [True, False]


@given(cohort=cohorts(), weights=weights_drawn)
def test_with_a_questionnaire_pairs_answer_alike_and_the_optimum_beats_greedy(cohort, weights):
    people, pool = cohort
    optimal = assignment.assign_optimal(people, pool, weights, per_mentee=3)
    greedy = assignment.assign_greedy(people, pool, weights, per_mentee=3)
    by_mentor = {m.id: replace(m, load=0) for m in pool}
    by_mentee = {m.id: m for m in people}
    for proposal in (optimal, greedy):
        for pair in proposal.pairs:
            mentee, mentor = by_mentee[pair.mentee_id], by_mentor[pair.mentor_id]
            assert matching.exclusion(mentee, mentor, weights.questions) is None
            assert matching.score(mentee, mentor, weights) == pair.score
    assert optimal.total_score >= greedy.total_score
    assert optimal == assignment.assign_optimal(
        list(reversed(people)), list(reversed(pool)), weights, per_mentee=3
    )
