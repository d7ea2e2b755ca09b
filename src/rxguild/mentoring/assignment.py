"""Program match: assign a cohort's mentees to its mentors under capacities (pure Python).

Greedy by score: every pair that passes the hard constraints is a candidate; candidates are
taken best first (ties by mentee id, then mentor id, so the same input gives the same
proposal), skipping a mentee already placed or a mentor whose seats are gone. It is simple to
explain to staff ("the strongest pairs first") and every pair keeps the engine's reasons.
It is not a global optimum: a mentee whose best mentor went to a slightly stronger pair may be
left with a weaker one, or none, where a min-cost-flow assignment would have placed everyone
(README: what is not done). Staff can swap or fix pairs by hand before publishing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rxguild.mentoring import matching
from rxguild.mentoring.matching import Mentee, Mentor, Weights


@dataclass(frozen=True)
class Pair:
    mentee_id: int
    mentor_id: int
    score: float


@dataclass(frozen=True)
class Unmatched:
    mentee_id: int
    why: str


@dataclass(frozen=True)
class Proposal:
    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]

    @property
    def total_score(self) -> float:
        return round(sum(pair.score for pair in self.pairs), 6)


NO_CANDIDATE = "no mentor in the program fits and passes the hard constraints"
ALL_TAKEN = "every mentor who fits had their seats filled by stronger pairs"


def candidate_pairs(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], weights: Weights
) -> list[Pair]:
    """Every pair that passes the hard constraints and fits on at least one factor."""
    pairs = []
    for mentee in mentees:
        for mentor in mentors:
            value = matching.score(mentee, mentor, weights)
            if value is not None:
                pairs.append(Pair(mentee_id=mentee.id, mentor_id=mentor.id, score=value))
    return pairs


def assign_greedy(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    *,
    fixed: Sequence[Pair] = (),
) -> Proposal:
    """The proposal for the program. `fixed` pairs (set by staff) are kept first and use
    their mentor's seats; the rest are assigned greedily. The load penalty is left out of
    program scores: within a program the capacities themselves spread the mentees."""
    unloaded = [replace(mentor, load=0) if mentor.load else mentor for mentor in mentors]
    seats = {mentor.id: mentor.seats_left for mentor in mentors}
    placed: dict[int, Pair] = {}
    for pair in fixed:
        if pair.mentee_id in placed or seats.get(pair.mentor_id, 0) <= 0:
            continue
        placed[pair.mentee_id] = pair
        seats[pair.mentor_id] -= 1
    candidates = candidate_pairs(
        [m for m in mentees if m.id not in placed],
        [m for m in unloaded if seats[m.id] > 0],
        weights,
    )
    had_candidate = {pair.mentee_id for pair in candidates}
    candidates.sort(key=lambda pair: (-pair.score, pair.mentee_id, pair.mentor_id))
    for pair in candidates:
        if pair.mentee_id in placed or seats[pair.mentor_id] <= 0:
            continue
        placed[pair.mentee_id] = pair
        seats[pair.mentor_id] -= 1
    unmatched = tuple(
        Unmatched(mentee_id=m.id, why=ALL_TAKEN if m.id in had_candidate else NO_CANDIDATE)
        for m in sorted(mentees, key=lambda m: m.id)
        if m.id not in placed
    )
    pairs = tuple(sorted(placed.values(), key=lambda pair: (pair.mentee_id, pair.mentor_id)))
    return Proposal(pairs=pairs, unmatched=unmatched)
