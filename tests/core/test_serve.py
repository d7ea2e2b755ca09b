"""`make serve`'s processes for real: gunicorn (gunicorn.conf.py) and the task worker started by
scripts/serve.py on a fresh SQLite database, probed over loopback, then stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]


DATABASES_BY_BASE: dict[str, str] = {}


def served_database(base: str) -> str:
    return DATABASES_BY_BASE[base]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (loopback)
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def start_serve(
    place: Path, ready: bytes = b"Starting worker", **settings: str
) -> tuple[str, subprocess.Popen[bytes], IO[bytes]]:
    """scripts/serve.py (gunicorn and the task worker) on a fresh database, migrated, once it
    answers /healthz and the worker has started. `settings` are environment variables
    (DATABASE_URL, REDIS_URL, WEB_CONCURRENCY, …); a SQLite file in `place` by default."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"RXGUILD_TESTING", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith("PYTEST")
    }
    port = _free_port()
    env.update(
        DATABASE_URL=f"sqlite:///{place / 'rxguild.sqlite3'}",
        MEDIA_ROOT=str(place / "uploads"),
        STATIC_ROOT=str(place / "static"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(ROOT / "src"),
    )
    env.update(settings)
    for command in (["migrate", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300
        )
    log = (place / "serve.log").open("w+b")
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            web_up = get(base + "/healthz")[0] == 200
        except OSError:
            web_up = False
        log.seek(0)
        if web_up and ready in log.read():  # the task worker's "I am up" line
            break
        time.sleep(0.2)
    else:
        stop_serve(process)
        log.seek(0)
        raise AssertionError(log.read().decode())
    return base, process, log


def stop_serve(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, which serve.py passes to gunicorn and the worker; SIGKILL only if that hangs
    (a SIGKILL to serve.py alone would leave both running, orphaned)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    place = tmp_path_factory.mktemp("serve")
    base, process, log = start_serve(place)
    DATABASES_BY_BASE[base] = str(place / "rxguild.sqlite3")
    yield base, process, log
    stop_serve(process)


def test_probes_and_pages_are_served(served) -> None:
    base, _process, _log = served
    status, body, headers = get(base + "/readyz")
    assert status == 200
    checks = json.loads(body)["checks"]
    assert {name: check["ok"] for name, check in checks.items()} == {
        "database": True,
        "cache": True,
        "queue": True,
        "storage": True,
    }
    assert checks["queue"]["backend"] == "DatabaseBackend"
    assert headers["Server"] == "gunicorn"
    assert get(base + "/")[0] == 200
    status, css, headers = get(base + "/static/vendor/pico/pico.min.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert len(css) > 10_000


def sign_up(base: str, email: str) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(base + "/accounts/signup/", timeout=60) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "email": email,
            "password1": "a long enough passphrase 2026",
            "password2": "a long enough passphrase 2026",
        }
    ).encode()
    request = urllib.request.Request(base + "/accounts/signup/", data=body)  # noqa: S310
    request.add_header("Referer", base + "/accounts/signup/")
    with opener.open(request, timeout=60) as response:
        return int(response.status)


def test_concurrent_writes_across_workers_on_sqlite_never_lock(served) -> None:
    """Two gunicorn workers and the task worker on one SQLite file (WAL, IMMEDIATE
    transactions, a busy timeout): 12 sign-ups at once (users, addresses, roles, sessions,
    rate-limit counters in the database cache) all succeed, none 'database is locked'."""
    base, _process, log = served
    emails = [f"load{n}@example.org" for n in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda email: sign_up(base, email), emails))
    assert statuses == [200] * 12  # each followed its redirect to "check your email"
    database = sqlite3.connect(served_database(base))
    try:
        made = sorted(row[0] for row in database.execute("SELECT email FROM accounts_user"))
    finally:
        database.close()
    assert made == sorted(emails)
    log.seek(0)
    text = log.read().decode()
    assert "database is locked" not in text
    assert '"status": 500' not in text


def test_sigterm_stops_both_processes_cleanly_with_json_request_logs(served) -> None:
    base, process, log = served
    get(base + "/catalog/")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    log.seek(0)
    lines = log.read().decode().splitlines()
    requests = [json.loads(line) for line in lines if line.startswith("{")]
    catalog = [entry for entry in requests if entry.get("path") == "/catalog/"]
    assert [(entry["method"], entry["status"], entry["logger"]) for entry in catalog] == [
        ("GET", 200, "rxguild.request")
    ]
    assert any("Shutting down: Master" in line for line in lines)
    assert any("shutting down gracefully" in line for line in lines)  # the task worker
