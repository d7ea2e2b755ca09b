"""Query-count guards on the resume lists: as many queries for 3 resumes as for 10."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.accounts.factories import UserFactory
from tests.jobs.factories import EmployerFactory, publish

from rxguild.resumes.models import Resume

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])
@pytest.mark.parametrize(
    ("url", "markers", "queries"),
    [
        # The page names each resume twice (link, hidden button label) and its posting.
        pytest.param("/resumes/", {"Resume number ": 2, "Posting number ": 1}, 8, id="/resumes/"),
        pytest.param("/api/v1/resumes/", {"Resume number ": 1}, 8, id="/api/v1/resumes/"),
    ],
)
def test_resume_lists_cost_the_same_for_any_number_of_resumes(
    client: Client,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    markers: dict[str, int],
    queries: int,
) -> None:
    member = UserFactory()
    employer = EmployerFactory()
    master = Resume.objects.create(owner=member, kind=Resume.Kind.MASTER, title="Master")
    for n in range(rows):
        # Each one tailored from the master to its own posting: every relation a row may show.
        Resume.objects.create(
            owner=member,
            kind=Resume.Kind.TAILORED,
            title=f"Resume number {n}",
            tailored_from=master,
            target_posting=publish(employer, title=f"Posting number {n}"),
        )
    client.force_login(member)
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert {marker: html.count(marker) for marker in markers} == {
        marker: per_resume * rows for marker, per_resume in markers.items()
    }
