"""Pay where you work (issue #13) in a real browser at phone width: a member in Houston (no
metro figure in the data) is told and sees Texas's row, then picks a metro from the list with
the keyboard and sees its figure, period, source and the note to confirm it; axe-clean, no
sideways scroll."""

from __future__ import annotations

import pytest
from tests.browser.conftest import format_violations
from tests.browser.test_roadmap_journey import log_in
from tests.catalog_fixtures import load_test_catalog
from tests.tracker.factories import UserFactory

from rxguild.profiles.models import Profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_pick_a_metro_area_at_phone_width(live_server, page, axe_scan):
    load_test_catalog()
    member = UserFactory(email="maria@example.org")
    Profile.objects.create(user=member, state="TX", zip_code="77030")
    log_in(page, live_server, member)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/roadmap/pay/")
    area = page.locator("#area-h").locator("xpath=..")
    assert "No metro-area figure in our data for Houston; here is the state figure for TX." in (
        area.inner_text()
    )
    select = page.get_by_label("Metro area")
    assert select.input_value() == ""  # the state's figure is preselected
    select.focus()
    select.select_option("42660")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Show this area"
    page.wait_for_url("**metro=42660**")
    text = page.locator("#area-h").locator("xpath=..").inner_text()
    assert "Seattle-Tacoma-Bellevue (metro area 42660, WA), May 2019: mean $44,940 a year" in text
    assert "confirm against BLS's page for this area" in text
    assert page.get_by_label("Metro area").input_value() == "42660"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.screenshot(path="/tmp/roadmap-area-pay-390.png", full_page=True)
