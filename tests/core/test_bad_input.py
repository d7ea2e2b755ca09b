"""Inputs a security probe found giving a 500: each now gets a clear 4xx and changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.accounts.factories import UserFactory

from rxguild.accounts.models import User
from rxguild.profiles.models import WorkExperience

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db: None) -> User:
    return UserFactory(email="maria@example.org")


def test_lone_surrogate_in_an_api_body_is_a_400(client: Any, member: User) -> None:
    client.force_login(member)
    body = '{"employer": "\\ud800", "title": "Technician", "start_date": "2020-01-01"}'
    response = client.post("/api/v1/profiles/me/work", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "lone UTF-16 surrogate" in response.json()["detail"]
    assert WorkExperience.objects.count() == 0


def test_deeply_nested_json_resume_is_a_422(client: Any, member: User) -> None:
    client.force_login(member)
    body = '{"basics": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.post(
        "/api/v1/profiles/me/json-resume", data=body, content_type="application/json"
    )
    assert response.status_code == 422
    assert "nested too deeply" in json.dumps(response.json())


def test_deeply_nested_json_resume_file_is_a_form_error(client: Any, member: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    upload = SimpleUploadedFile("resume.json", b"[" * 5000 + b"]" * 5000, "application/json")
    response = client.post("/profile/import/", {"resume_file": upload})
    assert response.status_code == 200
    assert "nested too deeply" in response.content.decode()


def test_api_body_over_the_upload_limit_is_a_413(client: Any, member: User, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client.force_login(member)
    body = json.dumps(
        {"employer": "x" * (2 * 1024 * 1024), "title": "T", "start_date": "2020-01-01"}
    )
    response = client.post("/api/v1/profiles/me/work", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large: the limit is 1 MB."}
    assert WorkExperience.objects.count() == 0


# --- values the schema allows but the columns cannot hold --------------------------------


@pytest.mark.parametrize("field", ["notes", "organization"])
def test_tracker_patch_null_text_clears_it(client: Any, member: User, field: str) -> None:
    from rxguild.tracker.models import TrackedApplication

    client.force_login(member)
    created = client.post(
        "/api/v1/jobs/tracker/items",
        {"title": "Technician", "external_url": "https://example.org/job", "organization": "Acme"},
        content_type="application/json",
    )
    item_id = created.json()["id"]
    TrackedApplication.objects.filter(pk=item_id).update(notes="call Monday")
    response = client.patch(
        f"/api/v1/jobs/tracker/items/{item_id}", {field: None}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()[field] == ""
    assert getattr(TrackedApplication.objects.get(pk=item_id), field) == ""


def test_tracker_patch_null_link_is_a_422(client: Any, member: User) -> None:
    from rxguild.tracker.models import TrackedApplication

    client.force_login(member)
    created = client.post(
        "/api/v1/jobs/tracker/items",
        {"title": "Technician", "external_url": "https://example.org/job"},
        content_type="application/json",
    )
    item_id = created.json()["id"]
    response = client.patch(
        f"/api/v1/jobs/tracker/items/{item_id}",
        {"external_url": None},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"external_url": ["Paste the job's full web address (https://…)."]}
    }
    assert TrackedApplication.objects.get(pk=item_id).external_url == "https://example.org/job"


# --- events: time zones and moments outside what can be shown ----------------------------


def _event_body(**changes: str) -> dict[str, str]:
    body = {
        "title": "Sterile compounding update",
        "starts_at": "2027-03-14T18:30",
        "ends_at": "2027-03-14T19:30",
        "time_zone": "America/Chicago",
        "format": "online",
        "online_url": "https://meet.example.org/room",
        "visibility": "public",
    }
    body.update(changes)
    return body


BAD_EVENTS = [
    pytest.param(
        {"time_zone": "A" * 300},
        "time_zone",
        "“" + "A" * 60 + "…” is not a time zone; use e.g. America/Chicago.",
        id="300-character-time-zone",
    ),
    pytest.param(
        {"time_zone": "../../etc/passwd"},
        "time_zone",
        "“../../etc/passwd” is not a time zone; use e.g. America/Chicago.",
        id="path-as-time-zone",
    ),
    pytest.param(
        {"starts_at": "9999-12-31T22:00", "ends_at": "9999-12-31T23:00"},
        "starts_at",
        "Enter a start between 2000 and 2100.",
        id="year-9999-in-chicago",
    ),
    pytest.param(
        {"starts_at": "0001-01-01T00:00Z", "ends_at": "0001-01-01T01:00Z"},
        "starts_at",
        "Enter a start between 2000 and 2100.",
        id="year-1-utc",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_EVENTS)
def test_event_api_refuses(client: Any, changes: dict[str, str], field: str, message: str) -> None:
    from rxguild.community.models import Event

    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        "/api/v1/community/events", _event_body(**changes), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][field] == [message]
    assert Event.objects.count() == 0


@pytest.mark.parametrize(("changes", "field", "message"), BAD_EVENTS)
def test_event_page_refuses(client: Any, changes: dict[str, str], field: str, message: str) -> None:
    from rxguild.community.models import Event

    client.force_login(UserFactory(is_staff=True))
    response = client.post("/community/events/new/", _event_body(**changes))
    assert response.status_code == 400
    if field == "time_zone" and len(changes["time_zone"]) > 60:
        message = "Ensure this value has at most 60 characters (it has 300)."  # the form's own
    assert response.context["form"].errors[field] == [message]
    assert Event.objects.count() == 0


def test_event_at_the_edge_of_the_range_shows_everywhere(client: Any) -> None:
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        "/api/v1/community/events",
        _event_body(
            starts_at="2100-12-31T17:00", ends_at="2100-12-31T17:30", time_zone="Pacific/Kiritimati"
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    event_id = response.json()["id"]
    assert client.get(f"/community/events/{event_id}/").status_code == 200
    assert client.get(f"/community/events/{event_id}/event.ics").status_code == 200


# --- files that are not what they claim ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            "title,description\nCafé technician,Night shift\n".encode("latin-1"),
            "The CSV is not UTF-8 text (byte 22 is not valid UTF-8): save it from your "
            "spreadsheet as “CSV UTF-8”.",
            id="latin-1",
        ),
        pytest.param(
            b"title,description\nTech\x00nician,x\n",
            "The CSV contains NUL bytes; it is not a text file.",
            id="nul-bytes",
        ),
    ],
)
def test_employer_import_of_an_unreadable_csv(client: Any, content: bytes, message: str) -> None:
    import io

    from tests.jobs.factories import EmployerFactory, recruiter_for

    from rxguild.jobs.models import JobPosting

    employer = EmployerFactory()
    client.force_login(recruiter_for(employer))
    upload = io.BytesIO(content)
    upload.name = "jobs.csv"
    response = client.post(f"/jobs/employer/{employer.slug}/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["file_error"] == message
    assert JobPosting.objects.count() == 0


def test_employer_import_of_deeply_nested_json(client: Any) -> None:
    import io

    from tests.jobs.factories import EmployerFactory, recruiter_for

    employer = EmployerFactory()
    client.force_login(recruiter_for(employer))
    upload = io.BytesIO(b"[" * 5000 + b"]" * 5000)
    upload.name = "jobs.json"
    response = client.post(f"/jobs/employer/{employer.slug}/import/", {"file": upload})
    assert response.status_code == 200
    assert "nested too deeply" in response.context["file_error"]


# --- integers beyond 64 bits --------------------------------------------------------------


def test_catalog_offset_beyond_64_bits_is_a_422(client: Any) -> None:
    response = client.get("/api/v1/catalog/skills?offset=9223372036854775808")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["query", "offset"], "msg": "Input should be less than or equal to 1000000"}
        ]
    }


def test_profile_form_with_an_id_beyond_64_bits(client: Any, member: User) -> None:
    from rxguild.profiles.services import profile_get_or_create_for_user

    client.force_login(member)
    profile = profile_get_or_create_for_user(user=member)
    response = client.post(
        "/profile/",
        {"display_name": "Maria A.", "practice_settings": "99999999999999999999999"},
    )
    assert response.status_code == 200
    assert response.context["basics_form"].errors["practice_settings"] == [
        "Select a valid choice. 99999999999999999999999 is not one of the available choices."
    ]
    profile.refresh_from_db()
    assert profile.display_name != "Maria A."


def test_in_lookup_ignores_integers_no_column_holds(db: None) -> None:
    from rxguild.catalog.models import PracticeSetting

    first = PracticeSetting.objects.create(code="retail", name="Retail")
    found = PracticeSetting.objects.filter(pk__in=[2**70, -(2**70), first.pk])
    assert list(found) == [first]
    assert list(PracticeSetting.objects.filter(pk__in=[2**70])) == []


def test_cancelling_an_rsvp_for_no_such_event_is_a_404(client: Any, member: User) -> None:
    client.force_login(member)
    response = client.post("/api/v1/community/events/987654/cancel")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_nul_character_in_an_api_body_is_a_400(client: Any, member: User) -> None:
    client.force_login(member)
    body = '{"employer": "Memorial\\u0000", "title": "Technician", "start_date": "2020-01-01"}'
    response = client.post("/api/v1/profiles/me/work", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The JSON contains a NUL character (\\u0000), which text can't hold."
    }
    assert WorkExperience.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    ["/api/v1/catalog/skills?q=a%00b", "/catalog/?q=a%00b", "/jobs/?q=a%00b"],
    ids=["api-query", "catalog-page", "job-search"],
)
def test_nul_character_in_the_address_is_a_400(client: Any, member: User, url: str) -> None:
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 400
    assert "The address contains a NUL character (%00)" in response.content.decode()
