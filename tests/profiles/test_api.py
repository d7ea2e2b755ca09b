"""The profiles API: own profile and sub-resources, another member's view, permissions."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from rxguild.accounts.tokens import token_create
from rxguild.profiles import services
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    Education,
    Profile,
    ProfileSkill,
    WorkExperience,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/profiles"


def _json(client: Any, method: str, url: str, body: Any = None, **extra: Any) -> Any:
    return getattr(client, method)(
        url,
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        **extra,
    )


def test_me_needs_authentication(client: Any) -> None:
    response = client.get(f"{BASE}/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in or send a valid personal access token."}


def test_me_get_and_patch(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    body = client.get(f"{BASE}/me").json()
    assert body["display_name"] == "Maria Alvarez"
    assert body["completeness"]["percent"] == 10
    response = _json(
        client,
        "patch",
        f"{BASE}/me",
        {
            "headline": "CPhT",
            "zip_code": "77030",
            "state": "TX",
            "practice_settings": ["hospital"],
            "audiences": {"work": "public"},
            "open_to": {"jobs": "recruiters"},
            "is_public": True,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["headline"], body["zip_code"], body["state"]) == ("CPhT", "77030", "TX")
    assert body["practice_settings"] == ["hospital"]
    assert body["audiences"]["work"] == "public"
    assert body["open_to"] == [{"kind": "jobs", "audience": "recruiters"}]
    assert body["public_url"] == f"/p/{body['handle']}/"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"zip_code": "1234"},
            {"zip_code": ["Enter a 5-digit ZIP code, such as 77030."]},
        ),
        (
            {"state": "QQ"},
            {"state": ["Choose a US state, DC or territory (two-letter code such as TX)."]},
        ),
        (
            {"headline": "h" * 161},
            {"headline": ["Ensure this value has at most 160 characters (it has 161)."]},
        ),
        (
            {"practice_settings": ["moon-base"]},
            {"practice_settings": ["Unknown practice settings: moon-base."]},
        ),
        ({"audiences": {"diary": "public"}}, {"audiences": ["Unknown sections: diary."]}),
        (
            {"headline": "ok", "open_to": {"jobs": "everyone"}},
            {"jobs": ["Choose who may see this signal."]},
        ),
    ],
    ids=[
        "short-zip",
        "bad-state",
        "long-headline",
        "unknown-setting",
        "unknown-section",
        "bad-open-to",
    ],
)
def test_me_patch_errors_are_422_with_field_messages_and_nothing_saved(
    client: Any, member: Any, profile: Profile, cat: dict, payload: dict, expected: dict
) -> None:
    client.force_login(member)
    response = _json(client, "patch", f"{BASE}/me", payload)
    assert response.status_code == 422
    assert response.json() == {"detail": expected}
    stored = Profile.objects.get(pk=profile.pk)
    assert (stored.headline, stored.zip_code, stored.state) == ("", "", "")


def test_me_patch_wrong_type_is_422(client: Any, member: Any) -> None:
    client.force_login(member)
    response = _json(client, "patch", f"{BASE}/me", {"years_experience": "many"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "years_experience"]


def test_work_list_create_delete(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    response = _json(
        client,
        "post",
        f"{BASE}/me/work",
        {
            "employer": "Bayou",
            "title": "IV tech",
            "practice_setting": "hospital",
            "start_date": "2021-03-01",
        },
    )
    assert response.status_code == 201
    work_id = response.json()["id"]
    assert [w["employer"] for w in client.get(f"{BASE}/me/work").json()] == ["Bayou"]
    bad = _json(
        client,
        "post",
        f"{BASE}/me/work",
        {"employer": "X", "title": "Y", "start_date": "2021-03-01", "end_date": "2020-01-01"},
    )
    assert bad.status_code == 422
    assert bad.json() == {"detail": {"end_date": ["The end date must be after the start date."]}}
    assert client.delete(f"{BASE}/me/work/{work_id}").status_code == 204
    assert WorkExperience.objects.count() == 0


def test_education_credentials_skills(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    education = _json(
        client,
        "post",
        f"{BASE}/me/education",
        {"institution": "HCC", "program": "Tech", "externship_hours": 160},
    )
    assert education.status_code == 201
    held = _json(
        client,
        "post",
        f"{BASE}/me/credentials",
        {"credential": "state-tx-technician", "number": "1"},
    )
    assert held.status_code == 201
    assert held.json()["state"] == "TX"
    unknown = _json(client, "post", f"{BASE}/me/credentials", {"credential": "nope"})
    assert unknown.json() == {"detail": {"credential": ["Unknown credential 'nope'."]}}
    skill = _json(client, "post", f"{BASE}/me/skills", {"skill": "hipaa", "level": 3})
    assert skill.status_code == 201
    assert [s["skill"] for s in client.get(f"{BASE}/me/skills").json()] == ["hipaa"]
    level = _json(client, "patch", f"{BASE}/me/skills/{skill.json()['id']}", {"level": 4})
    assert level.json()["level"] == 4
    too_high = _json(client, "patch", f"{BASE}/me/skills/{skill.json()['id']}", {"level": 5})
    assert too_high.status_code == 422
    assert [c["credential"] for c in client.get(f"{BASE}/me/credentials").json()] == [
        "state-tx-technician"
    ]
    assert len(client.get(f"{BASE}/me/education").json()) == 1
    assert client.delete(f"{BASE}/me/skills/{skill.json()['id']}").status_code == 204
    assert client.delete(f"{BASE}/me/credentials/{held.json()['id']}").status_code == 204
    assert client.delete(f"{BASE}/me/education/{education.json()['id']}").status_code == 204
    assert (
        ProfileSkill.objects.count(),
        CredentialHeld.objects.count(),
        Education.objects.count(),
    ) == (0, 0, 0)


def test_token_auth_works(client: Any, member: Any) -> None:
    secret = token_create(user=member, name="script").secret
    response = client.get(f"{BASE}/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


@pytest.fixture
def private_bits(profile: Profile, cat: dict) -> Profile:
    services.profile_update(
        profile=profile,
        changes={
            "is_public": True,
            "headline": "CPhT",
            "work_audience": Audience.PUBLIC,
            "credentials_audience": Audience.PRIVATE,
            "education_audience": Audience.RECRUITERS,
            "skills_audience": Audience.MEMBERS,
        },
    )
    services.work_experience_add(
        profile=profile, employer="Pub", title="T", start_date=dt.date(2020, 1, 1)
    )
    services.credential_held_add(profile=profile, credential=cat["cpht"], number="SECRET")
    services.education_add(profile=profile, institution="HCC", program="Tech")
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 2})
    return profile


def test_anonymous_sees_only_public_sections(client: Any, private_bits: Profile) -> None:
    body = client.get(f"{BASE}/{private_bits.handle}").json()
    assert body["headline"] == "CPhT"
    assert [w["employer"] for w in body["work"]] == ["Pub"]
    assert (body["credentials"], body["education"], body["skills"]) == (None, None, None)


def test_member_and_recruiter_views(
    client: Any, private_bits: Profile, other_member: Any, recruiter: Any
) -> None:
    client.force_login(other_member)
    body = client.get(f"{BASE}/{private_bits.handle}").json()
    assert (body["credentials"], body["education"]) == (None, None)
    assert [s["skill"] for s in body["skills"]] == ["iv-additives"]
    client.force_login(recruiter)
    body = client.get(f"{BASE}/{private_bits.handle}").json()
    assert body["credentials"] is None
    assert [e["institution"] for e in body["education"]] == ["HCC"]


def test_not_public_profile_is_404_for_anonymous(client: Any, profile: Profile) -> None:
    response = client.get(f"{BASE}/{profile.handle}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_another_member_can_never_change_my_profile(
    client: Any, other_member: Any, private_bits: Profile
) -> None:
    work = WorkExperience.objects.get(profile=private_bits)
    held = CredentialHeld.objects.get(profile=private_bits)
    client.force_login(other_member)
    assert client.delete(f"{BASE}/me/work/{work.pk}").status_code == 404
    assert client.delete(f"{BASE}/me/credentials/{held.pk}").status_code == 404
    # PATCH /me only ever reaches the caller's own profile.
    _json(client, "patch", f"{BASE}/me", {"headline": "Hacked"})
    assert Profile.objects.get(pk=private_bits.pk).headline == "CPhT"
    assert WorkExperience.objects.filter(pk=work.pk).count() == 1
    assert CredentialHeld.objects.get(pk=held.pk).number == "SECRET"
    body = client.get(f"{BASE}/{private_bits.handle}").json()
    assert "SECRET" not in json.dumps(body)


def test_session_writes_need_csrf(member: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    response = strict.patch(
        f"{BASE}/me", data=json.dumps({"headline": "x"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert Profile.objects.filter(user=member, headline="x").count() == 0
