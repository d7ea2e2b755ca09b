"""Job search results reused between requests (settings.JOBS_SEARCH_CACHE_SECONDS): the
same search, or another page of it, runs no candidate query again; any change to a posting
shows in the next search; each viewer still gets their own met / missing badges."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.jobs.factories import (
    EmployerFactory,
    make_catalog,
    member_with,
    publish,
    staff_user,
)

from rxguild.jobs import services

pytestmark = pytest.mark.django_db

POSTING = {"required_credentials": ["ptcb-cpht"], "description": "Sterile compounding."}


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.JOBS_SEARCH_CACHE_SECONDS = 60  # off in tests unless asked for


@pytest.fixture
def board() -> dict[str, Any]:
    catalog = make_catalog()
    employer = EmployerFactory()
    postings = [publish(employer, title=f"IV Technician {n}", **POSTING) for n in range(25)]
    return {"catalog": catalog, "employer": employer, "postings": postings}


def _posting_reads(client: Client, url: str) -> tuple[str, list[str]]:
    """The page, and its queries that read postings to find candidates (the full-text
    index or the postings table in bulk), not the page's own rows by id."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    candidate_reads = [
        q["sql"]
        for q in queries.captured_queries
        if "jobs_posting_fts" in q["sql"]
        or "search_vector" in q["sql"]
        or ("FROM jobs_jobposting AS p" in q["sql"])
    ]
    return response.content.decode(), candidate_reads


def test_the_same_search_and_its_other_pages_run_no_candidate_query_again(board, client):
    first, reads = _posting_reads(client, "/jobs/?q=sterile")
    assert reads  # the first one searches
    again, reads = _posting_reads(client, "/jobs/?q=sterile")
    assert (again.count("IV Technician"), reads) == (first.count("IV Technician"), [])
    page_two, reads = _posting_reads(client, "/jobs/?q=sterile&page=2")
    assert (reads, page_two.count('class="job-hit"')) == ([], 5)
    _body, reads = _posting_reads(client, "/jobs/?q=sterile&sort=date")
    assert reads  # another order is another search


def test_a_cached_search_costs_fewer_queries(board, client, django_assert_max_num_queries):
    client.get("/jobs/?q=sterile")
    # catalog references and index generation (cache), the page's postings, their
    # requirements: nothing else.
    with django_assert_max_num_queries(2):
        client.get("/jobs/?q=sterile")


def test_a_posting_change_shows_in_the_next_search(board, client):
    client.get("/jobs/?q=sterile")
    publish(board["employer"], title="Brand New Cleanroom Lead", **POSTING)
    body, reads = _posting_reads(client, "/jobs/?q=sterile")
    assert reads and "26 jobs" in body
    assert "Brand New Cleanroom Lead" in client.get("/jobs/?q=sterile&sort=date").content.decode()
    services.job_posting_close(posting=board["postings"][0], actor=staff_user(), status="filled")
    body, _reads = _posting_reads(client, "/jobs/?q=sterile")
    assert "25 jobs" in body


def test_each_viewer_gets_their_own_badges_from_a_shared_result(board, client):
    anonymous = client.get("/jobs/?q=sterile").content.decode()
    assert "you hold this" not in anonymous
    member = Client()
    member.force_login(member_with(board["catalog"]["cpht"]))
    member.get("/jobs/?q=sterile")  # the session's first request
    body, reads = _posting_reads(member, "/jobs/?q=sterile")
    assert reads == [] and "you hold this" in body


def test_a_visitors_repeated_search_is_served_from_its_rendered_results(
    board, client, django_assert_num_queries
):
    first = client.get("/jobs/?q=sterile").content.decode()
    with django_assert_num_queries(0):  # no search, no postings read: the HTML as it was
        again = client.get("/jobs/?q=sterile").content.decode()
    results = again.split('id="job-results"')[1]
    assert results == first.split('id="job-results"')[1]  # the page's own CSRF token differs
    assert results.count('class="job-hit"') == 20
    # htmx asking for the results only gets the same part
    part = client.get("/jobs/?q=sterile", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="job-results")
    assert part.content.decode().strip() in results
    # A signed-in member's results are never the shared ones, nor shared.
    member = Client()
    member.force_login(member_with(board["catalog"]["cpht"]))
    mine = member.get("/jobs/?q=sterile").content.decode()
    assert "you hold this" in mine and "Log in</a> to see" not in mine
    assert "you hold this" not in client.get("/jobs/?q=sterile").content.decode()
