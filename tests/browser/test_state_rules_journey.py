"""A technician moving to another state looks up its rules on a phone: the list of every
jurisdiction, then one state's page, by keyboard, with no sideways scroll at 390 px."""

import pytest
from tests.browser.conftest import format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_state_rules_by_keyboard_on_a_phone(live_server, page, axe_scan):
    page.set_viewport_size({"width": 390, "height": 844})
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    page.goto(live_server.url + "/catalog/states/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "State rules for pharmacy technicians"
    )
    assert page.get_by_text("52 jurisdictions.").count() == 1
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    page.get_by_role("link", name="Alabama", exact=True).focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Alabama", level=1).wait_for()
    assert page.get_by_text("Expires 31 December of odd-numbered years.").count() == 1
    assert page.get_by_role("link", name="Alabama State Board of Pharmacy").count() == 1
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    page.goto(live_server.url + "/catalog/states/ar/")
    assert page.get_by_role("link", name="confirm with the board").count() >= 2
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert console_errors == []
