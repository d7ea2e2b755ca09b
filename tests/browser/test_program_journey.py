"""A coordinator on a phone (390 px): the cohort page with its progress chart, placing a student
in a cohort, inviting a student and messaging the cohort; the lists page. Pages scanned with
axe; none may scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from tests.browser.test_experience_journey import (  # the same 390 px phone and checks
    _check,
    browser_context_args,  # noqa: F401  # a fixture, used by name
)

from rxguild.accounts.models import User
from rxguild.experience.models import Cohort, CohortMessage, Enrollment, TrainingProgram
from rxguild.experience.services import experience_entry_add
from rxguild.experience.services.hours import hour_log_add

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long passphrase for the pharmacy"


def _member(email: str, first: str, last: str) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, first_name=first, last_name=last
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_a_coordinator_follows_places_invites_and_messages(
    live_server, page, axe_scan, mailoutbox, catalog
):
    coordinator = _member("casey@acc.example", "Casey", "Coordinator")
    program = TrainingProgram.objects.create(
        name="ACC Pharmacy Technician Program", organization="Austin CC", required_hours=160
    )
    program.coordinators.add(coordinator)
    Cohort.objects.create(program=program, name="Spring 2027")
    today = timezone.localdate()
    for email, first in (("ana@example.org", "Ana"), ("ben@example.org", "Ben")):
        user = _member(email, first, "Student")
        entry = experience_entry_add(
            member=user,
            kind="externship",
            site_name="Central Texas Medical Center, inpatient pharmacy",
            setting_code="hospital-health-system",
            role="Extern",
            started_on=today - timedelta(days=30),
            ended_on=None,
            logged_hours=1,
        )
        hour_log_add(entry=entry, worked_on=today - timedelta(days=3), hours=8)
        Enrollment.objects.create(program=program, student=user, entry=entry, status="active")
    _member("new.student@example.org", "Noa", "New")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("casey@acc.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(live_server.url + f"/experience/programs/{program.pk}/")
    page.get_by_role("img", name="Signed and waiting hours by student").wait_for()
    _check(page, axe_scan)

    page.get_by_text("Place Ana Student").click()
    page.locator(
        f"#place{Enrollment.objects.get(student__first_name='Ana').pk}-cohort"
    ).select_option(label="Spring 2027")
    page.get_by_role("button", name="Save Ana Student's placement").click()
    page.get_by_text("Placement saved.").wait_for()

    page.get_by_label("Student's email").fill("new.student@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to new.student@example.org.").wait_for()
    page.get_by_text("1 invitation not answered yet.").wait_for()

    page.locator("#msg_cohort").select_option(label="Spring 2027")
    page.get_by_label("Subject").fill("Media fill on Friday")
    page.get_by_label("Message", exact=True).fill("Bring your badge.")
    page.get_by_role("button", name="Send the message").click()
    page.get_by_text("Message sent by email to each enrolled student.").wait_for()
    _check(page, axe_scan)
    assert CohortMessage.objects.get().recipient_count == 1
    assert [m.to for m in mailoutbox if "Media fill" in m.subject] == [["ana@example.org"]]

    page.get_by_role("link", name="Cohorts, sites and preceptors").click()
    page.get_by_role("heading", name="Cohorts, sites and preceptors").wait_for()
    _check(page, axe_scan)
