"""Growth journey on a phone (390 px): assess, ask for feedback, answer it from a logged-out
browser, compare, turn a weak area into a goal. Pages scanned with axe; none may scroll
sideways."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from tests.browser.conftest import format_violations

from rxguild.accounts.models import User
from rxguild.growth.models import Assessment, Goal
from rxguild.growth.services import frameworks_load

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "growth.member@example.org"
PASSWORD = "a long passphrase for the pharmacy"
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def _check(page, axe_scan) -> None:
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)


def test_growth_journey_on_a_phone(live_server, page, axe_scan, browser, mailoutbox):
    frameworks_load()
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, first_name="Jo")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(live_server.url + "/growth/")
    assert page.evaluate(SIDEWAYS_JS) == 0
    page.get_by_role("button", name="Assess myself on Soft skills").click()

    # Keyboard only: each competency is a radio group reached with Tab, set with arrows.
    group = page.get_by_role("group", name="Communication")
    group.get_by_role("radio", name="3 Proficient").check()
    page.get_by_role("group", name="Critical thinking").get_by_role("radio", name="1").check()
    page.get_by_role("group", name="Teaching and precepting").get_by_role("radio", name="2").focus()
    page.keyboard.press("Space")
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.get_by_role("button", name="Save my self-assessment").click()

    page.get_by_text("Saved your Soft skills self-assessment.").wait_for()
    assert page.get_by_role("img", name="Average self-rated level").is_visible()
    table = page.get_by_role("table", name="Average level by domain")
    assert table.get_by_role("cell", name="2.00").is_visible()
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    assert Assessment.objects.get(member=user).ratings.count() == 3

    # Ask a pharmacist for feedback on the weak areas (pre-ticked).
    page.get_by_role("link", name="Feedback", exact=True).click()
    page.get_by_role("link", name="Soft skills").click()
    assert page.get_by_role("checkbox", name="Critical thinking").is_checked()
    page.get_by_label("Email").first.fill("dana@pharmacy.example")
    page.get_by_label("They are your").first.select_option("pharmacist")
    _check(page, axe_scan)
    page.get_by_role("button", name="Send the requests").click()
    page.get_by_text("Asked 1 person for feedback.").wait_for()
    assert len(mailoutbox) == 1
    link = re.search(r"http://127\.0\.0\.1:8000(/growth/feedback/answer/\S+/)", mailoutbox[0].body)
    assert link

    # The pharmacist answers in a separate, logged-out browser.
    outside = browser.new_context(viewport={"width": 390, "height": 844})
    answer_page = outside.new_page()
    answer_page.goto(live_server.url + link.group(1))
    answer_page.get_by_role("heading", name="Feedback for Jo").wait_for()
    _check(answer_page, axe_scan)
    answer_page.get_by_role("group", name="Critical thinking").get_by_role(
        "radio", name="3"
    ).check()
    answer_page.get_by_label("Comment on Critical thinking").fill("Spots problems early")
    answer_page.get_by_role("button", name="Send my feedback").click()
    answer_page.get_by_text("Your feedback was sent.").wait_for()
    answer_page.goto(live_server.url + link.group(1))
    answer_page.get_by_text("This link has already been used.").wait_for()
    outside.close()

    # Side by side: own 1, pharmacist 3.
    page.reload()
    comparison = page.get_by_role("table", name="Your latest self-rating and what others said")
    row = comparison.get_by_role("row", name=re.compile("Critical thinking"))
    assert "Spots problems early" in row.inner_text()
    _check(page, axe_scan)

    # The answer joins the history chart beside the self-assessment (a square, a column).
    page.goto(live_server.url + "/growth/history/soft-skills/")
    assert page.locator(".growth-chart rect.others").count() == 1
    assert "feedback, 1 person" in table.inner_text()
    _check(page, axe_scan)
    page.screenshot(path="/tmp/growth-history-feedback-390.png", full_page=True)
    page.get_by_role("button", name="Make this a goal for Critical thinking").click()
    assert (
        page.get_by_role("textbox", name="Goal").input_value()
        == "Get stronger at critical thinking"
    )
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_text("Goal added: Get stronger at critical thinking.").wait_for()
    goal = Goal.objects.get(member=user)
    assert goal.competency is not None and goal.competency.code == "soft-critical-thinking"


def test_resend_and_a_goal_that_follows_the_ce_record(live_server, page, axe_scan, mailoutbox):
    """At desktop width and at 390 px: send a person a new link, then a goal linked to a CE
    requirement whose progress comes from the CE record."""
    import datetime as dt
    from decimal import Decimal

    from django.test import Client
    from django.utils import timezone
    from tests.ce.conftest import add_record, hold

    from rxguild.growth.models import FeedbackInvite
    from rxguild.growth.services import Recipient, feedback_request_create

    frameworks_load()
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, first_name="Jo")
    today = timezone.localdate()
    hold(user, "ptcb-cpht", "PTCB CPhT", expires_on=today + dt.timedelta(days=200))
    add_record(user, hours=Decimal("5"), completed_on=today - dt.timedelta(days=10))
    from rxguild.growth.models import Framework

    feedback_request_create(
        member=user,
        framework=Framework.objects.get(code="ptce"),
        competency_codes=["ptce-med-nti"],
        recipients=[Recipient(email="lee@clinic.example", relationship="preceptor", name="Lee")],
    )
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    request_id = FeedbackInvite.objects.get().request_id
    page.goto(f"{live_server.url}/growth/feedback/{request_id}/")
    page.get_by_role("button", name="Send the link again to Lee").click()
    page.get_by_text(
        "A new link is on its way to Lee; the earlier link no longer works."
    ).wait_for()
    assert FeedbackInvite.objects.get().resent_count == 1
    _check(page, axe_scan)
    page.screenshot(path="/tmp/growth-resend-1280.png", full_page=True)

    page.goto(f"{live_server.url}/growth/goals/")
    page.get_by_label("Goal", exact=True).fill("Finish my CPhT CE")
    page.get_by_label("A CE requirement of your credentials").select_option("ptcb-cpht:total")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_text("Goal added: Finish my CPhT CE.").wait_for()
    assert "5 of 20 h counted from your CE record" in page.locator(".growth-ce-link").inner_text()
    assert page.get_by_text("Progress: 25 %").is_visible()
    _check(page, axe_scan)
    page.screenshot(path="/tmp/growth-ce-goal-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    _check(page, axe_scan)
    page.screenshot(path="/tmp/growth-ce-goal-390.png", full_page=True)
    page.goto(f"{live_server.url}/growth/feedback/{request_id}/")
    _check(page, axe_scan)
    page.screenshot(path="/tmp/growth-resend-390.png", full_page=True)
