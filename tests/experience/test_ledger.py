"""The ledger through its pages and API: what a member can do, and what others cannot."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tests.experience.factories import entry_for

from rxguild.experience import selectors
from rxguild.experience.models import ExperienceDuty, ExperienceEntry

pytestmark = pytest.mark.django_db

API = "/api/v1/experience"

FORM = {
    "kind": "externship",
    "site_name": "Rivera Community Pharmacy",
    "site_city": "Austin",
    "site_state": "tx",
    "setting_code": "retail-community",
    "role": "Pharmacy technician extern",
    "started_on": "2025-02-03",
    "ended_on": "2025-03-28",
    "hours_per_week": "",
    "logged_hours": "160",
    "description": "",
    "duty_billing_reimbursement": "40",
}


def test_add_an_entry_from_the_page(member, member_client):
    response = member_client.post(reverse("experience:entry_add"), FORM)
    assert response.status_code == 302
    entry = ExperienceEntry.objects.get(member=member)
    assert (entry.kind, entry.site_state, entry.logged_hours, entry.hours_per_week) == (
        "externship",
        "TX",
        160,
        None,
    )
    assert list(entry.duties.values_list("duty", "percent")) == [("billing-reimbursement", 40)]
    page = member_client.get(reverse("experience:home"))
    assert page.status_code == 200
    assert "Pharmacy technician extern — Rivera Community Pharmacy" in page.content.decode()
    assert "Billing and reimbursement 40 %" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours_per_week": "20"}, "hours_per_week", "not both"),
        ({"logged_hours": ""}, "hours_per_week", "not both"),
        ({"ended_on": "2025-01-01"}, "ended_on", "before the start date"),
        ({"logged_hours": "2000"}, "logged_hours", "more than 16 a day"),
        ({"setting_code": "moon-base"}, "setting_code", "Select a valid choice"),
        ({"site_state": "ZZ"}, "site_state", "two-letter US state"),
        (
            {"duty_billing_reimbursement": "70", "duty_sterile_compounding": "40"},
            None,
            "more than 100 %",
        ),
        (
            {"started_on": (date.today() + timedelta(days=30)).isoformat()},
            "started_on",
            "in the past",
        ),
    ],
    ids=[
        "both-hours",
        "no-hours",
        "end-before-start",
        "too-many-logged",
        "unknown-setting",
        "bad-state",
        "duties-over-100",
        "future-start",
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(member_client, changes, field, message):
    response = member_client.post(reverse("experience:entry_add"), {**FORM, **changes})
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors.get(field if field else "__all__", [])
    assert any(message in error for error in errors), form.errors
    assert ExperienceEntry.objects.count() == 0


def test_edit_an_entry_replaces_its_duties(member, member_client):
    entry = entry_for(member, duty_percent={"sterile-compounding": 80})
    response = member_client.post(
        reverse("experience:entry_edit", args=[entry.pk]),
        {**FORM, "duty_billing_reimbursement": "", "duty_hazardous_drugs": "25"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.site_name == "Rivera Community Pharmacy"
    assert list(entry.duties.values_list("duty", "percent")) == [("hazardous-drugs", 25)]


def test_another_members_entry_is_a_404_on_every_page_and_nothing_changes(member, other_client):
    entry = entry_for(member)
    before = ExperienceEntry.objects.values().get(pk=entry.pk)
    assert other_client.get(reverse("experience:entry_edit", args=[entry.pk])).status_code == 404
    assert (
        other_client.post(reverse("experience:entry_edit", args=[entry.pk]), FORM).status_code
        == 404
    )
    assert other_client.post(reverse("experience:entry_delete", args=[entry.pk])).status_code == 404
    assert ExperienceEntry.objects.values().get(pk=entry.pk) == before
    assert "IV room technician" not in other_client.get(reverse("experience:home")).content.decode()


def test_signed_out_visitors_are_sent_to_log_in(client, member):
    entry_for(member)
    response = client.get(reverse("experience:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_delete_removes_the_entry_and_its_duties(member, member_client):
    entry = entry_for(member, duty_percent={"nuclear": 10})
    response = member_client.post(reverse("experience:entry_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert ExperienceEntry.objects.count() == 0
    assert ExperienceDuty.objects.count() == 0


def test_home_shows_months_by_setting_and_duty(member, member_client):
    # 2024 in full at 40 h/week (over the 30 h full-time week: capped) and 50 % sterile.
    entry_for(member, duty_percent={"sterile-compounding": 50})
    page = member_client.get(reverse("experience:home"))
    summary = page.context["summary"]
    assert [(r.name, r.calendar_months, r.fte_months, r.hours) for r in summary.settings] == [
        ("Hospital / health-system pharmacy", "12.0", "12.0", 2091)
    ]
    assert [(r.name, r.fte_months, r.hours) for r in summary.duties] == [
        ("Sterile compounding", "8.0", 1045)
    ]


def test_ledger_reads_cost_three_queries_whatever_the_number_of_entries(
    member, django_assert_num_queries
):
    for year in range(2015, 2023):
        entry_for(
            member,
            started_on=date(year, 1, 1),
            ended_on=date(year, 6, 30),
            duty_percent={"sterile-compounding": 10, "hazardous-drugs": 10},
        )
    # entries with their settings, their duties, their verification requests
    with django_assert_num_queries(3):
        summary = selectors.ledger_summary(selectors.entries_for_owner(member))
    assert summary.total.calendar_months == "47.6"


def test_the_home_page_query_count_does_not_grow_with_entries(member, member_client):
    entry_for(member)
    member_client.get(reverse("experience:home"))  # the first request records the session
    with CaptureQueriesContext(connection) as one:
        member_client.get(reverse("experience:home"))
    for year in range(2015, 2023):
        entry_for(
            member,
            started_on=date(year, 1, 1),
            ended_on=date(year, 6, 30),
            duty_percent={"nuclear": 5},
        )
    with CaptureQueriesContext(connection) as many:
        member_client.get(reverse("experience:home"))
    assert len(many) == len(one)


# --- API -------------------------------------------------------------------------------------

PAYLOAD = {
    "kind": "work",
    "site_name": "St. Mary's Hospital",
    "setting": "hospital-health-system",
    "role": "IV room technician",
    "started_on": "2024-01-01",
    "ended_on": "2024-12-31",
    "hours_per_week": 40,
    "duties": [{"duty": "sterile-compounding", "percent": 50}],
}


def post(client, path, payload):
    return client.post(API + path, json.dumps(payload), content_type="application/json")


def patch(client, path, payload):
    return client.patch(API + path, json.dumps(payload), content_type="application/json")


def test_api_requires_authentication(client):
    assert client.get(API + "/entries").status_code == 401


def test_api_crud_and_summary(member_client):
    created = post(member_client, "/entries", PAYLOAD)
    assert created.status_code == 201, created.content
    entry_id = created.json()["id"]
    assert created.json()["duties"] == [{"duty": "sterile-compounding", "percent": 50}]
    changed = patch(member_client, f"/entries/{entry_id}", {"hours_per_week": 20, "duties": []})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["hours_per_week"], changed.json()["duties"]) == ("20.0", [])
    summary = member_client.get(API + "/summary").json()
    assert summary["settings"] == [
        {
            "code": "hospital-health-system",
            "name": "Hospital / health-system pharmacy",
            "calendar_months": "12.0",
            "fte_months": "8.0",
            "hours": 1045,
        }
    ]
    assert summary["full_time_hours_per_week"] == 30
    assert member_client.delete(f"{API}/entries/{entry_id}").status_code == 204
    assert member_client.get(API + "/entries").json() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"setting": "moon-base"}, "setting_code"),
        ({"logged_hours": 100}, "hours_per_week"),
        ({"duties": [{"duty": "juggling", "percent": 10}]}, "duty_percent"),
        ({"kind": "hobby"}, "kind"),
    ],
    ids=["unknown-setting", "both-hours", "unknown-duty", "unknown-kind"],
)
def test_api_bad_input_is_a_422_with_the_field_and_saves_nothing(member_client, changes, field):
    response = post(member_client, "/entries", {**PAYLOAD, **changes})
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"]
    assert ExperienceEntry.objects.count() == 0


def test_api_another_members_entry_is_a_404_and_nothing_changes(member, other_client):
    entry = entry_for(member)
    before = ExperienceEntry.objects.values().get(pk=entry.pk)
    assert other_client.get(f"{API}/entries/{entry.pk}").status_code == 404
    assert patch(other_client, f"/entries/{entry.pk}", {"role": "Hacked"}).status_code == 404
    assert other_client.delete(f"{API}/entries/{entry.pk}").status_code == 404
    assert ExperienceEntry.objects.values().get(pk=entry.pk) == before
    assert other_client.get(API + "/entries").json() == []


def test_a_patch_that_breaks_a_rule_changes_nothing(member, member_client):
    entry = entry_for(member)
    response = patch(member_client, f"/entries/{entry.pk}", {"ended_on": "2023-01-01"})
    assert response.status_code == 422
    entry.refresh_from_db()
    assert entry.ended_on == date(2024, 12, 31)
    assert timezone.now()  # clock untouched by the service
