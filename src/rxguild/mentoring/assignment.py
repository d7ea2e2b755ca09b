"""Program match: assign a cohort's mentees to its mentors under capacities (no Django).

"Match everyone" is `assign_optimal`: the globally best assignment over a sparse graph of
candidate pairs (`candidates.generate`: each mentee's best mentors within their block, hard
constraints applied), solved as a min-cost flow by OR-Tools' `SimpleMinCostFlow`:

    source -> each mentee (1 seat) -> each candidate mentor (1) -> sink (the mentor's seats)
    source -> sink directly, for mentees left unmatched (no cost)

The objective is the **total score first, then the number matched**: a pair's cost is
-(score x (mentees + 1) + 1), so one more matched mentee never outweighs the smallest
difference in total score, but between assignments of equal total the one that places more
mentees wins. Score comes first because it is what the issue asks to maximise and because
every candidate scores above 0, so an assignment of maximum total already leaves no mentee
out who could be placed for free; putting the count first would force weak pairs (a shared
meeting format, 2 points) in place of strong ones just to fill a seat. Staff see each
unmatched mentee with why and can pair them by hand.

Why OR-Tools rather than networkx or scipy: its min-cost flow is compiled (the whole graph in
a fraction of a second at 20,000 x 4,000) and takes capacities as they are; networkx's network
simplex is pure Python, and scipy's sparse bipartite matching has no capacities (each seat
would be a copy of its mentor) and needs every mentee matched. Costs are whole numbers (the
score in millionths, as the engine rounds it), so the result is exact and the same input gives
the same proposal (mentees and mentors are taken in id order).

`assign_greedy` is the baseline the benchmark and tests compare with: candidate pairs taken
best first (ties by mentee id, then mentor id), skipping a mentee already placed or a mentor
whose seats are gone. A mentee whose best mentor went to a slightly stronger pair may be left
with a weaker one, or none, where the optimum places both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.graph.python import min_cost_flow

from rxguild.mentoring import candidates, matching
from rxguild.mentoring.matching import Labels, Match, Mentee, Mentor, Weights

# Each mentee's best mentors kept for the optimiser. Measured (make bench): on 2,000 x 400,
# ten per mentee reach the optimum of the full candidate graph to within a fraction of a
# per cent, in a fraction of the time.
PER_MENTEE = 10
# Below this many pairs every mentor is compared with every mentee (exact top k, a few
# milliseconds); blocking is for the cohorts where comparing everyone would cost seconds.
BLOCK_ABOVE_PAIRS = 1_000_000


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
OUTWEIGHED = "every mentor who fits is full in the best overall assignment"


@dataclass(frozen=True)
class _Cohort:
    """The program after the staff-fixed pairs: who is left, and the seats left to fill."""

    placed: dict[int, Pair]
    mentees: list[Mentee]
    mentors: list[Mentor]  # without load (program scores leave it out), in id order
    seats: list[int]


def _cohort(mentees: Sequence[Mentee], mentors: Sequence[Mentor], fixed: Sequence[Pair]) -> _Cohort:
    seats = {mentor.id: mentor.seats_left for mentor in mentors}
    placed: dict[int, Pair] = {}
    for pair in fixed:
        if pair.mentee_id in placed or seats.get(pair.mentor_id, 0) <= 0:
            continue
        placed[pair.mentee_id] = pair
        seats[pair.mentor_id] -= 1
    open_mentors = sorted((m for m in mentors if seats[m.id] > 0), key=lambda m: m.id)
    return _Cohort(
        placed=placed,
        mentees=sorted((m for m in mentees if m.id not in placed), key=lambda m: m.id),
        # Seats after the fixed pairs become the capacity; scores are computed without load.
        mentors=[replace(m, load=0, capacity=seats[m.id]) for m in open_mentors],
        seats=[seats[m.id] for m in open_mentors],
    )


def _proposal(
    mentees: Sequence[Mentee], placed: dict[int, Pair], had_candidate: set[int], why: str
) -> Proposal:
    unmatched = tuple(
        Unmatched(mentee_id=m.id, why=why if m.id in had_candidate else NO_CANDIDATE)
        for m in sorted(mentees, key=lambda m: m.id)
        if m.id not in placed
    )
    pairs = tuple(sorted(placed.values(), key=lambda pair: (pair.mentee_id, pair.mentor_id)))
    return Proposal(pairs=pairs, unmatched=unmatched)


def _candidates(
    cohort: _Cohort, weights: Weights, per_mentee: int | None, blocking: bool | None
) -> candidates.Candidates:
    if blocking is None:
        blocking = len(cohort.mentees) * len(cohort.mentors) > BLOCK_ABOVE_PAIRS
    return candidates.generate(
        cohort.mentees, cohort.mentors, weights, per_mentee=per_mentee, blocking=blocking
    )


def assign_optimal(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    *,
    fixed: Sequence[Pair] = (),
    per_mentee: int | None = PER_MENTEE,
    blocking: bool | None = None,
) -> Proposal:
    """The program's proposal: `fixed` pairs (set by staff) kept first, using their mentor's
    seats; the rest the assignment of maximum total score over the candidate pairs (every
    fitting pair when `per_mentee` is None). `blocking` None blocks only cohorts of more than
    BLOCK_ABOVE_PAIRS pairs."""
    cohort = _cohort(mentees, mentors, fixed)
    found = _candidates(cohort, weights, per_mentee, blocking)
    placed = dict(cohort.placed)
    if len(found):
        chosen = _solve(found, len(cohort.mentees), cohort.seats)
        for row, col, value in zip(
            found.mentee_rows[chosen].tolist(),
            found.mentor_rows[chosen].tolist(),
            found.scores[chosen].tolist(),
            strict=True,
        ):
            mentee_id = cohort.mentees[row].id
            placed[mentee_id] = Pair(
                mentee_id=mentee_id, mentor_id=cohort.mentors[col].id, score=value
            )
    had = {cohort.mentees[row].id for row in set(found.mentee_rows.tolist())}
    return _proposal(mentees, placed, had, OUTWEIGHED)


def _solve(found: candidates.Candidates, mentee_count: int, seats: Sequence[int]) -> np.ndarray:
    """Which candidate pairs the min-cost flow takes (a boolean per pair)."""
    # Whole-number costs, exact in millionths of a point (the engine rounds scores so). Only
    # a cohort far beyond 20,000 with weights near their 1,000-point cap could overflow
    # OR-Tools' 64-bit costs; then thousandths, then whole points are close enough.
    for per_point in (1_000_000, 1_000, 1):
        flow = min_cost_flow.SimpleMinCostFlow()
        pair_arcs = _network(flow, found, mentee_count, seats, per_point)
        status = flow.solve()
        if status == flow.OPTIMAL:
            taken: np.ndarray = flow.flows(pair_arcs) > 0
            return taken
        if status != flow.BAD_COST_RANGE:
            break
    raise RuntimeError(f"The program match could not be solved (OR-Tools status {status}).")


def _network(
    flow: min_cost_flow.SimpleMinCostFlow,
    found: candidates.Candidates,
    mentee_count: int,
    seats: Sequence[int],
    per_point: int,
) -> np.ndarray:
    source, sink = 0, 1 + mentee_count + len(seats)
    mentee_nodes = 1 + np.arange(mentee_count, dtype=np.int32)
    mentor_nodes = 1 + mentee_count + np.arange(len(seats), dtype=np.int32)
    units = np.rint(found.scores * per_point).astype(np.int64)
    pair_arcs: np.ndarray = flow.add_arcs_with_capacity_and_unit_cost(
        mentee_nodes[found.mentee_rows],
        mentor_nodes[found.mentor_rows],
        np.ones(len(found), dtype=np.int64),
        -(units * (mentee_count + 1) + 1),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(mentee_count, source, dtype=np.int32),
        mentee_nodes,
        np.ones(mentee_count, dtype=np.int64),
        np.zeros(mentee_count, dtype=np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        mentor_nodes,
        np.full(len(seats), sink, dtype=np.int32),
        np.array(seats, dtype=np.int64),
        np.zeros(len(seats), dtype=np.int64),
    )
    flow.add_arc_with_capacity_and_unit_cost(source, sink, mentee_count, 0)
    flow.set_node_supply(source, mentee_count)
    flow.set_node_supply(sink, -mentee_count)
    return pair_arcs


def assign_greedy(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    *,
    fixed: Sequence[Pair] = (),
    per_mentee: int | None = None,
    blocking: bool | None = None,
) -> Proposal:
    """The baseline: the same fixed pairs first, then candidate pairs best first (every
    fitting pair when `per_mentee` is None, else the same candidates the optimum uses)."""
    cohort = _cohort(mentees, mentors, fixed)
    found = _candidates(cohort, weights, per_mentee, blocking)
    placed = dict(cohort.placed)
    seats = list(cohort.seats)
    rows, cols = found.mentee_rows.tolist(), found.mentor_rows.tolist()
    values = found.scores.tolist()
    ids = [m.id for m in cohort.mentees]
    for index in np.lexsort((found.mentor_rows, found.mentee_rows, -found.scores)).tolist():
        mentee_id, col = ids[rows[index]], cols[index]
        if mentee_id in placed or seats[col] <= 0:
            continue
        placed[mentee_id] = Pair(
            mentee_id=mentee_id, mentor_id=cohort.mentors[col].id, score=values[index]
        )
        seats[col] -= 1
    return _proposal(mentees, placed, {ids[row] for row in set(rows)}, ALL_TAKEN)


def explain_pairs(
    proposal: Proposal,
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    labels: Labels,
) -> dict[int, Match]:
    """The reasons of each proposed pair, by mentee id (staff-fixed pairs that fit on
    nothing have none)."""
    by_mentee = {m.id: m for m in mentees}
    by_mentor = {m.id: replace(m, load=0) for m in mentors}
    found = {}
    for pair in proposal.pairs:
        match = matching.explain(
            by_mentee[pair.mentee_id], by_mentor[pair.mentor_id], weights, labels
        )
        if match is not None:
            found[pair.mentee_id] = match
    return found
