"""JSON Resume export/import, through the page and the API."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.accounts.factories import UserFactory

from rxguild.profiles import services
from rxguild.profiles.models import CredentialHeld, Profile, ProfileSkill, WorkExperience

pytestmark = pytest.mark.django_db
API = "/api/v1/profiles/me/json-resume"


@pytest.fixture
def rich_profile(profile: Profile, cat: dict) -> Profile:
    services.profile_update(
        profile=profile,
        changes={
            "headline": "CPhT · IV room",
            "brand_statement": "Seven years in **hospital** pharmacy.",
            "zip_code": "77030",
            "years_experience": 7,
        },
        practice_settings=[cat["hospital"], cat["retail"]],
    )
    services.work_experience_add(
        profile=profile,
        employer="Bayou City Medical Center",
        title="IV technician",
        practice_setting=cat["hospital"],
        city="Houston",
        state="TX",
        start_date=dt.date(2021, 3, 1),
        summary="TPN and IV admixtures.",
    )
    services.work_experience_add(
        profile=profile,
        employer="Gulf Coast Pharmacy",
        title="Technician",
        start_date=dt.date(2018, 6, 1),
        end_date=dt.date(2021, 2, 1),
    )
    services.education_add(
        profile=profile,
        institution="Houston Community College",
        program="Pharmacy Technician Certificate",
        accreditation="ASHP/ACPE",
        externship_hours=160,
        start_date=dt.date(2017, 8, 20),
        end_date=dt.date(2018, 5, 10),
    )
    services.credential_held_add(
        profile=profile,
        credential=cat["cpht"],
        number="123456",
        issued_on=dt.date(2024, 3, 1),
        expires_on=dt.date(2026, 3, 31),
    )
    services.credential_held_add(profile=profile, credential=cat["tx"], number="TX-1")
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 4, cat["billing"]: 2})
    return profile


def test_export_follows_the_schema_and_carries_rxguild_extras(
    client: Any, member: Any, rich_profile: Profile
) -> None:
    client.force_login(member)
    response = client.get(reverse("profiles:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rxguild-resume.json"'
    document = response.json()
    assert sorted(document) == [
        "$schema", "basics", "certificates", "education", "meta", "skills", "work",
    ]  # fmt: skip
    assert document["basics"]["name"] == "Maria Alvarez"
    assert document["basics"]["label"] == "CPhT · IV room"
    assert document["basics"]["email"] == "maria@example.org"
    assert document["basics"]["location"] == {
        "postalCode": "77030",
        "region": "TX",
        "countryCode": "US",
    }
    assert document["work"][0] == {
        "name": "Bayou City Medical Center",
        "position": "IV technician",
        "location": "Houston, TX",
        "startDate": "2021-03-01",
        "summary": "TPN and IV admixtures.",
        "x-rxguild": {"city": "Houston", "state": "TX", "practiceSetting": "hospital"},
    }
    assert document["education"][0]["x-rxguild"] == {
        "kind": "training_program",
        "accreditation": "ASHP/ACPE",
        "externshipHours": 160,
    }
    assert [c["name"] for c in document["certificates"]] == [
        "Certified Pharmacy Technician",
        "Texas Registered Pharmacy Technician",
    ]
    assert document["certificates"][0]["x-rxguild"]["expiresOn"] == "2026-03-31"
    assert document["meta"]["x-rxguild"]["practiceSettings"] == ["community", "hospital"]


def test_round_trip_export_import_export_is_equal(
    client: Any, member: Any, rich_profile: Profile
) -> None:
    client.force_login(member)
    first = client.get(API).json()
    newcomer = UserFactory(email="new@example.org")
    client.force_login(newcomer)
    response = client.post(API, data=json.dumps(first), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["imported"] == {
        "work": 2,
        "education": 1,
        "certificates": 2,
        "skills": 2,
    }
    second = client.get(API).json()
    # The email is the account's own, not part of the profile.
    assert second["basics"].pop("email") == "new@example.org"
    assert first["basics"].pop("email") == "maria@example.org"
    assert second == first


def test_import_from_another_tool_maps_names_and_reports_unknowns(
    client: Any, member: Any, profile: Profile, cat: dict
) -> None:
    document = {
        "basics": {
            "name": "Maria A.",
            "label": "Pharmacy technician",
            "location": {"region": "tx"},
        },
        "work": [{"company": "Old Pharmacy", "position": "Tech", "startDate": "2019-04"}],
        "certificates": [
            {"name": "CPhT", "date": "2022-01-15"},
            {"name": "Basic Life Support", "date": "2023"},
        ],
        "skills": [
            {"name": "Insurance billing", "level": "Expert / can teach"},
            {"name": "Order entry"},
            {"name": "Juggling"},
        ],
    }
    client.force_login(member)
    response = client.post(API, data=json.dumps(document), content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["unknown_certificates"] == ["Basic Life Support"]
    assert body["unknown_skills"] == ["Juggling"]
    assert body["imported"] == {"work": 1, "education": 0, "certificates": 1, "skills": 2}
    held = CredentialHeld.objects.get(profile=profile)
    assert (held.credential.code, held.issued_on) == ("ptcb-cpht", dt.date(2022, 1, 15))
    work = WorkExperience.objects.get(profile=profile)
    assert (work.employer, work.start_date) == ("Old Pharmacy", dt.date(2019, 4, 1))
    levels = {row.skill.code: row.level for row in ProfileSkill.objects.filter(profile=profile)}
    assert levels == {"third-party-billing": 4, "prescription-data-entry": 2}
    profile.refresh_from_db()
    assert (profile.display_name, profile.state) == ("Maria A.", "TX")


MALFORMED = {
    "not an object": ([1, 2, 3], {"document": ["A JSON Resume must be a JSON object ({...})."]}),
    "work is not a list": ({"work": {"name": "x"}}, {"work": ["Input should be a valid list"]}),
    "wrong types inside": (
        {"basics": {"name": 42}, "skills": [{"name": ["a"]}]},
        {
            "basics.name": ["Input should be a valid string"],
            "skills[0].name": ["Input should be a valid string"],
        },
    ),
    "bad dates": (
        {"work": [{"name": "A", "position": "B", "startDate": "last spring"}]},
        {"work[0].startDate": ["'last spring' is not a date like 2024-05-31."]},
    ),
    "missing position and start": (
        {"work": [{"name": "A"}]},
        {
            "work[0]": ["Each job needs a name (employer) and a position."],
            "work[0].startDate": ["Each job needs a startDate."],
        },
    ),
    "end before start": (
        {"work": [{"name": "A", "position": "B", "startDate": "2020-01", "endDate": "2019-01"}]},
        {"work[0].end_date": ["The end date must be after the start date."]},
    ),
    "headline too long": (
        {"basics": {"label": "x" * 200}},
        {"basics.label": ["String should have at most 160 characters"]},
    ),
    "foreign country": (
        {"basics": {"location": {"countryCode": "CA"}}},
        {
            "basics.location.countryCode": [
                "RxGuild profiles are for US locations (countryCode US)."
            ]
        },
    ),
}


@pytest.mark.parametrize(("document", "expected"), MALFORMED.values(), ids=MALFORMED)
def test_malformed_documents_list_problems_and_save_nothing(
    client: Any, member: Any, rich_profile: Profile, document: Any, expected: dict
) -> None:
    work_before = list(WorkExperience.objects.values_list("employer", flat=True))
    client.force_login(member)
    response = client.post(API, data=json.dumps(document), content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": expected}
    assert list(WorkExperience.objects.values_list("employer", flat=True)) == work_before
    assert Profile.objects.get(pk=rich_profile.pk).headline == "CPhT · IV room"


def test_invalid_json_body_is_a_clear_422(client: Any, member: Any, profile: Profile) -> None:
    client.force_login(member)
    response = client.post(API, data="{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]["document"][0].startswith("The body is not valid JSON")


def test_page_import_shows_problems_next_to_the_file_field(
    client: Any, member: Any, rich_profile: Profile
) -> None:
    client.force_login(member)
    upload = SimpleUploadedFile("resume.json", b'{"work": "nope"}', "application/json")
    response = client.post(reverse("profiles:import"), {"resume_file": upload})
    assert response.status_code == 200
    form = response.context["import_form"]
    assert form.errors["resume_file"] == [
        "Nothing was imported.",
        "work: Input should be a valid list",
    ]
    assert WorkExperience.objects.filter(profile=rich_profile).count() == 2


def test_page_import_of_a_broken_file(client: Any, member: Any, profile: Profile) -> None:
    client.force_login(member)
    upload = SimpleUploadedFile("resume.json", b"\xff\xfe garbage", "application/json")
    response = client.post(reverse("profiles:import"), {"resume_file": upload})
    assert (
        response.context["import_form"]
        .errors["resume_file"][0]
        .startswith("That file is not valid JSON")
    )


def test_page_import_success_redirects_with_report(
    client: Any, member: Any, profile: Profile, cat: dict
) -> None:
    client.force_login(member)
    document = {"certificates": [{"name": "CPhT"}, {"name": "Unknown Cert"}]}
    upload = SimpleUploadedFile("r.json", json.dumps(document).encode(), "application/json")
    response = client.post(reverse("profiles:import"), {"resume_file": upload}, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        "Not in our credential catalog, so not imported (add them by hand if you can): "
        "Unknown Cert",
        "Imported your JSON Resume.",
    ]
    assert CredentialHeld.objects.filter(profile=profile).count() == 1
