"""Invitations by name instead of "the part after /p/": a search-as-you-type picker over the
members the inviter may see (active, not blocked either way, never oneself); without
JavaScript the typed name is looked up and must name one member."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.community.conftest import client_for, join, make_group, make_member

from rxguild.community.models import Membership, Notification
from rxguild.community.selectors.member_search import member_resolve, member_search
from rxguild.community.services.connections import block_create

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(ana):
    return {
        "maria": make_member("Maria", display_name="Maria Alvarez", headline="CPhT · IV room"),
        "mario": make_member("Mario", display_name="Mario Rossi"),
        "blocker": make_member("Marge", display_name="Marge Blocker"),
        "gone": make_member("Marty", display_name="Marty Gone"),
    }


def test_search_finds_visible_members_by_every_word(ana, people):
    block_create(actor=people["blocker"], blocked=ana)
    people["gone"].is_active = False
    people["gone"].save(update_fields=["is_active"])
    names = [m.display_name for m in member_search(viewer=ana, text="mar")]
    assert names == ["Maria Alvarez", "Mario Rossi"]
    assert [m.handle for m in member_search(viewer=ana, text="maria alv")] == ["maria"]
    assert member_search(viewer=ana, text="m") == []
    assert member_search(viewer=ana, text="ana") == []  # never oneself


def test_search_marks_group_members_and_invitees(ana, people):
    group = make_group("IV Room Circle", ana)
    join(group, people["maria"])
    Membership.objects.create(group=group, user=people["mario"], status="invited")
    matches = member_search(viewer=ana, text="mar", group=group)
    assert [(m.display_name, m.unavailable) for m in matches] == [
        ("Marge Blocker", ""),
        ("Maria Alvarez", "Already a member"),
        ("Mario Rossi", "Invited"),
        ("Marty Gone", ""),
    ]


def test_resolve_for_the_no_javascript_path(ana, people):
    assert member_resolve(viewer=ana, text="Maria Alvarez") == (people["maria"], "")
    assert member_resolve(viewer=ana, text="@mario") == (people["mario"], "")
    assert member_resolve(viewer=ana, text="mar") == (
        None,
        "Several members match “mar”: type more of their name.",
    )
    assert member_resolve(viewer=ana, text="Zed") == (None, "No member you can see matches “Zed”.")


def test_options_fragment_is_a_listbox_of_names(ana, people):
    html = (
        client_for(ana)
        .get(reverse("community:member_options"), {"member": "maria"}, **HTMX)
        .content.decode()
    )
    assert html.startswith('<li role="option" data-value="maria" data-label="Maria Alvarez">')
    assert "CPhT · IV room" in html
    assert "@example.org" not in html


def test_options_for_messages_link_to_the_conversation(ana, people):
    html = (
        client_for(ana)
        .get(reverse("community:member_options"), {"name": "mario", "purpose": "message"})
        .content.decode()
    )
    assert f'data-href="{reverse("community:conversation", args=["mario"])}"' in html


def test_options_of_an_invite_only_group_are_404_to_outsiders(ana, ben, people):
    make_group("Secret", ana, visibility="invite")
    response = client_for(ben).get(
        reverse("community:member_options"), {"member": "mar", "group": "secret"}
    )
    assert response.status_code == 404


def test_invite_by_chosen_handle_and_by_typed_name(ana, people):
    group = make_group("IV Room Circle", ana)
    url = reverse("community:group_membership", args=[group.slug, "invite"])
    response = client_for(ana).post(
        url, {"member": "Maria Alvarez", "handle": "maria"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["Invitation sent to Maria Alvarez."]
    response = client_for(ana).post(url, {"member": "Mario Rossi", "handle": ""}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Invitation sent to Mario Rossi."]
    assert sorted(
        Membership.objects.filter(status="invited").values_list("user__first_name", flat=True)
    ) == ["Maria", "Mario"]


def test_ambiguous_or_blocked_invites_change_nothing(ana, people):
    group = make_group("IV Room Circle", ana)
    block_create(actor=people["blocker"], blocked=ana)
    url = reverse("community:group_membership", args=[group.slug, "invite"])
    response = client_for(ana).post(url, {"member": "Mar", "handle": ""}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Several members match “Mar”: type more of their name."
    ]
    response = client_for(ana).post(url, {"member": "x", "handle": "marge"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "No member you can see matches “marge”."
    ]
    assert Membership.objects.filter(status="invited").count() == 0
    assert Notification.objects.filter(kind="group_invite").count() == 0


def test_group_page_has_the_picker_not_a_handle_box(ana):
    group = make_group("IV Room Circle", ana)
    html = client_for(ana).get(reverse("community:group_detail", args=[group.slug])).content
    html = html.decode()
    assert 'role="combobox"' in html
    assert '<label for="invite-member">Name of a colleague</label>' in html
    assert "after /p/" not in html


def test_member_search_api(ana, people):
    response = client_for(ana).get("/api/v1/community/member-search", {"q": "maria"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "handle": "maria",
            "display_name": "Maria Alvarez",
            "headline": "CPhT · IV room",
            "unavailable": "",
        }
    ]
