"""Reads of training programs for their coordinators: each enrolled student's hours and
evaluations at a glance, the progress chart, the program's lists. Access decides who is in
the list (experience.access.enrollments_visible_to_coordinator)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from rxguild.experience.access import enrollments_visible_to_coordinator
from rxguild.experience.hours import HoursProgress, LoggedDay, hours_progress
from rxguild.experience.models import Enrollment, EnrollmentStatus, HourLogLine, Preceptor
from rxguild.experience.progress_chart import Chart, StudentHours, progress_chart
from rxguild.experience.selectors_evaluations import EvaluationState, evaluation_states


@dataclass(frozen=True)
class CohortRow:
    enrollment_id: int
    student_name: str
    student_email: str
    site_name: str
    cohort_name: str
    program_site_name: str
    progress: HoursProgress
    evaluations: list[EvaluationState]


def _day(line: HourLogLine) -> LoggedDay:
    signoff = line.signoff
    state = (
        signoff.status
        if signoff is not None and signoff.status in ("pending", "signed")
        else "open"
    )
    return LoggedDay(line.worked_on, line.hours, state)


def cohort_for_program(program: Any, *, cohort: Any = None) -> list[CohortRow]:
    """Enrolled students (of one cohort, if given), with hours and evaluations. Three queries
    whatever the class size: enrolments with student, entry, cohort and site; log lines with
    their sign-off; evaluations."""
    enrollments = (
        enrollments_visible_to_coordinator(program)
        .filter(entry__isnull=False)
        .select_related("student", "entry", "cohort", "site")
        .prefetch_related(
            Prefetch("entry__log_lines", queryset=HourLogLine.objects.select_related("signoff")),
            "entry__evaluations",
        )
    )
    if cohort is not None:
        enrollments = enrollments.filter(cohort=cohort)
    rows = []
    for enrollment in enrollments:
        entry = enrollment.entry
        assert entry is not None  # filtered above; narrows for mypy
        student = enrollment.student
        rows.append(
            CohortRow(
                enrollment_id=enrollment.pk,
                student_name=student.get_full_name() or student.email,
                student_email=student.email,
                site_name=entry.site_name,
                cohort_name=enrollment.cohort.name if enrollment.cohort else "",
                program_site_name=enrollment.site.name if enrollment.site else "",
                progress=hours_progress(
                    [_day(line) for line in entry.log_lines.all()],
                    required=entry.required_hours or program.required_hours,
                ),
                evaluations=evaluation_states(entry.evaluations.all()),
            )
        )
    return rows


def cohort_chart(rows: list[CohortRow]) -> Chart:
    return progress_chart(
        [
            StudentHours(
                name=row.student_name,
                signed=row.progress.signed,
                pending=row.progress.pending,
                required=row.progress.required,
            )
            for row in rows
        ]
    )


def invitations_waiting(program: Any) -> int:
    """How many invitations are unanswered: a count only, so the page never says which
    addresses belong to members."""
    return Enrollment.objects.filter(program=program, status=EnrollmentStatus.INVITED).count()


def preceptors_for_student(student: Any) -> list[Preceptor]:
    """The preceptors listed by the programs the student is enrolled in now (one query): the
    names they can pick when asking for a sign-off or an evaluation."""
    return list(
        Preceptor.objects.filter(
            program__enrollments__student=student,
            program__enrollments__status=EnrollmentStatus.ACTIVE,
        )
        .select_related("site")
        .distinct()
    )
