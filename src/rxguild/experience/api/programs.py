"""Training programs for their coordinators: the programs, each enrolled student's hours and
evaluations, invitations, the program's lists and messages to a cohort.

Exactly the pages' rules (experience.access): another program's id, or a cohort, site or
student of another program, is a 404; students who have not accepted or who left are not in
any answer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access
from rxguild.experience.models import Cohort, ProgramSite
from rxguild.experience.selectors_programs import cohort_for_program, invitations_waiting
from rxguild.experience.services import program_admin

router = Router()


class ProgramOut(Schema):
    id: int
    name: str
    organization: str
    required_hours: int | None


class StudentOut(Schema):
    enrollment_id: int
    name: str
    email: str
    cohort: str
    program_site: str
    site: str = Field(description="the site of the externship the student shares")
    logged: Decimal
    signed: Decimal
    pending: Decimal
    required: int | None
    percent_signed: int | None
    midpoint: str = Field(description="not requested, waiting for the preceptor, or completed")
    final: str


class ProgramStudentsOut(Schema):
    program: ProgramOut
    invitations_waiting: int
    students: list[StudentOut]


class CohortIO(Schema):
    id: int | None = None
    name: str = Field(..., max_length=120)
    starts_on: date | None = None
    ends_on: date | None = None


class SiteIO(Schema):
    id: int | None = None
    name: str = Field(..., max_length=200)
    city: str = Field("", max_length=100)
    state: str = Field("", max_length=2)


class PreceptorIO(Schema):
    id: int | None = None
    site_id: int
    name: str = Field(..., max_length=120)
    role: str = Field(..., max_length=120)
    email: str = Field(..., max_length=254)


class ProgramListsOut(Schema):
    cohorts: list[CohortIO]
    sites: list[SiteIO]
    preceptors: list[PreceptorIO]


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)
    cohort_id: int | None = None
    site_id: int | None = None


class MessageIn(Schema):
    subject: str = Field(..., max_length=150)
    body: str = Field(..., max_length=5000)
    cohort_id: int | None = Field(None, description="empty: every enrolled student")


class MessageOut(Schema):
    id: int
    subject: str
    recipient_count: int


@router.get("/programs", response=list[ProgramOut])
def program_list(request: HttpRequest) -> Any:
    """The programs the caller coordinates."""
    return list(access.programs_for_coordinator(request.user))


@router.get("/programs/{program_id}/students", response=ProgramStudentsOut)
def program_students(
    request: HttpRequest, program_id: int, cohort_id: int | None = None
) -> dict[str, Any]:
    program = access.program_get_for_coordinator(request.user, program_id)
    cohort = access.program_part_or_none(program, Cohort, cohort_id)
    students = []
    for row in cohort_for_program(program, cohort=cohort):
        p = row.progress
        midpoint, final = (state.text for state in row.evaluations)
        students.append(
            {
                "enrollment_id": row.enrollment_id,
                "name": row.student_name,
                "email": row.student_email,
                "cohort": row.cohort_name,
                "program_site": row.program_site_name,
                "site": row.site_name,
                "logged": p.logged,
                "signed": p.signed,
                "pending": p.pending,
                "required": p.required,
                "percent_signed": p.percent_signed,
                "midpoint": midpoint,
                "final": final,
            }
        )
    return {
        "program": program,
        "invitations_waiting": invitations_waiting(program),
        "students": students,
    }


def _rate_limited(error: RateLimited) -> HttpError:
    return HttpError(429, str(error))


@router.post("/programs/{program_id}/invitations", response={202: None})
def program_invite(request: HttpRequest, program_id: int, payload: InvitationIn) -> Any:
    """Invite a student by email. 202 whether or not the address belongs to a member."""
    program = access.program_get_for_coordinator(request.user, program_id)
    cohort = access.program_part_or_none(program, Cohort, payload.cohort_id)
    site = access.program_part_or_none(program, ProgramSite, payload.site_id)
    try:
        program_admin.program_invite(
            program=program, coordinator=request.user, email=payload.email, cohort=cohort, site=site
        )
    except RateLimited as error:
        raise _rate_limited(error) from error
    return 202, None


@router.get("/programs/{program_id}/lists", response=ProgramListsOut)
def program_lists(request: HttpRequest, program_id: int) -> dict[str, Any]:
    program = access.program_get_for_coordinator(request.user, program_id)
    return {
        "cohorts": list(program.cohorts.all()),
        "sites": list(program.sites.all()),
        "preceptors": list(program.preceptors.all()),
    }


@router.post("/programs/{program_id}/cohorts", response={201: CohortIO})
def cohort_create(request: HttpRequest, program_id: int, payload: CohortIO) -> Any:
    program = access.program_get_for_coordinator(request.user, program_id)
    data = payload.dict(exclude={"id"})
    return 201, program_admin.cohort_add(program=program, **data)


@router.post("/programs/{program_id}/sites", response={201: SiteIO})
def site_create(request: HttpRequest, program_id: int, payload: SiteIO) -> Any:
    program = access.program_get_for_coordinator(request.user, program_id)
    return 201, program_admin.site_add(program=program, **payload.dict(exclude={"id"}))


@router.post("/programs/{program_id}/preceptors", response={201: PreceptorIO})
def preceptor_create(request: HttpRequest, program_id: int, payload: PreceptorIO) -> Any:
    program = access.program_get_for_coordinator(request.user, program_id)
    site = access.program_part_get(program, ProgramSite, payload.site_id)
    return 201, program_admin.preceptor_add(
        program=program, site=site, name=payload.name, role=payload.role, email=payload.email
    )


@router.post("/programs/{program_id}/messages", response={201: MessageOut})
def cohort_message(request: HttpRequest, program_id: int, payload: MessageIn) -> Any:
    """Email every enrolled student (of the cohort, if given), one message each."""
    program = access.program_get_for_coordinator(request.user, program_id)
    cohort = access.program_part_or_none(program, Cohort, payload.cohort_id)
    try:
        message = program_admin.cohort_message_send(
            program=program,
            sender=request.user,
            subject=payload.subject,
            body=payload.body,
            cohort=cohort,
        )
    except RateLimited as error:
        raise _rate_limited(error) from error
    return 201, message
