from __future__ import annotations

import pytest
from tests.community.conftest import client_for, connect, make_event, make_group

from rxguild.community.models import Connection, Group, Message, Post, Report, Rsvp

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_group_topic_reply_accept_through_api(ana, ben):
    a, b = client_for(ana), client_for(ben)
    created = a.post(
        "/api/v1/community/groups",
        {"name": "Ohio Techs", "kind": "state", "state": "OH"},
        content_type=JSON,
    )
    assert created.status_code == 201
    slug = created.json()["slug"]
    assert b.post(f"/api/v1/community/groups/{slug}/join").status_code == 204
    question = b.post(
        f"/api/v1/community/groups/{slug}/posts",
        {"title": "CE for Ohio?", "body": "How many *hours*?", "kind": "question"},
        content_type=JSON,
    )
    assert question.status_code == 201
    assert question.json()["body_html"] == "<p>How many <em>hours</em>?</p>\n"
    qid = question.json()["id"]
    reply = a.post(f"/api/v1/community/posts/{qid}/replies", {"body": "Twenty."}, content_type=JSON)
    assert reply.status_code == 201
    rid = reply.json()["id"]
    assert a.post(f"/api/v1/community/posts/{rid}/accept").status_code == 403
    accepted = b.post(f"/api/v1/community/posts/{rid}/accept")
    assert accepted.json()["accepted_answer_id"] == rid
    assert [p["id"] for p in b.get(f"/api/v1/community/posts/{qid}/replies").json()] == [rid]


def test_bad_input_is_422_and_saves_nothing(ana):
    response = client_for(ana).post(
        "/api/v1/community/groups", {"name": "", "state": "Ohio"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response.json()["detail"] == {
        "name": ["Enter a name for the group."],
        "state": ["Use a two-letter state code such as TX."],
    }
    assert Group.objects.count() == 0


def test_anonymous_is_401(client, db):
    assert client.get("/api/v1/community/groups").status_code == 401


def test_connections_and_messages_through_api(ana, ben):
    a, b = client_for(ana), client_for(ben)
    request = a.post("/api/v1/community/connections", {"handle": "ben"}, content_type=JSON)
    assert request.status_code == 201
    assert (
        a.post("/api/v1/community/messages/ben", {"body": "hi"}, content_type=JSON).status_code
        == 403
    )
    cid = request.json()["id"]
    assert a.post(f"/api/v1/community/connections/{cid}/accept").status_code == 422
    assert b.post(f"/api/v1/community/connections/{cid}/accept").status_code == 204
    assert Connection.objects.get().status == "accepted"
    sent = a.post("/api/v1/community/messages/ben", {"body": "hi"}, content_type=JSON)
    assert sent.status_code == 201
    thread = b.get("/api/v1/community/messages/ana").json()
    assert [m["body"] for m in thread] == ["hi"]
    assert Message.objects.get().read_at is not None


def test_rsvp_and_cancel_through_api(ana, ben, cy):
    event = make_event(ana, capacity=1)
    assert (
        client_for(ben).post(f"/api/v1/community/events/{event.pk}/rsvp").json()["status"]
        == "going"
    )
    assert (
        client_for(cy).post(f"/api/v1/community/events/{event.pk}/rsvp").json()["status"]
        == "waitlisted"
    )
    assert client_for(cy).get(f"/api/v1/community/events/{event.pk}").json()["online_url"] is None
    assert client_for(ben).post(f"/api/v1/community/events/{event.pk}/cancel").status_code == 200
    assert Rsvp.objects.get(user=cy).status == "going"
    detail = client_for(cy).get(f"/api/v1/community/events/{event.pk}").json()
    assert detail["online_url"] == "https://meet.example.org/secret-room"


def test_report_through_api(ana, ben):
    group = make_group("Open", ana)
    post = Post.objects.create(group=group, author=ana, title="x", body="y")
    response = client_for(ben).post(
        "/api/v1/community/reports", {"reason": "spam", "post_id": post.pk}, content_type=JSON
    )
    assert response.status_code == 201
    assert Report.objects.get().post == post


def test_token_auth_sees_the_same_as_the_session(ana, ben, client):
    from rxguild.accounts.tokens import token_create

    secret_group = make_group("Secret", ana, visibility="invite")
    connect(ana, ben)
    token = token_create(user=ben, name="cli")
    response = client.get("/api/v1/community/groups", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert response.status_code == 200
    assert secret_group.slug not in [g["slug"] for g in response.json()]
