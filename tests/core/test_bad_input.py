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
