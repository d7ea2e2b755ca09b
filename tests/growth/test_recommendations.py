"""Recommendations: written by a member who can see the profile, shown only once approved,
taken down by the receiver, withdrawn by the author; blocks and bad input refused."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.tracker.factories import UserFactory

from rxguild.community.models import Block
from rxguild.growth.models import Recommendation
from rxguild.profiles.services import profile_get_or_create_for_user

pytestmark = pytest.mark.django_db

BODY = "Maria caught a tenfold insulin error on a busy Friday and trained two new techs."


def _profile(user, public=True):
    profile = profile_get_or_create_for_user(user=user)
    profile.is_public = public
    profile.save()
    return profile


def test_write_approve_and_show_on_profile(member, member_client, other_member, other_client):
    profile = _profile(member)
    page = other_client.get(f"/p/{profile.handle}/")
    assert "Write a recommendation" in page.content.decode()
    response = other_client.post(
        f"/growth/recommendations/write/{profile.handle}/",
        {"relationship": "worked_with", "body": BODY},
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.status == "pending"
    assert BODY not in Client().get(f"/p/{profile.handle}/").content.decode()
    assert BODY in member_client.get("/growth/recommendations/").content.decode()
    member_client.post(
        f"/growth/recommendations/{recommendation.pk}/decide/", {"action": "approve"}
    )
    public = Client().get(f"/p/{profile.handle}/").content.decode()
    assert BODY in public
    member_client.post(
        f"/growth/recommendations/{recommendation.pk}/decide/", {"action": "decline"}
    )
    assert BODY not in Client().get(f"/p/{profile.handle}/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            {"relationship": "worked_with", "body": "Great"},
            "Write at least 40 characters",
            id="short",
        ),
        pytest.param(
            {"relationship": "worked_with", "body": "x" * 1001},
            "Keep it under 1000 characters.",
            id="long",
        ),
        pytest.param(
            {"relationship": "boss", "body": BODY}, "Select a valid choice.", id="relationship"
        ),
    ],
)
def test_bad_recommendations_are_explained_and_not_saved(member, other_client, data, message):
    profile = _profile(member)
    response = other_client.post(f"/growth/recommendations/write/{profile.handle}/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Recommendation.objects.count() == 0


def test_self_blocked_and_duplicate_refused(member, member_client, other_member, other_client):
    profile = _profile(member)
    own = member_client.post(
        f"/growth/recommendations/write/{profile.handle}/",
        {"relationship": "worked_with", "body": BODY},
    )
    assert "You cannot recommend yourself." in own.content.decode()
    other_client.post(
        f"/growth/recommendations/write/{profile.handle}/",
        {"relationship": "worked_with", "body": BODY},
    )
    again = other_client.post(
        f"/growth/recommendations/write/{profile.handle}/",
        {"relationship": "worked_with", "body": BODY},
    )
    assert "still waiting for their approval" in again.content.decode()
    assert Recommendation.objects.count() == 1
    Block.objects.create(blocker=member, blocked=other_member)
    blocked = other_client.post(
        f"/growth/recommendations/write/{profile.handle}/",
        {"relationship": "worked_with", "body": BODY},
    )
    assert blocked.status_code == 404  # a blocked member cannot even see the profile
    assert Recommendation.objects.count() == 1


def test_only_the_receiver_decides_and_only_the_author_withdraws(
    member, other_member, other_client
):
    third = UserFactory()
    third_client = Client()
    third_client.force_login(third)
    recommendation = Recommendation.objects.create(
        author=other_member, receiver=member, relationship="worked_with", body=BODY
    )
    assert (
        third_client.post(
            f"/growth/recommendations/{recommendation.pk}/decide/", {"action": "approve"}
        ).status_code
        == 404
    )
    assert (
        other_client.post(
            f"/growth/recommendations/{recommendation.pk}/decide/", {"action": "approve"}
        ).status_code
        == 404
    )
    assert (
        third_client.post(f"/growth/recommendations/{recommendation.pk}/withdraw/").status_code
        == 404
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "pending"
    assert (
        other_client.post(f"/growth/recommendations/{recommendation.pk}/withdraw/").status_code
        == 302
    )
    assert Recommendation.objects.count() == 0


def test_private_profile_cannot_be_recommended_by_anonymous_or_unseen(member):
    profile = _profile(member, public=False)
    response = Client().get(f"/growth/recommendations/write/{profile.handle}/")
    assert response.status_code == 302  # sign in first


def test_api_write_decide_and_checks(member, member_client, other_member, other_client):
    import json

    profile = _profile(member)
    short = other_client.post(
        "/api/v1/growth/recommendations",
        json.dumps({"handle": profile.handle, "relationship": "worked_with", "body": "Nice"}),
        content_type="application/json",
    )
    assert short.status_code == 422
    assert short.json() == {
        "detail": {"body": ["Write at least 40 characters: what did they do well?"]}
    }
    created = other_client.post(
        "/api/v1/growth/recommendations",
        json.dumps({"handle": profile.handle, "relationship": "trained", "body": BODY}),
        content_type="application/json",
    )
    assert created.status_code == 201
    rec_id = created.json()["id"]
    denied = other_client.post(
        f"/api/v1/growth/recommendations/{rec_id}/decide",
        json.dumps({"approve": True}),
        content_type="application/json",
    )
    assert denied.status_code == 404
    assert Recommendation.objects.get().status == "pending"
    approved = member_client.post(
        f"/api/v1/growth/recommendations/{rec_id}/decide",
        json.dumps({"approve": True}),
        content_type="application/json",
    )
    assert approved.json()["status"] == "approved"
    assert [r["id"] for r in member_client.get("/api/v1/growth/recommendations").json()] == [rec_id]
    assert member_client.delete(f"/api/v1/growth/recommendations/{rec_id}").status_code == 404
    assert other_client.delete(f"/api/v1/growth/recommendations/{rec_id}").status_code == 204
