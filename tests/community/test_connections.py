from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.community.conftest import client_for, connect, make_member

from rxguild.community.models import Block, Connection, Follow, Notification
from rxguild.community.services import connections as services
from rxguild.profiles.models import Audience

pytestmark = pytest.mark.django_db


def test_request_accept_flow_through_pages(ana, ben):
    response = client_for(ana).post(reverse("community:member_action", args=["ben", "connect"]))
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert (connection.from_user, connection.to_user, connection.status) == (ana, ben, "pending")
    assert Notification.objects.filter(recipient=ben, kind="connection_request").count() == 1
    page = client_for(ben).get(reverse("community:connections"))
    assert "Ana" in page.content.decode()
    response = client_for(ben).post(
        reverse("community:connection_answer", args=[connection.pk, "accept"])
    )
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.status == "accepted"
    assert Notification.objects.filter(recipient=ana, kind="connection_accepted").count() == 1


def test_decline_and_withdraw(ana, ben, cy):
    first = services.connection_request(actor=ana, to_user=ben)
    services.connection_decline(actor=ben, connection_id=first.pk)
    assert Connection.objects.get(pk=first.pk).status == "declined"
    second = services.connection_request(actor=ana, to_user=cy)
    with pytest.raises(ValidationError):
        services.connection_withdraw(actor=cy, connection_id=second.pk)  # not theirs
    services.connection_withdraw(actor=ana, connection_id=second.pk)
    assert Connection.objects.get(pk=second.pk).status == "withdrawn"


def test_only_the_recipient_can_accept(ana, ben, cy):
    request = services.connection_request(actor=ana, to_user=ben)
    response = client_for(cy).post(
        reverse("community:connection_answer", args=[request.pk, "accept"])
    )
    assert response.status_code == 302
    assert Connection.objects.get(pk=request.pk).status == "pending"


def test_duplicate_and_self_requests_refused(ana, ben):
    services.connection_request(actor=ana, to_user=ben)
    with pytest.raises(ValidationError, match="already waiting"):
        services.connection_request(actor=ana, to_user=ben)
    with pytest.raises(ValidationError, match="already asked"):
        services.connection_request(actor=ben, to_user=ana)
    with pytest.raises(ValidationError):
        services.connection_request(actor=ana, to_user=ana)
    assert Connection.objects.count() == 1


def test_block_ends_ties_and_hides_member(ana, ben):
    connect(ana, ben)
    Follow.objects.create(follower=ben, followed=ana)
    client_for(ana).post(reverse("community:member_action", args=["ben", "block"]))
    assert Block.objects.filter(blocker=ana, blocked=ben).count() == 1
    assert Connection.objects.count() == 0
    assert Follow.objects.count() == 0
    # Each is now a 404 to the other, and can't ask to connect.
    assert client_for(ben).get(reverse("community:member", args=["ana"])).status_code == 404
    assert client_for(ana).get(reverse("community:member", args=["ben"])).status_code == 404
    with pytest.raises(ValidationError):
        services.connection_request(actor=ben, to_user=ana)
    client_for(ana).post(reverse("community:member_action", args=["ben", "unblock"]))
    assert Block.objects.count() == 0


def test_follow_and_unfollow(ana, ben):
    client_for(ana).post(reverse("community:member_action", args=["ben", "follow"]))
    assert Follow.objects.filter(follower=ana, followed=ben).count() == 1
    client_for(ana).post(reverse("community:member_action", args=["ben", "unfollow"]))
    assert Follow.objects.count() == 0


def test_connection_request_daily_cap_for_new_members(db):
    newbie = make_member("Newbie", days_old=0)
    others = [make_member(f"Other{n}") for n in range(11)]
    for other in others[:10]:
        services.connection_request(actor=newbie, to_user=other)
    from rxguild.core.ratelimit import RateLimited

    with pytest.raises(RateLimited):
        services.connection_request(actor=newbie, to_user=others[10])
    assert Connection.objects.count() == 10


class TestDirectory:
    def test_filters_respect_audiences(self, ana, cat):
        visible = make_member("Vera", state="TX")
        hidden = make_member("Hana", state="TX", location_audience=Audience.PRIVATE)
        response = client_for(ana).get(reverse("community:directory"), {"state": "TX"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "Vera" in body
        assert "Hana" not in body  # her state is private: searching by it must not find her
        assert visible.pk != hidden.pk

    def test_name_search_and_credentials(self, ana, cat):
        from rxguild.profiles.models import CredentialHeld

        carla = make_member("Carla")
        CredentialHeld.objects.create(profile=carla.profile, credential=cat["cspt"])
        dana = make_member("Dana", credentials_audience=Audience.PRIVATE)
        CredentialHeld.objects.create(profile=dana.profile, credential=cat["cspt"])
        response = client_for(ana).get(reverse("community:directory"), {"credential": "ptcb-cspt"})
        body = response.content.decode()
        assert "Carla" in body
        assert "Dana" not in body
        response = client_for(ana).get(reverse("community:directory"), {"name": "carl"})
        assert "1 member" in response.content.decode()

    def test_open_to_filter(self, ana, cat):
        from rxguild.profiles.models import OpenTo

        eve = make_member("Eve")
        OpenTo.objects.create(profile=eve.profile, kind="mentoring", audience=Audience.MEMBERS)
        fay = make_member("Fay")
        OpenTo.objects.create(profile=fay.profile, kind="mentoring", audience=Audience.PRIVATE)
        body = (
            client_for(ana)
            .get(reverse("community:directory"), {"open_to": "mentoring"})
            .content.decode()
        )
        assert "Eve" in body
        assert "Fay" not in body

    def test_blocked_members_are_not_listed(self, ana, ben):
        Block.objects.create(blocker=ben, blocked=ana)
        body = client_for(ana).get(reverse("community:directory")).content.decode()
        assert "Ben" not in body

    def test_anonymous_is_sent_to_login(self, client, db):
        response = client.get(reverse("community:directory"))
        assert response.status_code == 302

    def test_query_count_is_bounded(self, ana, cat, django_assert_max_num_queries):
        for n in range(15):
            make_member(f"Member{n}")
        client = client_for(ana)
        client.get(reverse("community:directory"))  # session set-up outside the count
        with django_assert_max_num_queries(20):
            response = client.get(reverse("community:directory"))
        assert response.status_code == 200
