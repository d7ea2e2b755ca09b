"""A new member is never at a dead end, in a real browser at desktop and phone width: Cy,
connected to nobody, finds Ana by name with the "write to someone" picker (keyboard only),
sends a message request; Ana accepts it in her inbox and the conversation opens; Ana invites
Cy to her group by name with the invite picker. No sideways scroll, axe clean, screenshots
under RXGUILD_SCREENSHOTS (default /tmp/rxguild-screenshots)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from tests.browser.conftest import format_violations
from tests.community.conftest import make_group, make_member

from rxguild.community.models import Membership, Message, MessageRequest

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"  # tests.accounts.factories.PASSWORD
SHOTS = Path(os.environ.get("RXGUILD_SCREENSHOTS", "/tmp/rxguild-screenshots"))
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
HELLO = "Hi Ana, I am new to IV compounding in Houston. Could I ask about your training?"


def _sign_in(browser: Any, live_server: Any, email: str, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _check(page: Any, axe_scan: Any, name: str) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name} scrolls sideways"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)


def _pick(page: Any, combo: Any, text: str, listbox_name: str) -> None:
    combo.focus()
    page.keyboard.type(text)
    page.get_by_role("listbox", name=listbox_name).wait_for()
    page.wait_for_load_state("networkidle")
    page.keyboard.press("ArrowDown")


@pytest.mark.parametrize("width", [1280, 390])
def test_message_request_and_invite_by_name(live_server, browser, axe_scan, monkeypatch, width):
    monkeypatch.setitem(connections.databases["default"], "CONN_MAX_AGE", 0)
    ana = make_member("Ana", display_name="Ana Rivera", headline="CSPT · Houston Methodist")
    cy = make_member("Cy", display_name="Cy Nguyen", days_old=0)
    make_group("IV Room Circle", ana, description="Sterile compounding questions and tips.")

    c = _sign_in(browser, live_server, "cy@example.org", width)
    c.goto(live_server.url + "/community/messages/")
    _pick(c, c.get_by_role("combobox", name="Name of a colleague"), "rive", "Matching members")
    _check(c, axe_scan, f"inbox-write-to-{width}")
    c.keyboard.press("Enter")
    c.wait_for_url(lambda url: url.endswith("/community/messages/ana/"))
    c.get_by_label("Your first message").fill(HELLO)
    c.get_by_role("button", name="Send request").click()
    c.get_by_text("Message request sent. You can write more once they accept.").wait_for()
    _check(c, axe_scan, f"message-request-sent-{width}")

    a = _sign_in(browser, live_server, "ana@example.org", width)
    a.goto(live_server.url + "/community/messages/")
    a.get_by_text(HELLO).wait_for()
    _check(a, axe_scan, f"inbox-request-{width}")
    a.get_by_role("button", name="Accept request from Cy Nguyen").click()
    a.get_by_text("Accepted. You can write to each other now.").wait_for()
    assert list(Message.objects.values_list("body", flat=True)) == [HELLO]
    assert MessageRequest.objects.get().status == "accepted"

    a.goto(live_server.url + "/community/groups/iv-room-circle/")
    _pick(a, a.get_by_role("combobox", name="Name of a colleague"), "nguy", "Matching members")
    a.keyboard.press("Enter")
    assert a.get_by_role("combobox", name="Name of a colleague").input_value() == "Cy Nguyen"
    _check(a, axe_scan, f"group-invite-picked-{width}")
    a.get_by_role("button", name="Invite", exact=True).click()
    a.get_by_text("Invitation sent to Cy Nguyen.").wait_for()
    assert Membership.objects.get(user=cy).status == "invited"

    c.goto(live_server.url + "/community/groups/")
    c.get_by_role("button", name="Accept invitation IV Room Circle").wait_for()
    _check(c, axe_scan, f"group-cards-{width}")
