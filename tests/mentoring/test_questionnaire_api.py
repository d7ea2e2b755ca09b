"""The questionnaire through the API: members read the questions and only their own answers,
join with answers (422 naming the field, nothing saved), staff alone edit the fields and the
proposed agreement (404 for anyone else, nothing changes) and see answers in the proposal."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor

from rxguild.mentoring.models import Program, ProgramParticipant, ProgramQuestion

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"


def send(client, method, path, payload=None):
    return getattr(client, method)(
        API + path, json.dumps(payload or {}), content_type="application/json"
    )


@pytest.fixture
def program(catalog):
    today = timezone.localdate()
    created = Program.objects.create(
        slug="p1",
        name="P1",
        organizer="TSHP",
        enrol_opens=today - timedelta(days=1),
        enrol_closes=today + timedelta(days=5),
    )
    return created


@pytest.fixture
def organizer(program):
    user = member("Olga")
    program.staff.add(user)
    return user


FORMAT = {
    "label": "Preferred meeting format",
    "kind": "choice",
    "choices": ["Video", "Phone"],
    "required": True,
    "factor": "must_match",
    "weight": 5,
}


def test_staff_edit_the_questionnaire(program, organizer):
    client = client_for(organizer)
    created = send(client, "post", "/programs/p1/questions", FORMAT)
    assert created.status_code == 201, created.content
    question_id = created.json()["id"]
    assert created.json() == {
        "id": question_id,
        "position": 0,
        "help_text": "",
        **FORMAT,
    }
    bad = send(client, "put", f"/programs/p1/questions/{question_id}", {**FORMAT, "choices": []})
    assert bad.status_code == 422
    assert bad.json()["detail"] == {"choices": ["Give at least two choices, one a line."]}
    changed = send(
        client, "put", f"/programs/p1/questions/{question_id}", {**FORMAT, "required": False}
    )
    assert changed.json()["required"] is False
    assert [q["id"] for q in client.get(API + "/programs/p1/questions").json()] == [question_id]
    defaults = send(
        client,
        "put",
        "/programs/p1/agreement",
        {"goals": "One a month", "cadence": "monthly", "meeting_minutes": 60, "months": 12},
    )
    assert defaults.json() == {
        "goals": "One a month",
        "cadence": "monthly",
        "meeting_minutes": 60,
        "months": 12,
    }
    assert send(client, "delete", f"/programs/p1/questions/{question_id}").status_code == 204
    assert ProgramQuestion.objects.count() == 0


def test_nobody_else_edits_the_questionnaire(program, organizer):
    question = ProgramQuestion.objects.create(program=program, label="Goals?")
    for client in (client_for(member("Otto")), client_for(mentee("Ana"))):
        assert client.get(API + "/programs/p1/questions").status_code == 404
        assert send(client, "post", "/programs/p1/questions", FORMAT).status_code == 404
        assert (
            send(client, "put", f"/programs/p1/questions/{question.pk}", FORMAT).status_code == 404
        )
        assert send(client, "delete", f"/programs/p1/questions/{question.pk}").status_code == 404
        assert (
            send(client, "put", "/programs/p1/agreement", {"cadence": "weekly"}).status_code == 404
        )
    assert list(ProgramQuestion.objects.values_list("label", flat=True)) == ["Goals?"]
    program.refresh_from_db()
    assert program.agreement_cadence == "fortnightly"


def test_members_join_with_answers_and_see_only_their_own(
    program, organizer, django_capture_on_commit_callbacks
):
    question = ProgramQuestion.objects.create(program=program, **FORMAT)
    key = str(question.pk)
    rosa, ana = mentor("Rosa", topics=["cspt"]), mentee("Ana", topics=["cspt"])
    bad = send(client_for(ana), "post", "/programs/p1/join", {"role": "mentee", "answers": {}})
    assert bad.status_code == 422
    assert bad.json()["detail"] == {f"question_{question.pk}": ["Answer this question."]}
    assert ProgramParticipant.objects.count() == 0
    joined = send(
        client_for(ana), "post", "/programs/p1/join", {"role": "mentee", "answers": {key: "Video"}}
    )
    assert joined.status_code == 200, joined.content
    assert joined.json()["my_answers"] == [{"role": "mentee", "answers": {key: "Video"}}]
    assert joined.json()["questions"] == [
        {
            "id": question.pk,
            "label": "Preferred meeting format",
            "help_text": "",
            "kind": "choice",
            "choices": ["Video", "Phone"],
            "required": True,
        }
    ]
    send(
        client_for(rosa), "post", "/programs/p1/join", {"role": "mentor", "answers": {key: "Video"}}
    )
    # Rosa sees her own answers, never Ana's; the proposal is the staff's alone.
    seen = client_for(rosa).get(API + "/programs/p1").json()
    assert seen["my_answers"] == [{"role": "mentor", "answers": {key: "Video"}}]
    assert client_for(rosa).get(API + "/programs/p1/proposal").status_code == 404
    stranger = client_for(member("Nia")).get(API + "/programs/p1").json()
    assert stranger["my_answers"] == []
    proposal = send(client_for(organizer), "post", "/programs/p1/match").json()
    assert [
        (p["mentee"]["display_name"], p["mentee_answers"], p["mentor_answers"])
        for p in proposal["pairs"]
    ] == [
        (
            "Ana",
            [{"question": "Preferred meeting format", "answer": "Video"}],
            [{"question": "Preferred meeting format", "answer": "Video"}],
        )
    ]
