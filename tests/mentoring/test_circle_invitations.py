"""Circle invitations: the circle's mentor invites a member by name; the member accepts (a
seat, counted under the same lock as a join) or declines; both are told in the app. Seen by
the two only, never across a block; pages and API alike."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from tests.mentoring.factories import client_for, member, mentee, mentor, told
from tests.mentoring.racing import race

from rxguild.accounts.models import User
from rxguild.community.models import Membership, Notification
from rxguild.community.services.connections import block_create
from rxguild.mentoring.models import Circle, CircleInvitation, CircleMember
from rxguild.mentoring.services.circles import (
    circle_close,
    circle_invitation_answer,
    circle_invite,
    circle_join,
    circle_start,
)

API = "/api/v1/mentoring"
PAGE_QUERIES = 11  # 7 for the session and user; circle, seats, blocked ids, invitations


@pytest.fixture
def circle(db) -> Circle:
    return circle_start(mentor=mentor("Rosa"), name="IV room", capacity=2)


def invite(run, circle: Circle, invitee: User) -> CircleInvitation:
    return run(circle_invite, mentor=circle.mentor, circle=circle, invitee=invitee)


@pytest.mark.django_db
def test_invite_then_accept_takes_a_seat_and_tells_both(run, circle):
    tomas = member("Tomas")
    invitation = invite(run, circle, tomas)
    page = f"/mentoring/circles/invitations/{invitation.pk}/"
    assert told(tomas) == [
        ("mentoring_circle", "Rosa invites you to their mentoring circle “IV room”.", page)
    ]
    assert CircleMember.objects.count() == 0  # an invitation holds no seat
    run(circle_invitation_answer, invitee=tomas, invitation=invitation, accept=True)
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.answered_at is not None
    assert list(CircleMember.objects.values_list("mentee__first_name", flat=True)) == ["Tomas"]
    assert Membership.objects.get(group=circle.group, user=tomas).status == "active"
    assert told(circle.mentor) == [
        (
            "mentoring_circle",
            "Tomas joined your circle “IV room”.",
            f"/mentoring/circles/{circle.pk}/invitations/",
        )
    ]
    assert [m.to for m in mail.outbox] == [["tomas@example.org"], ["rosa@example.org"]]


@pytest.mark.django_db
def test_decline_takes_no_seat_and_an_answer_is_final(run, circle):
    tomas = member("Tomas")
    invitation = invite(run, circle, tomas)
    run(circle_invitation_answer, invitee=tomas, invitation=invitation, accept=False)
    assert told(circle.mentor)[-1][1] == "Tomas declined your invitation to your circle “IV room”."
    with pytest.raises(ValidationError, match="already declined"):
        circle_invitation_answer(invitee=tomas, invitation=invitation, accept=True)
    assert CircleMember.objects.count() == 0
    # Declined, they may be invited again.
    assert invite(run, circle, tomas).status == "pending"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("twice", "already invited"),
        ("member", "already in this circle"),
        ("closed", "closed to new members"),
        ("full", "All 2 seats"),
        ("self", "You run this circle"),
        ("blocked_by_invitee", "can't invite this member"),
        ("blocked_by_mentor", "can't invite this member"),
    ],
    ids=["twice", "member", "closed", "full", "self", "blocked_by_invitee", "blocked_by_mentor"],
)
def test_invitations_refused_change_nothing(circle, setup, message):
    tomas = member("Tomas")
    rosa = circle.mentor
    invitee = tomas
    if setup == "twice":
        circle_invite(mentor=rosa, circle=circle, invitee=tomas)
    elif setup == "member":
        circle_join(mentee=tomas, circle=circle)
    elif setup == "closed":
        circle_close(mentor=rosa, circle=circle)
    elif setup == "full":
        circle_join(mentee=mentee("Ana"), circle=circle)
        circle_join(mentee=mentee("Ben"), circle=circle)
    elif setup == "self":
        invitee = rosa
    elif setup == "blocked_by_invitee":
        block_create(actor=tomas, blocked=rosa)
    else:
        block_create(actor=rosa, blocked=tomas)
    before = CircleInvitation.objects.count()
    with pytest.raises(ValidationError, match=message):
        circle_invite(mentor=rosa, circle=circle, invitee=invitee)
    assert CircleInvitation.objects.count() == before
    assert not Notification.objects.filter(kind="mentoring_circle").exists()


@pytest.mark.django_db
def test_only_the_mentor_invites_and_only_the_invitee_answers(run, circle):
    tomas, sal = member("Tomas"), member("Sal")
    with pytest.raises(PermissionDenied):
        circle_invite(mentor=sal, circle=circle, invitee=tomas)
    invitation = invite(run, circle, tomas)
    for someone in (sal, circle.mentor):
        with pytest.raises(PermissionDenied):
            circle_invitation_answer(invitee=someone, invitation=invitation, accept=True)
    invitation.refresh_from_db()
    assert (invitation.status, CircleMember.objects.count()) == ("pending", 0)


@pytest.mark.django_db
def test_accepting_when_the_seats_went_meanwhile_keeps_it_pending(run, circle):
    tomas = member("Tomas")
    invitation = invite(run, circle, tomas)
    circle_join(mentee=mentee("Ana"), circle=circle)
    circle_join(mentee=mentee("Ben"), circle=circle)
    with pytest.raises(ValidationError, match="All 2 seats"):
        circle_invitation_answer(invitee=tomas, invitation=invitation, accept=True)
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not CircleMember.objects.filter(mentee=tomas).exists()


@pytest.mark.django_db
def test_joining_by_oneself_answers_the_invitation(run, circle):
    tomas = mentee("Tomas")
    invitation = invite(run, circle, tomas)
    circle_join(mentee=tomas, circle=circle)
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


@pytest.mark.django_db
def test_the_invitation_page_is_for_the_two_only(run, circle):
    tomas, sal = member("Tomas"), member("Sal")
    invitation = invite(run, circle, tomas)
    url = f"/mentoring/circles/invitations/{invitation.pk}/"
    page = client_for(tomas).get(url)
    assert page.status_code == 200
    assert "Accept and join" in page.content.decode()
    mentor_view = client_for(circle.mentor).get(url)
    assert mentor_view.status_code == 200
    assert "Accept and join" not in mentor_view.content.decode()
    assert client_for(sal).get(url).status_code == 404
    assert client_for(sal).post(f"{url}accept/").status_code == 404
    # The mentor may read it but not answer it.
    assert client_for(circle.mentor).post(f"{url}accept/").status_code == 302
    assert client_for(tomas).post(f"{url}maybe/").status_code == 404
    invitation.refresh_from_db()
    assert (invitation.status, CircleMember.objects.count()) == ("pending", 0)
    # Others (a member of the circle too) never reach the mentor's invitations page.
    circle_join(mentee=mentee("Ana"), circle=circle)
    ana = User.objects.get(first_name="Ana")
    assert client_for(ana).get(f"/mentoring/circles/{circle.pk}/invitations/").status_code == 404
    assert (
        client_for(sal)
        .post(f"/mentoring/circles/{circle.pk}/invitations/", {"member": "tomas"})
        .status_code
        == 404
    )
    assert CircleInvitation.objects.count() == 1


@pytest.mark.django_db
def test_a_block_after_the_invitation_hides_it_from_both(run, circle):
    tomas = member("Tomas")
    invitation = invite(run, circle, tomas)
    block_create(actor=tomas, blocked=circle.mentor)
    url = f"/mentoring/circles/invitations/{invitation.pk}/"
    for user in (tomas, circle.mentor):
        assert client_for(user).get(url).status_code == 404
    assert client_for(tomas).post(f"{url}accept/").status_code == 404
    assert client_for(tomas).get(f"{API}/circles/invitations").json() == []
    listed = client_for(circle.mentor).get(f"{API}/circles/{circle.pk}/invitations").json()
    assert listed == []
    assert CircleMember.objects.count() == 0


@pytest.mark.django_db
def test_the_mentor_invites_by_name_on_the_page(run, circle):
    tomas = member("Tomas")
    member("Tomasina")
    page_url = f"/mentoring/circles/{circle.pk}/invitations/"
    rosa = client_for(circle.mentor)
    assert rosa.get(page_url).status_code == 200
    # Two members match "Tom": the page says so (422) and nothing is sent.
    vague = rosa.post(page_url, {"member": "Tom"})
    assert vague.status_code == 422
    assert "Several members match" in vague.content.decode()
    nobody = rosa.post(page_url, {"member": "Zed"})
    assert (nobody.status_code, CircleInvitation.objects.count()) == (422, 0)
    # The picker fills the handle; without JavaScript the name alone works when it is unique.
    assert rosa.post(page_url, {"member": "Tomas", "handle": "tomas"}).status_code == 302
    again = rosa.post(page_url, {"member": "", "handle": "tomas"})
    assert (again.status_code, "already invited" in again.content.decode()) == (422, True)
    listing = rosa.get(page_url).content.decode()
    assert "Tomas" in listing and "Waiting for an answer" in listing
    assert CircleInvitation.objects.get().invitee == tomas
    # The picker's options come from community's member search, which marks group members.
    options = rosa.get("/community/member-search/", {"member": "Tom", "group": circle.group.slug})
    assert options.status_code == 200 and "Tomasina" in options.content.decode()


@pytest.mark.django_db
def test_the_invitee_answers_from_the_page_and_sees_it_on_circles(run, circle):
    tomas = member("Tomas")
    invitation = invite(run, circle, tomas)
    circles_page = client_for(tomas).get("/mentoring/circles/")
    assert circles_page.context["invited"] == [invitation]
    answered = client_for(tomas).post(f"/mentoring/circles/invitations/{invitation.pk}/accept/")
    assert answered.status_code == 302
    assert answered["Location"] == f"/mentoring/circles/{circle.pk}/"
    assert CircleMember.objects.filter(mentee=tomas).count() == 1
    assert client_for(tomas).get("/mentoring/circles/").context["invited"] == []


@pytest.mark.django_db
def test_the_api_round_trip(run, circle):
    tomas, sal = member("Tomas"), member("Sal")
    rosa = client_for(circle.mentor)
    base = f"{API}/circles/{circle.pk}/invitations"
    created = rosa.post(base, json.dumps({"handle": "@Tomas"}), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["invitee"]["handle"], body["circle_name"]) == (
        "pending",
        "tomas",
        "IV room",
    )
    inv = body["id"]
    assert [i["id"] for i in rosa.get(base).json()] == [inv]
    assert [i["id"] for i in client_for(tomas).get(f"{API}/circles/invitations").json()] == [inv]
    # Anyone but the two: 404, on the list, the invitation and the answer.
    assert client_for(sal).get(base).status_code == 404
    assert client_for(tomas).get(base).status_code == 404
    assert client_for(sal).get(f"{base}/{inv}").status_code == 404
    assert client_for(sal).post(f"{base}/{inv}/accept").status_code == 404
    assert (
        client_for(sal).post(base, json.dumps({"handle": "tomas"}), content_type="application/json")
    ).status_code == 404
    # The mentor reads it but does not answer it.
    assert rosa.get(f"{base}/{inv}").status_code == 200
    assert rosa.post(f"{base}/{inv}/accept").status_code == 403
    assert client_for(tomas).post(f"{base}/{inv}/maybe").status_code == 404
    # The wrong circle in the path: 404.
    other = circle_start(mentor=circle.mentor, name="Other", capacity=3)
    assert client_for(tomas).get(f"{API}/circles/{other.pk}/invitations/{inv}").status_code == 404
    # Bad input names the field; an unknown handle is a 404 and nothing changes.
    assert rosa.post(base, json.dumps({}), content_type="application/json").status_code == 422
    assert (
        rosa.post(base, json.dumps({"handle": "nobody"}), content_type="application/json")
    ).status_code == 404
    accepted = client_for(tomas).post(f"{base}/{inv}/accept")
    assert (accepted.status_code, accepted.json()["status"]) == (200, "accepted")
    again = client_for(tomas).post(f"{base}/{inv}/decline")
    assert again.status_code == 422
    assert CircleInvitation.objects.count() == 1
    assert CircleMember.objects.filter(mentee=tomas).count() == 1


@pytest.mark.django_db
def test_reads_cost_a_fixed_number_of_queries(run, circle, django_assert_num_queries):
    big = circle_start(mentor=circle.mentor, name="Big", capacity=12)
    invitees = [member(f"Guest{n}") for n in range(6)]
    for guest in invitees:
        circle_invite(mentor=circle.mentor, circle=big, invitee=guest)
    rosa, guest = client_for(circle.mentor), client_for(invitees[0])
    circle_start(mentor=mentor("Omar"), name="Second", capacity=3)
    omar = User.objects.get(first_name="Omar")
    second = Circle.objects.get(name="Second")
    circle_invite(mentor=omar, circle=second, invitee=invitees[0])
    for client, url in (
        (rosa, f"{API}/circles/{big.pk}/invitations"),
        (guest, f"{API}/circles/invitations"),
    ):
        client.get(url)  # the first request of a session records it (usersessions)
    # 7 for the session and user; circle, seats, blocked ids, invitations
    with django_assert_num_queries(11):
        assert len(rosa.get(f"{API}/circles/{big.pk}/invitations").json()) == 6
    # 7 for the session and user; blocked ids, invitations (with circle and mentor)
    with django_assert_num_queries(9):
        assert len(guest.get(f"{API}/circles/invitations").json()) == 2
    # The mentor's page: the same reads.
    with django_assert_num_queries(PAGE_QUERIES):
        assert rosa.get(f"/mentoring/circles/{big.pk}/invitations/").status_code == 200
    for n in range(6, 10):
        circle_invite(mentor=circle.mentor, circle=big, invitee=member(f"Guest{n}"))
    with django_assert_num_queries(PAGE_QUERIES):
        assert rosa.get(f"/mentoring/circles/{big.pk}/invitations/").status_code == 200
    with django_assert_num_queries(11):
        assert len(rosa.get(f"{API}/circles/{big.pk}/invitations").json()) == 10


@pytest.mark.django_db(transaction=True)
def test_joins_and_accepted_invitations_race_for_the_last_seat():
    """Five invitees accept and five mentees join at once for one seat: exactly one gets it
    (SQLite here; PostgreSQL with DATABASE_URL set)."""
    circle = circle_start(mentor=mentor("Rosa"), name="Race", capacity=2)
    circle_join(mentee=mentee("Earlier"), circle=circle)
    invitations = [
        circle_invite(mentor=circle.mentor, circle=circle, invitee=member(f"Guest{n}"))
        for n in range(5)
    ]
    joiners = [mentee(f"Joiner{n}") for n in range(5)]

    def accept(invitation_id: int):
        def attempt(ready):
            invitation = CircleInvitation.objects.get(pk=invitation_id)
            invitee = User.objects.get(pk=invitation.invitee_id)
            ready()
            circle_invitation_answer(invitee=invitee, invitation=invitation, accept=True)

        return attempt

    def join(joiner_id: int):
        def attempt(ready):
            joiner, target = User.objects.get(pk=joiner_id), Circle.objects.get(pk=circle.pk)
            ready()
            circle_join(mentee=joiner, circle=target)

        return attempt

    refused, errors = race([accept(i.pk) for i in invitations] + [join(j.pk) for j in joiners])
    assert errors == []
    assert CircleMember.objects.filter(circle=circle).count() == 2
    assert refused == ["All 2 seats of this circle are taken."] * 9
    accepted = CircleInvitation.objects.filter(status="accepted").count()
    assert accepted + CircleInvitation.objects.filter(status="pending").count() == 5
