"""Goals linked to a CE requirement: progress follows the member's CE record through the CE
compliance engine; only requirements of the member's own credentials can be linked."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from tests.ce.conftest import TODAY, add_record, hold

from rxguild.growth.models import Goal
from rxguild.growth.next_steps import growth_next_steps
from rxguild.growth.reminders import goal_reminders_send
from rxguild.growth.services import goal_create

pytestmark = pytest.mark.django_db

TOTAL = "ptcb-cpht:total"
TX_LAW = "state-tx-technician:texas_law"


@pytest.fixture(autouse=True)
def _today(fixed_today):
    return fixed_today


@pytest.fixture
def fixed_today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def certified(member):
    hold(member, "ptcb-cpht", "PTCB CPhT", expires_on=TODAY + timedelta(days=200))
    hold(
        member,
        "state-tx-technician",
        "Texas technician registration",
        expires_on=TODAY + timedelta(days=300),
        state="TX",
    )
    return member


def _goal(member, value=TOTAL, **extra):
    return goal_create(
        member=member,
        title="Finish my CE before renewal",
        target_date=TODAY + timedelta(days=60),
        ce_requirement=value,
        **extra,
    )


def test_progress_follows_the_ce_record_as_records_are_added(certified, member_client):
    goal = _goal(certified, progress=0)
    assert (goal.ce_credential_code, goal.ce_requirement_code) == ("ptcb-cpht", "total")
    page = member_client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "Progress: 0 %" in page
    assert "PTCB CPhT: Total CE hours</strong>: 0 of 20 h counted from your CE record" in page
    add_record(certified, hours=Decimal("5"))
    page = member_client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "Progress: 25 %" in page
    assert "5 of 20 h counted from your CE record" in page
    add_record(certified, hours=Decimal("15"), title="Sterile compounding refresher")
    page = member_client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "Progress: 100 %" in page
    assert "Your CE record meets it: mark the goal complete below." in page
    listed = member_client.get("/growth/goals/").content.decode()
    assert 'value="100" max="100"' in listed
    assert "PTCB CPhT: Total CE hours, 20 of 20 h counted from your CE record" in listed
    # The stored figure is the member's own; the engine's is shown.
    assert Goal.objects.get().progress == 0


def test_a_state_law_requirement_counts_only_tagged_records(certified, member_client):
    goal = _goal(certified, TX_LAW)
    add_record(certified, hours=Decimal("1"), topic_code="03", title="Federal law")
    body = member_client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "Texas pharmacy law and rules</strong>: 0 of 1 h counted" in body
    add_record(certified, hours=Decimal("1"), topic_code="03", tags=["state_law:tx"])
    body = member_client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "Texas pharmacy law and rules</strong>: 1 of 1 h counted" in body
    assert "Progress: 100 %" in body


def test_deleting_the_credential_says_so_and_keeps_the_typed_progress(certified, member_client):
    goal = _goal(certified, progress=40)
    certified.profile.credentials.filter(credential__code="ptcb-cpht").delete()
    body = member_client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "This credential is no longer on your profile, so its CE is not tracked." in body
    assert "Progress: 40 %" in body


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("ptcb-cspt:total", id="credential-not-held"),
        pytest.param("ptcb-cpht:no_such_requirement", id="unknown-requirement"),
        pytest.param("ptcb-cpht", id="no-requirement"),
        pytest.param(":total", id="no-credential"),
    ],
)
def test_only_requirements_of_own_credentials_can_be_linked(certified, value):
    with pytest.raises(ValidationError) as error:
        _goal(certified, value)
    assert error.value.message_dict == {
        "ce_requirement": ["Choose one of the CE requirements of the credentials on your profile."]
    }
    assert Goal.objects.count() == 0


def test_form_offers_the_member_requirements_and_refuses_a_forged_one(
    certified, member_client, other_member
):
    page = member_client.get("/growth/goals/?ce=state-tx-technician:texas_law").content.decode()
    assert '<option value="state-tx-technician:texas_law" selected>' in page
    assert (
        "Texas technician registration: Texas pharmacy law and rules (0 of 1 h counted from "
        "your CE record, due by" in page
    )
    assert '<option value="ptcb-cpht:total">' in page
    data = {"title": "Law hour", "target_date": str(TODAY + timedelta(days=30))}
    forged = member_client.post("/growth/goals/", {**data, "ce_requirement": "ptcb-cspt:total"})
    assert forged.status_code == 422
    assert Goal.objects.count() == 0
    made = member_client.post("/growth/goals/", {**data, "ce_requirement": TX_LAW})
    goal = Goal.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/growth/goals/{goal.pk}/"
    assert (goal.ce_credential_code, goal.ce_requirement_code) == (
        "state-tx-technician",
        "texas_law",
    )
    # Another member without these credentials cannot link to them.
    other = Client()
    other.force_login(other_member)
    refused = other.post("/growth/goals/", {**data, "ce_requirement": TX_LAW})
    assert refused.status_code == 422
    assert Goal.objects.count() == 1


def test_api_create_and_read_follow_the_engine(certified, member_client):
    response = member_client.post(
        "/api/v1/growth/goals",
        {"title": "CE", "target_date": str(TODAY + timedelta(days=30)), "ce_requirement": TOTAL},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["progress"] == 0
    assert body["ce_requirement"]["label"] == "Total CE hours"
    assert Decimal(body["ce_requirement"]["required"]) == 20
    add_record(certified, hours=Decimal("10"))
    again = member_client.get(f"/api/v1/growth/goals/{body['id']}").json()
    assert again["progress"] == 50
    assert Decimal(again["ce_requirement"]["counted"]) == 10
    assert again["ce_requirement"]["met"] is False
    listed = member_client.get("/api/v1/growth/goals").json()
    assert [g["progress"] for g in listed] == [50]
    bad = member_client.post(
        "/api/v1/growth/goals",
        {"title": "CE", "target_date": str(TODAY), "ce_requirement": "ptcb-cspt:total"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert Goal.objects.count() == 1


def test_next_steps_and_reminders_use_the_engine_figure(
    certified, mailoutbox, django_capture_on_commit_callbacks
):
    goal = _goal(certified)
    Goal.objects.filter(pk=goal.pk).update(target_date=TODAY + timedelta(days=7))
    add_record(certified, hours=Decimal("15"))
    steps = growth_next_steps(certified)
    assert [s.detail for s in steps] == [f"due {TODAY + timedelta(days=7):%b %-d} · 75 % done"]
    with django_capture_on_commit_callbacks(execute=True):
        assert goal_reminders_send(today=TODAY) == 1
    assert "75 % done" in mailoutbox[0].body
    assert Goal.objects.get().progress == 0
