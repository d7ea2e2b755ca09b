"""Rematch: when a mentorship ends, its mentee is offered the next best mentors (the mentor
just ended left out) and asks one in one click; nobody else is offered anything."""

from __future__ import annotations

import pytest
from django.core import mail
from tests.mentoring.factories import client_for, member, mentee, mentor, mentorship

from rxguild.accounts.models import User
from rxguild.mentoring.models import MentorshipRequest
from rxguild.mentoring.services.mentorships import mentorship_close

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"


def member_named(name: str) -> User:
    return User.objects.get(first_name=name)


@pytest.fixture
def ended(db, django_capture_on_commit_callbacks):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    for name in ("Ana", "Ben", "Cai", "Dee"):
        mentor(name)
    row = mentorship(rosa, tomas)
    with django_capture_on_commit_callbacks(execute=True):
        mentorship_close(mentorship=row, actor=rosa, outcome="completed")
    row.refresh_from_db()
    return rosa, tomas, row


def test_the_mentee_is_offered_three_mentors_but_not_the_one_just_ended(ended):
    rosa, tomas, row = ended
    assert "mentors who fit you next" in mail.outbox[-1].body
    response = client_for(tomas).get(f"/mentoring/mentorships/{row.pk}/")
    cards = response.context["rematch"]
    assert len(cards) == 3
    assert rosa.pk not in {card.offer.user_id for card in cards}
    assert "Mentors who fit you next" in response.content.decode()


def test_one_click_sends_the_request(ended):
    _, tomas, row = ended
    ana = member_named("Ana")
    response = client_for(tomas).post(f"/mentoring/mentorships/{row.pk}/rematch/{ana.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/mentoring/requests/"
    request = MentorshipRequest.objects.get()
    assert (request.mentor, request.mentee, request.note, request.status) == (
        ana,
        tomas,
        "",
        "pending",
    )


def test_the_ended_mentor_cannot_be_asked_again_this_way(ended):
    rosa, tomas, row = ended
    response = client_for(tomas).post(
        f"/mentoring/mentorships/{row.pk}/rematch/{rosa.pk}/", follow=True
    )
    assert "Choose a different mentor" in response.content.decode()
    assert MentorshipRequest.objects.count() == 0


def test_nobody_but_the_mentee_of_an_ended_mentorship_is_offered_a_rematch(ended):
    rosa, _, row = ended
    ana = member_named("Ana")
    mentor_page = client_for(rosa).get(f"/mentoring/mentorships/{row.pk}/")
    assert mentor_page.context["rematch"] == []
    assert "Mentors who fit you next" not in mentor_page.content.decode()
    assert (
        client_for(rosa).post(f"/mentoring/mentorships/{row.pk}/rematch/{ana.pk}/").status_code
        == 404
    )
    assert client_for(rosa).get(f"{API}/mentorships/{row.pk}/rematch").status_code == 404
    sal = client_for(member("Sal"))
    assert sal.post(f"/mentoring/mentorships/{row.pk}/rematch/{ana.pk}/").status_code == 404
    assert sal.get(f"{API}/mentorships/{row.pk}/rematch").status_code == 404
    assert MentorshipRequest.objects.count() == 0


def test_a_paused_mentorship_is_not_ended(db):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    ana = mentor("Ana")
    row = mentorship(rosa, tomas)
    mentorship_close(mentorship=row, actor=tomas, outcome="paused")
    page = client_for(tomas).get(f"/mentoring/mentorships/{row.pk}/")
    assert page.context["rematch"] == []
    assert (
        client_for(tomas).post(f"/mentoring/mentorships/{row.pk}/rematch/{ana.pk}/").status_code
        == 404
    )
    assert MentorshipRequest.objects.count() == 0


def test_the_api_lists_the_next_mentors(ended):
    _, tomas, row = ended
    body = client_for(tomas).get(f"{API}/mentorships/{row.pk}/rematch").json()
    names = [item["mentor"]["display_name"] for item in body]
    assert len(names) == 3
    assert "Rosa" not in names
