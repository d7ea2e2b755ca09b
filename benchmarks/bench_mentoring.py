"""Mentoring engine: self-match recommendations and the program match (engine only).

Synthetic but realistic members: states weighted toward the large ones, most mentors in
retail or hospital, one to three specialties and topics each, one in five bilingual, ten per
cent paused, capacities 1-5 with some seats already taken. Figures are CPU time
(``time.process_time``): the machine is shared, so wall-clock time mostly measures others.

Targets (issue #11): recommendations for one mentee among 4,000 mentors under 30 ms; program
match of 20,000 mentees and 4,000 mentors under 2 s, candidate generation, scoring and
optimisation together (mentoring/candidates.py, assignment.py), with the reasons of every
chosen pair timed apart.

Baselines in the same run: for self-match, the same ranking that builds the reasons for every
mentor before sorting (what a first version does); for the program match, the greedy
assignment (strongest pairs first) over the same candidates, total score and share matched
side by side; and, on 2,000 x 400 where it is affordable, the optimum over every fitting pair,
to show what keeping only each mentee's best few candidates costs.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from rxguild.mentoring import assignment, matching
from rxguild.mentoring.matching import Labels, Mentee, Mentor, Weights

STATES = ["CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ"]
STATE_WEIGHTS = [12, 9, 7, 6, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2]
SPECIALTIES = [f"spec-{n}" for n in range(19)]
SETTINGS = ["retail", "hospital", "ltc", "mail", "specialty", "other"]
SETTING_WEIGHTS = [45, 35, 8, 4, 6, 2]
TOPICS = [f"topic-{n}" for n in range(14)]
CREDENTIALS = ["cpht", "cspt", "cpht-adv", "excpt", "abc-hd", "abc-billing", "abc-tpv"]
T = TypeVar("T")
LANGUAGES = ["en", "es", "vi", "zh", "tl"]
EMPLOYERS = [f"employer-{n}" for n in range(300)]


def _some(rng: random.Random, pool: list[str], low: int, high: int) -> frozenset[str]:
    return frozenset(rng.sample(pool, rng.randint(low, high)))


def make_mentors(rng: random.Random, count: int, first_id: int = 1_000_000) -> list[Mentor]:
    mentors = []
    for index in range(count):
        capacity = rng.randint(1, 5)
        mentors.append(
            Mentor(
                id=first_id + index,
                home_state=rng.choices(STATES, STATE_WEIGHTS)[0],
                states=frozenset(rng.sample(STATES, rng.choice([0, 0, 1]))),
                credentials=frozenset({"cpht"}) | _some(rng, CREDENTIALS[1:], 0, 2),
                specialties=_some(rng, SPECIALTIES, 1, 3),
                settings=frozenset(rng.choices(SETTINGS, SETTING_WEIGHTS, k=rng.randint(1, 2))),
                topics=_some(rng, TOPICS, 1, 4),
                languages=frozenset({"en"})
                | (_some(rng, LANGUAGES[1:], 1, 1) if rng.random() < 0.2 else frozenset()),
                formats=_some(rng, ["video", "phone", "messages", "in_person"], 1, 3),
                employers=frozenset({rng.choice(EMPLOYERS)}),
                capacity=capacity,
                load=rng.randint(0, capacity - 1) if rng.random() < 0.3 else 0,
                available=rng.random() > 0.1,
            )
        )
    return mentors


def make_mentees(rng: random.Random, count: int, mentor_ids: list[int]) -> list[Mentee]:
    return [
        Mentee(
            id=index + 1,
            home_state=rng.choices(STATES, STATE_WEIGHTS)[0],
            target_credential=rng.choice([*CREDENTIALS, "", ""]),
            specialties=_some(rng, SPECIALTIES, 0, 2),
            settings=frozenset(rng.choices(SETTINGS, SETTING_WEIGHTS, k=1)),
            topics=_some(rng, TOPICS, 1, 3),
            languages=frozenset({"es"}) if rng.random() < 0.15 else frozenset(),
            formats=_some(rng, ["video", "phone", "messages"], 0, 2),
            employers=frozenset({rng.choice(EMPLOYERS)}),
            outside_employer=rng.random() < 0.3,
            same_state=rng.random() < 0.1,
            blocked=frozenset(rng.sample(mentor_ids, 1)) if rng.random() < 0.02 else frozenset(),
        )
        for index in range(count)
    ]


def _recommend_with_all_reasons(
    mentee: Mentee, mentors: list[Mentor], weights: Weights, labels: Labels
) -> list[matching.Match]:
    matches = [
        m for m in (matching.explain(mentee, mentor, weights, labels) for mentor in mentors) if m
    ]
    matches.sort(key=lambda m: (-m.score, m.mentor_id))
    return matches[:20]


def _cpu(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    started = time.process_time()
    result = function(*args, **kwargs)
    return time.process_time() - started, result


def run() -> None:
    rng = random.Random(11)
    weights, labels = Weights(), Labels()
    mentors = make_mentors(rng, 4_000)
    mentees = make_mentees(rng, 200, [m.id for m in mentors])

    fast, slow = [], []
    for mentee in mentees[:100]:
        seconds, ranked = _cpu(matching.recommend, mentee, mentors, weights, labels)
        baseline_seconds, baseline = _cpu(
            _recommend_with_all_reasons, mentee, mentors, weights, labels
        )
        assert ranked == baseline, "the two rankings differ"
        fast.append(seconds * 1000)
        slow.append(baseline_seconds * 1000)
    p95 = statistics.quantiles(fast, n=20)[18]
    median, baseline_median = statistics.median(fast), statistics.median(slow)
    print(
        f"self-match, 4,000 mentors: median {median:.1f} ms, p95 {p95:.1f} ms "
        f"(target < 30 ms: {'met' if p95 < 30 else 'MISSED'}); reasons for every mentor "
        f"first: median {baseline_median:.1f} ms ({baseline_median / median:.1f}x)"
    )

    print(
        f"BLAS threads: {os.environ.get('OPENBLAS_NUM_THREADS', 'default')} "
        "(CPU time counts every thread, so more would not look faster)"
    )
    _program_match(rng, weights, labels, 2_000, 400, full_graph=True)
    _program_match(rng, weights, labels, 20_000, 4_000, full_graph=False)
    # A program with a questionnaire: a meeting format worth points and shifts that must match.
    questions = (
        matching.Question(key="format", label="Preferred meeting format", points=10),
        matching.Question(key="shifts", label="Shifts", must_match=True),
    )
    print("with a questionnaire (a choice worth 10 points, shifts that must match):")
    _program_match(
        rng,
        replace(weights, questions=questions),
        labels,
        20_000,
        4_000,
        full_graph=False,
        answered=True,
    )


def _answers(rng: random.Random) -> frozenset[tuple[str, str]]:
    shifts = _some(rng, ["days", "evenings", "nights", "weekends"], 1, 3)
    meeting = rng.choice(["video", "phone", "in person"])
    return frozenset({("format", meeting)} | {("shifts", shift) for shift in shifts})


def _program_match(
    rng: random.Random,
    weights: Weights,
    labels: Labels,
    mentee_count: int,
    mentor_count: int,
    *,
    full_graph: bool,
    answered: bool = False,
) -> None:
    mentors = make_mentors(rng, mentor_count)
    mentees = make_mentees(rng, mentee_count, [m.id for m in mentors])
    if answered:
        mentors = [replace(m, answers=_answers(rng)) for m in mentors]
        mentees = [replace(m, answers=_answers(rng)) for m in mentees]
    seats = sum(m.seats_left for m in mentors if m.available)
    size = f"{mentee_count:,} x {mentor_count:,} ({seats:,} seats)"
    seconds, optimal = _cpu(assignment.assign_optimal, mentees, mentors, weights)
    reasons_seconds, _ = _cpu(assignment.explain_pairs, optimal, mentees, mentors, weights, labels)
    greedy_seconds, greedy = _cpu(
        assignment.assign_greedy,
        mentees,
        mentors,
        weights,
        fixed=(),
        per_mentee=assignment.PER_MENTEE,
    )
    target = (
        "" if mentee_count < 20_000 else f" (target < 2 s: {'met' if seconds < 2 else 'MISSED'})"
    )
    print(
        f"program match, {size}: candidates, scores and min-cost flow {seconds:.2f} s{target}; "
        f"reasons for the {len(optimal.pairs):,} pairs {reasons_seconds:.2f} s; "
        f"end to end {seconds + reasons_seconds:.2f} s"
    )
    for name, proposal in (("optimal", optimal), ("greedy", greedy)):
        matched = len(proposal.pairs)
        print(
            f"  {name:>7}: total score {proposal.total_score:,.0f}, "
            f"{matched:,} matched ({matched / mentee_count:.1%} of mentees, "
            f"{matched / seats:.1%} of seats), "
            f"mean {proposal.total_score / max(1, matched):.1f}"
        )
    print(
        f"  optimal / greedy total score: {optimal.total_score / greedy.total_score:.3f}x "
        f"(greedy over the same candidates: {greedy_seconds:.2f} s)"
    )
    if full_graph:
        full_seconds, full = _cpu(
            assignment.assign_optimal, mentees, mentors, weights, per_mentee=None
        )
        blocked = assignment.assign_optimal(mentees, mentors, weights, blocking=True)
        print(
            f"  optimum over every fitting pair: total {full.total_score:,.0f} "
            f"in {full_seconds:.2f} s; {assignment.PER_MENTEE} candidates per mentee reach "
            f"{optimal.total_score / full.total_score:.1%} of it, "
            f"{blocked.total_score / full.total_score:.1%} when blocked as at full size"
        )
