"""Redis as the shared cache (django-redis) and the task queue (django-tasks-rq), against the
real Redis at 127.0.0.1:6379 (database 7); and what happens when Redis is down."""

from __future__ import annotations

import logging
import socket
from typing import Any

import django_rq
import pytest
from django.core.cache import caches
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from rq import SimpleWorker
from tests.core.redis_helpers import REDIS_URL, add_numbers, redis_client, redis_namespace

from rxguild.core import health
from rxguild.core.ratelimit import rate_limit_hit

pytestmark = pytest.mark.django_db


def _redis_cache(location: str, prefix: str) -> dict[str, Any]:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def _dead_redis_url() -> str:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/7"


def test_cache_values_live_in_redis_and_rate_limits_count_there(settings: Any) -> None:
    with redis_namespace() as prefix:
        settings.CACHES = _redis_cache(REDIS_URL, prefix)
        cache = caches["default"]
        cache.set("greeting", {"text": "hello"}, timeout=60)
        assert cache.get("greeting") == {"text": "hello"}
        assert cache.incr("hits", 1) if cache.add("hits", 0) else False
        assert cache.get("hits") == 1
        # Stored in Redis itself, under the prefix: another process sees the same values.
        stored = sorted(key.decode() for key in redis_client().scan_iter(match=f"{prefix}*"))
        assert stored == [f"{prefix}:1:greeting", f"{prefix}:1:hits"]


def test_readyz_uses_redis_cache_and_says_ok(client: Any, settings: Any) -> None:
    with redis_namespace() as prefix:
        settings.CACHES = _redis_cache(REDIS_URL, prefix)
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["backend"] == "RedisCache"
    assert response.json()["status"] == "ok"


def test_redis_down_cache_degrades_pages_keep_working(
    client: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.CACHES = _redis_cache(_dead_redis_url(), "rxdown")
    cache = caches["default"]
    with caplog.at_level(logging.ERROR, logger="rxguild.cache"):
        cache.set("greeting", "hello")  # dropped, not raised
        assert cache.get("greeting", "missing") == "missing"
    assert [record.getMessage() for record in caplog.records] == ["Exception ignored"] * 2
    assert all(
        record.exc_info and "Connection" in repr(record.exc_info[1]) for record in caplog.records
    )

    # Pages answer; RxGuild's own action limits let the action through (and log it) ...
    assert client.get("/catalog/").status_code == 200
    with caplog.at_level(logging.WARNING, logger="rxguild.cache"):
        assert rate_limit_hit(key="apply:1", limit=1, window_seconds=60) is False
        assert rate_limit_hit(key="apply:1", limit=1, window_seconds=60) is False
    assert "rate limit apply not counted: the cache is unavailable" in caplog.text
    # ... while allauth's sign-in limits refuse while they cannot count: a 429 page, not a 500.
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "wrong pw"})
    assert response.status_code == 429

    ready = client.get("/readyz")
    assert ready.status_code == 200  # a degraded cache keeps the server in the load balancer
    body = ready.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["error"] == "RuntimeError"
    assert body["checks"]["database"]["ok"] is True


def test_database_down_is_still_unavailable_with_a_dead_cache(
    client: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.CACHES = _redis_cache(_dead_redis_url(), "rxdown")

    def no_database() -> dict[str, Any]:
        raise ConnectionRefusedError("database down")

    monkeypatch.setitem(health.CHECKS, "database", no_database)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.fixture
def rq_tasks(settings: Any):
    """TASKS on django-tasks-rq with a queue of this test's own in Redis database 7."""
    redis_client()
    with redis_namespace() as queue_name:
        # "default" too: django-tasks-rq fetches results over the default connection.
        settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}, queue_name: {"URL": REDIS_URL}}
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}
        }
        yield queue_name


def test_tasks_go_through_redis_and_an_rq_worker_runs_them(rq_tasks: str) -> None:
    backend = task_backends["default"]
    assert type(backend).__name__ == "RQBackend"
    assert list(backend.check()) == []
    result = add_numbers.using(queue_name=rq_tasks).enqueue(2, 3)
    assert result.status == TaskResultStatus.READY

    queue = django_rq.get_queue(rq_tasks)
    assert queue.count == 1
    # /readyz sees the waiting task.
    waiting = health.check_queue()
    assert (waiting["backend"], waiting["waiting"]) == ("RQBackend", 1)
    assert 0 <= waiting["oldest_waiting_seconds"] < 60

    worker = SimpleWorker([queue], connection=queue.connection, job_class="django_tasks_rq.Job")
    assert worker.work(burst=True) is True
    finished = backend.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == 5
    assert queue.count == 0
