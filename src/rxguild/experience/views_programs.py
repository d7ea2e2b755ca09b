"""Training programs: the coordinator's cohort at a glance and its CSV; the student's consent."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rxguild.core.forms import service_error_text
from rxguild.core.spreadsheet import formula_safe
from rxguild.experience import access, selectors
from rxguild.experience.models import Cohort, EnrollmentStatus
from rxguild.experience.selectors_programs import cohort_for_program
from rxguild.experience.services import programs as program_services


@login_required
def programs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "experience/programs.html",
        {
            "programs": list(access.programs_for_coordinator(request.user)),
            "enrollments": list(
                request.user.enrollments.filter(  # type: ignore[union-attr]  # login_required
                    status__in=[EnrollmentStatus.INVITED, EnrollmentStatus.ACTIVE]
                ).select_related("program", "entry", "cohort", "site")
            ),
            "entries": [
                e
                for e in selectors.entries_for_owner(request.user)
                if e.kind in ("externship", "internship")
            ],
        },
    )


@login_required
def program_cohort_csv(request: HttpRequest, program_id: int) -> HttpResponse:
    """For accreditation files: one row per enrolled student."""
    program = access.program_get_for_coordinator(request.user, program_id)
    cohort = access.program_part_or_none(program, Cohort, request.GET.get("cohort"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-hours.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "student",
            "email",
            "cohort",
            "program_site",
            "site",
            "logged_hours",
            "signed_hours",
            "required_hours",
            "percent",
            "midpoint_evaluation",
            "final_evaluation",
        ]
    )
    for row in cohort_for_program(program, cohort=cohort):
        p = row.progress
        cells = [
            row.student_name,
            row.student_email,
            row.cohort_name,
            row.program_site_name,
            row.site_name,
        ]
        evaluations = [state.text for state in row.evaluations]
        writer.writerow(
            [
                *(formula_safe(c) for c in cells),
                p.logged,
                p.signed,
                p.required or "",
                p.percent_signed or 0,
                *evaluations,
            ]
        )
    return response


@login_required
@require_POST
def enrollment_accept(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = access.enrollment_get_for_student(request.user, enrollment_id)
    try:
        entry = access.entry_get_for_owner(request.user, int(request.POST.get("entry", "0")))
        program_services.enrollment_accept(enrollment=enrollment, entry=entry)
    except ValueError:
        messages.error(request, "Choose one of your externships or internships.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, f"You joined {enrollment.program}.")
    return redirect("experience:programs")


@login_required
@require_POST
def enrollment_leave(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = access.enrollment_get_for_student(request.user, enrollment_id)
    try:
        program_services.enrollment_leave(enrollment=enrollment)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request, f"You are no longer in {enrollment.program}; your record stays yours."
        )
    return redirect("experience:programs")
