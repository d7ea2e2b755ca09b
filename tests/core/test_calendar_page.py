"""The calendar page (month and agenda), the old CE address, and the one private feed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.ce.conftest import make_member

from rxguild.accounts.models import User
from rxguild.ce.models import CalendarFeedToken

pytestmark = pytest.mark.django_db


def test_signed_out_is_sent_to_log_in(client: Client) -> None:
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/calendar/"


def test_new_member_gets_an_empty_month_that_says_what_to_do(client: Client, today: date) -> None:
    client.force_login(make_member("new@example.org"))
    html = client.get("/calendar/").content.decode()
    assert '<h2 class="cal-title" id="cal-title">December 2026</h2>' in html
    assert "Nothing on your calendar in December 2026." in html
    assert "Create my feed address" in html
    assert "Add to Google Calendar" not in html


def test_month_view_puts_each_item_on_its_day(client: Client, busy_member: User) -> None:
    client.force_login(busy_member)
    html = client.get("/calendar/").content.decode()
    assert html.count('<li class="cal-day') == 35
    assert html.count('<li class="cal-day is-today') == 1
    for title in (
        "Certified Pharmacy Technician: renewal deadline",
        "Check-in with Dana Mentor",
        "Follow up: IV room technician 0",
        "USP 797 refresher 0",
        "Next step: Ask to shadow a shift",
        "Goal due: Earn the CSPT 0",
        "Informational interview: Jordan Kim (Gulf Coast Radiopharmacy)",
    ):
        assert html.count(title) == 1, title
    assert '<span class="cal-time">6:00 PM</span> USP 797 refresher 0' in html
    assert 'href="?month=2026-11&amp;view=month" rel="prev"' in html
    assert 'href="?month=2027-01&amp;view=month" rel="next"' in html
    assert "style=" not in html


def test_agenda_view_lists_days_with_items(client: Client, busy_member: User) -> None:
    client.force_login(busy_member)
    html = client.get("/calendar/?view=agenda").content.decode()
    # Dec 1 (the deadline and the interview), 7, 9, 14, 16 and 24.
    assert html.count('<li class="agenda-day') == 6
    assert "Monday, Dec 7" in html
    assert 'aria-current="page">Agenda</a>' in html


def test_other_months(client: Client, busy_member: User) -> None:
    client.force_login(busy_member)
    html = client.get("/calendar/?month=2027-05").content.decode()
    assert "May 2027" in html
    assert html.count("Hospital IV certificate expires") == 1
    assert "USP 797 refresher" not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [("2027-13", "There is no month 13"), ("next", "Pick a month as YYYY-MM")],
)
def test_a_bad_month_says_so_and_shows_this_month(
    client: Client, today: date, value: str, message: str
) -> None:
    client.force_login(make_member("new@example.org"))
    response = client.get("/calendar/", {"month": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "December 2026" in html


def test_old_ce_address_sends_here_and_still_makes_the_feed(client: Client, today: date) -> None:
    member = make_member("feed@example.org")
    client.force_login(member)
    response = client.get("/ce/calendar/")
    assert response.status_code == 302
    assert response.url == "/calendar/"
    response = client.post("/ce/calendar/")
    assert response.url == "/calendar/"
    token = CalendarFeedToken.objects.get(member=member).token
    html = client.get("/calendar/").content.decode()
    feed = f"http://testserver/calendar/feed/{token}.ics"
    assert f'value="{feed}"' in html
    assert f'href="webcal://testserver/calendar/feed/{token}.ics"' in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Ftestserver" in html
    # The CE-only feed address members subscribed to before keeps working.
    assert Client().get(f"/ce/calendar/{token}.ics").status_code == 200


def test_feed_has_every_capability_s_dates(
    client: Client, busy_member: User, django_assert_num_queries: Any
) -> None:
    feed = CalendarFeedToken.objects.create(member=busy_member, token="f" * 43)
    anonymous = Client()
    with django_assert_num_queries(FEED_QUERIES):
        response = anonymous.get(f"/calendar/feed/{feed.token}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 9
    assert "SUMMARY:Certified Pharmacy Technician: renewal deadline" in body
    assert "SUMMARY:Check-in with Dana Mentor" in body
    assert "SUMMARY:USP 797 refresher 0" in body
    assert "DTSTART;TZID=America/Chicago:20261214T180000" in body
    assert "SUMMARY:Goal due: Earn the CSPT 0" in body
    assert "DTSTART;VALUE=DATE:20261209" in body


# The token and its member, then each registered source's reads (stated in its home.py).
FEED_QUERIES = 11


def test_wrong_or_rotated_feed_token_is_404(client: Client, busy_member: User) -> None:
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404
    feed = CalendarFeedToken.objects.create(member=busy_member, token="g" * 43)
    busy_member.is_active = False
    busy_member.save(update_fields=["is_active"])
    assert client.get(f"/calendar/feed/{feed.token}.ics").status_code == 404


def test_the_mentor_sees_the_same_check_in_and_a_waitlisted_event_says_so(
    busy_member: User,
) -> None:
    from rxguild.community.models import Rsvp
    from rxguild.core.home import calendar_items_for
    from rxguild.mentoring.models import Mentorship

    mentor = Mentorship.objects.get(mentee=busy_member).mentor
    Rsvp.objects.filter(user=busy_member).update(status=Rsvp.Status.WAITLISTED)
    start, end = date(2026, 12, 1), date(2026, 12, 31)
    mentor_items = [(i.title, i.detail) for i in calendar_items_for(mentor, start=start, end=end)]
    assert mentor_items == [("Check-in with Tess Tech", "30 min as mentor")]
    events = [
        (i.title, i.detail, i.starts_at.hour if i.starts_at else None)
        for i in calendar_items_for(busy_member, start=start, end=end)
        if i.kind == "event"
    ]
    assert events == [("USP 797 refresher 0", "On the waitlist", 18)]
