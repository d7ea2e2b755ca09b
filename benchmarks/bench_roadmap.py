"""Roadmap engines: the gap and the plan for a busy member, and pay buckets.

No database. The member has 60 CE records, 5 credentials and 10 jobs of work history (the
issue's case). Measured: `evaluate_target` + `build_plan` (with the data, so unmet credentials
are planned through their own targets) for each of the data's targets, and the slowest target
alone. Baseline in the same run: the gap with the obvious experience count, a set of every
worked day (what a first implementation tends to do), checked equal to the engine's interval
merge before timing. Target: gap + plan < 20 ms per target.

Pay: `buckets` (state x setting, and years band) and `compare_credential` over 100,000
approved reports, engine only; baseline in the same run: sorting all 100,000 hourly figures once
as Decimals, as the database returns them. Target: < 100 ms. Figures are CPU time
(`time.process_time`): the machine is shared, so wall-clock time mostly measures others.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from unittest import mock

from rxguild.roadmap import gap_rules as gap_module
from rxguild.roadmap.gap import CeRecord, HeldCredential, Job, MemberFacts, evaluate_target
from rxguild.roadmap.pay import PayPoint, buckets, compare_credential
from rxguild.roadmap.plan import build_plan
from rxguild.roadmap.requirements import load_requirements

TODAY = dt.date(2026, 12, 3)
REPEATS = 30
TARGET_MS = 20.0


def busy_member(rng: random.Random) -> MemberFacts:
    settings = ["retail-community", "hospital-health-system", "compounding-sterile", "", "nuclear"]
    titles = ["Pharmacy technician", "IV room technician", "Billing specialist", "Lead tech"]
    jobs = []
    start = TODAY - dt.timedelta(days=365 * 12)
    for index in range(10):
        end = start + dt.timedelta(days=rng.randrange(120, 600))
        jobs.append(
            Job(
                rng.choice(titles),
                f"Employer {index}",
                start,
                None if index == 9 else min(end, TODAY),
                setting=rng.choice(settings),
                summary="Prior authorizations and USP <797> compounding",
            )
        )
        start = end - dt.timedelta(days=rng.randrange(0, 60))  # some overlap
    records = tuple(
        CeRecord(
            f"Activity {index}",
            TODAY - dt.timedelta(days=rng.randrange(1500)),
            Decimal(rng.choice(["1", "1.5", "2", "0.5"])),
            rng.choice(["01", "03", "05", "06", "07"]),
            frozenset(rng.sample(["sterile_compounding", "immunization"], rng.choice([0, 1]))),
        )
        for index in range(60)
    )
    credentials = tuple(
        HeldCredential(code, code, TODAY + dt.timedelta(days=200))
        for code in ("ptcb-cpht", "state-tx-technician", "ptcb-abc-tpv",
                     "ptcb-abc-hazardous-drug-management", "ptcb-abc-immunization")
    )  # fmt: skip
    return MemberFacts(TODAY, credentials, tuple(jobs), records)


def naive_experience_months(req, jobs, today):
    """Every qualifying day in a set: right, and slow for long careers."""
    window_start = dt.date.min
    if req.within_years:
        window_start = today.replace(year=today.year - req.within_years)
    days: set[dt.date] = set()
    counted = []
    for job in jobs:
        why = gap_module.job_counts(req, job)
        if why is None:
            continue
        day = max(job.start, window_start)
        end = min(job.end or today, today)
        if end <= day:
            continue
        counted.append(f"{job.label} ({why})")
        while day < end:
            days.add(day)
            day += dt.timedelta(days=1)
    return int(Decimal(len(days)) / gap_module.DAYS_PER_MONTH), counted


def cpu_ms(work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(REPEATS):
        started = time.process_time()
        work()
        times.append((time.process_time() - started) * 1000)
    return times


def run() -> None:
    data = load_requirements()
    member = busy_member(random.Random(13))
    targets = list(data.targets.values())

    def all_targets() -> None:
        for target in targets:
            build_plan(evaluate_target(target, member), member, data=data)

    def gaps_only() -> None:
        for target in targets:
            evaluate_target(target, member)

    # Same answers before timing.
    for target in targets:
        engine = evaluate_target(target, member)
        with mock.patch.object(gap_module, "experience_months", naive_experience_months):
            naive = evaluate_target(target, member)
        assert engine == naive, target.code

    per_target = {}
    for target in targets:
        times = cpu_ms(lambda t=target: build_plan(evaluate_target(t, member), member, data=data))
        per_target[target.code] = statistics.median(times)
    slowest = max(per_target, key=lambda code: per_target[code])
    engine_ms = statistics.median(cpu_ms(gaps_only))
    with mock.patch.object(gap_module, "experience_months", naive_experience_months):
        naive_ms = statistics.median(cpu_ms(gaps_only))
    total_ms = statistics.median(cpu_ms(all_targets))
    print(f"targets: {len(targets)}; member: 60 CE records, 5 credentials, 10 jobs")
    print(f"gap + plan per target: median {statistics.median(per_target.values()):.2f} ms, "
          f"slowest {slowest} {per_target[slowest]:.2f} ms (target < {TARGET_MS:.0f} ms: "
          f"{'met' if per_target[slowest] < TARGET_MS else 'MISSED'})")  # fmt: skip
    print(f"gap + plan for all {len(targets)} targets: {total_ms:.1f} ms")
    run_pay()
    print(f"gaps for all targets: engine {engine_ms:.2f} ms, day-set baseline {naive_ms:.2f} ms "
          f"(baseline / engine = {naive_ms / engine_ms:.1f}x)")  # fmt: skip


def pay_points(rng: random.Random, count: int) -> list[PayPoint]:
    states = ["TX", "CA", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA"]
    settings = [
        "retail-community",
        "hospital-health-system",
        "compounding-sterile",
        "",
        "specialty",
    ]
    return [
        PayPoint(
            rng.randrange(1500, 3500),
            rng.choice(states),
            rng.choice(settings),
            rng.choice(["day", "night", ""]),
            rng.randrange(0, 25),
            frozenset(["ptcb-cpht", "ptcb-cspt"][: rng.choice([0, 1, 1, 2])]),
        )
        for _ in range(count)
    ]


def run_pay() -> None:
    points = pay_points(random.Random(5), 100_000)

    def all_buckets() -> None:
        buckets(points, by=("state", "setting"))
        buckets(points, by=("years_band",))
        compare_credential(points, credential="ptcb-cspt", state="TX")

    engine = statistics.median(cpu_ms(all_buckets)[:10])
    decimals = [Decimal(p.hourly_cents) / 100 for p in points]
    baseline = statistics.median(cpu_ms(lambda: sorted(decimals))[:10])
    verdict = "met" if engine < 100 else "MISSED"
    print(f"pay buckets over 100,000 reports: {engine:.1f} ms (target < 100 ms: {verdict}); "
          f"one sort of the 100,000 figures as Decimals {baseline:.1f} ms "
          f"(engine / sort = {engine / baseline:.1f}x)")  # fmt: skip
