"""/healthz and /readyz: answered before the host check and HTTPS redirect, 503 naming the
failing check, nothing cached."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rxguild.core import health

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_without_touching_anything(
    client: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_checks_database_cache_queue_and_storage(client: Any, settings: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert sorted(body["checks"]) == ["cache", "database", "queue", "storage"]
    assert all(check["ok"] is True for check in body["checks"].values())
    assert body["checks"]["database"]["vendor"] in ("sqlite", "postgresql")
    assert body["checks"]["storage"]["backend"] == "LocalStorage"
    # The storage probe leaves nothing behind.
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_readyz_is_503_and_names_the_failing_check(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk() -> dict[str, Any]:
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(health.CHECKS, "storage", full_disk)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["storage"] == {
        "ok": False,
        "ms": body["checks"]["storage"]["ms"],
        "error": "OSError",
    }
    assert "No space" not in json.dumps(body)  # details go to the log only
    assert body["checks"]["database"]["ok"] is True


def test_probes_pass_before_the_host_check(client: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["rxguild.example.org"]
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400


def test_only_get_and_head_are_probes(client: Any) -> None:
    assert client.post("/healthz").status_code == 404
