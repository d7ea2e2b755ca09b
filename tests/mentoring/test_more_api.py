"""The API for informational interviews and programs: same rules as the pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor

from rxguild.mentoring.models import InfoInterviewRequest, Mentorship, Program
from rxguild.tracker.models import InformationalInterview

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"


def send(client, method, path, payload=None):
    return getattr(client, method)(
        API + path, json.dumps(payload or {}), content_type="application/json"
    )


def test_interview_round_trip():
    host, asker = member("Hana"), member("Ivan")
    host_client, asker_client = client_for(host), client_for(asker)
    response = send(
        host_client, "put", "/me/interviews", {"role_summary": "ED tech", "contact": "555-0100"}
    )
    assert response.status_code == 200, response.content
    assert [
        h["host"]["display_name"] for h in asker_client.get(API + "/interviews/hosts").json()
    ] == ["Hana"]
    created = send(
        asker_client, "post", "/interviews", {"host_id": host.pk, "agenda": "Your path?"}
    )
    assert created.status_code == 201
    request_id = created.json()["id"]
    assert created.json()["host_contact"] == ""
    assert send(asker_client, "post", f"/interviews/{request_id}/answer/accept").status_code == 403
    send(host_client, "post", f"/interviews/{request_id}/answer/accept")
    outgoing = asker_client.get(API + "/interviews").json()
    assert (outgoing[0]["status"], outgoing[0]["host_contact"]) == ("accepted", "555-0100")
    logged = send(asker_client, "post", f"/interviews/{request_id}/log", {"held_on": "2026-12-02"})
    assert logged.json()["in_tracker"] is True
    assert InformationalInterview.objects.get(member=asker).person_name == "Hana"
    bad = send(
        asker_client, "post", "/interviews", {"host_id": host.pk, "agenda": "x", "minutes": 45}
    )
    assert bad.status_code == 422
    assert InfoInterviewRequest.objects.count() == 1


def test_program_api_for_members_and_staff(catalog, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    program = Program.objects.create(
        slug="p1",
        name="P1",
        organizer="Assoc",
        enrol_opens=today - timedelta(days=1),
        enrol_closes=today,
    )
    organizer = member("Olga")
    program.staff.add(organizer)
    rosa, ana = mentor("Rosa", topics=["cspt"]), mentee("Ana", topics=["cspt"])
    assert send(client_for(rosa), "post", "/programs/p1/join", {"role": "mentor"}).json()[
        "my_roles"
    ] == ["mentor"]
    send(client_for(ana), "post", "/programs/p1/join", {"role": "mentee"})
    assert client_for(ana).get(API + "/programs/p1/proposal").status_code == 404
    assert send(client_for(ana), "post", "/programs/p1/match").status_code == 404
    proposal = send(client_for(organizer), "post", "/programs/p1/match").json()
    assert [
        (p["mentee"]["display_name"], p["mentor"]["display_name"]) for p in proposal["pairs"]
    ] == [("Ana", "Rosa")]
    assert proposal["pairs"][0]["reasons"] == [
        "can help with Preparing for the CSPT",
        "both in Texas",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        published = send(client_for(organizer), "post", "/programs/p1/publish").json()
    assert published["status"] == "published"
    assert Mentorship.objects.filter(program=program, mentor=rosa, mentee=ana).count() == 1
