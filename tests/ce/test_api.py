"""The CE JSON API: exact shapes and clear 422s."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from rxguild.ce.models import CeRecord

from .conftest import add_record, hold

pytestmark = pytest.mark.django_db


def test_uan_decode_exact_json(client) -> None:
    response = client.get(
        "/api/v1/ce/uan/0204\u20130000\u201320\u2013001\u2013l01\u2013p"
    )  # en dashes, as pasted
    assert response.status_code == 200
    assert response.json() == {
        "uan": "0204-0000-20-001-L01-P",
        "provider": "0204",
        "provider_name": "American Society of Health-System Pharmacists (ASHP)",
        "joint_provider": "0000",
        "jointly_provided": False,
        "year": 2020,
        "sequence": "001",
        "format": "L",
        "topic": {"code": "01", "name": response.json()["topic"]["name"]},
        "audience": "P",
        "legacy": False,
    }
    assert response.json()["topic"]["name"].startswith("Disease State Management")


def test_uan_decode_legacy(client) -> None:
    body = client.get("/api/v1/ce/uan/312-000-06-011-L03").json()
    assert (body["legacy"], body["audience"], body["year"], body["provider_name"]) == (
        True,
        None,
        2006,
        None,
    )


def test_uan_invalid_is_422_with_message(client) -> None:
    response = client.get("/api/v1/ce/uan/0204-0000-20-001-L09-P")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("The topic “09” in “0204-0000-20-001-L09-P”")


def test_rule_sets_listed_with_confidence(client) -> None:
    body = client.get("/api/v1/ce/rule-sets").json()
    codes = [item["code"] for item in body]
    assert "ptcb-cpht" in codes
    assert "state-tx-technician" in codes
    cpht = next(item for item in body if item["code"] == "ptcb-cpht")
    assert cpht["confidence"] == "high"
    assert cpht["low_confidence"] is False
    assert cpht["cycle_months"] == 24
    assert cpht["renewal_window_days"] == 60
    assert (cpht["no_state_ce"], cpht["expiry"]) == (False, "")
    nc = next(item for item in body if item["code"] == "state-nc-technician")
    assert (nc["no_state_ce"], nc["expiry"], nc["checked"]) == (
        True,
        "Expires 31 December every year.",
        "2026-11-26",
    )


def _post(client, payload):
    return client.post(
        "/api/v1/ce/compliance/evaluate", json.dumps(payload), content_type="application/json"
    )


def _records(count: int, **fields):
    return [
        {
            "id": f"r{i}",
            "title": f"Course {i}",
            "completed_on": "2026-01-15",
            "hours": "2",
            "audience": "T",
            "topic_code": "05" if i == 0 else "03" if i == 1 else "01",
        }
        | fields
        for i in range(count)
    ]


def test_evaluate_stores_nothing(member_client, fixed_today) -> None:
    payload = {
        "rule_sets": ["ptcb-cpht"],
        "cycle": {"start": "2025-03-16", "end": "2027-03-15"},
        "records": _records(10),
    }
    response = _post(member_client, payload)
    assert response.status_code == 200
    [result] = response.json()
    assert result["rule_set"] == "ptcb-cpht"
    assert result["met"] is True
    assert result["deadline"] == "2027-03-01"
    assert result["renewal_window_opens"] == "2027-01-14"
    total = next(r for r in result["requirements"] if r["code"] == "total")
    assert (total["required"], total["counted"], total["remaining"], total["met"]) == (
        "20",
        "20",
        "0",
        True,
    )
    assert total["counted_records"] == [f"r{i}" for i in range(10)]
    assert CeRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"rule_sets": ["nope"]}, "Unknown rule set(s): nope. See /api/v1/ce/rule-sets."),
        ({"rule_sets": []}, "Name at least one rule set."),
        (
            {"cycle": {"start": "2027-01-01", "end": "2026-01-01"}},
            "The cycle ends before it starts.",
        ),
        (
            {"records": _records(1, completed_on="2027-05-01")},
            {
                "records": {
                    "r0": {"completed_on": "The completion date May 1, 2027 is in the future."}
                }
            },
        ),
        (
            {"records": _records(1, hours="-3")},
            {"records": {"r0": {"hours": "Hours cannot be negative."}}},
        ),
    ],
    ids=["unknown-rule-set", "no-rule-set", "inverted-cycle", "future-date", "negative-hours"],
)
def test_evaluate_bad_input(member_client, fixed_today, change, detail) -> None:
    payload = {
        "rule_sets": ["ptcb-cpht"],
        "cycle": {"start": "2025-03-16", "end": "2027-03-15"},
        "records": _records(2),
    } | change
    response = _post(member_client, payload)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_evaluate_needs_auth(client) -> None:
    payload = {"rule_sets": ["ptcb-cpht"], "cycle": {"start": "2025-01-01", "end": "2027-01-01"}}
    assert _post(client, payload | {"records": []}).status_code == 401


def test_my_compliance(member_client, member, fixed_today) -> None:
    hold(member, "ptcb-cpht", "CPhT", expires_on=date(2027, 3, 15))
    add_record(member, title="Law", topic_code="03", hours=Decimal("1"))
    response = member_client.get("/api/v1/ce/compliance")
    [status] = response.json()
    assert status["credential"] == "ptcb-cpht"
    assert status["days_to_deadline"] == 95
    assert status["renewal_window_open"] is False
    assert status["missing"] == [
        "19 h of Total CE hours by Mar 1, 2027",
        "14 h of Technician-specific (T) hours by Mar 1, 2027",
        "1 h of Patient safety (ACPE topic 05) by Mar 1, 2027",
    ]
    assert status["result"]["met"] is False


def test_records_api_is_own_only(member_client, member, other_member, fixed_today) -> None:
    add_record(other_member, title="Not yours")
    created = member_client.post(
        "/api/v1/ce/records",
        json.dumps(
            {
                "title": "Mine",
                "completed_on": "2026-10-01",
                "hours": "1.25",
                "uan": "0204-0000-26-101-H05-T",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["cpe_monitor_deadline"] == "2026-11-30"
    titles = [r["title"] for r in member_client.get("/api/v1/ce/records").json()]
    assert titles == ["Mine"]
    bad = member_client.post(
        "/api/v1/ce/records",
        json.dumps({"title": "Bad", "completed_on": "2026-10-01", "hours": "99"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": {"hours": ["99 hours for one activity is not plausible (max 60)."]}
    }
    assert CeRecord.objects.filter(member=member).count() == 1
