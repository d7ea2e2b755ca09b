"""The roadmap API: the same rules as the pages; others' targets are 404 and nothing changes."""

from __future__ import annotations

import json

import pytest

from rxguild.roadmap.models import StepDone, Target
from rxguild.roadmap.services import target_add

pytestmark = pytest.mark.django_db

BASE = "/api/v1/roadmap"


def post(client, path, payload):
    return client.post(BASE + path, json.dumps(payload), content_type="application/json")


def test_requirements_are_public_with_sources(client):
    response = client.get(BASE + "/requirements")
    assert response.status_code == 200
    body = response.json()
    cspt = next(t for t in body["targets"] if t["code"] == "ptcb-cspt")
    assert cspt["pathways"][1] == {
        "code": "experience",
        "label": "Pathway 2: 3 years of sterile compounding experience",
        "requirements": ["cspt-experience-3y"],
    }
    exam = next(r for r in body["requirements"] if r["code"] == "cspt-exam")
    assert [(f["code"], f["amount"]) for f in exam["fees"]] == [
        ("ptcb-cspt-application", "50"),
        ("ptcb-cspt-exam", "149"),
    ]
    assert all(r["source"] and r["checked"] and r["confidence"] for r in body["requirements"])


def test_targets_require_authentication(client):
    assert client.get(BASE + "/targets").status_code == 401


def test_add_list_get_delete(member_client, member):
    response = post(member_client, "/targets", {"code": "ptcb-cspt"})
    assert response.status_code == 201
    created = response.json()
    assert created["gap"]["status"] == "partly"
    assert created["gap"]["best_pathway"] == "experience"
    statuses = {r["requirement"]["code"]: r["status"] for r in created["gap"]["requirements"]}
    assert statuses == {"active-cpht": "met", "cspt-attestation": "missing", "cspt-exam": "missing"}
    assert post(member_client, "/targets", {"code": "ptcb-cspt"}).status_code == 200
    listed = member_client.get(BASE + "/targets").json()
    assert [t["code"] for t in listed] == ["ptcb-cspt"]
    one = member_client.get(f"{BASE}/targets/{created['id']}")
    assert one.json()["name"] == "PTCB Certified Compounded Sterile Preparation Technician (CSPT)"
    assert member_client.delete(f"{BASE}/targets/{created['id']}").status_code == 204
    assert Target.objects.filter(member=member).count() == 0


def test_posting_target(member_client, posting):
    response = post(member_client, "/targets", {"posting_id": str(posting.public_id)})
    assert response.status_code == 201
    gap = response.json()["gap"]
    assert gap["status"] == "met"
    assert [(r["requirement"]["label"], r["status"]) for r in gap["requirements"]] == [
        ("CPhT", "met"),
        ("CSPT (preferred)", "missing"),
        ("12 months of experience in hospital / health-system pharmacy", "met"),
    ]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"code": "nope"}, 422),
        ({}, 422),
        ({"code": "ptcb-cspt", "posting_id": "6f1d2c1e-0000-4000-8000-000000000000"}, 422),
        ({"posting_id": "6f1d2c1e-0000-4000-8000-000000000000"}, 404),
        ({"posting_id": "not-a-uuid"}, 422),
    ],
    ids=["unknown-code", "empty", "both", "unknown-posting", "bad-uuid"],
)
def test_bad_target_input(member_client, member, payload, status):
    assert post(member_client, "/targets", payload).status_code == status
    assert Target.objects.filter(member=member).count() == 0


def test_others_targets_are_404_and_unchanged(member, other_client):
    target = target_add(member=member, code="ptcb-cspt")
    assert other_client.get(f"{BASE}/targets/{target.pk}").status_code == 404
    assert other_client.delete(f"{BASE}/targets/{target.pk}").status_code == 404
    assert Target.objects.filter(pk=target.pk).exists()


def test_steps_done(member_client, member):
    target_add(member=member, code="ptcb-cspt")
    response = post(member_client, "/steps-done", {"requirement_code": "cspt-exam"})
    assert response.status_code == 200
    assert response.json()["requirement_code"] == "cspt-exam"
    bad = post(member_client, "/steps-done", {"requirement_code": "active-cpht"})
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": {
            "requirement_code": ["Add the credential to your profile: it counts from there."]
        }
    }
    assert member_client.delete(BASE + "/steps-done/cspt-exam").status_code == 204
    assert member_client.delete(BASE + "/steps-done/cspt-exam").status_code == 404
    assert StepDone.objects.count() == 0
