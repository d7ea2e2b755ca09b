"""`make serve`'s processes for real: gunicorn (gunicorn.conf.py) and the task worker started by
scripts/serve.py on a fresh SQLite database, probed over loopback, then stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (loopback)
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    place = tmp_path_factory.mktemp("serve")
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
            web_up = _get(base + "/healthz")[0] == 200
        except OSError:
            web_up = False
        log.seek(0)
        if web_up and b"Starting worker" in log.read():
            break
        time.sleep(0.2)
    else:
        process.kill()
        log.seek(0)
        raise AssertionError(log.read().decode())
    yield base, process, log
    if process.poll() is None:
        process.kill()
        process.wait()


def test_probes_and_pages_are_served(served) -> None:
    base, _process, _log = served
    status, body, headers = _get(base + "/readyz")
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
    assert _get(base + "/")[0] == 200
    status, css, headers = _get(base + "/static/vendor/pico/pico.min.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert len(css) > 10_000


def test_sigterm_stops_both_processes_cleanly_with_json_request_logs(served) -> None:
    base, process, log = served
    _get(base + "/catalog/")
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
