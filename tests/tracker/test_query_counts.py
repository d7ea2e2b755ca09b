"""Query-count guards on the tracker's list pages and API lists, the member's and the
employer's: as many queries with 3 cards, applicants, notes and interviews as with 10."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.test import Client
from tests.tracker.factories import (
    EmployerFactory,
    PostingFactory,
    UserFactory,
    pdf_bytes,
    recruiter_for,
)

from rxguild.accounts.models import User
from rxguild.jobs.models import JobPosting
from rxguild.jobs.models_alerts import SavedSearch
from rxguild.tracker.models import TrackedApplication
from rxguild.tracker.services import applications as application_services
from rxguild.tracker.services import interviews as interview_services
from rxguild.tracker.services import pipeline as pipeline_services

pytestmark = pytest.mark.django_db


@dataclass
class Tracker:
    member: User
    recruiter: User
    posting: JobPosting
    application: TrackedApplication


def _resume() -> application_services.ResumeChoice:
    return application_services.ResumeChoice(
        upload=io.BytesIO(pdf_bytes()), upload_name="resume.pdf"
    )


def _tracker(rows: int, *, employer_side: bool) -> Tracker:
    """The recruiter's employer has a main posting and `rows` more. The member's side: `rows`
    outside jobs tracked, those `rows` postings applied to, `rows` informational interviews
    and `rows` saved searches. The employer's side: `rows` applicants to the main posting
    and `rows` notes on the first of them. Only the side under test is built (applying is
    the slow part)."""
    member = UserFactory(first_name="Maria", last_name="Alvarez")
    employer = EmployerFactory(name="Lone Star Health")
    recruiter = recruiter_for(employer)
    posting = PostingFactory(employer=employer, title="Inpatient Pharmacy Technician")
    applications = []
    for n in range(rows):
        own_posting = PostingFactory(employer=employer, title=f"Posting number {n}")
        if employer_side:
            applicant = UserFactory(first_name="Applicant", last_name=f"Number{n}")
            applications.append(
                application_services.application_submit(
                    member=applicant, posting=posting, resume=_resume(), note=f"Note number {n}"
                )
            )
            continue
        application_services.tracked_application_add_external(
            member=member, title=f"Outside job number {n}", external_url="https://example.org/j"
        )
        application_services.application_submit(
            member=member, posting=own_posting, resume=_resume()
        )
        interview_services.informational_interview_add(
            member=member, person_name=f"Interviewee number {n}", held_on=date(2026, 10, 1)
        )
        SavedSearch.objects.create(member=member, name=f"Search number {n}", query_string="q=iv")
    if not employer_side:
        applications.append(
            application_services.application_submit(
                member=UserFactory(), posting=posting, resume=_resume(), note="Note"
            )
        )
    for n in range(rows if employer_side else 0):
        pipeline_services.employer_note_add(
            application=applications[0], author=recruiter, body=f"Recruiter note {n}"
        )
    return Tracker(member=member, recruiter=recruiter, posting=posting, application=applications[0])


def case(
    url: str, marker: str, queries: int, *, per_row: int = 1, plus: int = 0, recruiter: bool = False
) -> Any:
    """`marker` shows `per_row` times per row, and `plus` more, so the rows are there."""
    return pytest.param(url, marker, per_row, plus, queries, recruiter, id=url)


@pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])
@pytest.mark.parametrize(
    ("url", "marker", "per_row", "plus", "queries", "as_recruiter"),
    [
        # Each signed-in request also reads the session and user and touches allauth's session.
        case("/jobs/tracker/", "Outside job number ", 9, per_row=7),
        case("/jobs/interviews/", "Interviewee number ", 8, per_row=2),
        case("/jobs/alerts/", "Search number ", 8, per_row=5),
        case("/jobs/employer/applicants/", "Posting number ", 9, recruiter=True),
        case(
            "/jobs/employer/postings/{posting}/applicants/", "Number", 13, per_row=3, recruiter=True
        ),
        # 14: one for the verification links the applicant attached (the wallet app).
        case("/jobs/employer/applicants/{application}/", "Recruiter note ", 14, recruiter=True),
        case("/api/v1/jobs/tracker/items", "Posting number ", 8),
        case("/api/v1/jobs/tracker/interviews", "Interviewee number ", 8),
        case("/api/v1/jobs/tracker/resumes", "resume.pdf", 8),
        case("/api/v1/jobs/tracker/saved-searches", "Search number ", 8),
        case(
            "/api/v1/jobs/tracker/employer/postings/{posting}/applicants",
            "Note number ",
            10,
            recruiter=True,
        ),
        case(
            "/api/v1/jobs/tracker/employer/applicants/{application}/notes",
            "Recruiter note ",
            9,
            recruiter=True,
        ),
        case(
            "/api/v1/jobs/tracker/employer/applicants/{application}/stages",
            "Screening",
            9,
            per_row=0,
            plus=1,
            recruiter=True,
        ),
    ],
)
def test_tracker_lists_cost_the_same_for_any_number_of_rows(
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    marker: str,
    per_row: int,
    plus: int,
    queries: int,
    as_recruiter: bool,
) -> None:
    tracker = _tracker(rows, employer_side=as_recruiter)
    client = Client()
    client.force_login(tracker.recruiter if as_recruiter else tracker.member)
    url = url.format(posting=tracker.posting.public_id, application=tracker.application.pk)
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(marker) == per_row * rows + plus
