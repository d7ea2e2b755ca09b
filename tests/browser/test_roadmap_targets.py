"""The roadmap's target pickers in a real browser at phone width: another state's registration
(picked by state name, with the keyboard), its gap with the board linked, and a role in a
setting with its skills; nothing scrolls sideways at 390 px and axe finds nothing serious."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.browser.conftest import format_violations
from tests.browser.test_roadmap_journey import log_in
from tests.catalog_fixtures import load_test_catalog
from tests.tracker.factories import UserFactory

from rxguild.catalog.models import Credential
from rxguild.profiles.models import CredentialHeld, Profile

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_state_picker_at_phone_width(live_server, page, axe_scan):
    load_test_catalog()
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    member = UserFactory(email="maria@example.org")
    profile = Profile.objects.create(user=member)
    CredentialHeld.objects.create(
        profile=profile,
        credential=Credential.objects.get(code="ptcb-cpht"),
        expires_on=timezone.localdate() + dt.timedelta(days=300),
    )
    log_in(page, live_server, member)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/roadmap/")
    assert page.evaluate(OVERFLOW) <= 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.screenshot(path="/tmp/roadmap-pickers-390.png", full_page=True)

    picker = page.get_by_label("State and credential")
    picker.select_option(label="Texas: Registered Pharmacy Technician (Texas)")
    picker.focus()
    page.keyboard.press("Tab")  # to the picker's own button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Registered Pharmacy Technician (Texas)"
    )
    gap = page.locator("#gap").inner_text()
    assert "Pass a board-approved exam (PTCE or ExCPT)" in gap
    assert "Confirm with the board:" in gap
    board = page.get_by_role("link", name="Texas State Board of Pharmacy")
    assert board.first.get_attribute("href") == (
        "https://www.pharmacy.texas.gov/licensees/ce-tech-faq.asp"
    )
    assert page.evaluate(OVERFLOW) <= 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.screenshot(path="/tmp/roadmap-state-target-390.png", full_page=True)

    # A role in a setting: the skills it asks for, against the profile and self-assessment.
    page.goto(f"{live_server.url}/roadmap/")
    page.get_by_label("Role", exact=True).select_option(label="IV-room technician in a hospital")
    with page.expect_navigation():
        page.get_by_role("button", name="Add this role").click()
    gap = page.locator("#gap").inner_text()
    assert "Aseptic technique: drawing up and adding drugs to IV solutions" in gap
    assert "Not on your profile's skills and not rated in your self-assessment yet." in gap
    assert page.evaluate(OVERFLOW) <= 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.screenshot(path="/tmp/roadmap-role-target-390.png", full_page=True)
    assert console_errors == []
