"""Group cards say what a group is, how many belong, who can read it, where the viewer stands
and what they can do; invite-only groups stay hidden from outsiders."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.community.conftest import client_for, join, make_group

from rxguild.community.models import Membership
from rxguild.community.selectors.group_cards import group_cards

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(ana, ben):
    texas = make_group(
        "Texas Technicians",
        ana,
        kind="state",
        state="TX",
        description="**Monthly** meetups for Texas techs: board rules, CE and jobs.\n\n"
        + "x" * 300,
    )
    join(texas, ben)
    iv = make_group("IV Room Circle", ben, visibility="members", kind="specialty")
    secret = make_group("Secret Cohort", ben, visibility="invite", kind="cohort")
    Membership.objects.create(group=secret, user=ana, status="invited")
    hidden = make_group("Hidden Cohort", ben, visibility="invite", kind="cohort")
    return {"texas": texas, "iv": iv, "secret": secret, "hidden": hidden}


def test_cards_for_a_member(ana, groups):
    cards = {card.group.name: card for card in group_cards(ana)}
    assert sorted(cards) == ["IV Room Circle", "Secret Cohort", "Texas Technicians"]
    texas = cards["Texas Technicians"]
    assert (texas.member_count, texas.visibility, texas.standing, texas.action) == (
        2,
        "Public",
        "owner",
        "open",
    )
    assert texas.excerpt.startswith("Monthly meetups for Texas techs: board rules, CE and jobs.")
    assert len(texas.excerpt) == 160
    assert (cards["IV Room Circle"].visibility, cards["IV Room Circle"].action) == (
        "Members only",
        "join",
    )
    assert (cards["Secret Cohort"].standing_text, cards["Secret Cohort"].action) == (
        "You are invited",
        "accept",
    )


def test_group_list_page(ana, groups, django_assert_max_num_queries):
    client = client_for(ana)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("community:groups")).content.decode()
    assert "You own this group" in html
    assert "2 members" in html
    assert "Accept invitation" in html
    assert '>Join<span class="visually-hidden"> IV Room Circle</span></button>' in html
    assert "Hidden Cohort" not in html
    assert "**" not in html


def test_group_list_for_visitors_offers_log_in(groups):
    html = Client().get(reverse("community:groups")).content.decode()
    assert "Log in to join" in html
    assert "Secret Cohort" not in html
    assert "You own" not in html


def test_joining_from_a_card(ben, groups, cy):
    response = client_for(cy).post(
        reverse("community:group_membership", args=["iv-room-circle", "join"]),
        {"next": reverse("community:group_detail", args=["iv-room-circle"])},
    )
    assert response.status_code == 302
    assert response.url == reverse("community:group_detail", args=["iv-room-circle"])
    assert Membership.objects.filter(group=groups["iv"], user=cy, status="active").count() == 1
