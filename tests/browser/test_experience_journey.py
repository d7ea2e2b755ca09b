"""Externship journey on a phone (390 px): log a week of hours, send it for sign-off, the
preceptor signs from a logged-out browser, and the signed hours count toward the program's
requirement; then the student asks for the mid-point evaluation, the preceptor fills it from the
logged-out browser and the student reads it. Pages scanned with axe; none may scroll sideways."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from tests.browser.conftest import format_violations

from rxguild.accounts.models import User
from rxguild.experience.hours import week_of
from rxguild.experience.models import Evaluation, HourSignOff
from rxguild.experience.reference import evaluation_form
from rxguild.experience.services import experience_entry_add

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "extern@example.org"
PASSWORD = "a long passphrase for the pharmacy"
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def _check(page, axe_scan) -> None:
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)


def test_log_a_week_send_it_and_the_preceptor_signs(
    live_server, page, axe_scan, browser, mailoutbox, catalog
):
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, first_name="Jordan")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    monday, sunday = week_of(timezone.localdate() - timedelta(days=7))
    entry = experience_entry_add(
        member=user,
        kind="externship",
        site_name="Central Texas Medical Center",
        setting_code="hospital-health-system",
        role="Extern",
        started_on=monday - timedelta(days=14),
        ended_on=None,
        logged_hours=1,
        required_hours=40,
    )

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(live_server.url + "/experience/")
    page.get_by_role("link", name="Hour log of Extern at Central Texas Medical Center").click()
    _check(page, axe_scan)

    for day in range(3):
        page.get_by_label("Day", exact=True).fill((monday + timedelta(days=day)).isoformat())
        page.get_by_label("Hours", exact=True).fill("8")
        page.get_by_label("Tasks practised").fill("IV room with preceptor")
        if day == 0:
            page.get_by_label("Garbing and hand hygiene with gloved-fingertip sampling").check()
        page.get_by_role("button", name="Log these hours").click()
        page.get_by_text("Logged 8.00 h").wait_for()

    page.get_by_label("From").fill(monday.isoformat())
    page.get_by_label("To", exact=True).fill(sunday.isoformat())
    page.get_by_label("Preceptor's name").fill("Sam Ortiz")
    page.get_by_label("Their role").fill("Preceptor, RPh")
    page.get_by_label("Their email").fill("sam.ortiz@pharmacy.example")
    page.get_by_role("button", name="Send for sign-off").click()
    page.get_by_text("Sent 24.00 h to Sam Ortiz for sign-off.").wait_for()
    _check(page, axe_scan)
    assert len(mailoutbox) == 1
    link = re.search(r"http://127\.0\.0\.1:8000(/experience/signoff/\S+/)", mailoutbox[0].body)
    assert link

    # The preceptor answers in a separate, logged-out browser.
    outside = browser.new_context(viewport={"width": 390, "height": 844})
    signoff_page = outside.new_page()
    signoff_page.goto(live_server.url + link.group(1))
    signoff_page.get_by_role("heading", name="Sign off Jordan's hours").wait_for()
    _check(signoff_page, axe_scan)
    signoff_page.get_by_role("radio", name="Sign: these hours are correct").check()
    signoff_page.get_by_role("button", name="Send my answer").click()
    signoff_page.get_by_text("You signed 24.00 h.").wait_for()
    signoff_page.goto(live_server.url + link.group(1))
    signoff_page.get_by_text("This link has already been used.").wait_for()

    page.reload()
    page.get_by_text("24.00 of 40 required hours signed (60 %)").wait_for()
    _check(page, axe_scan)
    assert HourSignOff.objects.get(entry=entry).status == "signed"

    # The mid-point evaluation, asked from the same page, answered from the logged-out browser.
    page.get_by_text("Ask for an evaluation").click()
    page.get_by_label("Which evaluation").select_option("midpoint")
    page.get_by_label("Evaluator's name").fill("Sam Ortiz")
    page.get_by_label("Evaluator's role").fill("Preceptor, RPh")
    page.get_by_label("Evaluator's email").fill("sam.ortiz@pharmacy.example")
    page.get_by_role("button", name="Ask for the evaluation").click()
    page.get_by_text("Asked Sam Ortiz for your mid-point evaluation.").wait_for()
    assert len(mailoutbox) == 3  # sign-off request, "signed" notice, evaluation request
    link = re.search(r"http://127\.0\.0\.1:8000(/experience/evaluate/\S+/)", mailoutbox[2].body)
    assert link
    signoff_page.goto(live_server.url + link.group(1))
    signoff_page.get_by_role("heading", name="Mid-point evaluation of Jordan").wait_for()
    _check(signoff_page, axe_scan)
    for code, name in evaluation_form().items:
        signoff_page.get_by_label(name, exact=True).select_option(
            "0" if "compounding" in code else "3"
        )
    signoff_page.get_by_label("Comment on professional skills").fill("Calm at the counter")
    signoff_page.get_by_role("button", name="Send the evaluation").click()
    signoff_page.get_by_text("is sent to the student").wait_for()
    outside.close()

    page.reload()
    page.get_by_text("completed (mean 3.0 of 4)").wait_for()
    page.get_by_role("link", name="See the mid-point evaluation").click()
    page.get_by_text("Calm at the counter").wait_for()
    _check(page, axe_scan)
    assert Evaluation.objects.get(entry=entry).status == "submitted"
