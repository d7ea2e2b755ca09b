"""The dashboard: what a new member, a busy member and the demo member see, and its cost."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.ce.conftest import make_member
from tests.core.home_fixtures import TODAY, populate

from rxguild.accounts.models import User
from rxguild.core.calendar_grid import Kind
from rxguild.core.dashboard import dashboard_for

pytestmark = pytest.mark.django_db


def test_signed_out_is_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/dashboard/"


def test_a_new_member_sees_where_to_start(client: Client, today: date) -> None:
    member = make_member("new@example.org")
    client.force_login(member)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Start here" in html
    assert "No deadlines yet." in html
    assert "Nothing tracked yet." in html
    assert "Nothing in the next 30 days." in html
    assert "No goals yet." in html
    assert "No target yet." in html
    assert 'href="/calendar/"' in html


def test_selector_gathers_every_capability(busy_member: User) -> None:
    board = dashboard_for(busy_member, today=TODAY)
    assert board.is_new is False
    assert [(c.item.title, c.item.day, c.urgency, c.days_left) for c in board.deadlines] == [
        ("Certified Pharmacy Technician: renewal deadline", date(2026, 12, 1), "overdue", -3),
        ("Hospital IV certificate expires", date(2027, 5, 1), "later", 148),
    ]
    deadline = board.deadlines[0]
    assert deadline.ring is not None
    assert deadline.item.progress_label == "1 of 20 h"
    assert deadline.ring.percent == 5
    assert board.deadlines[1].ring is None
    assert [(i.day, i.kind, i.title) for i in board.upcoming] == [
        (date(2026, 12, 7), Kind.CHECK_IN, "Check-in with Dana Mentor"),
        (date(2026, 12, 9), Kind.FOLLOW_UP, "Follow up: IV room technician 0"),
        (date(2026, 12, 14), Kind.EVENT, "USP 797 refresher 0"),
        (date(2026, 12, 16), Kind.FOLLOW_UP, "Next step: Ask to shadow a shift"),
        (date(2026, 12, 24), Kind.GOAL, "Goal due: Earn the CSPT 0"),
    ]
    assert board.pipeline is not None
    assert [(s.label, s.count) for s in board.pipeline.stages][:3] == [
        ("Saved", 1),
        ("Applied", 1),
        ("Interviewing", 0),
    ]
    assert board.pipeline.total == 2
    assert [(g.title, g.percent, g.due_on) for g in board.goals] == [
        ("Earn the CSPT 0", 40, date(2026, 12, 24))
    ]
    assert board.roadmap == ()


def test_page_highlights_what_is_under_30_days(client: Client, busy_member: User) -> None:
    client.force_login(busy_member)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert html.count('class="deadline deadline-overdue"') == 1
    assert html.count('class="deadline deadline-later"') == 1
    assert "Passed 3 days ago" in html
    assert (
        "Still missing: 19 h of Total CE hours; 14 h of Technician-specific (T) hours; "
        "1 h of Patient safety (ACPE topic 05)."
    ) in html
    # The ring is SVG markup with a text alternative, drawn without inline styles.
    assert 'role="img" aria-label="1 of 20 h"' in html
    assert 'stroke-dasharray="5 95"' in html
    assert "style=" not in html
    assert "Check-in with Dana Mentor" in html
    assert "Dec 14, 6:00 PM" in html
    assert (
        '<span class="pipeline-count">1</span> <span class="pipeline-label">Applied</span>' in html
    )
    assert "Start here" not in html


@pytest.mark.parametrize("copies", [1, 4], ids=["one-of-each", "four-of-each"])
def test_query_count_does_not_grow_with_the_member_s_rows(
    client: Client, today: date, django_assert_num_queries: Any, copies: int
) -> None:
    member = make_member("count@example.org")
    populate(member, copies=copies)
    client.force_login(member)
    client.get(reverse("core:dashboard"))  # session rows settle on the first request
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200


# The session and the member, each registered source's reads (stated in each app's
# home.py) and the next-steps providers' (CE compliance and the roadmap computed once for
# both, core/shared_reads.py). The same for one row of each kind or four.
QUERIES = 39


def test_demo_member_sees_a_full_home(client: Client, catalog: Any) -> None:
    from rxguild.core.demo import DEMO_MEMBER_EMAIL, seed_all

    seed_all()
    client.force_login(User.objects.get(email=DEMO_MEMBER_EMAIL))
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Certified Pharmacy Technician: renewal deadline" in html
    assert "Registered Pharmacy Technician (Texas): renewal deadline" in html
    assert "PTCB Certified Compounded Sterile Preparation Technician (CSPT)" in html
    assert "requirements met" in html
    assert "Open my tracker" in html
    assert "Start here" not in html


def test_deadlines_are_never_more_certain_than_the_data(today: date) -> None:
    from tests.ce.conftest import hold

    member = make_member("states@example.org")
    # No expiry date given: Alabama's rule (31 December of odd years) supplies one.
    hold(member, "state-al-technician", "Alabama technician", expires_on=None, state="AL")  # type: ignore[arg-type]
    # Arkansas: the sources disagree, the rules are low confidence.
    hold(
        member,
        "state-ar-technician",
        "Arkansas technician",
        expires_on=date(2027, 12, 31),
        state="AR",
    )
    board = dashboard_for(member, today=TODAY)
    details = {c.item.title: c.item.detail for c in board.deadlines}
    alabama = details["Alabama technician: renewal deadline"]
    assert "Date worked out from the board's renewal rule: add yours to your profile." in alabama
    assert "not confirmed" not in alabama
    arkansas = details["Arkansas technician: renewal deadline"]
    assert arkansas.endswith("Our rules for this are not confirmed: check with the board.")
    assert "worked out" not in arkansas
