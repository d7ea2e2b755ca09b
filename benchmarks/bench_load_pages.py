"""The load test's pages one at a time, at scale, against gunicorn as `make serve` runs it.

Issue #18's goal is 50 requests a second on 2 cores: about 40 ms of CPU per request. A full
load run on a shared machine measures the other tenants as much as RxGuild, so this measures
what a request costs the server instead: each page of the locust mix
(benchmarks/loadtest/locustfile.py), requested sequentially by one warm client, with

- wall p50 / p95 per page, and the same for `/healthz` (the first middleware only) as the
  baseline of the same run;
- the gunicorn worker's CPU time per request (utime + stime from /proc, so other processes'
  load does not count) and the mix's weighted mean against the 40 ms budget;
- the number of SQL queries per page (Django's test client in this process, same settings).

Data: the database the app is configured with (DATABASE_URL, else var/rxguild.sqlite3), which
`make scale` fills with 10,000 members and 100,000 postings; the bench refuses a database
with fewer than BENCH_MIN_POSTINGS (default 50,000) postings. Server settings as `make
serve`'s: DEBUG=0, request logging on, the configured cache (the database's unless REDIS_URL
is set), one sync worker (WEB_CONCURRENCY=1: sequential requests). BENCH_PAGES_N requests per
page (default 40) after 5 warm-up ones.

    make scale && make bench BENCH_ARGS=load_pages
    DATABASE_URL=postgres://... make bench BENCH_ARGS=load_pages
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_PAGES_N", "40"))
WARM = 5
MIN_POSTINGS = int(os.environ.get("BENCH_MIN_POSTINGS", "50000"))
BUDGET_MS = 40.0  # 2 cores / 50 requests a second
TERMS = ["technician", "sterile", "compounding", "retail", "hospital", "night", "IV", "CPhT"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONVERSATION = re.compile(r'href="(/community/messages/[a-z0-9-]+/)"')


def _server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RXGUILD_TESTING="0",
        DJANGO_SETTINGS_MODULE="rxguild.settings",
        DEBUG="0",
        LOG_REQUESTS="1",
        LOG_FORMAT="json",
        WEB_CONCURRENCY="1",
        HOST="127.0.0.1",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _worker_pid(master: int) -> int:
    for _ in range(600):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _db_backends(since: float) -> list[int]:
    """PostgreSQL's server processes for this database opened since the server started,
    other than ours (the gunicorn worker's persistent connection): their CPU is the
    request's too. None on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
            "AND backend_start >= to_timestamp(%s)",
            [since],
        )
        return [pid for (pid,) in cursor.fetchall() if Path(f"/proc/{pid}/stat").exists()]


def _cpu_ms(pid: int) -> float:
    """CPU time of a process so far (0 once it has gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Browser:
    """A cookie-keeping client of the running server (one request at a time)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return str(response.read().decode())

    def post(self, path: str, data: dict[str, str]) -> str:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(  # noqa: S310 (the local server started here)
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=60) as response:
            return str(response.read().decode())


def _pages(posting_ids: list[str], conversation: str) -> list[tuple[str, int, bool, list[str]]]:
    """(name, weight in the locust mix, signed in, paths to cycle through)."""
    rng = random.Random(18)
    ids = rng.sample(posting_ids, k=min(20, len(posting_ids)))
    return [
        ("/jobs/?q=<term>", 40, False, [f"/jobs/?q={t}" for t in TERMS]),
        ("/jobs/?zip=&radius=", 10, False, ["/jobs/?zip=78701&radius=25",
                                            "/jobs/?zip=60601&radius=50",
                                            "/jobs/?zip=10001&radius=10"]),
        ("/jobs/?page=<1-5>", 10, False, [f"/jobs/?page={n}" for n in range(1, 6)]),
        ("/jobs/<id>/", 20, False, [f"/jobs/{i}/" for i in ids]),
        ("/community/events/", 10, False, ["/community/events/"]),
        ("/jobs/apply/<id>/ (member)", 5, True, [f"/jobs/apply/{i}/" for i in ids]),
        ("/community/messages/ (member)", 3, True, ["/community/messages/"]),
        ("/community/messages/<h>/ (member)", 2, True, [conversation]),
    ]  # fmt: skip


