"""The foundation journey, as a new visitor takes it in a real browser: sign up, verify the
email from the outbox, build a profile with a credential and skills, publish it, and see the
public page logged out. Main pages are scanned with axe-core."""

import re

import pytest
from tests.browser.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "jordan.tech@example.org"
PASSWORD = "a long passphrase for the pharmacy"


def _confirmation_link(mailoutbox) -> str:
    assert len(mailoutbox) == 1
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body)
    assert match, mailoutbox[0].body
    return match.group(0)


def test_visitor_signs_up_builds_and_publishes_a_profile(
    live_server, page, mailoutbox, catalog, axe_scan
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join").click()
    assert axe_scan(page) == [], format_violations(axe_scan(page))
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    link = _confirmation_link(mailoutbox)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()
    # Confirming logs the new member in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION).
    page.get_by_role("link", name="Profile").first.click()
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    page.get_by_label("Display name").fill("Jordan Lee")
    page.get_by_label("Headline").fill("CPhT · hospital IV room · learning oncology")
    page.get_by_label("ZIP code").fill("77030")
    page.get_by_label("State", exact=True).select_option("TX")
    page.get_by_label("Make my profile public").check()
    page.get_by_role("button", name="Save", exact=True).click()
    public_link = page.locator('a[href^="/p/"]').first
    public_link.wait_for()
    handle_url = public_link.get_attribute("href")
    assert handle_url and handle_url.startswith("/p/")

    page.get_by_label("Credential", exact=True).select_option(
        label="Certified Pharmacy Technician (CPhT)"
    )
    page.get_by_role("button", name="Add credential").click()
    page.get_by_text("Certified Pharmacy Technician").first.wait_for()

    page.get_by_label("Skills", exact=True).fill("aseptic")
    page.get_by_role("button", name="Find skills").click()
    results = page.get_by_label("Search results")
    results.wait_for()
    results.select_option(label="Aseptic technique")
    page.get_by_role("button", name="Save skills").click()
    page.get_by_role("button", name="Remove Aseptic technique").wait_for()

    # Logged out, the public page shows the published profile.
    page.context.clear_cookies()
    page.goto(live_server.url + handle_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Jordan Lee"
    assert page.get_by_text("CPhT · hospital IV room · learning oncology").count() == 1
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
