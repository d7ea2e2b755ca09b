"""The enrolment API: same rules as the pages."""

from __future__ import annotations

import json

import pytest
from tests.mentoring.factories import client_for, member, mentor, offer_of

from rxguild.mentoring.models import MenteeWants, MentorOffer

pytestmark = pytest.mark.django_db

BASE = "/api/v1/mentoring"


def put(client, path, payload):
    return client.put(BASE + path, json.dumps(payload), content_type="application/json")


def test_requires_authentication(client):
    assert client.get(BASE + "/me/mentor").status_code == 401
    assert put(client, "/me/mentee", {"topics": ["cspt"]}).status_code == 401


def test_options_list_the_data_file():
    body = client_for(member("Ana")).get(BASE + "/options").json()
    assert {"code": "cspt", "name": "Preparing for the CSPT"} in body["topics"]
    assert [f["code"] for f in body["formats"]] == ["video", "phone", "messages", "in_person"]


def test_mentor_offer_round_trip(catalog):
    client = client_for(member("Bea"))
    assert client.get(BASE + "/me/mentor").status_code == 404
    response = put(
        client,
        "/me/mentor",
        {
            "specialties": ["oncology", "sterile-compounding"],
            "topics": ["oncology"],
            "formats": ["video", "phone"],
            "capacity": 2,
            "states": ["tx"],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["specialties"], body["states"], body["capacity"], body["paused"]) == (
        ["oncology", "sterile-compounding"],
        ["TX"],
        2,
        False,
    )
    paused = client.post(
        BASE + "/me/mentor/pause", json.dumps({"paused": True}), content_type="application/json"
    )
    assert paused.json()["paused"] is True
    assert client.get(BASE + "/me/mentor").json()["topics"] == ["oncology"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"topics": ["astrology"], "formats": ["video"]}, "topics"),
        ({"specialties": ["underwater"], "formats": ["video"]}, "specialties"),
        ({"topics": ["cspt"], "formats": ["video"], "capacity": 50}, "capacity"),
        ({"topics": ["cspt"], "formats": ["video"], "states": ["ZZ"]}, "states"),
        ({"topics": ["cspt"], "formats": ["carrier-pigeon"]}, "formats"),
    ],
    ids=["unknown-topic", "unknown-specialty", "capacity-too-big", "unknown-state", "bad-format"],
)
def test_bad_offer_is_a_422_naming_the_field_and_changes_nothing(catalog, payload, field):
    user = mentor("Cal", capacity=1)
    response = put(client_for(user), "/me/mentor", payload)
    assert response.status_code == 422
    assert list(response.json()["detail"]) == [field]
    assert (offer_of(user).capacity, offer_of(user).topics) == (1, ["first-job"])


def test_not_json_is_a_clear_400(catalog):
    response = client_for(member("Dee")).put(
        BASE + "/me/mentor", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert MentorOffer.objects.count() == 0


def test_mentee_round_trip_and_leave(catalog):
    client = client_for(member("Eve"))
    response = put(
        client,
        "/me/mentee",
        {"target_credential": "ptcb-cpht-adv", "topics": ["cpht-adv"], "languages": ["es"]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["target_credential"] == "ptcb-cpht-adv"
    bad = put(client, "/me/mentee", {"target_credential": "ptcb-nope", "topics": ["cspt"]})
    assert bad.status_code == 422
    assert bad.json()["detail"] == {"target_credential": ["Choose a credential from the list."]}
    assert MenteeWants.objects.get().target_credential.code == "ptcb-cpht-adv"
    left = client.delete(BASE + "/me/mentee")
    assert left.json() == {"requests_withdrawn": 0, "close_requested": 0}
    assert MenteeWants.objects.count() == 0
    assert client.delete(BASE + "/me/mentee").status_code == 404
