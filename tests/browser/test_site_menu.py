"""The main menu: one bar on a wide screen, a "Menu" disclosure on a phone that works by
keyboard (Enter opens, Escape closes and gives focus back) and passes axe open."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from tests.accounts.factories import UserFactory
from tests.browser.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, live_server) -> None:
    client = Client()
    client.force_login(UserFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_menu_is_a_bar_wide_and_a_keyboard_disclosure_on_a_phone(live_server, page, axe_scan):
    _log_in(page, live_server)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/dashboard/")
    main_nav = page.get_by_role("navigation", name="Main")
    menu_button = page.locator("details.site-menu > summary")
    assert main_nav.get_by_role("link", name="CE", exact=True).is_visible()
    assert not menu_button.is_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/dashboard/")
    assert menu_button.is_visible()
    assert not main_nav.get_by_role("link", name="CE", exact=True).is_visible()
    # The brand link comes first, then the menu button.
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Menu"
    page.keyboard.press("Enter")
    assert main_nav.get_by_role("link", name="CE", exact=True).is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Dashboard"
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.keyboard.press("Escape")
    assert not main_nav.get_by_role("link", name="CE", exact=True).is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # The whole menu fits the phone screen: nothing sideways.
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    main_nav.get_by_role("link", name="CE", exact=True).click()
    page.wait_for_url(live_server.url + "/ce/")
    assert page.locator('.site-nav a[aria-current="page"]').text_content() == "CE"
