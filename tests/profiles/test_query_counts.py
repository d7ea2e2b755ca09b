"""Query-count guards on the profile pages and API lists: the same number of queries for a
profile with 3 entries in every section as for one with 10."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from tests.profiles.factories import CredentialFactory, PracticeSettingFactory, SkillFactory

from rxguild.accounts.models import User
from rxguild.profiles import services
from rxguild.profiles.models import Audience, Profile

pytestmark = pytest.mark.django_db

ROWS = pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])


def _profile_with_entries(member: User, rows: int) -> Profile:
    """`rows` entries in each section, every section open to members and the page public."""
    profile = services.profile_get_or_create_for_user(user=member)
    services.profile_update(
        profile=profile,
        changes={
            "is_public": True,
            **{
                f"{section}_audience": Audience.PUBLIC
                for section in ("work", "education", "credentials", "skills")
            },
        },
    )
    skill_levels = {}
    for n in range(rows):
        services.work_experience_add(
            profile=profile,
            employer=f"Employer number {n}",
            title="Technician",
            practice_setting=PracticeSettingFactory(),
            start_date=dt.date(2010 + n, 1, 1),
        )
        services.education_add(
            profile=profile, institution=f"Institution number {n}", program="Tech program"
        )
        services.credential_held_add(
            profile=profile, credential=CredentialFactory(name=f"Credential number {n}")
        )
        skill_levels[SkillFactory(name=f"Skill number {n}")] = 3
    services.profile_skills_set(profile=profile, skill_levels=skill_levels)
    profile.practice_settings.add(PracticeSettingFactory(), PracticeSettingFactory())
    return profile


def case(url: str, markers: dict[str, int], queries: int) -> Any:
    """`markers`: text the response shows so many times per entry (so the rows are there)."""
    return pytest.param(url, markers, queries, id=url)


EACH_ONCE = {
    "Employer number ": 1,
    "Institution number ": 1,
    "Credential number ": 1,
    "Skill number ": 1,
}


@ROWS
@pytest.mark.parametrize(
    ("url", "markers", "queries"),
    [
        # Every signed-in request also reads the session and user and touches allauth's session.
        case(
            "/profile/",
            # The edit page names each entry again in its hidden button labels.
            {
                "Employer number ": 4,
                "Institution number ": 1,
                "Credential number ": 4,
                "Skill number ": 3,
            },
            # Basics open read-only (no practice-settings checkboxes) and the add forms come on
            # demand (no credential list); two for how each credential is known (the wallet
            # app: documents, badges).
            20,
        ),
        case("/profile/skills/search/?q=Skill+number", {"Skill number ": 1}, 8),
        case("/api/v1/profiles/me", EACH_ONCE, 19),
        case("/api/v1/profiles/me/json-resume", EACH_ONCE, 19),
        case("/api/v1/profiles/me/work", {"Employer number ": 1}, 11),
        case("/api/v1/profiles/me/education", {"Institution number ": 1}, 11),
        case("/api/v1/profiles/me/credentials", {"Credential number ": 1}, 13),
        case("/api/v1/profiles/me/skills", {"Skill number ": 1}, 11),
    ],
)
def test_owner_lists_cost_the_same_for_any_number_of_entries(
    client: Client,
    member: User,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    markers: dict[str, int],
    queries: int,
) -> None:
    _profile_with_entries(member, rows)
    client.force_login(member)
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert {marker: html.count(marker) for marker in markers} == {
        marker: per_entry * rows for marker, per_entry in markers.items()
    }


@ROWS
@pytest.mark.parametrize("viewer", ["member", "anonymous"])
@pytest.mark.parametrize("route", ["/p/{handle}/", "/api/v1/profiles/{handle}"])
def test_public_profile_costs_the_same_for_any_number_of_entries(
    client: Client,
    member: User,
    other_member: User,
    django_assert_num_queries: Any,
    rows: int,
    viewer: str,
    route: str,
) -> None:
    profile = _profile_with_entries(member, rows)
    url = route.format(handle=profile.handle)
    if viewer == "member":
        client.force_login(other_member)
    client.get(url)  # the first request records the user session
    # A member's view adds the session, the viewer's roles and the block check. The page adds
    # one query for the member's verified experience (the experience app; none verified here)
    # and one for approved recommendations (the growth app; none here). Both add two for how
    # each credential is known (the wallet app: documents, badges).
    extra = 2 if route.startswith("/p/") else 0
    with django_assert_num_queries((18 if viewer == "member" else 9) + extra):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert {marker: html.count(marker) for marker in EACH_ONCE} == dict.fromkeys(EACH_ONCE, rows)
