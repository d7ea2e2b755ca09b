"""A mentoring circle on a phone (390 px): a mentor starts one, a mentee joins it and opens
its private discussion; a mentor invites a member, who accepts. Pages scanned with axe; none
may scroll sideways."""

from __future__ import annotations

import pytest
from tests.browser.test_mentoring_journey import _check, _member, _sign_in

from rxguild.mentoring.models import Circle, CircleInvitation, CircleMember
from rxguild.mentoring.services.circles import circle_start
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


def test_a_circle_invitation_on_a_phone(live_server, page, axe_scan, browser):
    """The mentor invites by name with the keyboard (community's picker); the member invited
    follows the notification to the invitation and accepts it."""
    rosa = _member("rosa@example.org", "Rosa", "TX")
    mentor_offer_save(user=rosa, topics=["first-job"], formats=["video"], capacity=2)
    _member("tomas@example.org", "Tomas Ruiz", "TX")
    circle = circle_start(mentor=rosa, name="New to the IV room", capacity=3)

    _sign_in(page, live_server, "rosa@example.org")
    page.goto(live_server.url + f"/mentoring/circles/{circle.pk}/")
    page.get_by_role("link", name="Invite members by name").click()
    _check(page, axe_scan)
    picker = page.get_by_role("combobox", name="Name of the member")
    picker.press_sequentially("Tom")
    page.get_by_role("option", name="Tomas Ruiz").wait_for()
    picker.press("ArrowDown")
    picker.press("Enter")
    page.get_by_role("button", name="Invite").click()
    page.get_by_text("Invitation sent to Tomas Ruiz.").wait_for()
    _check(page, axe_scan)

    invitee_context = browser.new_context(viewport={"width": 390, "height": 844})
    invitee = invitee_context.new_page()
    _sign_in(invitee, live_server, "tomas@example.org")
    invitee.goto(live_server.url + "/community/notifications/")
    invitee.get_by_role("link", name="Rosa invites you to their mentoring circle").click()
    invitee.get_by_role("heading", name="Invitation to New to the IV room").wait_for()
    _check(invitee, axe_scan)
    invitee.get_by_role("button", name="Accept and join").click()
    invitee.get_by_text("You joined the circle").wait_for()
    _check(invitee, axe_scan)
    invitee_context.close()

    invitation = CircleInvitation.objects.get()
    assert (invitation.status, CircleMember.objects.get().mentee.email) == (
        "accepted",
        "tomas@example.org",
    )