def posting_ids() -> list[str]:
    """The newest 100 published postings' ids (the locust file reads the same from the API)."""
    from rxguild.jobs.models import JobPosting

    return [
        str(i)
        for i in JobPosting.objects.filter(status=JobPosting.Status.PUBLISHED)
        .order_by("-date_posted")
        .values_list("public_id", flat=True)[:100]
    ]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def _query_counts(pages: list[tuple[str, int, bool, list[str]]]) -> dict[str, int]:
    """SQL queries per page through Django's test client, warm (the second request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rxguild.accounts.models import User
    from rxguild.core.demo import DEMO_MEMBER_EMAIL

    anonymous, member = Client(), Client()
    member.force_login(User.objects.get(email=DEMO_MEMBER_EMAIL))
    counts = {}
    for name, _weight, signed_in, paths in pages:
        client = member if signed_in else anonymous
        client.get(paths[0])
        with CaptureQueriesContext(connection) as queries:
            client.get(paths[0])
        counts[name] = len(queries)
    return counts


def _measure(
    worker: int, paths: list[str], browser: Browser, since: float = 0.0
) -> tuple[float, float, float, float]:
    """Wall p50, p95, and the worker's and the database server's CPU per request."""
    for n in range(WARM):
        browser.get(paths[n % len(paths)])
    backends = _db_backends(since)
    times = []
    cpu_before = _cpu_ms(worker)
    db_before = sum(_cpu_ms(pid) for pid in backends)
    for n in range(N):
        started = time.perf_counter()
        browser.get(paths[n % len(paths)])
        times.append((time.perf_counter() - started) * 1000)
    cpu = (_cpu_ms(worker) - cpu_before) / N
    db_cpu = (sum(_cpu_ms(pid) for pid in backends) - db_before) / N
    return statistics.median(times), _pct(times, 0.95), cpu, db_cpu


def _run_measured() -> None:
    from django.core.management import call_command
    from django.db import DatabaseError, connection

    from rxguild.core.demo import DEMO_MEMBER_EMAIL, DEMO_PASSWORD
    from rxguild.jobs.models import JobPosting

    try:
        live = JobPosting.objects.filter(status=JobPosting.Status.PUBLISHED).count()
    except DatabaseError:
        live = 0  # no schema yet
    if live < MIN_POSTINGS:
        print(f"  {live:,} published postings: run `make scale` first (or BENCH_MIN_POSTINGS)")
        return
    call_command("migrate", verbosity=0, interactive=False)  # as `make serve` does
    from rxguild.accounts.models import User

    print(
        f"  {connection.vendor}, {live:,} published postings, {User.objects.count():,} members; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    port = _free_port()
    started = time.time()
    env = _server_env() | {"PORT": str(port), "LOG_REQUESTS": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("BENCH_VERBOSE") else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        worker = _worker_pid(server.pid)
        anonymous = Browser(base)
        for _ in range(300):
            try:
                anonymous.get("/healthz")
                break
            except OSError:
                time.sleep(0.1)
        member = Browser(base)
        page = member.get("/accounts/login/")
        token = CSRF.search(page)
        member.post(
            "/accounts/login/",
            {"login": DEMO_MEMBER_EMAIL, "password": DEMO_PASSWORD,
             "csrfmiddlewaretoken": token.group(1) if token else ""},
        )  # fmt: skip
        conversations = sorted(set(CONVERSATION.findall(member.get("/community/messages/"))))
        pages = _pages(posting_ids(), conversations[0] if conversations else "/community/messages/")
        floor = _measure(worker, ["/healthz"], anonymous)
        print(
            f"  {'baseline /healthz':<36} p50 {floor[0]:7.1f} ms  p95 {floor[1]:7.1f} ms  "
            f"cpu {floor[2]:5.1f} ms"
        )
        weighted = 0.0
        counts = _query_counts(pages)
        backends = _db_backends(started)
        for name, weight, signed_in, paths in pages:
            browser = member if signed_in else anonymous
            p50, p95, cpu, db_cpu = _measure(worker, paths, browser, started)
            weighted += weight * (cpu + db_cpu)
            print(
                f"  {name:<36} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  cpu {cpu:5.1f} ms"
                f"{f' + db {db_cpu:4.1f} ms' if backends else ''}  queries {counts[name]:3}  "
                f"p50 {p50 / max(floor[0], 0.01):4.0f}x healthz"
            )
        mean = weighted / sum(p[1] for p in pages)
        verdict = "within" if mean <= BUDGET_MS else "OVER"
        print(
            f"  mix-weighted server CPU per request (app + database): {mean:.1f} ms ({verdict} the "
            f"{BUDGET_MS:.0f} ms budget of 50 req/s on 2 cores); load average "
            f"{os.getloadavg()[0]:.1f}"
        )
    finally:
        server.terminate()
        server.wait(timeout=60)


def run() -> None:
    from django.conf import settings

    if settings.TESTING:
        # `python -m benchmarks` defaults to test settings (memory cache, immediate tasks):
        # run again with the server's, so query counts match what gunicorn does.
        env = _server_env() | {"LOG_REQUESTS": "0"}  # the server's own log is enough
        subprocess.run(
            [sys.executable, "-m", "benchmarks", "load_pages"], cwd=ROOT, env=env, check=True
        )
        return
    _run_measured()
