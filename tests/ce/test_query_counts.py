"""Query-count guards on CE's lists: the same number of queries for 3 records (and courses)
as for 10, and the two queries `compliance_for_member` promises in its module docstring."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from rxguild.accounts.models import User
from rxguild.ce.models import CalendarFeedToken, CeProvider, CeRecord, Course
from rxguild.ce.selectors import compliance_for_member

from .conftest import TODAY, add_record, hold, make_member

pytestmark = pytest.mark.django_db

ROWS = pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])


def _member_with_records(member: User, rows: int) -> None:
    """Two credentials with rule sets; `rows` records, each waiting for its CPE Monitor
    claim (so the calendar feed lists every one), and `rows` courses."""
    hold(member, "ptcb-cpht", "Certified Pharmacy Technician", expires_on=date(2027, 3, 15))
    hold(
        member,
        "state-tx-technician",
        "Texas registered pharmacy technician",
        state="TX",
        expires_on=date(2027, 6, 30),
    )
    provider = CeProvider.objects.create(name="RxCe")
    for n in range(rows):
        add_record(
            member,
            title=f"Record number {n}",
            hours=Decimal("1"),
            completed_on=TODAY - timedelta(days=10),
            cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
        )
        Course.objects.create(
            provider=provider, title=f"Course number {n}", hours=Decimal("1"), audience="T"
        )


@ROWS
def test_compliance_for_member_does_two_queries(
    member: User, fixed_today: date, django_assert_num_queries: Any, rows: int
) -> None:
    _member_with_records(member, rows)
    with django_assert_num_queries(2):  # credentials held, then records
        statuses = compliance_for_member(member, today=TODAY)
    assert [s.credential_code for s in statuses] == ["ptcb-cpht", "state-tx-technician"]
    # Every record reached the engine: each counts toward both credentials' total hours.
    assert [len(s.result.requirements[0].counted_records) for s in statuses if s.result] == [
        rows,
        rows,
    ]


def case(url: str, marker: str, occurrences: Callable[[int], int], queries: int) -> Any:
    return pytest.param(url, marker, occurrences, queries, id=url)


def once(rows: int) -> int:
    return 1


@ROWS
@pytest.mark.parametrize(
    ("url", "marker", "occurrences", "queries"),
    [
        # Session, user, allauth's session tracking, then the page's own reads.
        case("/ce/", "Texas registered pharmacy technician", once, 9),
        # The transcript also reads the compliance status (credentials, records) to offer a
        # PDF per credential's current cycle: two more, for any number of rows.
        case("/ce/transcript/", '<td data-label="Title">Record number ', lambda rows: rows, 10),
        case("/ce/courses/", "Course number ", lambda rows: rows, 12),
        case("/api/v1/ce/compliance", "Texas registered pharmacy technician", once, 9),
        case("/api/v1/ce/records", "Record number ", lambda rows: rows, 8),
    ],
)
def test_member_lists_cost_the_same_for_any_number_of_rows(
    member_client: Client,
    member: User,
    fixed_today: date,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    marker: str,
    occurrences: Callable[[int], int],
    queries: int,
) -> None:
    _member_with_records(member, rows)
    member_client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = member_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(marker) == occurrences(rows)


def test_rule_sets_api_reads_no_table(client: Client, django_assert_num_queries: Any) -> None:
    """Rule sets are data files, read once per process."""
    with django_assert_num_queries(0):
        response = client.get("/api/v1/ce/rule-sets")
    assert response.status_code == 200


@ROWS
def test_calendar_feed_costs_the_same_for_any_number_of_records(
    client: Client, member: User, fixed_today: date, django_assert_num_queries: Any, rows: int
) -> None:
    _member_with_records(member, rows)
    feed = CalendarFeedToken.objects.create(member=member, token="t" * 40)
    # The token with its member, the two compliance queries, the pending records.
    with django_assert_num_queries(4):
        response = client.get(f"/ce/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response.content.decode().count("Record number ") == rows


@ROWS
def test_staff_transcript_costs_the_same_for_any_number_of_records(
    client: Client, member: User, fixed_today: date, django_assert_num_queries: Any, rows: int
) -> None:
    _member_with_records(member, rows)
    client.force_login(make_member("staff@example.org", is_staff=True))
    url = f"/ce/staff/members/{member.pk}/"
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(12):
        response = client.post(url, {"reason": "Audit request from the board"})
    assert response.status_code == 200
    assert response.content.decode().count('<td data-label="Title">Record number ') == rows
