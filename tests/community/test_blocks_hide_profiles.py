"""A block hides both members from each other everywhere a profile can be reached: the public
page, the API and the directory. The rule lives in `profiles.access`; these test the routes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.community.conftest import client_for

from rxguild.community.models import Block

pytestmark = pytest.mark.django_db

ROUTES = {
    "public page": lambda handle: reverse("profiles_public:detail", args=[handle]),
    "api": lambda handle: f"/api/v1/profiles/{handle}",
    "community member page": lambda handle: reverse("community:member", args=[handle]),
}


@pytest.fixture
def public_ana_and_ben(ana, ben):
    for user in (ana, ben):
        user.profile.is_public = True
        user.profile.save(update_fields=["is_public"])
    return ana, ben


@pytest.mark.parametrize("route", ROUTES.values(), ids=ROUTES.keys())
@pytest.mark.parametrize("blocker", ["viewer blocked", "viewer was blocked"])
def test_a_block_either_way_hides_the_profile(public_ana_and_ben, route, blocker):
    ana, ben = public_ana_and_ben
    before = client_for(ana).get(route("ben"))
    assert before.status_code == 200
    if blocker == "viewer blocked":
        Block.objects.create(blocker=ana, blocked=ben)
    else:
        Block.objects.create(blocker=ben, blocked=ana)
    assert client_for(ana).get(route("ben")).status_code == 404
    assert client_for(ben).get(route("ana")).status_code == 404


@pytest.mark.parametrize("route", ROUTES.values(), ids=ROUTES.keys())
def test_a_block_between_others_changes_nothing_for_a_third_member(public_ana_and_ben, cy, route):
    ana, ben = public_ana_and_ben
    Block.objects.create(blocker=ana, blocked=ben)
    assert client_for(cy).get(route("ben")).status_code == 200
    assert client_for(ana).get(route("ana")).status_code == 200  # the owner still sees it


def test_the_directory_hides_blocked_members(public_ana_and_ben):
    ana, ben = public_ana_and_ben
    Block.objects.create(blocker=ben, blocked=ana)
    assert "Ben" not in client_for(ana).get(reverse("community:directory")).content.decode()
    assert "Ana" not in client_for(ben).get(reverse("community:directory")).content.decode()
