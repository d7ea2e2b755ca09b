"""Profile services: valid changes are saved; invalid ones give field messages, save nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.profiles.conftest import image_bytes

from rxguild.profiles import services
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    Education,
    OpenTo,
    Profile,
    ProfileSkill,
    WorkExperience,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _errors(call: Any, **kwargs: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_get_or_create_is_idempotent_and_uses_the_members_name(member: Any) -> None:
    first = services.profile_get_or_create_for_user(user=member)
    second = services.profile_get_or_create_for_user(user=member)
    assert first.pk == second.pk
    assert first.display_name == "Maria Alvarez"
    assert Profile.objects.count() == 1
    assert first.handle == "maria-alvarez"


def test_profile_update_saves_basics_and_settings(profile: Profile, cat: dict) -> None:
    services.profile_update(
        profile=profile,
        changes={"headline": "  CPhT, IV room  ", "zip_code": "77030", "state": "tx"},
        practice_settings=[cat["hospital"]],
    )
    profile.refresh_from_db()
    assert (profile.headline, profile.zip_code, profile.state) == ("CPhT, IV room", "77030", "TX")
    assert [s.code for s in profile.practice_settings.all()] == ["hospital"]


def test_zip_without_state_fills_in_the_state(profile: Profile) -> None:
    services.profile_update(profile=profile, changes={"zip_code": "10001"})
    profile.refresh_from_db()
    assert profile.state == "NY"


BAD_LOCATIONS = {
    "four digits": ({"zip_code": "7703", "state": "TX"}, "zip_code", "Enter a 5-digit ZIP code"),
    "letters": ({"zip_code": "ABCDE", "state": "TX"}, "zip_code", "Enter a 5-digit ZIP code"),
    "zip+4 is not accepted": ({"zip_code": "77030-1234"}, "zip_code", "Ensure this value"),
    "unknown zip": ({"zip_code": "00000", "state": "TX"}, "zip_code", "We don't know that ZIP"),
    "zip in another state": (
        {"zip_code": "77030", "state": "CA"},
        "zip_code",
        "ZIP code 77030 is in TX, not CA.",
    ),
    "not a state": ({"state": "XX"}, "state", "Choose a US state, DC or territory"),
}


@pytest.mark.parametrize(("changes", "field", "message"), BAD_LOCATIONS.values(), ids=BAD_LOCATIONS)
def test_bad_locations_are_refused_and_nothing_changes(
    profile: Profile, changes: dict, field: str, message: str
) -> None:
    services.profile_update(profile=profile, changes={"zip_code": "78701", "state": "TX"})
    errors = _errors(services.profile_update, profile=profile, changes=changes)
    assert message in errors[field][0]
    stored = Profile.objects.get(pk=profile.pk)
    assert (stored.zip_code, stored.state) == ("78701", "TX")


def test_territories_and_dc_are_states(profile: Profile) -> None:
    services.profile_update(profile=profile, changes={"zip_code": "00901", "state": "PR"})
    services.profile_update(profile=profile, changes={"zip_code": "20001", "state": "DC"})
    assert Profile.objects.get(pk=profile.pk).state == "DC"


def test_overlong_fields_are_refused(profile: Profile) -> None:
    errors = _errors(
        services.profile_update,
        profile=profile,
        changes={"headline": "x" * 161, "brand_statement": "y" * 4001, "display_name": "z" * 121},
    )
    assert sorted(errors) == ["brand_statement", "display_name", "headline"]
    assert errors["headline"] == ["Ensure this value has at most 160 characters (it has 161)."]
    assert Profile.objects.get(pk=profile.pk).headline == ""


def test_bad_audience_and_unknown_field_are_refused(profile: Profile) -> None:
    errors = _errors(
        services.profile_update, profile=profile, changes={"work_audience": "everyone"}
    )
    assert errors["work_audience"] == ["Value 'everyone' is not a valid choice."]
    errors = _errors(services.profile_update, profile=profile, changes={"user_id": 99})
    assert errors == {"user_id": ["This field can't be changed here."]}


def test_years_of_experience_must_be_sane(profile: Profile) -> None:
    errors = _errors(services.profile_update, profile=profile, changes={"years_experience": 71})
    assert errors["years_experience"] == ["Enter years of experience from 0 to 70."]


# --- work ------------------------------------------------------------------------------


def test_work_add_update_delete(profile: Profile, cat: dict) -> None:
    work = services.work_experience_add(
        profile=profile,
        employer="Bayou City Medical",
        title="IV technician",
        practice_setting=cat["hospital"],
        state="tx",
        start_date=dt.date(2020, 3, 1),
    )
    assert (work.state, work.end_date) == ("TX", None)
    services.work_experience_update(work_experience=work, end_date=dt.date(2022, 1, 31))
    assert WorkExperience.objects.get(pk=work.pk).end_date == dt.date(2022, 1, 31)
    services.work_experience_delete(work_experience=work)
    assert WorkExperience.objects.count() == 0


BAD_WORK = {
    "end before start": (
        {"start_date": dt.date(2022, 1, 1), "end_date": dt.date(2021, 1, 1)},
        "end_date",
        "The end date must be after the start date.",
    ),
    "start in 1900": ({"start_date": dt.date(1900, 1, 1)}, "start_date", "Enter a start date"),
    "start far in the future": (
        {"start_date": TODAY.replace(year=TODAY.year + 3)},
        "start_date",
        "Enter a start date",
    ),
    "end in the future": (
        {"start_date": dt.date(2020, 1, 1), "end_date": TODAY + dt.timedelta(days=40)},
        "end_date",
        "Enter an end date",
    ),
    "employer too long": ({"employer": "E" * 161}, "employer", "at most 160 characters"),
    "missing title": ({"title": ""}, "title", "This field cannot be blank."),
    "bad state": ({"state": "ZZ"}, "state", "Choose a US state"),
}


@pytest.mark.parametrize(("changes", "field", "message"), BAD_WORK.values(), ids=BAD_WORK)
def test_bad_work_is_refused(profile: Profile, changes: dict, field: str, message: str) -> None:
    fields = {"employer": "Acme", "title": "Tech", "start_date": dt.date(2020, 1, 1), **changes}
    errors = _errors(services.work_experience_add, profile=profile, **fields)
    assert message in errors[field][0]
    assert WorkExperience.objects.count() == 0


# --- education -------------------------------------------------------------------------


def test_education_with_externship_hours(profile: Profile) -> None:
    education = services.education_add(
        profile=profile,
        institution="Houston Community College",
        program="Pharmacy Technician Certificate",
        externship_hours=160,
        start_date=dt.date(2018, 8, 20),
        end_date=dt.date(2019, 5, 10),
    )
    assert (education.kind, education.externship_hours) == ("training_program", 160)
    services.education_update(education=education, externship_hours=200)
    assert Education.objects.get(pk=education.pk).externship_hours == 200
    services.education_delete(education=education)
    assert Education.objects.count() == 0


def test_bad_education_is_refused(profile: Profile) -> None:
    errors = _errors(
        services.education_add,
        profile=profile,
        institution="HCC",
        program="Tech",
        externship_hours=9000,
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2018, 1, 1),
        kind="phd",
    )
    assert errors["externship_hours"] == ["Enter externship hours from 0 to 5000."]
    assert errors["end_date"] == ["The end date must be after the start date."]
    assert errors["kind"] == ["Value 'phd' is not a valid choice."]
    assert Education.objects.count() == 0


# --- credentials -----------------------------------------------------------------------


def test_credential_add_fills_the_state_of_a_state_registration(
    profile: Profile, cat: dict
) -> None:
    held = services.credential_held_add(
        profile=profile, credential=cat["tx"], number="123", issued_on=dt.date(2020, 1, 1)
    )
    assert held.state == "TX"
    national = services.credential_held_add(
        profile=profile,
        credential=cat["cpht"],
        issued_on=dt.date(2023, 1, 1),
        expires_on=dt.date(2025, 1, 31),
    )
    assert national.state == ""
    services.credential_held_update(credential_held=national, number="99")
    assert CredentialHeld.objects.get(pk=national.pk).number == "99"
    services.credential_held_delete(credential_held=national)
    assert CredentialHeld.objects.count() == 1


BAD_CREDENTIALS = {
    "expiry before issue": (
        "cpht",
        {"issued_on": dt.date(2024, 1, 1), "expires_on": dt.date(2023, 1, 1)},
        "expires_on",
        "The expiry date must be after the issue date.",
    ),
    "expiry on the issue day": (
        "cpht",
        {"issued_on": dt.date(2024, 1, 1), "expires_on": dt.date(2024, 1, 1)},
        "expires_on",
        "The expiry date must be after the issue date.",
    ),
    "issued in the future": (
        "cpht",
        {"issued_on": TODAY + dt.timedelta(days=30)},
        "issued_on",
        "The issue date can't be in the future.",
    ),
    "expiry absurdly far": (
        "cpht",
        {"expires_on": dt.date(TODAY.year + 30, 1, 1)},
        "expires_on",
        "Enter an expiry date",
    ),
    "state registration from another state": (
        "tx",
        {"state": "CA"},
        "state",
        "is issued by TX, not CA.",
    ),
    "national credential with a state": ("cpht", {"state": "TX"}, "state", "national credential"),
    "number too long": ("cpht", {"number": "9" * 61}, "number", "at most 60 characters"),
}


@pytest.mark.parametrize(
    ("key", "fields", "field", "message"), BAD_CREDENTIALS.values(), ids=BAD_CREDENTIALS
)
def test_bad_credentials_are_refused(
    profile: Profile, cat: dict, key: str, fields: dict, field: str, message: str
) -> None:
    errors = _errors(services.credential_held_add, profile=profile, credential=cat[key], **fields)
    assert message in errors[field][0]
    assert CredentialHeld.objects.count() == 0


def test_a_credential_is_listed_once(profile: Profile, cat: dict) -> None:
    services.credential_held_add(profile=profile, credential=cat["cpht"])
    errors = _errors(services.credential_held_add, profile=profile, credential=cat["cpht"])
    assert errors["credential"] == ["You already list Certified Pharmacy Technician."]
    assert CredentialHeld.objects.count() == 1


# --- skills and signals ----------------------------------------------------------------


def test_skills_set_replaces_and_keeps_levels(profile: Profile, cat: dict) -> None:
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 3, cat["billing"]: 2})
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 4, cat["hipaa"]: 1})
    rows = {row.skill.code: row.level for row in ProfileSkill.objects.select_related("skill")}
    assert rows == {"iv-additives": 4, "hipaa": 1}


def test_skills_set_refuses_a_bad_level_and_keeps_the_old_set(profile: Profile, cat: dict) -> None:
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 3})
    errors = _errors(services.profile_skills_set, profile=profile, skill_levels={cat["hipaa"]: 9})
    assert errors == {"level": ["Choose a level from 1 (learning) to 4 (expert)."]}
    assert [row.skill_id for row in ProfileSkill.objects.all()] == [cat["iv"].pk]


def test_open_to_set_replaces_signals(profile: Profile) -> None:
    services.open_to_set(profile=profile, signals={"jobs": "recruiters", "mentoring": "public"})
    services.open_to_set(profile=profile, signals={"mentoring": "members"})
    assert list(OpenTo.objects.values_list("kind", "audience")) == [("mentoring", "members")]


def test_open_to_set_refuses_unknown_values(profile: Profile) -> None:
    services.open_to_set(profile=profile, signals={"jobs": Audience.PUBLIC})
    errors = _errors(
        services.open_to_set, profile=profile, signals={"jobs": "world", "dating": "public"}
    )
    assert errors == {
        "jobs": ["Choose who may see this signal."],
        "dating": ["Unknown 'open to' signal."],
    }
    assert list(OpenTo.objects.values_list("kind", "audience")) == [("jobs", "public")]


# --- photo -----------------------------------------------------------------------------


def test_photo_set_stores_a_reencoded_copy_and_replacing_deletes_the_old(
    profile: Profile, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_photo_set(
            profile=profile, upload=io.BytesIO(image_bytes("PNG", (1000, 1000))), filename="me.png"
        )
    first = Profile.objects.get(pk=profile.pk).photo
    assert first.name.startswith("photos/") and first.name.endswith(".jpg")
    assert first.storage.exists(first.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_photo_set(
            profile=profile, upload=io.BytesIO(image_bytes("JPEG")), filename="me2.jpg"
        )
    assert not first.storage.exists(first.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_photo_clear(profile=profile)
    assert Profile.objects.get(pk=profile.pk).photo.name == ""


def test_bad_photo_changes_nothing(profile: Profile) -> None:
    services.profile_photo_set(
        profile=profile, upload=io.BytesIO(image_bytes("PNG", (50, 50))), filename="ok.png"
    )
    before = Profile.objects.get(pk=profile.pk).photo.name
    errors = _errors(
        services.profile_photo_set,
        profile=profile,
        upload=io.BytesIO(b"%PDF-1.4 not an image"),
        filename="evil.jpg",
    )
    assert errors == {"photo": ["That file is not a JPEG, PNG or WebP image."]}
    assert Profile.objects.get(pk=profile.pk).photo.name == before
