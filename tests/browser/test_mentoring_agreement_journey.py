"""The agreement on a phone (390 px): the mentee proposes goals, meetings and an end date
(linking a growth goal), sees it pending; the mentor accepts in their own browser, in place.
Pages scanned with axe; none may scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser.test_mentoring_journey import _check, _member, _sign_in

from rxguild.growth.services.goals import goal_create
from rxguild.mentoring.models import Agreement, Mentorship

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def test_agreeing_a_mentorship_on_a_phone(live_server, page, axe_scan, browser):
    rosa = _member("rosa@example.org", "Rosa", "TX")
    tomas = _member("tomas@example.org", "Tomas", "TX")
    row = Mentorship.objects.create(mentor=rosa, mentee=tomas, goals="Get ready for the CSPT")
    goal_create(
        member=tomas, title="Pass the CSPT", target_date=timezone.localdate() + timedelta(days=60)
    )

    _sign_in(page, live_server, "tomas@example.org")
    page.goto(f"{live_server.url}/mentoring/mentorships/{row.pk}/")
    section = page.get_by_role("region", name="Agreement")
    section.get_by_text("No agreement yet.").wait_for()
    _check(page, axe_scan)
    assert section.get_by_label("Goals").input_value() == "Get ready for the CSPT"
    section.get_by_label("Pass the CSPT").check()
    section.get_by_label("How often you meet").select_option(label="Every week")
    section.get_by_label("How long each meeting is").select_option(label="45 minutes")
    end = timezone.localdate() + timedelta(days=84)
    section.get_by_label("End date").fill(end.isoformat())
    section.get_by_role("button", name="Propose").press("Enter")
    page.get_by_text("waiting for Rosa to accept").wait_for()
    assert page.get_by_text("Every week, 45 minutes each").is_visible()
    _check(page, axe_scan)

    mentor_context = browser.new_context(viewport={"width": 390, "height": 844})
    mentor_page = mentor_context.new_page()
    _sign_in(mentor_page, live_server, "rosa@example.org")
    mentor_page.goto(live_server.url + "/dashboard/")
    mentor_page.get_by_text("A mentoring agreement is waiting for you").click()
    mentor_page.get_by_text("Tomas proposed this").wait_for()
    assert mentor_page.get_by_role("link", name="Pass the CSPT").is_visible()
    _check(mentor_page, axe_scan)
    mentor_page.get_by_role("button", name="Accept the agreement").click()
    mentor_page.get_by_text("Accepted: you are both agreed.").wait_for()
    assert mentor_page.get_by_text("Agreed by both").is_visible()
    _check(mentor_page, axe_scan)
    mentor_context.close()

    agreement = Agreement.objects.get()
    assert (agreement.status, agreement.cadence, agreement.meeting_minutes, agreement.end_date) == (
        "accepted",
        "weekly",
        45,
        end,
    )
    page.reload()
    page.get_by_text("Agreed by both").wait_for()
