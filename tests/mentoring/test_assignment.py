"""The program assignment on its own: capacities, hard constraints, determinism, fixed pairs
(properties with hypothesis)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st
from tests.mentoring.test_matching_engine import mentees, mentors

from rxguild.mentoring import assignment, matching
from rxguild.mentoring.matching import Mentee, Mentor, Weights

W = Weights()


@st.composite
def cohorts(draw):
    pool = [draw(mentors(100 + i)) for i in range(draw(st.integers(0, 12)))]
    people = [draw(mentees(mentee_id=i + 1)) for i in range(draw(st.integers(0, 25)))]
    return people, pool


@given(cohort=cohorts())
def test_capacities_hold_and_every_pair_passes_the_hard_constraints(cohort):
    people, pool = cohort
    proposal = assignment.assign_greedy(people, pool, W)
    by_mentor = {m.id: m for m in pool}
    by_mentee = {m.id: m for m in people}
    taken = Counter(pair.mentor_id for pair in proposal.pairs)
    for mentor_id, count in taken.items():
        assert count <= by_mentor[mentor_id].seats_left
    assert len({pair.mentee_id for pair in proposal.pairs}) == len(proposal.pairs)
    for pair in proposal.pairs:
        mentor = by_mentor[pair.mentor_id]
        assert matching.exclusion(by_mentee[pair.mentee_id], mentor) is None
    placed = {p.mentee_id for p in proposal.pairs} | {u.mentee_id for u in proposal.unmatched}
    assert placed == set(by_mentee)


@given(cohort=cohorts())
def test_same_input_same_proposal(cohort):
    people, pool = cohort
    first = assignment.assign_greedy(people, pool, W)
    assert first == assignment.assign_greedy(list(reversed(people)), list(reversed(pool)), W)


def test_strongest_pairs_first_and_why_the_rest_are_unmatched():
    rosa = Mentor(id=10, topics=frozenset({"cspt"}), capacity=1)
    mentee_a = Mentee(id=1, topics=frozenset({"cspt"}), target_credential="x")
    mentee_b = Mentee(id=2, topics=frozenset({"cspt", "oncology"}))
    loner = Mentee(id=3, topics=frozenset({"billing"}))
    proposal = assignment.assign_greedy([mentee_a, mentee_b, loner], [rosa], W)
    assert proposal.pairs == (assignment.Pair(mentee_id=1, mentor_id=10, score=15.0),)
    assert proposal.unmatched == (
        assignment.Unmatched(mentee_id=2, why=assignment.ALL_TAKEN),
        assignment.Unmatched(mentee_id=3, why=assignment.NO_CANDIDATE),
    )


def test_fixed_pairs_are_kept_and_use_seats():
    rosa = Mentor(id=10, topics=frozenset({"cspt"}), capacity=1)
    first, second = (
        Mentee(id=1, topics=frozenset({"cspt"})),
        Mentee(id=2, topics=frozenset({"cspt"})),
    )
    fixed = [assignment.Pair(mentee_id=2, mentor_id=10, score=15.0)]
    proposal = assignment.assign_greedy([first, second], [rosa], W, fixed=fixed)
    assert [p.mentee_id for p in proposal.pairs] == [2]
    assert [u.mentee_id for u in proposal.unmatched] == [1]
