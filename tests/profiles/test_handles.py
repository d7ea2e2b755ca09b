"""Readable, editable handles: the pure rules, the service, the page (htmx and plain), the API,
old handles redirecting (only for viewers who may see the profile), and the migration that
gave existing profiles handles from their names."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from tests.accounts.factories import UserFactory

from rxguild.community.services.connections import block_create
from rxguild.profiles import services
from rxguild.profiles.handles import handle_from_name, handle_normalize, handle_problem
from rxguild.profiles.models import HandleAlias, Profile

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


# --- the pure rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "handle"),
    [
        ("Maria Alvarez", "maria-alvarez"),
        ("María Álvarez-Núñez", "maria-alvarez-nunez"),
        ("  O'Brien, Pat  ", "o-brien-pat"),
        ("2nd Shift Sam", "nd-shift-sam"),
        ("李", ""),
        ("Al", ""),
        ("Admin", ""),
        ("Alexandra Konstantinopoulou Papadimitriou", "alexandra-konstantinopoulou"),
    ],
    ids=["plain", "accents", "punctuation", "leading-digit", "no-latin", "too-short", "reserved",
         "long-cut-at-a-word"],
)  # fmt: skip
def test_handle_from_name(name: str, handle: str) -> None:
    assert handle_from_name(name) == handle


@pytest.mark.parametrize(
    ("handle", "problem"),
    [
        ("maria-alvarez", None),
        ("cpht2026", None),
        ("ma", "Use at least 3 characters."),
        ("a" * 31, "Use at most 30 characters (this has 31)."),
        ("2maria", "Start with a letter (a to z)."),
        ("-maria", "Start with a letter (a to z)."),
        ("maria--alvarez", "Use only lowercase letters a to z, digits and single hyphens between "
         "them (no spaces, dots or accents)."),
        ("maria-", "Use only lowercase letters a to z, digits and single hyphens between them "
         "(no spaces, dots or accents)."),
        ("maria.alvarez", "Use only lowercase letters a to z, digits and single hyphens between "
         "them (no spaces, dots or accents)."),
        ("maría", "Use only lowercase letters a to z, digits and single hyphens between them "
         "(no spaces, dots or accents)."),
        ("admin", "“admin” is reserved for the site. Choose another."),
        ("me", "Use at least 3 characters."),
        ("staff", "“staff” is reserved for the site. Choose another."),
    ],
    ids=["ok", "digits-after-letter", "short", "long", "digit-first", "hyphen-first",
         "double-hyphen", "trailing-hyphen", "dot", "accent", "reserved", "reserved-short",
         "reserved-staff"],
)  # fmt: skip
def test_handle_problem(handle: str, problem: str | None) -> None:
    assert handle_problem(handle) == problem


def test_handle_normalize() -> None:
    assert handle_normalize("  @Maria-Alvarez ") == "maria-alvarez"


# --- the service ------------------------------------------------------------------------


def test_new_profiles_get_handles_from_the_name_deduplicated(db: None) -> None:
    first = services.profile_get_or_create_for_user(
        user=UserFactory(first_name="Maria", last_name="Alvarez")
    )
    second = services.profile_get_or_create_for_user(
        user=UserFactory(first_name="Maria", last_name="Alvarez")
    )
    nameless = services.profile_get_or_create_for_user(
        user=UserFactory(first_name="", last_name="")
    )
    assert (first.handle, second.handle) == ("maria-alvarez", "maria-alvarez-2")
    assert len(nameless.handle) == 10  # the random default until the member chooses one


def test_changing_the_handle_keeps_the_old_one_as_an_alias(profile: Profile) -> None:
    saved = services.profile_handle_set(profile=profile, handle=" Maria-CPhT ")
    profile.refresh_from_db()
    assert saved.changed == frozenset({"handle"})
    assert profile.handle == "maria-cpht"
    assert list(HandleAlias.objects.values_list("handle", "profile_id")) == [
        ("maria-alvarez", profile.pk)
    ]


def test_the_same_handle_again_changes_nothing(profile: Profile) -> None:
    before = Profile.objects.get(pk=profile.pk).updated_at
    saved = services.profile_handle_set(profile=profile, handle="maria-alvarez")
    assert saved.nothing_changed
    assert Profile.objects.get(pk=profile.pk).updated_at == before
    assert HandleAlias.objects.count() == 0


def test_a_member_may_take_back_their_own_old_handle(profile: Profile) -> None:
    services.profile_handle_set(profile=profile, handle="maria-cpht")
    services.profile_handle_set(profile=profile, handle="maria-alvarez")
    profile.refresh_from_db()
    assert profile.handle == "maria-alvarez"
    assert list(HandleAlias.objects.values_list("handle", flat=True)) == ["maria-cpht"]


@pytest.mark.parametrize("taken", ["current", "old"])
def test_another_members_handle_now_or_before_is_refused(profile: Profile, taken: str) -> None:
    other = services.profile_get_or_create_for_user(
        user=UserFactory(first_name="Olu", last_name="Ade")
    )
    if taken == "old":
        services.profile_handle_set(profile=other, handle="olu-cpht")
    with pytest.raises(ValidationError) as caught:
        services.profile_handle_set(profile=profile, handle="olu-ade")
    assert caught.value.message_dict == {
        "handle": ["“olu-ade” is taken. Try another, such as olu-ade-rx or olu-ade-2."]
    }
    profile.refresh_from_db()
    assert profile.handle == "maria-alvarez"
    assert HandleAlias.objects.filter(profile=profile).count() == 0


def test_handle_changes_are_limited_per_day(profile: Profile) -> None:
    for number in range(5):
        services.profile_handle_set(profile=profile, handle=f"maria-{number}")
    from rxguild.core.ratelimit import RateLimited

    with pytest.raises(RateLimited):
        services.profile_handle_set(profile=profile, handle="maria-six")
    profile.refresh_from_db()
    assert profile.handle == "maria-4"


# --- pages --------------------------------------------------------------------------------


def test_edit_page_shows_the_handle_form_and_a_suggestion(client: Any, member: Any) -> None:
    profile = services.profile_get_or_create_for_user(user=member)
    Profile.objects.filter(pk=profile.pk).update(handle="a1b2c3d4e5")
    client.force_login(member)
    html = client.get(reverse("profiles:edit")).content.decode()
    assert "Suggestion from your name" not in html  # read-only until Change handle
    assert "Your name suggests <strong>maria-alvarez</strong>." in html
    html = client.get(reverse("profiles:edit"), {"edit": "handle"}).content.decode()
    assert ">Your handle</label>" in html
    assert 'value="a1b2c3d4e5"' in html
    assert "Suggestion from your name: <strong>maria-alvarez</strong>" in html


def test_saving_the_handle_with_htmx_returns_the_section(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:handle"), {"handle": "maria-cpht"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="handle"')
    assert "Your public address is now /p/maria-cpht/. Old links still work." in html
    assert Profile.objects.get(pk=profile.pk).handle == "maria-cpht"


def test_saving_the_same_handle_says_nothing_changed(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:handle"), {"handle": "maria-alvarez"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Nothing changed."]


def test_a_bad_handle_shows_the_error_keeps_the_input_and_saves_nothing(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:handle"), {"handle": "Maria Alvarez!"}, **HTMX)
    html = response.content.decode()
    assert "Use only lowercase letters a to z" in html
    assert 'value="Maria Alvarez!"' in html
    assert Profile.objects.get(pk=profile.pk).handle == "maria-alvarez"
    assert HandleAlias.objects.count() == 0


def test_handle_save_needs_sign_in_and_changes_nothing(client: Any, profile: Profile) -> None:
    response = client.post(reverse("profiles:handle"), {"handle": "taken-over"})
    assert response.status_code == 302
    assert Profile.objects.get(pk=profile.pk).handle == "maria-alvarez"


def test_an_old_handle_redirects_to_the_current_page(
    client: Any, member: Any, profile: Profile
) -> None:
    services.profile_update(profile=profile, changes={"is_public": True})
    services.profile_handle_set(profile=profile, handle="maria-cpht")
    response = client.get("/p/maria-alvarez/")
    assert response.status_code == 301
    assert response["Location"] == "/p/maria-cpht/"
    assert client.get("/p/maria-cpht/").status_code == 200


def test_an_old_handle_of_a_hidden_profile_is_a_plain_404(
    client: Any, member: Any, other_member: Any, profile: Profile
) -> None:
    services.profile_handle_set(profile=profile, handle="maria-cpht")
    # Not public: anonymous visitors learn nothing from the old address either.
    assert client.get("/p/maria-alvarez/").status_code == 404
    # Blocked: the other member gets the same 404.
    block_create(actor=member, blocked=other_member)
    client.force_login(other_member)
    assert client.get("/p/maria-alvarez/").status_code == 404
    assert client.get("/api/v1/profiles/maria-alvarez").status_code == 404


# --- API ------------------------------------------------------------------------------------


def _put(client: Any, body: dict[str, Any]) -> Any:
    return client.put(
        "/api/v1/profiles/me/handle", data=json.dumps(body), content_type="application/json"
    )


def test_api_sets_the_handle(client: Any, member: Any, profile: Profile) -> None:
    client.force_login(member)
    response = _put(client, {"handle": "maria-cpht"})
    assert response.status_code == 200
    assert response.json() == {
        "handle": "maria-cpht",
        "public_url": "/p/maria-cpht/",
        "changed": True,
        "old_handles": ["maria-alvarez"],
    }
    again = _put(client, {"handle": "maria-cpht"})
    assert again.json()["changed"] is False
    assert client.get("/api/v1/profiles/maria-alvarez").json()["handle"] == "maria-cpht"


def test_api_refuses_a_reserved_handle_and_changes_nothing(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    response = _put(client, {"handle": "admin"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"handle": ["“admin” is reserved for the site. Choose another."]}
    }
    assert Profile.objects.get(pk=profile.pk).handle == "maria-alvarez"


def test_api_handle_needs_authentication(client: Any, profile: Profile) -> None:
    assert _put(client, {"handle": "someone-else"}).status_code == 401
    assert Profile.objects.get(pk=profile.pk).handle == "maria-alvarez"


# --- migration ------------------------------------------------------------------------------


def test_migration_gives_existing_profiles_readable_handles(db: None) -> None:
    rows = [
        ("Maria Alvarez", "", ""),
        ("", "Maria", "Alvarez"),  # no display name: the account's name
        ("", "", ""),  # nothing usable: keeps the random handle
    ]
    profiles = []
    for display_name, first, last in rows:
        user = UserFactory(first_name=first, last_name=last)
        profiles.append(Profile.objects.create(user=user, display_name=display_name))
    old = [p.handle for p in profiles]
    migration = importlib.import_module("rxguild.profiles.migrations.0003_handles_from_names")
    state = MigrationLoader(connection).project_state(("profiles", "0002_handle_aliases"))
    migration.forwards(state.apps, None)
    new = [Profile.objects.get(pk=p.pk).handle for p in profiles]
    assert new == ["maria-alvarez", "maria-alvarez-2", old[2]]
    assert sorted(HandleAlias.objects.values_list("handle", "profile_id")) == sorted(
        [(old[0], profiles[0].pk), (old[1], profiles[1].pk)]
    )


def test_community_pages_follow_an_old_handle_too(
    client: Any, member: Any, other_member: Any, profile: Profile
) -> None:
    services.profile_handle_set(profile=profile, handle="maria-cpht")
    client.force_login(other_member)
    response = client.get("/community/members/maria-alvarez/")
    assert (response.status_code, response["Location"]) == (301, "/community/members/maria-cpht/")
    response = client.get("/community/messages/maria-alvarez/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/community/messages/maria-cpht/",
    )
    block_create(actor=member, blocked=other_member)
    assert client.get("/community/members/maria-alvarez/").status_code == 404
