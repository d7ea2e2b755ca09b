"""The database restarted under load (issue #18), on PostgreSQL: `make serve`'s gunicorn (2
workers) and task worker take sign-ups and page reads from 4 clients while every connection
to their database is ended with pg_terminate_backend three times — what a PostgreSQL restart
does to a client (the shared server itself is never restarted: other databases live on it).

The app recovers by itself (no restart, the next requests answer 200 and /readyz is 200),
errors are bounded (only requests in flight at a termination fail, each a 503 page, never a
500) and nothing is written half (every account has its email address and role, or does not
exist). Runs when the tests run on PostgreSQL; its database is `<test database URL>_served`,
made fresh and dropped after."""

from __future__ import annotations

import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.core.test_serve import get, start_serve, stop_serve

WORKERS = 2
CLIENTS = 4
TERMINATIONS = 3
PASSWORD = "a long enough passphrase 2026"

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a PostgreSQL fault: runs in the PostgreSQL pass of the suite",
    ),
]


def _admin(url: str) -> psycopg.Connection[Any]:
    parts = urllib.parse.urlsplit(url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


@pytest.fixture(scope="module")
def served_on_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    url = os.environ["DATABASE_URL"].rstrip("/") + "_served"
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    place = tmp_path_factory.mktemp("restart")
    base, process, log = start_serve(place, DATABASE_URL=url, WEB_CONCURRENCY=str(WORKERS))
    yield {"base": base, "process": process, "log": log, "url": url, "name": name}
    stop_serve(process)
    log.close()
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _status(opener: urllib.request.OpenerDirector, request: Any) -> tuple[int, str]:
    try:
        with opener.open(request, timeout=60) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read().decode()


def _sign_up(base: str, email: str) -> list[int]:
    """The sign-up form, then the sign-up: the status of each request."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    status, page = _status(opener, base + "/accounts/signup/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        return [status]
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        }
    ).encode()
    request = urllib.request.Request(base + "/accounts/signup/", data=body)  # noqa: S310
    request.add_header("Referer", base + "/accounts/signup/")
    return [status, _status(opener, request)[0]]


def _connections(url: str, name: str) -> int:
    with _admin(url) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchone()
    return int(row[0]) if row else 0


def _terminate_all(url: str, name: str) -> int:
    with _admin(url) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return len(rows)


def test_the_app_recovers_by_itself_when_every_connection_is_cut(
    served_on_postgres: dict[str, Any], tmp_path: Path
) -> None:
    base, url, name = (served_on_postgres[key] for key in ("base", "url", "name"))
    statuses: Counter[int] = Counter()
    attempted: list[str] = []
    stop = threading.Event()
    lock = threading.Lock()

    def client(number: int) -> None:
        n = 0
        while not stop.is_set():
            email = f"restart{number}-{n}@example.org"
            try:
                codes = [get(base + "/catalog/")[0], get(base + "/jobs/")[0]]
                # Two sign-ups each (Argon2 makes them slow on purpose; the sign-up limit,
                # 20 a minute from one address, stays far off).
                if n in (0, 4):
                    with lock:
                        attempted.append(email)
                    codes += _sign_up(base, email)
            except OSError:  # no HTTP answer at all (a reset connection): counted as failed
                codes = [0]
            with lock:
                statuses.update(codes)
            n += 1

    # Warm: both app workers and the task worker hold their connection before the first cut.
    for _ in range(30):
        for path in ("/catalog/", "/jobs/", "/catalog/", "/jobs/"):
            get(base + path)
        if _connections(url, name) >= WORKERS + 1:
            break
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    terminated = []
    try:
        for _ in range(TERMINATIONS):
            time.sleep(2)
            terminated.append(_terminate_all(url, name))
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)

    assert all(count >= 1 for count in terminated)  # there were connections to cut
    assert max(terminated) >= WORKERS + 1  # the app workers' and the task worker's
    # 429 is the sign-up limit answering (every client is 127.0.0.1), not a failure.
    failed = sum(count for code, count in statuses.items() if code not in (200, 429))
    assert set(statuses) <= {200, 429, 503}, statuses  # a failure: the 503 page, no 500
    # Only requests in flight fail: at most one per app worker per termination.
    assert failed <= WORKERS * TERMINATIONS, statuses
    assert statuses[200] > failed

    # Recovered by itself: the same processes answer, reads and writes work at once.
    assert served_on_postgres["process"].poll() is None
    assert get(base + "/readyz")[0] == 200
    for _ in range(30):  # past the sign-up limit's window if the load reached it
        after = _sign_up(base, "after@example.org")
        if after != [200, 429]:
            break
        time.sleep(2)
    assert after == [200, 200]
    assert [get(base + "/catalog/")[0] for _ in range(5)] == [200] * 5

    # Nothing written half: each account has its address and role, or was never made.
    with psycopg.connect(url) as database:
        half = database.execute(
            "SELECT u.email FROM accounts_user u WHERE NOT EXISTS "
            "(SELECT 1 FROM account_emailaddress e WHERE e.user_id = u.id) OR NOT EXISTS "
            "(SELECT 1 FROM accounts_rolegrant r WHERE r.user_id = u.id)"
        ).fetchall()
        made = {row[0] for row in database.execute("SELECT email FROM accounts_user")}
    assert half == []
    assert made <= {*attempted, "after@example.org"}
    assert "after@example.org" in made
    # The task worker recovered too: the new member's confirmation email is sent.
    for _ in range(120):
        with psycopg.connect(url) as database:
            sent = database.execute(
                "SELECT status FROM core_outgoingemail WHERE message->>'to' LIKE %s",
                ["%after@example.org%"],
            ).fetchall()
        if sent == [("sent",)]:
            break
        time.sleep(0.5)
    log = served_on_postgres["log"]
    log.seek(0)
    assert sent == [("sent",)], log.read().decode()[-6000:]
