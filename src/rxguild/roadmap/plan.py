"""The plan engine: from a target's gap to ordered, dated steps with time and cost.

Pure Python (no Django import). Costs come only from the requirements data (fees with their
sources); a step whose cost the data does not know says so rather than showing $0. Durations
come from the data where it has them (months of experience still to log, course hours, CE hours
still to earn); elsewhere they are RxGuild's planning assumptions, named in `Assumptions`, shown
on the page as estimates, and the member moves any date.

Order, and why: prerequisite credentials first (an active CPhT before anything PTCB grants);
then programs and CE, one at a time (most technicians study while working full time);
experience accrues from today alongside them; applications and attestations once all of that is
done; the exam last (PTCB's 90-day authorization window starts at approval, so sit it right
after applying). A date the member set moves that step, and the steps after it follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from rxguild.roadmap.gap import (
    DAYS_PER_MONTH,
    MemberFacts,
    RequirementGap,
    Status,
    TargetGap,
    evaluate_target,
    job_counts,
)
from rxguild.roadmap.requirements import Fee, Requirement, RequirementsData, Target


@dataclass(frozen=True)
class Assumptions:
    """Planning defaults, not facts: each is labelled an estimate wherever it is shown."""

    study_hours_per_week: Decimal = Decimal(4)
    program_weeks_when_unknown: int = 8
    step_weeks: int = 2
    exam_study_weeks: int = 6
    skill_practice_weeks: int = 8


DEFAULT_ASSUMPTIONS = Assumptions()

# Phases: a step starts after every step of an earlier phase has ended. Experience is phase
# "parallel": it starts today and only the steps of the last two phases wait for it.
PHASE_OF_KIND = {
    "credential": 0,
    "credential_count": 0,
    "training": 1,
    "ce_hours": 1,
    "skill": 1,
    "experience": -1,
    "step": 2,
    "exam": 3,
}


@dataclass(frozen=True)
class PlanStep:
    code: str  # the requirement code
    label: str
    kind: str
    start: dt.date
    due: dt.date
    weeks: int
    estimate: str  # how the duration was worked out, in words
    duration_from_data: bool
    cost: Decimal | None  # None: the data has no fee for it
    cost_note: str
    fees: tuple[Fee, ...]
    after: tuple[str, ...]  # codes of the steps it waits for
    member_date: bool = False  # the member set the due date
    before_prerequisite: bool = False  # a member date earlier than a prerequisite's end
    low_confidence: bool = False
    status: Status = Status.MISSING

    @property
    def phase(self) -> int:
        return PHASE_OF_KIND.get(self.kind, 2)


@dataclass(frozen=True)
class Plan:
    target: Target
    steps: tuple[PlanStep, ...]
    start: dt.date
    assumptions: Assumptions = field(default=DEFAULT_ASSUMPTIONS)

    @property
    def finish(self) -> dt.date:
        return max((s.due for s in self.steps), default=self.start)

    @property
    def known_cost(self) -> Decimal:
        return sum((s.cost for s in self.steps if s.cost is not None), Decimal(0))

    @property
    def unknown_costs(self) -> tuple[PlanStep, ...]:
        return tuple(s for s in self.steps if s.cost is None)

    @property
    def done(self) -> bool:
        return not self.steps


def _weeks_for_hours(hours: Decimal, per_week: Decimal) -> int:
    if hours <= 0:
        return 0
    return int((hours / per_week).to_integral_value(rounding=ROUND_CEILING))


def _days_for_months(months: Decimal) -> int:
    return int((months * DAYS_PER_MONTH).to_integral_value(rounding=ROUND_CEILING))


@dataclass(frozen=True)
class _Duration:
    days: int
    estimate: str
    from_data: bool
    cost: Decimal | None
    cost_note: str


def _money(value: Decimal) -> str:
    return f"${value:,.0f}" if value == value.to_integral_value() else f"${value:,.2f}"


def _fees_cost(req: Requirement) -> tuple[Decimal | None, str]:
    if req.fees:
        total = req.fee_total
        parts = " + ".join(f"{_money(f.amount)} {f.label}" for f in req.fees)
        return total, parts
    if req.kind == "exam":
        return None, "RxGuild has no source for this fee yet: see the issuer's page."
    if req.kind == "training":
        return None, "Program prices vary: see the program's page."
    return Decimal(0), ""


def _credential_duration(
    gap: RequirementGap,
    facts: MemberFacts,
    data: RequirementsData | None,
    assumptions: Assumptions,
    depth: int,
) -> _Duration:
    """An unmet credential requirement takes as long as that credential's own plan (shortest
    ones first for "any N of"), when the data has a target for it; otherwise it is unknown."""
    req = gap.requirement
    held_count = int(gap.have or 0)
    needed = max(req.count - held_count, 1) if req.kind == "credential_count" else 1
    plans: list[Plan] = []
    if data is not None and depth < 2:
        for code in req.credentials:
            spec = data.targets.get(code)
            if spec is None:
                continue
            sub_gap = evaluate_target(spec, facts)
            if sub_gap.status is Status.MET:
                continue
            plans.append(build_plan(sub_gap, facts, data=data, assumptions=assumptions,
                                    _depth=depth + 1))  # fmt: skip
    if len(plans) < needed:
        return _Duration(
            days=7 * assumptions.program_weeks_when_unknown,
            estimate=f"estimate ({assumptions.program_weeks_when_unknown} weeks): RxGuild has no "
            "plan for this credential",
            from_data=False,
            cost=None,
            cost_note="Unknown: see the issuer's page.",
        )
    # Sure rules first: a certificate whose eligibility RxGuild could not verify is planned on
    # only when there are not enough others.
    plans.sort(
        key=lambda p: (
            p.target.low_confidence or any(s.low_confidence for s in p.steps),
            (p.finish - p.start).days,
            p.known_cost,
            p.target.code,
        )
    )
    chosen = plans[:needed]
    # One after another: the member works on one credential at a time.
    days = sum((p.finish - p.start).days for p in chosen)
    unknown = any(p.unknown_costs for p in chosen)
    cost = None if unknown else sum((p.known_cost for p in chosen), Decimal(0))
    names = ", ".join(p.target.name for p in chosen)
    return _Duration(
        days=days,
        estimate=f"as long as its own plan: {names}",
        from_data=all(s.duration_from_data for p in chosen for s in p.steps),
        cost=cost,
        cost_note=f"the fees in the plan for {names}" if cost is not None else "Partly unknown.",
    )


def _duration(
    gap: RequirementGap,
    facts: MemberFacts,
    data: RequirementsData | None,
    assumptions: Assumptions,
    depth: int,
) -> _Duration:
    req = gap.requirement
    cost, cost_note = _fees_cost(req)
    if req.kind in ("credential", "credential_count"):
        return _credential_duration(gap, facts, data, assumptions, depth)
    if req.kind == "experience":
        remaining = Decimal(req.months) - (gap.have or Decimal(0))
        current = any(job.end is None and job_counts(req, job) for job in facts.jobs)
        when = "" if current else ", if you start qualifying work now (no current job counts)"
        return _Duration(
            _days_for_months(remaining),
            f"{remaining} more months of qualifying work{when}",
            True,
            cost,
            cost_note,
        )
    if req.kind == "ce_hours":
        remaining = req.hours - (gap.have or Decimal(0))
        weeks = _weeks_for_hours(remaining, assumptions.study_hours_per_week)
        return _Duration(
            7 * weeks,
            f"{remaining.normalize():f} h of CE at {assumptions.study_hours_per_week} h a week "
            "(estimate)",
            False,
            cost,
            cost_note,
        )
    if req.kind == "training":
        if req.course_hours:
            remaining = max(req.course_hours - (gap.have or Decimal(0)), Decimal(0))
            weeks = max(_weeks_for_hours(remaining, assumptions.study_hours_per_week), 1)
            return _Duration(
                7 * weeks,
                f"about {remaining.normalize():f} h of coursework at "
                f"{assumptions.study_hours_per_week} h a week (estimate; hours from the data)",
                False,
                cost,
                cost_note,
            )
        weeks = assumptions.program_weeks_when_unknown
        return _Duration(
            7 * weeks,
            f"estimate ({weeks} weeks): the data has no program length",
            False,
            cost,
            cost_note,
        )
    if req.kind == "exam":
        weeks = assumptions.exam_study_weeks
        return _Duration(7 * weeks, f"estimate: {weeks} weeks of study", False, cost, cost_note)
    if req.kind == "skill":
        weeks = assumptions.skill_practice_weeks
        return _Duration(
            7 * weeks,
            f"estimate ({weeks} weeks): practise it at work, then rate yourself again",
            False,
            cost,
            cost_note,
        )
    weeks = assumptions.step_weeks
    return _Duration(7 * weeks, f"estimate: {weeks} weeks", False, cost, cost_note)


def plan_requirements(gap: TargetGap) -> list[RequirementGap]:
    """The requirements a plan has to cover: relevant, required and not met."""
    return [
        r
        for r in gap.relevant_requirements()
        if r.status is not Status.MET and not r.requirement.optional
    ]


def build_plan(
    gap: TargetGap,
    facts: MemberFacts,
    *,
    data: RequirementsData | None = None,
    start: dt.date | None = None,
    member_dates: Mapping[str, dt.date] | None = None,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
    _depth: int = 0,
) -> Plan:
    """Dated steps for what `gap` still needs. `data` lets an unmet credential take the length
    and fees of that credential's own plan; `member_dates` are due dates the member set."""
    start = start or facts.today
    member_dates = member_dates or {}
    pending = plan_requirements(gap) if gap.held is None else []
    ordered = sorted(
        enumerate(pending),
        key=lambda pair: (PHASE_OF_KIND.get(pair[1].requirement.kind, 2), pair[0]),
    )
    steps: list[PlanStep] = []
    cursor = start  # sequential work (credentials, programs, CE, steps, exams)
    for _, requirement_gap in ordered:
        req = requirement_gap.requirement
        phase = PHASE_OF_KIND.get(req.kind, 2)
        duration = _duration(requirement_gap, facts, data, assumptions, _depth)
        if phase < 0:
            after: tuple[str, ...] = ()
            earliest = start
        else:
            waits_for = [s for s in steps if 0 <= s.phase < phase]
            if phase >= 2:
                waits_for += [s for s in steps if s.phase < 0]
            after = tuple(s.code for s in waits_for)
            earliest = max([cursor, *(s.due for s in waits_for)])
        due = earliest + dt.timedelta(days=duration.days)
        member_due = member_dates.get(req.code)
        before_prerequisite = False
        if member_due is not None:
            before_prerequisite = member_due < earliest
            due = max(member_due, start)
        step_start = min(earliest, due)
        steps.append(
            PlanStep(
                code=req.code,
                label=req.label,
                kind=req.kind,
                start=step_start,
                due=due,
                weeks=max((due - step_start).days // 7, 0),
                estimate=duration.estimate,
                duration_from_data=duration.from_data,
                cost=duration.cost,
                cost_note=duration.cost_note,
                fees=req.fees,
                after=after,
                member_date=member_due is not None,
                before_prerequisite=before_prerequisite,
                low_confidence=req.low_confidence,
                status=requirement_gap.status,
            )
        )
        if phase >= 0:
            cursor = due
    return Plan(target=gap.target, steps=tuple(steps), start=start, assumptions=assumptions)


@dataclass(frozen=True)
class Comparison:
    """Several targets side by side: what each still needs, by when, for how much."""

    gap: TargetGap
    plan: Plan

    @property
    def still_needed(self) -> list[RequirementGap]:
        return plan_requirements(self.gap) if self.gap.held is None else []


def compare(
    gaps: Sequence[TargetGap],
    facts: MemberFacts,
    *,
    data: RequirementsData | None = None,
    member_dates: Mapping[str, dt.date] | None = None,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> list[Comparison]:
    """Each target with its plan, closest first (fewest days to finish, then cheapest)."""
    rows = [
        Comparison(
            gap,
            build_plan(gap, facts, data=data, member_dates=member_dates, assumptions=assumptions),
        )
        for gap in gaps
    ]
    return sorted(
        rows,
        key=lambda row: (row.plan.finish, row.plan.known_cost, len(row.plan.unknown_costs)),
    )
