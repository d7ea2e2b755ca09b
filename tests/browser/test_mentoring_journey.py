"""Mentoring journey on a phone (390 px): enrol as a mentee, read why a mentor fits, send a
request; the mentor accepts in their own browser; the mentee schedules the first check-in.
Pages scanned with axe; none may scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from tests.browser.conftest import format_violations
from tests.catalog_fixtures import load_test_catalog

from rxguild.accounts.models import User
from rxguild.mentoring.models import CheckIn, Mentorship
from rxguild.mentoring.services.enrolment import mentor_offer_save
from rxguild.profiles.services import profile_get_or_create_for_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long passphrase for the pharmacy"
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def _member(email: str, name: str, state: str) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, first_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile = profile_get_or_create_for_user(user=user)
    profile.display_name, profile.state = name, state
    profile.save()
    return user


def _sign_in(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _check(page, axe_scan) -> None:
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)


def test_mentoring_journey_on_a_phone(live_server, page, axe_scan, browser):
    load_test_catalog()
    rosa = _member("rosa@example.org", "Rosa", "TX")
    mentor_offer_save(
        user=rosa,
        specialties=["sterile-compounding"],
        topics=["cspt"],
        formats=["video"],
        capacity=2,
    )
    _member("tomas@example.org", "Tomas", "TX")

    _sign_in(page, live_server, "tomas@example.org")
    page.goto(live_server.url + "/mentoring/")
    page.get_by_role("button", name="Find a mentor").click()
    page.get_by_role("group", name="Specialties you are aiming for").get_by_label(
        "Sterile compounding", exact=True
    ).check()
    page.get_by_role("group", name="Topics you want help with").get_by_label(
        "Preparing for the CSPT"
    ).check()
    _check(page, axe_scan)
    page.get_by_role("button", name="Enrol as a mentee").click()
    page.get_by_text("You are enrolled as a mentee.").wait_for()

    page.get_by_role("button", name="See mentors who fit").click()
    featured = page.get_by_role("region", name="Featured for you today")
    featured.get_by_text("Works in Sterile compounding").wait_for()
    assert featured.get_by_text("Both in Texas").is_visible()
    _check(page, axe_scan)
    featured.get_by_text("Ask Rosa to mentor you").click()
    featured.get_by_label("A note to the mentor").fill("I start in the IV room in March.")
    featured.get_by_role("button", name="Send request").click()
    page.get_by_text("Request sent.").wait_for()
    _check(page, axe_scan)

    mentor_context = browser.new_context(viewport={"width": 390, "height": 844})
    mentor_page = mentor_context.new_page()
    _sign_in(mentor_page, live_server, "rosa@example.org")
    mentor_page.goto(live_server.url + "/mentoring/requests/")
    mentor_page.get_by_text("I start in the IV room in March.").wait_for()
    _check(mentor_page, axe_scan)
    mentor_page.get_by_role("button", name="Accept").click()
    mentor_page.get_by_role("heading", name="Mentoring Tomas").wait_for()
    _check(mentor_page, axe_scan)
    mentor_context.close()

    assert Mentorship.objects.filter(mentor=rosa, mentee__email="tomas@example.org").count() == 1
    page.goto(live_server.url + "/mentoring/")
    page.get_by_role("link", name="Mentored by Rosa").click()
    page.get_by_role("link", name="Message Rosa").wait_for()
    _check(page, axe_scan)

    # The first check-in, with its calendar file.
    page.get_by_text("Schedule a check-in").click()
    when = timezone.localtime(timezone.now() + timedelta(days=3)).replace(hour=18, minute=0)
    page.get_by_label("When").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Agenda").fill("My CSPT study plan")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_text("Check-in scheduled").wait_for()
    assert page.get_by_role("link", name="Add to calendar (.ics)").is_visible()
    _check(page, axe_scan)
    assert CheckIn.objects.get().agenda == "My CSPT study plan"
