"""The job-search journey in a browser: a recruiter posts a job requiring CPhT and a Texas
registration; after review, a Texas member holding CPhT finds it within 25 miles of their
ZIP, results updating in place with the URL keeping the query, and sees what is missing."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.test import Client
from tests.browser.conftest import format_violations
from tests.jobs.factories import (
    EmployerFactory,
    make_catalog,
    member_with,
    publish,
    recruiter_for,
    staff_user,
)

from rxguild.jobs import services
from rxguild.jobs.models import JobPosting

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_recruiter_posts_and_texas_member_finds_it_with_missing_credential(
    live_server, page, axe_scan
):
    catalog = make_catalog()
    employer = EmployerFactory(name="Bayou Health System")
    recruiter = recruiter_for(employer)
    # Noise: a job in Dallas (outside 25 miles) that matches the same words.
    publish(EmployerFactory(name="Dallas Drug"), title="CPhT Technician", zip_code="75201")
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    # The recruiter posts the job through the form and sends it for review.
    _log_in(page, live_server, recruiter)
    page.goto(f"{live_server.url}/jobs/employer/{employer.slug}/new/")
    page.get_by_label("Title").fill("CPhT Pharmacy Technician, Medical Center")
    page.get_by_label("Employment type").select_option("FULL_TIME")
    page.get_by_label("Description").fill("Fill and deliver medications. **CPhT required.**")
    page.get_by_label("ZIP code").fill("77030")
    page.get_by_label("Pay min").fill("21")
    page.get_by_label("Pay max").fill("26")
    page.get_by_label("Pay unit").select_option("HOUR")
    page.get_by_label("Required credentials").select_option(["ptcb-cpht", "state-tx-technician"])
    page.get_by_role("button", name="Save and send for review").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    posting = JobPosting.objects.get(employer=employer)
    assert posting.status == JobPosting.Status.IN_REVIEW

    # Staff publish it (review is covered page by page in tests/jobs).
    services.job_posting_review(posting=posting, reviewer=staff_user(), approve=True)

    # A Texas member with CPhT (no Texas registration yet) searches near their ZIP.
    member = member_with(catalog["cpht"], zip_code="77002")
    _log_in(page, live_server, member)
    page.goto(f"{live_server.url}/jobs/")
    page.get_by_label("Keywords").fill("CPhT technician")
    page.get_by_label("ZIP code").fill("77002")
    page.get_by_label("Distance").select_option("25")  # a change: htmx updates in place
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("#job-results")
    heading = results.get_by_role("heading", level=2)
    heading.filter(has_text="within 25 miles of Houston, TX 77002").wait_for()
    assert heading.inner_text() == "1 job within 25 miles of Houston, TX 77002"
    query = parse_qs(urlparse(page.url).query)  # the URL keeps the search
    assert (query["q"], query["zip"], query["radius"]) == (["CPhT technician"], ["77002"], ["25"])
    hit = results.locator("article.job-hit")
    assert hit.get_by_role("link").inner_text() == "CPhT Pharmacy Technician, Medical Center"
    assert "Missing: Texas Pharmacy Technician Registration." in hit.inner_text()

    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    # The job page says the same, and keyboard users reach it.
    hit.get_by_role("link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    assert "You are missing 1 required credential." in page.content()
    assert console_errors == []
