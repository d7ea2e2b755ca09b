"""Mentoring engine: self-match recommendations and the program match (engine only).

Synthetic but realistic members: states weighted toward the large ones, most mentors in
retail or hospital, one to three specialties and topics each, one in five bilingual, ten per
cent paused, capacities 1-5 with some seats already taken. Figures are CPU time
(``time.process_time``): the machine is shared, so wall-clock time mostly measures others.

Targets (issue #11): recommendations for one mentee among 4,000 mentors under 30 ms; program
match of 20,000 mentees and 4,000 mentors under 2 s. The program match here is the plain
greedy one (mentoring/assignment.py); it is timed on a smaller cohort and the full size is
extrapolated from its pair count, because it scores every pair (80 million at full size).
Baseline in the same run: the same ranking that builds the reasons for every mentor before
sorting (what a first version does), to show what writing reasons only for the shown ones saves.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
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


def _cpu(function: Callable[..., T], *args: Any) -> tuple[float, T]:
    started = time.process_time()
    result = function(*args)
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

    cohort_mentors = make_mentors(rng, 400)
    cohort_mentees = make_mentees(rng, 2_000, [m.id for m in cohort_mentors])
    seconds, proposal = _cpu(assignment.assign_greedy, cohort_mentees, cohort_mentors, weights)
    seats = sum(m.seats_left for m in cohort_mentors if m.available)
    pairs = len(cohort_mentees) * len(cohort_mentors)
    full = seconds * (20_000 * 4_000) / pairs
    matched = len(proposal.pairs)
    print(
        f"program match (greedy), 2,000 mentees x 400 mentors ({seats:,} seats): {seconds:.2f} s, "
        f"{matched:,} matched ({matched / len(cohort_mentees):.0%}), "
        f"total score {proposal.total_score:,.0f}, "
        f"mean {proposal.total_score / max(1, matched):.1f}"
    )
    print(
        f"program match at 20,000 x 4,000, extrapolated from pairs scored: ~{full:.0f} s "
        "(target < 2 s: MISSED; needs candidate generation and a compiled solver, not done)"
    )
