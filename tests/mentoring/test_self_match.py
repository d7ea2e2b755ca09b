"""Self-match end to end: recommendations with reasons, request, accept or decline, expiry,
the mentorship and its end; privacy and blocks on every route."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from tests.community.conftest import connect
from tests.mentoring.factories import client_for, member, mentee, mentor, mentorship

from rxguild.community.models import Block, Message
from rxguild.mentoring.models import Bookmark, Mentorship, MentorshipRequest
from rxguild.mentoring.services.mentorships import mentorship_requests_expire
from rxguild.profiles.models import CredentialHeld

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"


def post_json(client, path, payload=None):
    return client.post(API + path, json.dumps(payload or {}), content_type="application/json")


@pytest.fixture
def cspt_mentor(catalog):
    user = mentor(
        "Rosa",
        specialties=["sterile-compounding"],
        practice_settings=["hospital-health-system"],
        topics=["cspt"],
        languages=["en", "es"],
        capacity=1,
    )
    from rxguild.catalog.models import Credential

    CredentialHeld.objects.create(
        profile=user.profile, credential=Credential.objects.get(code="ptcb-cspt")
    )
    return user


@pytest.fixture
def cspt_mentee(catalog):
    return mentee(
        "Tomas",
        target_credential="ptcb-cspt",
        specialties=["sterile-compounding"],
        topics=["cspt"],
        languages=["es"],
    )


def test_recommendations_say_why(cspt_mentor, cspt_mentee):
    mentor("Walt", state="CA", topics=["billing"])  # nothing in common: not listed
    page = client_for(cspt_mentee).get("/mentoring/mentors/")
    cards = page.context["directory"].cards
    assert [c.offer.user.first_name for c in cards] == ["Rosa"]
    assert [r.text for r in cards[0].match.reasons] == [
        "holds CSPT, which you are working toward",
        "works in Sterile compounding",
        "can help with Preparing for the CSPT",
        "both in Texas",
        "speaks Spanish",
    ]
    html = page.content.decode()
    assert "Holds CSPT, which you are working toward" in html
    assert "Featured for you today" in html


def test_directory_asks_a_non_mentee_to_enrol(cspt_mentor):
    page = client_for(member("Una")).get("/mentoring/mentors/")
    assert "Say what you're looking for" in page.content.decode()
    assert client_for(member("Vic")).get(API + "/recommendations").status_code == 404


def test_filters_narrow_the_list(cspt_mentor, cspt_mentee):
    client = client_for(cspt_mentee)
    assert (
        len(client.get("/mentoring/mentors/", {"language": "vi"}).context["directory"].cards) == 0
    )
    assert (
        len(client.get("/mentoring/mentors/", {"language": "es"}).context["directory"].cards) == 1
    )
    assert (
        client.get(API + "/recommendations", {"state": "tx"}).json()[0]["mentor"]["display_name"]
        == "Rosa"
    )


@pytest.mark.parametrize("blocker", ["mentor", "mentee"])
def test_blocked_members_never_see_each_other(cspt_mentor, cspt_mentee, blocker):
    a, b = (cspt_mentor, cspt_mentee) if blocker == "mentor" else (cspt_mentee, cspt_mentor)
    Block.objects.create(blocker=a, blocked=b)
    client = client_for(cspt_mentee)
    assert client.get("/mentoring/mentors/").context["directory"].cards == []
    assert client.get(API + "/recommendations").json() == []
    response = post_json(client, "/requests", {"mentor_id": cspt_mentor.pk})
    assert response.status_code == 404
    assert client.post(f"/mentoring/mentors/{cspt_mentor.pk}/request/").status_code == 404
    assert client.post(f"/mentoring/mentors/{cspt_mentor.pk}/bookmark/").status_code == 404
    assert MentorshipRequest.objects.count() == 0
    assert Bookmark.objects.count() == 0


def test_request_accept_message_and_close(
    cspt_mentor, cspt_mentee, django_capture_on_commit_callbacks
):
    mentee_client = client_for(cspt_mentee)
    mentor_client = client_for(cspt_mentor)
    with django_capture_on_commit_callbacks(execute=True):
        response = mentee_client.post(
            f"/mentoring/mentors/{cspt_mentor.pk}/request/",
            {"note": "I start in the IV room soon."},
        )
    assert response.status_code == 302
    request = MentorshipRequest.objects.get()
    assert (request.status, request.note) == ("pending", "I start in the IV room soon.")
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    assert "Tomas would like you to mentor them." in mail.outbox[0].body
    # Already asked: the mentor drops out of the recommendations.
    assert mentee_client.get("/mentoring/mentors/").context["directory"].cards == []
    requests_page = mentor_client.get("/mentoring/requests/").content.decode()
    assert "I start in the IV room soon." in requests_page

    # Before acceptance there is no messaging (no connection, no mentorship).
    assert (
        mentee_client.get(f"/community/messages/{cspt_mentor.profile.handle}/").context[
            "can_message"
        ]
        is False
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = mentor_client.post(f"/mentoring/requests/{request.pk}/accept/")
    mentorship_row = Mentorship.objects.get()
    assert response["Location"] == f"/mentoring/mentorships/{mentorship_row.pk}/"
    assert (mentorship_row.mentor, mentorship_row.mentee, mentorship_row.status) == (
        cspt_mentor,
        cspt_mentee,
        "active",
    )
    assert mail.outbox[-1].to == ["tomas@example.org"]
    # Now they can write to each other through community messages.
    mentee_client.post(f"/community/messages/{cspt_mentor.profile.handle}/", {"body": "Hello!"})
    assert Message.objects.filter(sender=cspt_mentee, recipient=cspt_mentor).count() == 1

    detail = mentee_client.get(f"/mentoring/mentorships/{mentorship_row.pk}/")
    assert detail.status_code == 200
    response = mentee_client.post(
        f"/mentoring/mentorships/{mentorship_row.pk}/close/",
        {"outcome": "completed", "rating": "5", "comment": "Passed the CSPT!"},
    )
    assert response.status_code == 302
    mentorship_row.refresh_from_db()
    assert (mentorship_row.status, mentorship_row.mentee_rating, mentorship_row.mentee_comment) == (
        "completed",
        5,
        "Passed the CSPT!",
    )
    assert mentorship_row.ended_at is not None
    # The mentor rates afterwards; neither sees the other's rating.
    mentor_client.post(f"/mentoring/mentorships/{mentorship_row.pk}/rate/", {"rating": "4"})
    mentorship_row.refresh_from_db()
    assert mentorship_row.mentor_rating == 4
    assert (
        "Passed the CSPT!"
        not in mentor_client.get(f"/mentoring/mentorships/{mentorship_row.pk}/").content.decode()
    )


def test_accept_refuses_when_the_last_seat_is_taken(cspt_mentor, cspt_mentee):
    mentorship(cspt_mentor, mentee("Xia"))
    request = MentorshipRequest.objects.create(
        mentee=cspt_mentee, mentor=cspt_mentor, respond_by=timezone.now() + timedelta(days=7)
    )
    response = post_json(client_for(cspt_mentor), f"/requests/{request.pk}/accept")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "All 1 of your seats are taken: close a mentorship or raise your capacity first."
    )
    request.refresh_from_db()
    assert request.status == "pending"
    assert Mentorship.objects.filter(mentee=cspt_mentee).count() == 0


def test_a_full_mentor_cannot_be_asked(cspt_mentor, cspt_mentee):
    mentorship(cspt_mentor, mentee("Yan"))
    response = post_json(client_for(cspt_mentee), "/requests", {"mentor_id": cspt_mentor.pk})
    assert response.status_code == 422
    assert response.json()["detail"] == "This mentor has no seat left right now."
    assert MentorshipRequest.objects.count() == 0


def test_outside_my_employer_is_a_hard_rule(catalog):
    mentor_user = mentor("Zed", employer="Lone Star Health, Inc.")
    mentee_user = mentee("Abe", employer="lone star health", outside_employer=True)
    assert client_for(mentee_user).get(API + "/recommendations").json() == []
    response = post_json(client_for(mentee_user), "/requests", {"mentor_id": mentor_user.pk})
    assert response.status_code == 422
    assert MentorshipRequest.objects.count() == 0


@pytest.mark.parametrize("route", ["page", "api"])
def test_strangers_get_404_for_requests_and_mentorships(cspt_mentor, cspt_mentee, route):
    request = MentorshipRequest.objects.create(
        mentee=cspt_mentee, mentor=cspt_mentor, respond_by=timezone.now() + timedelta(days=7)
    )
    open_one = mentorship(cspt_mentor, mentee("Bo"))
    stranger = client_for(member("Cy"))
    if route == "page":
        assert stranger.post(f"/mentoring/requests/{request.pk}/accept/").status_code == 404
        assert stranger.post(f"/mentoring/requests/{request.pk}/withdraw/").status_code == 404
        assert stranger.get(f"/mentoring/mentorships/{open_one.pk}/").status_code == 404
        assert (
            stranger.post(
                f"/mentoring/mentorships/{open_one.pk}/close/", {"outcome": "withdrawn"}
            ).status_code
            == 404
        )
    else:
        assert post_json(stranger, f"/requests/{request.pk}/accept").status_code == 404
        assert stranger.get(f"{API}/mentorships/{open_one.pk}").status_code == 404
        assert (
            post_json(
                stranger, f"/mentorships/{open_one.pk}/close", {"outcome": "withdrawn"}
            ).status_code
            == 404
        )
    request.refresh_from_db()
    open_one.refresh_from_db()
    assert (request.status, open_one.status) == ("pending", "active")


def test_the_mentee_cannot_accept_their_own_request(cspt_mentor, cspt_mentee):
    request = MentorshipRequest.objects.create(
        mentee=cspt_mentee, mentor=cspt_mentor, respond_by=timezone.now() + timedelta(days=7)
    )
    response = post_json(client_for(cspt_mentee), f"/requests/{request.pk}/accept")
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == "pending"
    assert Mentorship.objects.count() == 0


def test_decline_tells_the_mentee_and_offers_the_next_bookmark(
    cspt_mentor, cspt_mentee, django_capture_on_commit_callbacks
):
    other = mentor("Dora", topics=["cspt"])
    client = client_for(cspt_mentee)
    client.post(f"/mentoring/mentors/{other.pk}/bookmark/")
    post_json(client, "/requests", {"mentor_id": cspt_mentor.pk})
    request = MentorshipRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(
            client_for(cspt_mentor),
            f"/requests/{request.pk}/decline",
            {"note": "Full this spring."},
        )
    assert response.json()["status"] == "declined"
    body = mail.outbox[-1].body
    assert "Rosa can't mentor you right now. Their note: Full this spring." in body
    assert "Next on your bookmarks: Dora." in body


def test_expiry_marks_and_tells_once(cspt_mentor, cspt_mentee, django_capture_on_commit_callbacks):
    request = MentorshipRequest.objects.create(
        mentee=cspt_mentee, mentor=cspt_mentor, respond_by=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert mentorship_requests_expire() == 1
        assert mentorship_requests_expire() == 0
    request.refresh_from_db()
    assert request.status == "expired"
    assert [m.to for m in mail.outbox] == [["tomas@example.org"]]
    assert "did not answer within 7 days" in mail.outbox[0].body


def test_request_rate_limit(catalog):
    asker = mentee("Eli")
    client = client_for(asker)
    statuses = []
    for i in range(6):
        other = mentor(f"M{i}")
        statuses.append(post_json(client, "/requests", {"mentor_id": other.pk}).status_code)
    assert statuses == [201, 201, 201, 201, 201, 429]
    assert MentorshipRequest.objects.filter(mentee=asker).count() == 5


def test_connections_still_message_without_mentorship(catalog):
    a, b = member("Flo"), member("Gil")
    connect(a, b)
    client_for(a).post(f"/community/messages/{b.profile.handle}/", {"body": "Hi"})
    assert Message.objects.count() == 1


def test_directory_query_count_does_not_grow_with_mentors(cspt_mentee):
    client = client_for(cspt_mentee)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/mentoring/mentors/").status_code == 200
        return len(queries)

    mentor("Q0", topics=["cspt"], specialties=["sterile-compounding"])
    client.get("/mentoring/mentors/")  # the session's first request does more
    few = count()
    for i in range(1, 12):
        mentor(f"Q{i}", topics=["cspt"], specialties=["oncology"], languages=["es"])
    assert len(client.get("/mentoring/mentors/").context["directory"].cards) == 12
    assert count() == few


def test_dashboard_shows_requests_to_answer(cspt_mentor, cspt_mentee):
    post_json(client_for(cspt_mentee), "/requests", {"mentor_id": cspt_mentor.pk})
    page = client_for(cspt_mentor).get("/dashboard/").content.decode()
    assert "Answer 1 mentoring request" in page


def test_expire_command(cspt_mentor, cspt_mentee):
    from django.core.management import call_command

    MentorshipRequest.objects.create(
        mentee=cspt_mentee, mentor=cspt_mentor, respond_by=timezone.now() - timedelta(days=1)
    )
    call_command("expire_mentoring_requests")
    assert MentorshipRequest.objects.get().status == "expired"
