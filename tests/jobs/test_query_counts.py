"""Query-count guards on the job board's list pages, feeds and API search: as many queries
for 3 postings (each with its employer, setting, credentials and skills) as for 10."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.jobs.factories import (
    EmployerFactory,
    make_catalog,
    posting_input,
    publish,
    recruiter_for,
    staff_user,
)

from rxguild.jobs import services

pytestmark = pytest.mark.django_db

POSTING = {
    "practice_setting": "hospital",
    "required_credentials": ["ptcb-cpht", "state-tx-technician"],
    "preferred_credentials": ["ptcb-cspt"],
    "skills": ["sterile-compounding", "prior-authorization"],
    "description": "Compound sterile products in the IV room.",
}


def case(url: str, marker: str, queries: int, *, who: str = "member") -> Any:
    return pytest.param(url, marker, queries, who, id=url)


@pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])
@pytest.mark.parametrize(
    ("url", "marker", "queries", "who"),
    [
        case("/jobs/", "Posting number ", 11),
        case("/jobs/?q=sterile&sort=date", "Posting number ", 12),
        case("/jobs/feed.jsonld", "Posting number ", 4, who="anonymous"),
        case("/jobs/feed.xml", "Posting number ", 4, who="anonymous"),
        case("/jobs/employer/", "Draft number ", 9, who="recruiter"),
        case("/jobs/review/", "Draft number ", 8, who="staff"),
        case("/api/v1/jobs", "Posting number ", 11),
        case("/api/v1/jobs?q=sterile&sort=date", "Posting number ", 12),
    ],
)
def test_job_lists_cost_the_same_for_any_number_of_postings(
    client: Client,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    marker: str,
    queries: int,
    who: str,
) -> None:
    # `rows` live postings, each from its own employer, and `rows` drafts waiting for review.
    make_catalog()
    employer = EmployerFactory()
    recruiter = recruiter_for(employer)
    for n in range(rows):
        publish(EmployerFactory(), title=f"Posting number {n}", **POSTING)
        posting = services.job_posting_create(
            employer=employer,
            author=recruiter,
            data=posting_input(title=f"Draft number {n}", **POSTING),
            rate_limit=False,
        )
        services.job_posting_submit(posting=posting, actor=recruiter)
    viewer = {"member": recruiter, "recruiter": recruiter, "staff": staff_user()}.get(who)
    if viewer is not None:
        client.force_login(viewer)
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(marker) == rows
