"""The plan engine: worked plans, fees from the data, prerequisites and member dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from rxguild.roadmap.gap import HeldCredential, Job, MemberFacts, Status, evaluate_target
from rxguild.roadmap.plan import build_plan, compare, plan_requirements
from rxguild.roadmap.requirements import load_requirements

from .test_gap import CPHT, TODAY, iv_room, member_facts, retail

DATA = load_requirements()


def plan_for(code: str, member: MemberFacts, **kwargs):
    gap = evaluate_target(DATA.targets[code], member)
    return build_plan(gap, member, data=DATA, **kwargs)


def test_cspt_plan_half_done():
    # Active CPhT and 4 years in an IV room: the attestation, then the exam with its fees.
    member = MemberFacts(today=TODAY, credentials=(CPHT,), jobs=(iv_room(4),))
    plan = plan_for("ptcb-cspt", member)
    assert [(s.code, s.start, s.due) for s in plan.steps] == [
        ("cspt-attestation", TODAY, TODAY + dt.timedelta(weeks=2)),
        ("cspt-exam", TODAY + dt.timedelta(weeks=2), TODAY + dt.timedelta(weeks=8)),
    ]
    assert plan.known_cost == Decimal(199)  # $50 application + $149 exam (PTCB)
    assert plan.steps[1].cost_note == (
        "$50 CSPT application fee (one per one-year candidacy window, non-refundable) "
        "+ $149 CSPT exam fee"
    )
    assert plan.finish == TODAY + dt.timedelta(weeks=8)


def test_cspt_plan_from_retail_orders_program_experience_then_exam():
    member = MemberFacts(today=TODAY, credentials=(CPHT,), jobs=(retail(3),))
    plan = plan_for("ptcb-cspt", member)
    codes = [s.code for s in plan.steps]
    assert codes == ["cspt-experience-1y", "cspt-program", "cspt-attestation", "cspt-exam"]
    experience = plan.steps[0]
    assert experience.start == TODAY
    assert experience.due == TODAY + dt.timedelta(days=366)  # 12 months, rounded up
    assert "if you start qualifying work now" in experience.estimate
    program = plan.steps[1]
    assert program.due == TODAY + dt.timedelta(weeks=6)  # 24 h at 4 h a week
    assert program.cost is None  # program prices are not in the data
    exam = plan.steps[3]
    assert exam.start == experience.due + dt.timedelta(weeks=2)
    assert set(exam.after) == {"cspt-experience-1y", "cspt-program", "cspt-attestation"}
    assert [s.code for s in plan.unknown_costs] == ["cspt-program"]


def test_cpht_adv_plans_certificates_with_sure_rules_first():
    member = MemberFacts(today=TODAY, credentials=(CPHT,), jobs=(retail(5),))
    plan = plan_for("ptcb-cpht-adv", member)
    certificates = next(s for s in plan.steps if s.code == "cpht-adv-four-certificates")
    # Four certificates whose eligibility is sourced (never the unverified ones first).
    assert "Point-of-Care" not in certificates.estimate
    assert "Medication Therapy Management" not in certificates.estimate
    assert certificates.cost is None  # programs' prices are unknown
    assert plan.steps[-1].code == "cpht-adv-claim"
    assert plan.steps[-1].cost == Decimal(0)


def test_member_date_moves_the_step_and_what_follows():
    member = MemberFacts(today=TODAY, credentials=(CPHT,), jobs=(iv_room(4),))
    later = TODAY + dt.timedelta(days=100)
    plan = plan_for("ptcb-cspt", member, member_dates={"cspt-attestation": later})
    assert plan.steps[0].due == later
    assert plan.steps[0].member_date is True
    assert plan.steps[1].start == later


def test_member_date_before_a_prerequisite_is_flagged():
    member = MemberFacts(today=TODAY, credentials=(CPHT,), jobs=(retail(3),))
    plan = plan_for("ptcb-cspt", member, member_dates={"cspt-exam": TODAY + dt.timedelta(days=3)})
    exam = next(s for s in plan.steps if s.code == "cspt-exam")
    assert exam.before_prerequisite is True


def test_held_target_has_an_empty_plan():
    member = MemberFacts(today=TODAY, credentials=(HeldCredential("ptcb-cspt", "CSPT"),))
    assert plan_for("ptcb-cspt", member).done is True


def test_compare_puts_the_closest_first():
    member = MemberFacts(today=TODAY, credentials=(CPHT,), jobs=(iv_room(4),))
    gaps = [evaluate_target(DATA.targets[c], member) for c in ("ptcb-cpht-adv", "ptcb-cspt")]
    rows = compare(gaps, member, data=DATA)
    assert [r.gap.target.code for r in rows] == ["ptcb-cspt", "ptcb-cpht-adv"]


@given(member=member_facts, target=st.sampled_from(sorted(DATA.targets)))
def test_plan_properties(member, target):
    gap = evaluate_target(DATA.targets[target], member)
    plan = build_plan(gap, member, data=DATA)
    by_code = {s.code: s for s in plan.steps}
    pending = [] if gap.held else plan_requirements(gap)
    # One step per unmet required requirement, none for what is met.
    assert sorted(by_code) == sorted(r.code for r in pending)
    for step in plan.steps:
        assert TODAY <= step.start <= step.due
        for code in step.after:  # prerequisites end before the step starts
            assert by_code[code].due <= step.start
        assert step.cost is None or step.cost >= 0
        assert step.status is not Status.MET
    assert plan.finish == max((s.due for s in plan.steps), default=TODAY)
    assert plan.known_cost == sum((s.cost for s in plan.steps if s.cost is not None), Decimal(0))


def test_experience_already_accruing_says_so():
    member = MemberFacts(
        today=TODAY,
        credentials=(CPHT,),
        jobs=(Job("IV room technician", "Bayou", TODAY - dt.timedelta(days=200)),),
    )
    plan = plan_for("ptcb-cspt", member)
    experience = next(s for s in plan.steps if s.kind == "experience")
    assert "if you start" not in experience.estimate
