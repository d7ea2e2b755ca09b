"""The ledger's demo seed: three entries for the demo member, idempotent."""

from __future__ import annotations

import pytest

from rxguild.core.demo import DemoContext
from rxguild.experience import demo, selectors, selectors_programs
from rxguild.experience.models import ExperienceEntry

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_counts_sterile_months(member):
    context = DemoContext(objects={"member": member})
    demo.seed(context)
    demo.seed(context)
    assert ExperienceEntry.objects.filter(member=member).count() == 3
    summary = selectors.ledger_summary(selectors.entries_for_owner(member))
    assert [row.code for row in summary.settings] == ["hospital-health-system", "retail-community"]
    assert [row.code for row in summary.duties] == [
        "billing-reimbursement",
        "hazardous-drugs",
        "patient-communication",
        "sterile-compounding",
    ]
    assert context.summary[-1] == "Experience ledger: 3 entries (0 new)."
    verified = [
        row.entry.site_name
        for row in selectors.entry_rows(selectors.entries_for_owner(member))
        if row.verified
    ]
    assert verified == ["St. David's Medical Center"]
    states = {s.code: s.state for s in selectors.competency_standings_for_member(member)}
    assert states == {
        "garbing-gft": "current",
        "aseptic-media-fill": "current",
        "hazardous-drug-training": "due-soon",
    }


def test_demo_student_has_half_the_externship_hours_signed(member):
    context = DemoContext(objects={"member": member})
    demo.seed(context)
    demo.seed(context)
    student = context.objects["student"]
    entry = ExperienceEntry.objects.get(member=student)
    progress = selectors.hour_log_for_entry(entry).progress
    assert (progress.signed, progress.unsent, progress.required, progress.percent_signed) == (
        80,
        8,
        160,
        50,
    )


def test_demo_coordinator_sees_the_student(member):
    from rxguild.experience.models import TrainingProgram

    context = DemoContext(objects={"member": member})
    demo.seed(context)
    demo.seed(context)
    program = TrainingProgram.objects.get()
    [row] = selectors_programs.cohort_for_program(program)
    assert (row.student_name, row.progress.percent_signed) == ("Jordan Lee", 50)


def test_demo_program_has_a_cohort_a_site_and_a_midpoint_evaluation(member):
    from rxguild.experience.models import TrainingProgram

    context = DemoContext(objects={"member": member})
    demo.seed(context)
    demo.seed(context)
    program = TrainingProgram.objects.get()
    [row] = selectors_programs.cohort_for_program(program)
    assert (row.cohort_name, row.program_site_name) == ("Fall 2026", "Central Texas Medical Center")
    assert [state.text for state in row.evaluations] == [
        "completed (mean 3.3 of 4)",
        "not requested",
    ]
    assert program.preceptors.get().name == "Sam Ortiz"
