"""Credential wallet on a phone (390 px): the member sees how each credential is known, turns
a supervisor's confirmation into a signed badge, and a logged-out visitor verifies it from its
link; a refused import says why. Each page scanned with axe; none may scroll sideways."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from tests.browser.conftest import format_violations
from tests.wallet.conftest import confirmed_verification, hold

from rxguild.accounts.models import User
from rxguild.wallet.models import ImportedBadge, IssuedBadge

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "maria@example.org"
PASSWORD = "a long passphrase for the pharmacy"
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


@pytest.fixture(autouse=True)
def _wallet_site(settings, live_server):
    settings.RXGUILD_SITE_URL = live_server.url


def _check(page, axe_scan) -> None:
    assert page.evaluate(SIDEWAYS_JS) == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)


def test_issue_a_badge_and_verify_it_signed_out(live_server, page, axe_scan, browser, catalog):
    user = User.objects.create_user(
        email=EMAIL, password=PASSWORD, first_name="Maria", last_name="Alvarez"
    )
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    hold(user)
    confirmed_verification(user)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(live_server.url + "/wallet/")
    assert page.locator('[data-mark="self-reported"]').count() == 1
    _check(page, axe_scan)
    issue = page.get_by_role("button", name="Issue badge")
    issue.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    badge = IssuedBadge.objects.get()
    assert page.get_by_role("link", name=badge.achievement_name).count() == 1
    _check(page, axe_scan)

    page.goto(live_server.url + "/wallet/import/")
    page.get_by_label("Badge link, JSON or JWT").fill(
        '{"@context": "https://w3id.org/openbadges/v2"}'
    )
    page.get_by_role("button", name="Verify and add").click()
    assert "no hosted address" in page.locator(".errorlist").first.inner_text()
    assert ImportedBadge.objects.count() == 0
    _check(page, axe_scan)

    visitor = browser.new_context(viewport={"width": 390, "height": 844})
    public = visitor.new_page()
    public.goto(f"{live_server.url}/wallet/badges/{badge.public_id}/")
    assert public.locator('[data-state="valid"]').count() == 1
    assert "Maria Alvarez" in public.content()
    _check(public, axe_scan)
    visitor.close()
