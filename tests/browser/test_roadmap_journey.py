"""The roadmap journey in a real browser: from a job posting to a target, its gap and dated
plan, a step marked done with the keyboard (htmx), the comparison, at phone width too."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone
from tests.browser.conftest import format_violations
from tests.catalog_fixtures import load_test_catalog
from tests.tracker.factories import PostingFactory, UserFactory

from rxguild.catalog.models import Credential, PracticeSetting
from rxguild.jobs.models import PostingCredential
from rxguild.mentoring.models import MentorOffer
from rxguild.profiles.models import CredentialHeld, Profile, WorkExperience

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_posting_to_plan_to_step_done(live_server, page, axe_scan):
    load_test_catalog()
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    member = UserFactory(email="maria@example.org")
    profile = Profile.objects.create(user=member)
    today = timezone.localdate()
    CredentialHeld.objects.create(
        profile=profile,
        credential=Credential.objects.get(code="ptcb-cpht"),
        expires_on=today + dt.timedelta(days=300),
    )
    WorkExperience.objects.create(
        profile=profile,
        employer="Bayou Medical",
        title="Pharmacy Technician, IV Room",
        practice_setting=PracticeSetting.objects.get(code="hospital-health-system"),
        start_date=today - dt.timedelta(days=4 * 365),
    )
    posting = PostingFactory(title="CSPT, IV Room")
    PostingCredential.objects.create(
        posting=posting, credential=Credential.objects.get(code="ptcb-cspt"), required=True
    )
    mentor = UserFactory(email="dana@example.org")
    mentor_profile = Profile.objects.create(user=mentor, display_name="Dana Lee")
    CredentialHeld.objects.create(
        profile=mentor_profile, credential=Credential.objects.get(code="ptcb-cspt")
    )
    MentorOffer.objects.create(user=mentor)
    log_in(page, live_server, member)

    # Save the job, then aim at it from the roadmap.
    page.goto(f"{live_server.url}/jobs/{posting.public_id}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Save to my tracker").click()
    page.goto(f"{live_server.url}/roadmap/")
    page.get_by_role("button", name=re.compile(r"^Aim at this job\W+CSPT, IV Room$")).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("CSPT, IV Room at")
    assert "Missing" in page.locator("#gap").inner_text()

    # The credential the job needs, as a target with a dated plan.
    page.goto(f"{live_server.url}/roadmap/")
    page.get_by_label("Credential or specialty").select_option("ptcb-cspt")
    page.get_by_role("button", name="Add to my roadmap").click()
    plan = page.locator(".rm-plan")
    assert "known fees $199" in plan.inner_text()
    # Someone who made the step, named, with a way to ask them.
    people = page.locator(".rm-people")
    assert "Dana Lee" in people.inner_text() and "Holds CSPT" in people.inner_text()
    ask = people.get_by_role("button", name=re.compile(r"^Ask to mentor me\W+Dana Lee$"))
    ask.wait_for()
    assert ask.count() == 1
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.screenshot(path="/tmp/roadmap-plan-people-1280.png", full_page=True)

    # Mark the attestation done with the keyboard; htmx swaps the gap in place.
    button = page.get_by_role(
        "button", name=re.compile(r"^Mark done\W+A qualified supervisor completes the CSPT")
    )
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Marked done.").wait_for()
    assert "You marked this done on" in page.locator("#gap").inner_text()

    # Side by side, and readable at phone width.
    page.goto(f"{live_server.url}/roadmap/compare/")
    assert page.locator(".rm-card").count() == 2
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/roadmap/compare/",
        "/roadmap/pathways/sterile-compounding/",
        "/roadmap/cpht-adv/",
    ):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
        if "pathways" in path:
            assert page.locator(".rm-map svg a").count() >= 4  # linked nodes
            pay = page.locator("#pay-h").locator("xpath=..").inner_text()
            assert "has no pay figure by specialty, so none is given here" in pay
            assert "Dana Lee" in page.locator("#mentor-h").locator("xpath=..").inner_text()
            violations = axe_scan(page)
            assert violations == [], format_violations(violations)
            page.screenshot(path="/tmp/roadmap-pathway-390.png", full_page=True)
    assert console_errors == []
