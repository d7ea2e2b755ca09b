"""A member looks up what "med rec" means on the skills page, then checks a state credential."""

import pytest
from tests.browser.conftest import format_violations
from tests.catalog_fixtures import load_test_catalog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_skill_search_and_credential_filter_by_keyboard(live_server, page, axe_scan):
    load_test_catalog()
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    page.goto(live_server.url + "/catalog/skills/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pharmacy technician skills"
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    search = page.get_by_label("Search names and synonyms")
    search.focus()
    page.keyboard.type("med rec")
    # htmx swaps only the results (no full reload) after the typing pause.
    page.get_by_text("1 skill matching “med rec”.").wait_for()
    assert page.locator("#medication-reconciliation").count() == 1
    assert page.url.endswith("/catalog/skills/?q=med%20rec&category=")

    page.goto(live_server.url + "/catalog/credentials/")
    page.get_by_label("State", exact=True).select_option("OH")
    page.get_by_role("button", name="Filter").press("Enter")
    page.get_by_text("3 credentials.").wait_for()
    assert page.get_by_role("link", name="Certified Pharmacy Technician (Ohio)").count() == 1
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    assert console_errors == []
