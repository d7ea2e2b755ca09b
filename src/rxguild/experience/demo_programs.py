"""The demo program's cohort, placement site and preceptor, and the demo student's mid-point
evaluation (answered through its link, as a preceptor would). Idempotent, like demo.py."""

from __future__ import annotations

from rxguild.experience.models import (
    Cohort,
    Enrollment,
    Evaluation,
    ExperienceEntry,
    Preceptor,
    ProgramSite,
    TrainingProgram,
)
from rxguild.experience.reference import evaluation_form
from rxguild.experience.services.evaluations import (
    EVALUATION_PURPOSE,
    evaluation_request,
    evaluation_submit_by_link,
)
from rxguild.experience.services.links import link_attach
from rxguild.experience.services.program_admin import enrollment_place


def demo_program_lists(program: TrainingProgram, enrollment: Enrollment) -> None:
    """A cohort, the student's placement site and its preceptor; the student placed there."""
    cohort, _ = Cohort.objects.get_or_create(program=program, name="Fall 2026")
    site, _ = ProgramSite.objects.get_or_create(
        program=program,
        name="Central Texas Medical Center",
        defaults={"city": "Austin", "state": "TX"},
    )
    Preceptor.objects.get_or_create(
        program=program,
        site=site,
        email="sam.ortiz@example.org",
        defaults={"name": "Sam Ortiz", "role": "Preceptor, RPh"},
    )
    if enrollment.cohort_id is None:
        enrollment_place(enrollment=enrollment, cohort=cohort, site=site)


def demo_midpoint_evaluation(entry: ExperienceEntry) -> None:
    """The preceptor's mid-point evaluation, answered through its link as a preceptor would."""
    if Evaluation.objects.filter(entry=entry).exists():
        return
    evaluation = evaluation_request(
        entry=entry,
        kind="midpoint",
        evaluator_name="Sam Ortiz",
        evaluator_role="Preceptor, RPh",
        evaluator_email="sam.ortiz@example.org",
    )
    token = link_attach(evaluation, purpose=EVALUATION_PURPOSE)
    observed = {
        "professional": 4,
        "medication-processing": 3,
        "sterile-compounding": 3,
        "safety": 3,
    }
    evaluation_submit_by_link(
        token=token,
        evaluator_name="Sam Ortiz",
        evaluator_role="Preceptor, RPh",
        ratings={
            code: {"rating": observed.get(code, 0), "comment": ""}
            for code, _ in evaluation_form().items
        },
        overall_comment="Careful in the IV room; keep building speed on cart exchange.",
    )
