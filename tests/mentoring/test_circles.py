"""Mentoring circles: a mentor runs one with a private community group; mentees join up to
its capacity and leave; blocks hide it; only its people see who is in it or its discussion."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from tests.mentoring.factories import client_for, member, mentee, mentor

from rxguild.community.models import Block, Group, Membership
from rxguild.mentoring.models import Circle, CircleMember
from rxguild.mentoring.services.circles import circle_join, circle_leave, circle_start

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"


@pytest.fixture
def circle(db) -> Circle:
    return circle_start(mentor=mentor("Rosa"), name="New to the IV room", capacity=2)


def test_starting_a_circle_makes_its_private_group_with_the_mentor_as_owner(circle):
    group = circle.group
    assert (group.name, group.visibility) == ("Circle: New to the IV room", "invite")
    assert list(Membership.objects.filter(group=group).values_list("user__first_name", "role")) == [
        ("Rosa", "owner")
    ]


def test_only_mentors_start_circles_and_within_the_capacity_limits(db):
    with pytest.raises(ValidationError, match="Enrol as a mentor first"):
        circle_start(mentor=mentee("Tomas"), name="Mine")
    with pytest.raises(ValidationError) as error:
        circle_start(mentor=mentor("Ana"), name=" ", capacity=40)
    assert error.value.message_dict == {
        "name": ["Give the circle a name."],
        "capacity": ["A circle takes 2 to 12 mentees."],
    }
    assert (Circle.objects.count(), Group.objects.count()) == (0, 0)


def test_mentees_join_up_to_capacity_and_leave(circle):
    tomas, ana, ben = mentee("Tomas"), mentee("Ana"), mentee("Ben")
    circle_join(mentee=tomas, circle=circle)
    circle_join(mentee=ana, circle=circle)
    with pytest.raises(ValidationError, match="All 2 seats"):
        circle_join(mentee=ben, circle=circle)
    with pytest.raises(ValidationError, match="already in"):
        circle_join(mentee=tomas, circle=circle)
    assert set(
        Membership.objects.filter(group=circle.group, status="active").values_list(
            "user__first_name", flat=True
        )
    ) == {"Rosa", "Tomas", "Ana"}
    circle_leave(mentee=tomas, circle=circle)
    assert not Membership.objects.filter(group=circle.group, user=tomas).exists()
    circle_join(mentee=ben, circle=circle)
    assert CircleMember.objects.filter(circle=circle).count() == 2


def test_the_pages_join_and_show_the_discussion_to_members_only(circle):
    tomas, sal = mentee("Tomas"), member("Sal")
    listing = client_for(tomas).get("/mentoring/circles/")
    assert [c.name for c in listing.context["open_circles"]] == ["New to the IV room"]
    page = client_for(tomas).get(f"/mentoring/circles/{circle.pk}/").content.decode()
    assert "Join the circle" in page
    assert "Open the circle&#x27;s discussion" not in page
    response = client_for(tomas).post(f"/mentoring/circles/{circle.pk}/join/")
    assert response.status_code == 302
    page = client_for(tomas).get(f"/mentoring/circles/{circle.pk}/").content.decode()
    assert "Open the circle" in page and "Leave the circle" in page
    group_url = f"/community/groups/{circle.group.slug}/"
    assert client_for(tomas).get(group_url).status_code == 200
    assert client_for(sal).get(group_url).status_code == 404
    stranger_page = client_for(sal).get(f"/mentoring/circles/{circle.pk}/")
    assert stranger_page.context["members"] == []
    assert "Tomas" not in stranger_page.content.decode()


def test_a_mentor_starts_a_circle_from_the_page_and_bad_input_is_a_422(db):
    rosa = mentor("Rosa")
    bad = client_for(rosa).post("/mentoring/circles/", {"name": "", "capacity": "6"})
    assert bad.status_code == 422
    assert bad.context["form"].errors["name"] == ["This field is required."]
    good = client_for(rosa).post(
        "/mentoring/circles/", {"name": "Returning to work", "capacity": "4"}
    )
    circle = Circle.objects.get()
    assert good["Location"] == f"/mentoring/circles/{circle.pk}/"
    assert (circle.name, circle.capacity, circle.mentor) == ("Returning to work", 4, rosa)


def test_a_block_either_way_hides_the_circle(circle):
    tomas = mentee("Tomas")
    Block.objects.create(blocker=circle.mentor, blocked=tomas)
    assert client_for(tomas).get("/mentoring/circles/").context["open_circles"] == []
    assert client_for(tomas).get(f"/mentoring/circles/{circle.pk}/").status_code == 404
    assert client_for(tomas).post(f"/mentoring/circles/{circle.pk}/join/").status_code == 404
    assert client_for(tomas).post(f"{API}/circles/{circle.pk}/join").status_code == 404
    assert CircleMember.objects.count() == 0


def test_the_api_round_trip(db):
    rosa, tomas, sal = mentor("Rosa"), mentee("Tomas"), member("Sal")
    created = client_for(rosa).post(
        f"{API}/circles",
        json.dumps({"name": "CSPT study", "capacity": 3}),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    circle_id = created.json()["id"]
    joined = client_for(tomas).post(f"{API}/circles/{circle_id}/join")
    assert joined.status_code == 200
    assert (joined.json()["is_member"], joined.json()["seats_left"]) == (True, 2)
    assert [m["display_name"] for m in joined.json()["members"]] == ["Tomas"]
    seen_by_sal = client_for(sal).get(f"{API}/circles/{circle_id}").json()
    assert (seen_by_sal["members"], seen_by_sal["group_slug"]) == (None, None)
    # Only its mentor closes it.
    assert client_for(tomas).post(f"{API}/circles/{circle_id}/close").status_code == 403
    assert client_for(rosa).post(f"{API}/circles/{circle_id}/close").json()["status"] == "closed"
    bad = client_for(rosa).post(
        f"{API}/circles", json.dumps({"name": "x", "capacity": 1}), content_type="application/json"
    )
    assert bad.status_code == 422
    assert Circle.objects.count() == 1


def test_a_mentor_who_deletes_their_account_takes_the_circle_not_its_discussion(circle):
    tomas = mentee("Tomas")
    circle_join(mentee=tomas, circle=circle)
    group_id = circle.group_id
    circle.mentor.delete()
    assert (Circle.objects.count(), CircleMember.objects.count()) == (0, 0)
    assert list(Membership.objects.filter(group_id=group_id).values_list("user", flat=True)) == [
        tomas.pk
    ]
