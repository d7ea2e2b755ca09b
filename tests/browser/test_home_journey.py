"""The demo member's home and calendar at desk (1280 px) and phone (390 px) width: axe clean,
no sideways scroll, deadlines with rings, the month grid by keyboard and as an agenda on a
phone. Screenshots go to RXGUILD_SCREENSHOTS (default /tmp/rxguild-screenshots)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.browser.conftest import format_violations

from rxguild.core.demo import DEMO_MEMBER_EMAIL, DEMO_PASSWORD, seed_all

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(os.environ.get("RXGUILD_SCREENSHOTS", "/tmp/rxguild-screenshots"))
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _check(page, axe_scan, name: str) -> None:
    assert page.evaluate(SIDEWAYS_JS) == 0, name
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390], ids=["desk", "phone"])
def test_home_and_calendar(live_server, page, axe_scan, catalog, width: int) -> None:
    seed_all()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(DEMO_MEMBER_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(live_server.url + "/dashboard/")
    deadlines = page.get_by_role("region", name="Nearest deadlines")
    assert deadlines.get_by_role("img", name="17.5 of 20 h").is_visible()
    assert deadlines.get_by_role("link", name="Certified Pharmacy Technician: renewal deadline")
    assert page.get_by_role("region", name="Applications").get_by_text("Interviewing").is_visible()
    roadmap = page.get_by_role("region", name="Roadmap")
    assert roadmap.get_by_role(
        "link", name="PTCB Certified Compounded Sterile Preparation Technician (CSPT)"
    ).is_visible()
    _check(page, axe_scan, f"dashboard-{width}")

    page.get_by_role("link", name="Open my calendar").click()
    page.wait_for_url("**/calendar/")
    _check(page, axe_scan, f"calendar-month-{width}")
    weekdays = page.locator(".cal-weekdays")
    if width == 1280:
        assert weekdays.is_visible()
        # Keyboard: today's date is in the Tab order; arrows move by day and by week.
        today = page.locator(".is-today [data-cal-day]")
        today.focus()
        start = today.get_attribute("data-cal-day")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowRight")
        focused = page.evaluate("() => document.activeElement.dataset.calDay")
        assert focused is not None and focused != start
        from datetime import date, timedelta

        assert date.fromisoformat(focused) == date.fromisoformat(start) + timedelta(days=8)
    else:
        # A phone gets an agenda: no weekday row, only days that have something on them.
        assert not weekdays.is_visible()
        visible = page.locator(".cal-day:visible")
        assert visible.count() == page.locator(".cal-day.has-items:not(.is-outside)").count()

    page.get_by_role("link", name="Agenda").click()
    page.wait_for_url("**view=agenda")
    _check(page, axe_scan, f"calendar-agenda-{width}")
    page.get_by_role("link", name="Next month:").first.click()
    page.wait_for_url("**month=**")
    assert page.get_by_role("heading", level=2).first.is_visible()
    assert page.get_by_role("link", name="Add to Google Calendar").count() == 0
    page.get_by_role("button", name="Create my feed address").click()
    page.wait_for_url("**/calendar/")
    assert page.get_by_role("link", name="Add to Google Calendar").is_visible()
    assert page.get_by_label("Your private feed address").input_value().endswith(".ics")
    _check(page, axe_scan, f"calendar-feed-{width}")
