"""Competencies: due dates from the sourced USP intervals, reminders once per due date, and
nobody else's records."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from rxguild.experience.competency import Attempt, Rule, add_months, competency_standings
from rxguild.experience.models import CompetencyRecord
from rxguild.experience.reference import competencies
from rxguild.experience.services import competency_record_add, competency_reminders_send

AS_OF = date(2026, 12, 3)
RULES = {c.code: Rule(c.name, c.interval_months, c.initial_passes) for c in competencies()}


def standing(*attempts, as_of=AS_OF):
    return {s.code: s for s in competency_standings(attempts, RULES, as_of=as_of)}


def test_the_data_file_holds_the_usp_intervals_with_sources():
    by_code = {c.code: c for c in competencies()}
    assert by_code["garbing-gft"].interval_months == {"category-1-2": 6, "category-3": 3}
    assert by_code["garbing-gft"].initial_passes == 3
    assert by_code["aseptic-media-fill"].interval_months == {"category-1-2": 6, "category-3": 3}
    assert by_code["hazardous-drug-training"].interval_months == {"default": 12}
    assert by_code["sterile-didactic"].interval_months == {"default": 12}
    assert all(c.source.startswith("https://") and c.confidence == "medium" for c in competencies())


@pytest.mark.parametrize(
    ("category", "due"),
    [("category-1-2", date(2027, 3, 1)), ("category-3", date(2026, 12, 1))],
    ids=["cat-1-2-six-months", "cat-3-three-months"],
)
def test_media_fill_repeats_by_category(category, due):
    result = standing(Attempt("aseptic-media-fill", date(2026, 9, 1), True, category))
    assert result["aseptic-media-fill"].due_on == due
    assert result["aseptic-media-fill"].state == ("current" if due > AS_OF else "overdue")


def test_garbing_needs_three_initial_passes():
    first = Attempt("garbing-gft", date(2026, 11, 1), True, "category-1-2")
    second = Attempt("garbing-gft", date(2026, 11, 2), True, "category-1-2")
    third = Attempt("garbing-gft", date(2026, 11, 3), True, "category-1-2")
    assert standing(first, second)["garbing-gft"].state == "initial-incomplete"
    done = standing(first, second, third)["garbing-gft"]
    assert (done.state, done.due_on) == ("current", date(2027, 5, 3))


def test_a_failed_latest_attempt_has_no_due_date():
    passed = Attempt("hazardous-drug-training", date(2025, 12, 20), True, "default")
    failed = Attempt("hazardous-drug-training", date(2026, 11, 30), False, "default")
    result = standing(passed, failed)["hazardous-drug-training"]
    assert (result.state, result.due_on, result.last_passed_on) == (
        "not-passed",
        None,
        date(2025, 12, 20),
    )


def test_due_soon_within_thirty_days():
    result = standing(Attempt("hazardous-drug-training", date(2025, 12, 20), True, "default"))
    assert (result["hazardous-drug-training"].state, result["hazardous-drug-training"].reason) == (
        "due-soon",
        "Due on Dec 20, 2026 (12 months after the last pass).",
    )


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
    ],
    ids=["end-of-month", "leap-year", "plain"],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 48))
def test_add_months_never_goes_backwards_and_lands_in_the_right_month(start, months):
    result = add_months(start, months)
    assert result >= start
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day


# --- Pages, API, reminders --------------------------------------------------------------

FORM = {
    "competency": "aseptic-media-fill",
    "category": "category-1-2",
    "performed_on": "2026-06-10",
    "passed": "yes",
    "site_name": "St. Mary's Hospital IV room",
    "evaluator_name": "Dana Brooks",
    "evaluator_role": "Designated person",
}


@pytest.mark.django_db
def test_record_a_media_fill_and_see_it_due(member_client, member):
    response = member_client.post(reverse("experience:competencies"), FORM)
    assert response.status_code == 302
    record = CompetencyRecord.objects.get(member=member)
    assert (record.passed, record.category) == (True, "category-1-2")
    page = member_client.get(reverse("experience:competencies"))
    [media_fill] = page.context["standings"]
    assert media_fill.due_on == date(2026, 12, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"competency": "juggling"}, "competency"),
        ({"performed_on": "2999-01-01"}, "performed_on"),
        ({"site_name": ""}, "site_name"),
        ({"passed": ""}, "passed"),
    ],
    ids=["unknown", "future", "no-site", "no-result"],
)
def test_bad_records_are_refused(member_client, changes, field):
    response = member_client.post(reverse("experience:competencies"), {**FORM, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert CompetencyRecord.objects.count() == 0


@pytest.mark.django_db
def test_others_cannot_delete_or_see_records(member, other_client):
    record = competency_record_add(
        member=member,
        competency="garbing-gft",
        performed_on=date(2026, 1, 5),
        passed=True,
        site_name="Site",
    )
    assert (
        other_client.post(reverse("experience:competency_delete", args=[record.pk])).status_code
        == 404
    )
    assert other_client.delete(f"/api/v1/experience/competencies/{record.pk}").status_code == 404
    assert other_client.get("/api/v1/experience/competencies").json() == {
        "standings": [],
        "records": [],
    }
    assert CompetencyRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_api_records_and_standings(member_client):
    response = member_client.post(
        "/api/v1/experience/competencies",
        json.dumps({**FORM, "passed": True, "category": "category-3"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["standings"][0]["due_on"] == "2026-09-10"
    bad = member_client.post(
        "/api/v1/experience/competencies",
        json.dumps({**FORM, "passed": True, "category": "category-9"}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "category" in bad.json()["detail"]


@pytest.mark.django_db
def test_reminders_go_once_per_due_date(member, django_capture_on_commit_callbacks):
    today = date.today()
    competency_record_add(
        member=member,
        competency="hazardous-drug-training",
        performed_on=add_months(today, -12) + timedelta(days=10),
        passed=True,
        site_name="Site",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert competency_reminders_send() == 1
    assert mail.outbox[-1].to == [member.email]
    assert "Hazardous drug handling" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_competency_reminders")
    assert len(mail.outbox) == 1
