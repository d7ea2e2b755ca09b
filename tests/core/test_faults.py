"""Faults a member may meet: the database not answering gives a page saying so (503 with
Retry-After, never a stack trace) and /readyz 503 naming the database; the API answers JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch, settings: Any):
    """Every new connection refused, as when PostgreSQL restarts (the boundary: the driver)."""
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.db import connections

    def refused(self: BaseDatabaseWrapper) -> None:
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')

    for connection in connections.all():
        connection.close()
    monkeypatch.setattr(BaseDatabaseWrapper, "connect", refused)
    yield
    monkeypatch.undo()


def test_pages_say_the_database_is_unavailable_not_a_stack_trace(database_down: None) -> None:
    client = Client(raise_request_exception=False)
    assert client.get("/").status_code == 200  # a page that needs no database still works
    for path in ("/jobs/", "/catalog/", "/community/events/"):
        response = client.get(path)
        assert response.status_code == 503, path
        text = response.content.decode()
        assert "RxGuild is briefly unavailable." in text
        assert "Traceback" not in text and "OperationalError" not in text
        assert response["Retry-After"] == "30"


def test_api_says_so_in_json(database_down: None) -> None:
    response = Client(raise_request_exception=False).get("/api/v1/catalog/credentials")
    assert response.status_code == 503
    assert response.json() == {"detail": "The database is not answering. Try again in a minute."}


def test_readyz_is_503_naming_the_database(database_down: None) -> None:
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "OperationalError"
    assert "refused" not in response.content.decode()


def test_healthz_still_answers(database_down: None) -> None:
    assert Client().get("/healthz").status_code == 200
