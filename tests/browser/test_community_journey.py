"""Community journey in a real browser: two members connect, join a state group, one asks a
question, the other answers and it is accepted; a moderator hides a spam post a member
reported; an event with two seats fills and the third member is promoted from the waitlist
when one cancels, then downloads the .ics. Pages scanned with axe."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connections
from django.utils import timezone
from tests.browser.conftest import format_violations
from tests.community.conftest import join, make_event, make_group, make_member

from rxguild.accounts.models import Role, RoleGrant
from rxguild.community.models import Group
from rxguild.community.services import discussions

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"  # tests.accounts.factories.PASSWORD


def sign_in(browser: Any, live_server: Any, email: str) -> Any:
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Community", exact=True).wait_for()
    return page


def test_community_journey(live_server, browser, axe_scan, tmp_path, settings, monkeypatch):
    settings.RXGUILD_COMMUNITY_POST_INTERVAL = False  # the journey is faster than a human
    # Four members browse at once: with persistent connections the live server's request
    # threads would keep PostgreSQL sessions open and block dropping the test database.
    monkeypatch.setitem(connections.databases["default"], "CONN_MAX_AGE", 0)
    ana = make_member("Ana", state="TX")
    make_member("Ben", state="TX")
    spammer = make_member("Sam")
    mod = make_member("Mona")
    RoleGrant.objects.create(user=mod, role=Role.MODERATOR)
    texas = make_group("Texas Technicians", mod, kind=Group.Kind.STATE, state="TX")
    join(texas, spammer)
    discussions.post_create(
        actor=spammer, group=texas, title="Cheap CE certificates, no study", body="Click now"
    )
    start = timezone.now() + timedelta(days=5)
    event = make_event(
        mod,
        title="Texas law update webinar",
        capacity=2,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )

    # 1. Ana finds Ben in the directory and asks to connect.
    a = sign_in(browser, live_server, "ana@example.org")
    a.get_by_role("link", name="Community", exact=True).click()
    a.get_by_role("link", name="Directory").click()
    a.get_by_label("Name").fill("Ben")
    a.get_by_role("button", name="Search").click()
    assert axe_scan(a) == [], format_violations(axe_scan(a))
    a.get_by_role("link", name="Ben").click()
    a.get_by_role("button", name="Connect").click()
    a.get_by_text("Connection request sent.").wait_for()

    # 2. Ben accepts.
    b = sign_in(browser, live_server, "ben@example.org")
    b.goto(live_server.url + "/community/connections/")
    b.get_by_role("button", name="Accept").click()
    b.get_by_text("Connected.", exact=True).wait_for()
    assert b.get_by_role("link", name="Message Ana").is_visible()

    # 3. Both join the state group.
    for p in (a, b):
        p.goto(live_server.url + "/community/groups/")
        p.get_by_role("link", name="Texas Technicians").click()
        p.get_by_role("button", name="Join group").click()
        p.get_by_text("Welcome to Texas Technicians.").wait_for()
    violations = axe_scan(b)
    assert violations == [], format_violations(violations)

    # 4. Ben asks a question; Ana answers; Ben accepts the answer.
    b.get_by_text("Start a topic").click()
    b.get_by_label("Kind of post").select_option("question")
    b.get_by_label("Title").fill("How many law hours for a Texas renewal?")
    b.get_by_label("Text").fill("My registration renews in March. **Any** tips?")
    b.get_by_role("button", name="Post", exact=True).click()
    b.get_by_role("heading", name="How many law hours for a Texas renewal?").wait_for()
    question_url = b.url

    a.goto(question_url)
    a.get_by_label("Your reply").fill("One hour of Texas law, @ben. Check the board's rules.")
    a.get_by_role("button", name="Post reply").click()
    a.get_by_text("Reply posted.").wait_for()

    b.goto(question_url)
    b.get_by_role("button", name="Accept this answer").click()
    b.get_by_text("Answer accepted.").wait_for()
    assert b.get_by_text("Accepted answer").is_visible()
    violations = axe_scan(b)
    assert violations == [], format_violations(violations)

    # 5. Ana reports the spam post; the moderator hides it.
    a.goto(live_server.url + f"/community/groups/{texas.slug}/")
    a.get_by_role("link", name="Cheap CE certificates, no study").click()
    a.get_by_role("link", name="Report post").click()
    a.get_by_label("Spam or advertising").check()
    a.get_by_role("button", name="Send report").click()
    a.get_by_text("Thank you. A moderator will look at your report.").wait_for()

    m = sign_in(browser, live_server, "mona@example.org")
    m.goto(live_server.url + "/community/moderation/")
    assert m.get_by_text("Cheap CE certificates, no study").is_visible()
    violations = axe_scan(m)
    assert violations == [], format_violations(violations)
    m.get_by_label("Action").select_option("hide")
    m.get_by_role("button", name="Apply to report").click()
    m.get_by_text("Done: hide.").wait_for()
    a.goto(live_server.url + f"/community/groups/{texas.slug}/")
    assert a.get_by_text("Cheap CE certificates, no study").count() == 0

    # 6. Two seats: Ana and Ben take them, Sam waits; Ana cancels and Sam is promoted.
    event_url = live_server.url + f"/community/events/{event.pk}/"
    for p in (a, b):
        p.goto(event_url)
        # By keyboard: focus the button and press Enter, as a keyboard user would.
        p.get_by_role("button", name="RSVP").focus()
        p.keyboard.press("Enter")
        p.get_by_text("You're going.", exact=True).wait_for()
    s = sign_in(browser, live_server, "sam@example.org")
    s.goto(event_url)
    s.get_by_role("button", name="Join the waitlist").click()
    s.get_by_text("You're number 1 on the waitlist.").wait_for()
    assert s.get_by_text("meet.example.org").count() == 0  # no link for the waitlist
    a.goto(event_url)
    a.get_by_role("button", name="Cancel my RSVP").click()
    a.get_by_text("Your RSVP is cancelled.").wait_for()
    s.goto(event_url)
    s.get_by_text("You're going.", exact=True).wait_for()
    assert s.get_by_role("link", name="https://meet.example.org/secret-room").is_visible()
    violations = axe_scan(s)
    assert violations == [], format_violations(violations)

    # 7. Sam downloads the calendar file.
    with s.expect_download() as download_info:
        s.get_by_role("link", name="Download calendar file (.ics)").click()
    path = tmp_path / "event.ics"
    download_info.value.save_as(path)
    content = path.read_text()
    assert "BEGIN:VEVENT" in content
    assert "SUMMARY:Texas law update webinar" in content
    assert "secret-room" in content
    assert ana.pk  # Ana is no longer going
    for p in (a, b, m, s):
        p.context.close()
