"""The growth API: exact shapes, clear 422s, owner-only assessments."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from rxguild.growth.models import Assessment
from rxguild.growth.services import assessment_create

pytestmark = pytest.mark.django_db


def _post(client: Client, body: object):
    return client.post(
        "/api/v1/growth/assessments", json.dumps(body), content_type="application/json"
    )


def test_frameworks_are_public_with_sources(frameworks):
    body = Client().get("/api/v1/growth/frameworks").json()
    assert [f["code"] for f in body][:2] == ["ptce", "sterile-compounding"]
    ptce = Client().get("/api/v1/growth/frameworks/ptce").json()
    assert ptce["confidence"] == "high"
    assert [d["weight"] for d in ptce["domains"]] == ["40.00", "12.50", "26.25", "21.25"]
    assert ptce["domains"][0]["competencies"][0]["code"] == "ptce-med-names-classes"


def test_levels_have_anchors():
    body = Client().get("/api/v1/growth/levels").json()
    assert [lv["name"] for lv in body] == ["Learning", "Developing", "Proficient", "Leading"]


def test_create_and_read_assessment(member, member_client, frameworks):
    response = _post(
        member_client,
        {"framework": "ptce", "ratings": [{"competency": "ptce-med-nti", "level": 2}], "note": "n"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["ratings"] == [{"competency": "ptce-med-nti", "level": 2}]
    assert member_client.get(f"/api/v1/growth/assessments/{body['id']}").json()["note"] == "n"
    assert [
        a["id"] for a in member_client.get("/api/v1/growth/assessments?framework=ptce").json()
    ] == [body["id"]]


@pytest.mark.parametrize(
    ("ratings", "detail"),
    [
        pytest.param(
            [{"competency": "ptce-med-nti", "level": 9}],
            {"ptce-med-nti": ["Choose a level from 1 to 4 (got 9)."]},
            id="level",
        ),
        pytest.param(
            [{"competency": "bill-claims", "level": 2}],
            {"ratings": ["“bill-claims” is not a competency of PTCE knowledge domains."]},
            id="other-framework",
        ),
        pytest.param([], {"ratings": ["Rate at least one competency."]}, id="empty"),
        pytest.param(
            [
                {"competency": "ptce-med-nti", "level": 2},
                {"competency": "ptce-med-nti", "level": 3},
            ],
            {"ratings": ["“ptce-med-nti” is rated twice."]},
            id="twice",
        ),
    ],
)
def test_bad_assessment_is_422_and_saves_nothing(member_client, frameworks, ratings, detail):
    response = _post(member_client, {"framework": "ptce", "ratings": ratings})
    assert response.status_code == 422
    assert response.json() == {"detail": detail}
    assert Assessment.objects.count() == 0


def test_unknown_framework_is_404(member_client, frameworks):
    assert _post(member_client, {"framework": "nope", "ratings": []}).status_code == 404


def test_anonymous_cannot_create(frameworks):
    assert _post(Client(), {"framework": "ptce", "ratings": []}).status_code == 401
    assert Assessment.objects.count() == 0


def test_other_members_assessment_is_404(member, other_client, frameworks):
    assessment = assessment_create(
        member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": 1}
    )
    assert other_client.get(f"/api/v1/growth/assessments/{assessment.pk}").status_code == 404
    assert other_client.delete(f"/api/v1/growth/assessments/{assessment.pk}").status_code == 404
    assert other_client.get("/api/v1/growth/assessments").json() == []
    assert Assessment.objects.filter(pk=assessment.pk).exists()
