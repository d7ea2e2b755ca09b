"""A technician moving to another state looks up its rules on a phone: the list of every
jurisdiction, then one state's page, by keyboard, with no sideways scroll at 390 px. A member
gives their renewal details (birth month, what applies to them) and the state pages work out
their expiry, show the rules that apply only in some situations, and say plainly where our
sources disagree. Screenshots go to RXGUILD_SCREENSHOTS (default /tmp/rxguild-screenshots)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from tests.browser.conftest import format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
SHOTS = Path(os.environ.get("RXGUILD_SCREENSHOTS", "/tmp/rxguild-screenshots"))


def _check(page, axe_scan, name: str) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), name
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


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


@pytest.mark.parametrize("width", [1280, 390], ids=["desk", "phone"])
def test_renewal_details_drive_the_state_pages(live_server, page, axe_scan, width: int) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from rxguild.catalog.models import Credential
    from rxguild.profiles.models import CredentialHeld, Profile

    user = get_user_model().objects.create_user(email="md@example.org", password="x" * 16)
    EmailAddress.objects.create(user=user, email="md@example.org", verified=True, primary=True)
    profile, _ = Profile.objects.get_or_create(user=user)
    maryland, _ = Credential.objects.get_or_create(
        code="state-md-technician",
        defaults={"name": "Maryland registration", "kind": "state_registration", "state": "MD"},
    )
    # Registered 10 March 2026 with no expiry date entered: Maryland's rule needs a birth month.
    CredentialHeld.objects.create(
        profile=profile, credential=maryland, state="MD", issued_on=date(2026, 3, 10)
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("md@example.org")
    page.get_by_label("Password").fill("x" * 16)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(live_server.url + "/catalog/states/md/")
    yours = page.get_by_role("region", name="Your Maryland credentials")
    assert yours.get_by_text("or your birth month so we can work it out").is_visible()
    _check(page, axe_scan, f"state-md-no-birth-month-{width}")
    yours.get_by_role("link", name="Your renewal details").click()
    page.wait_for_url("**/profile/**")

    section = page.locator("#renewal")
    assert section.get_by_text("We never ask for the year you were born.").is_visible()
    section.get_by_label("Birth month").select_option(label="May")
    section.get_by_label("I compound sterile preparations").check()
    section.get_by_role("button", name="Save renewal details").press("Enter")
    page.locator("#renewal").get_by_text("Renewal details saved.").wait_for()
    _check(page, axe_scan, f"profile-renewal-details-{width}")

    page.goto(live_server.url + "/catalog/states/md/")
    assert (
        page.get_by_role("region", name="Your Maryland credentials")
        .get_by_text("next expiry 31 May 2027 (worked out from the board's rule and your profile")
        .is_visible()
    )
    _check(page, axe_scan, f"state-md-expiry-{width}")

    page.goto(live_server.url + "/catalog/states/pa/")
    disagree = page.get_by_role("note", name="Our sources disagree")
    assert disagree.get_by_text("Do not rely on this page alone").is_visible()
    assert disagree.get_by_role("link", name="confirm with the board").is_visible()
    _check(page, axe_scan, f"state-pa-disagree-{width}")

    page.goto(live_server.url + "/catalog/states/tx/")
    assert page.get_by_text(
        "Only if you compound sterile preparations: Sterile-compounding CE (ACPE): 2 h per "
        "24 months"
    ).is_visible()
    _check(page, axe_scan, f"state-tx-{width}")
