"""profile_get_for_viewer: the one place that decides who sees which sections.

The matrix: viewer kinds x section audiences x whether the profile is public.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from tests.profiles.conftest import image_bytes

from rxguild.profiles import services
from rxguild.profiles.completeness import ProfileFacts, completeness_from_facts
from rxguild.profiles.models import Audience, Profile
from rxguild.profiles.selectors import SECTIONS, profile_completeness, profile_get_for_viewer

pytestmark = pytest.mark.django_db

# Who sees a section with this audience (the rule table). Anonymous depends on is_public.
EXPECTED: dict[str, set[str]] = {
    Audience.PUBLIC: {"owner", "recruiter", "member", "anonymous_if_public"},
    Audience.MEMBERS: {"owner", "recruiter", "member"},
    Audience.RECRUITERS: {"owner", "recruiter"},
    Audience.PRIVATE: {"owner"},
}


@pytest.fixture
def full_profile(profile: Profile, cat: dict) -> Profile:
    import datetime as dt

    services.profile_update(profile=profile, changes={"zip_code": "77030", "state": "TX"})
    services.profile_photo_set(
        profile=profile, upload=io.BytesIO(image_bytes("PNG", (20, 20))), filename="me.png"
    )
    services.work_experience_add(
        profile=profile, employer="Acme", title="Tech", start_date=dt.date(2020, 1, 1)
    )
    services.education_add(profile=profile, institution="HCC", program="Tech program")
    services.credential_held_add(profile=profile, credential=cat["cpht"])
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 3})
    return profile


def _viewer(kind: str, request: pytest.FixtureRequest) -> Any:
    return {
        "owner": lambda: request.getfixturevalue("member"),
        "recruiter": lambda: request.getfixturevalue("recruiter"),
        "member": lambda: request.getfixturevalue("other_member"),
        "anonymous": AnonymousUser,
    }[kind]()


def _visible_sections(view: Any) -> set[str]:
    present = {
        "location": view.location is not None,
        "photo": view.photo_url is not None,
        "work": view.work is not None,
        "education": view.education is not None,
        "credentials": view.credentials is not None,
        "skills": view.skills is not None,
    }
    return {section for section, shown in present.items() if shown}


@pytest.mark.parametrize("is_public", [True, False], ids=["public", "not-public"])
@pytest.mark.parametrize("audience", list(Audience.values))
@pytest.mark.parametrize("kind", ["owner", "recruiter", "member", "anonymous"])
def test_visibility_matrix(
    full_profile: Profile, request: pytest.FixtureRequest, kind: str, audience: str, is_public: bool
) -> None:
    changes = {f"{section}_audience": audience for section in SECTIONS}
    services.profile_update(profile=full_profile, changes={**changes, "is_public": is_public})
    services.open_to_set(profile=full_profile, signals={"mentoring": audience})
    viewer = _viewer(kind, request)

    if kind == "anonymous" and not is_public:
        with pytest.raises(Http404):
            profile_get_for_viewer(viewer, full_profile.handle)
        return
    view = profile_get_for_viewer(viewer, full_profile.handle)
    allowed = EXPECTED[audience]
    may_see = kind in allowed or (kind == "anonymous" and "anonymous_if_public" in allowed)
    assert _visible_sections(view) == (set(SECTIONS) if may_see else set())
    assert [signal.kind for signal in view.open_to] == (["mentoring"] if may_see else [])
    # The basics are the billboard: whoever may see the profile sees them.
    assert view.display_name == "Maria Alvarez"


def test_sections_are_decided_one_by_one(full_profile: Profile, other_member: Any) -> None:
    services.profile_update(
        profile=full_profile,
        changes={
            "location_audience": Audience.PRIVATE,
            "photo_audience": Audience.MEMBERS,
            "work_audience": Audience.PUBLIC,
            "education_audience": Audience.RECRUITERS,
            "credentials_audience": Audience.MEMBERS,
            "skills_audience": Audience.PRIVATE,
        },
    )
    view = profile_get_for_viewer(other_member, full_profile.handle)
    assert _visible_sections(view) == {"photo", "work", "credentials"}


def test_unknown_handle_and_deactivated_member_are_404(
    full_profile: Profile, other_member: Any, member: Any
) -> None:
    with pytest.raises(Http404):
        profile_get_for_viewer(other_member, "no-such-handle")
    member.is_active = False
    member.save()
    with pytest.raises(Http404):
        profile_get_for_viewer(other_member, full_profile.handle)


def test_viewer_query_count_is_bounded(
    full_profile: Profile, other_member: Any, django_assert_num_queries: Any
) -> None:
    # The profile and its six prefetched sections, the viewer's roles, the block check, and
    # two for how each credential is known (the wallet app: documents, badges).
    with django_assert_num_queries(11):
        profile_get_for_viewer(other_member, full_profile.handle)


# --- completeness ----------------------------------------------------------------------

EMPTY = ProfileFacts(
    has_display_name=False,
    has_headline=False,
    has_brand_statement=False,
    has_location=False,
    practice_setting_count=0,
    has_photo=False,
    work_count=0,
    education_count=0,
    credential_count=0,
    skill_count=0,
)


def test_completeness_of_an_empty_profile() -> None:
    result = completeness_from_facts(EMPTY, edit_url="/profile/")
    assert result.percent == 0
    assert len(result.missing) == 10
    assert result.missing[0].url == "/profile/#basics"


def test_completeness_needs_three_skills() -> None:
    from dataclasses import replace

    two = completeness_from_facts(replace(EMPTY, skill_count=2), edit_url="/p")
    three = completeness_from_facts(replace(EMPTY, skill_count=3), edit_url="/p")
    assert (two.percent, three.percent) == (0, 10)


def test_completeness_of_a_full_profile(full_profile: Profile, cat: dict) -> None:
    services.profile_update(
        profile=full_profile,
        changes={"headline": "CPhT", "brand_statement": "Hi"},
        practice_settings=[cat["hospital"]],
    )
    services.profile_skills_set(
        profile=full_profile, skill_levels={cat["iv"]: 3, cat["billing"]: 2, cat["hipaa"]: 1}
    )
    result = profile_completeness(full_profile)
    assert (result.percent, result.missing) == (100, [])


def test_completeness_of_a_new_profile_names_the_steps(profile: Profile) -> None:
    result = profile_completeness(profile)
    assert result.percent == 10  # the name comes from the account
    assert [step.key for step in result.missing][:3] == ["headline", "work", "credentials"]
