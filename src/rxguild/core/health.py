"""Liveness and readiness for load balancers, orchestrators and `make serve`.

`/healthz` says the process answers (nothing else is touched, so a slow database never gets
a healthy server restarted). `/readyz` says it can serve: the database answers, the cache
keeps a value, the task queue takes work (with how much waits, and for how long) and upload
storage writes and deletes a file. 200 when all pass, else 503; each check gives its time and,
on failure, only the kind of error (details go to the log, never to an anonymous caller).
The cache alone is not required: Redis down makes the site slower and rate limits lapse
(settings, "Cache"), but every page still works, so a failing cache answers 200 with status
"degraded" instead of taking every app server out of the load balancer at once.

Both are answered by `HealthCheckMiddleware`, first in the chain: a probe comes from the load
balancer by plain HTTP with its own Host header, so it must pass before the HTTPS redirect and
the ALLOWED_HOSTS check, and it needs no session.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

logger = logging.getLogger("rxguild.health")

Check = Callable[[], dict[str, Any]]


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache() -> dict[str, Any]:
    key = f"rxguild:readyz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=30)
    kept = cache.get(key) == "1"
    cache.delete(key)
    if not kept:
        raise RuntimeError("the cache did not keep a value")
    return {"backend": type(caches["default"]).__name__}  # the backend, not the proxy


def check_queue() -> dict[str, Any]:
    from django_tasks import task_backends

    backend = task_backends["default"]
    facts: dict[str, Any] = {"backend": type(backend).__name__}
    if backend.__class__.__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready()
        facts["waiting"] = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        # A queue that only grows older says the worker is down: reported, for alerting, but
        # not a reason to take the web server out of service.
        facts["oldest_waiting_seconds"] = (
            round((timezone.now() - oldest).total_seconds()) if oldest else 0
        )
    elif backend.__class__.__module__.startswith("django_tasks_rq"):
        import django_rq

        queues = [django_rq.get_queue(name) for name in sorted(backend.queues)]
        facts["waiting"] = sum(queue.count for queue in queues)
        enqueued = [
            job.enqueued_at
            for queue in queues
            for job in [queue.fetch_job(i) for i in queue.get_job_ids(0, 0)]
            if job is not None and job.enqueued_at is not None
        ]
        facts["oldest_waiting_seconds"] = (
            round((timezone.now() - min(enqueued)).total_seconds()) if enqueued else 0
        )
    else:
        problems = list(backend.check())
        if problems:
            raise RuntimeError("; ".join(str(problem) for problem in problems))
    return facts


def check_storage() -> dict[str, Any]:
    name = default_storage.save(f"readyz/{secrets.token_hex(8)}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != b"ok":
                raise RuntimeError("storage returned other bytes")
    finally:
        default_storage.delete(name)
    return {"backend": default_storage.__class__.__name__}  # the lazy proxy passes __class__


CHECKS: dict[str, Check] = {
    "database": check_database,
    "cache": check_cache,
    "queue": check_queue,
    "storage": check_storage,
}
# Checks whose failure degrades the service without stopping it (see the module docstring).
OPTIONAL = frozenset({"cache"})


def readiness() -> tuple[str, dict[str, dict[str, Any]]]:
    """'ok', 'degraded' (only optional checks fail) or 'unavailable', with each check."""
    results: dict[str, dict[str, Any]] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            facts = check()
            ok = True
        except Exception as error:  # any failure makes the server not ready; say which kind
            logger.exception("readiness check %s failed", name)
            facts = {"error": type(error).__name__}
            ok = False
        results[name] = {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), **facts}
    failed = {name for name, result in results.items() if not result["ok"]}
    if not failed:
        return "ok", results
    return ("degraded" if failed <= OPTIONAL else "unavailable"), results


def _json(body: dict[str, Any], status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(body), content_type="application/json", status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    PATHS = ("/healthz", "/readyz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in self.PATHS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info == "/healthz":
            return _json({"status": "ok"}, 200)
        status, checks = readiness()
        return _json({"status": status, "checks": checks}, 503 if status == "unavailable" else 200)
