"""A mentoring circle on a phone (390 px): a mentor starts one, a mentee joins it and opens
its private discussion. Pages scanned with axe; none may scroll sideways."""

from __future__ import annotations

import pytest
from tests.browser.test_mentoring_journey import _check, _member, _sign_in

from rxguild.mentoring.models import Circle, CircleMember
from rxguild.mentoring.services.enrolment import mentor_offer_save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def test_a_circle_on_a_phone(live_server, page, axe_scan, browser):
    rosa = _member("rosa@example.org", "Rosa", "TX")
    mentor_offer_save(user=rosa, topics=["first-job"], formats=["video"], capacity=2)
    _member("tomas@example.org", "Tomas", "TX")

    _sign_in(page, live_server, "rosa@example.org")
    page.goto(live_server.url + "/mentoring/circles/")
    _check(page, axe_scan)
    page.get_by_label("Name of the circle").fill("New to the IV room")
    page.get_by_label("What the circle is for").fill("Our first months in sterile compounding.")
    page.get_by_label("Up to").select_option(label="4 mentees")
    page.get_by_role("button", name="Start the circle").click()
    page.get_by_text("Circle started").wait_for()
    _check(page, axe_scan)

    mentee_context = browser.new_context(viewport={"width": 390, "height": 844})
    mentee_page = mentee_context.new_page()
    _sign_in(mentee_page, live_server, "tomas@example.org")
    mentee_page.goto(live_server.url + "/mentoring/circles/")
    mentee_page.get_by_role("link", name="New to the IV room").click()
    _check(mentee_page, axe_scan)
    mentee_page.get_by_role("button", name="Join the circle").click()
    mentee_page.get_by_text("You joined the circle").wait_for()
    _check(mentee_page, axe_scan)
    mentee_page.get_by_role("link", name="Open the circle's discussion").click()
    mentee_page.get_by_role("heading", name="Circle: New to the IV room").wait_for()
    mentee_context.close()

    circle = Circle.objects.get()
    assert (circle.capacity, CircleMember.objects.get().mentee.email) == (4, "tomas@example.org")
