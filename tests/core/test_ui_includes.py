"""The shared look: avatars or initials for members, empty states that say what to do, and
the landing page a visitor sees."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from rxguild.core.templatetags.rxguild_ui import avatar_tone, initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maria Alvarez, CPhT", "MA"),
        ("Rosa", "R"),
        ("ana maria de la cruz", "AC"),
        ("", "?"),
        (None, "?"),
        ("  (he/him) ", "?"),
    ],
    ids=["credential-after-comma", "one-word", "lowercase-many-words", "empty", "none", "symbols"],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_avatar_tone_is_stable_and_in_range():
    assert avatar_tone("Maria Alvarez") == avatar_tone("Maria Alvarez")
    assert {avatar_tone(f"Member {n}") for n in range(60)} == {0, 1, 2, 3, 4, 5}


def test_avatar_shows_initials_or_the_photo_hidden_from_screen_readers():
    html = Template('{% load rxguild_ui %}{% avatar "Maria Alvarez" size="sm" %}').render(Context())
    tone = avatar_tone("Maria Alvarez")
    assert html == (
        f'<span class="avatar avatar-sm avatar-tone-{tone}" aria-hidden="true">MA</span>\n'
    )
    with_photo = Template(
        '{% include "core/_avatar.html" with name="Maria Alvarez" photo_url="/p/maria/photo/" %}'
    ).render(Context())
    assert (
        '<span class="avatar avatar-md" aria-hidden="true">'
        '<img src="/p/maria/photo/" alt="" loading="lazy"></span>'
    ) in with_photo


def test_empty_state_says_what_to_do():
    html = Template(
        '{% include "core/_empty_state.html" with title="No CE records yet." text="Add one." '
        'action_url="/ce/records/add/" action_label="Add a record" %}'
    ).render(Context())
    assert '<p class="empty-state-title">No CE records yet.</p>' in html
    assert '<p class="empty-state-text">Add one.</p>' in html
    assert '<a href="/ce/records/add/" role="button">Add a record</a>' in html
    assert "secondary outline" not in html


@pytest.mark.django_db
def test_empty_transcript_offers_the_ways_to_add_records(client):
    from tests.ce.conftest import make_member

    client.force_login(make_member())
    html = client.get(reverse("ce:transcript")).content.decode()
    assert '<p class="empty-state-title">No CE records yet.</p>' in html
    assert f'<a href="{reverse("ce:record_add")}" role="button">Add a record</a>' in html
    assert (
        f'<a href="{reverse("ce:certificate_upload")}" role="button" class="secondary outline">'
        "Upload a certificate</a>"
    ) in html


@pytest.mark.django_db
def test_landing_page_explains_rxguild_to_a_visitor(client):
    html = client.get(reverse("core:home")).content.decode()
    assert "Grow your pharmacy technician career, together.</h1>" in html
    for heading in (
        "Stay certified",
        "Find the right job",
        "Resumes that get read",
        "Grow with peers",
    ):
        assert f"</svg>{heading}</h2>" in html
    assert (
        f'<a href="{reverse("account_signup")}" role="button">Create your free account</a>' in html
    )
    assert '<img src="/static/rxguild/logo-mark.svg" alt="" width="32" height="32">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "title", "action"),
    [
        ("tracker:board", "Nothing tracked yet.", ("jobs:search", "Search jobs")),
        (
            "community:connections",
            "No connections yet.",
            ("community:directory", "Find colleagues"),
        ),
        ("growth:goals", "No goals in progress.", None),
        (
            "ce:dashboard",
            "You have no credentials on your profile yet.",
            ("profiles:edit", "Add a credential"),
        ),
    ],
    ids=["tracker-board", "connections", "goals", "ce-status"],
)
def test_a_new_members_empty_pages_say_what_to_do(client, url_name, title, action):
    from tests.ce.conftest import make_member

    client.force_login(make_member())
    html = client.get(reverse(url_name)).content.decode()
    assert f'<p class="empty-state-title">{title}</p>' in html
    if action:
        target, label = action
        assert f'<a href="{reverse(target)}' in html and f'role="button">{label}</a>' in html


@pytest.mark.django_db
def test_the_board_is_shown_once_something_is_tracked(client):
    from tests.ce.conftest import make_member

    from rxguild.tracker.models import TrackedApplication

    member = make_member()
    TrackedApplication.objects.create(member=member, title="IV room technician", organization="X")
    client.force_login(member)
    html = client.get(reverse("tracker:board")).content.decode()
    assert "Nothing tracked yet." not in html
    assert 'aria-label="Application board"' in html
