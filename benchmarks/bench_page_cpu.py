"""CPU per request of each page of the locust mix, in this process, through Django's test client.

No server, no network, no other process: the CPU time of this process (time.process_time)
for each request, through the whole middleware stack, with the server's settings (DEBUG=0,
the database cache, request log off) over the configured database (`make scale` first). On
SQLite that is all the work of a request; on PostgreSQL the database server's part is not in
it. Each page's paths are requested BENCH_PAGES_N times (default 30) after 3 warm-up ones;
the median and the mean are printed with the queries of one warm request, then the mix's
weighted mean.

BENCH_PROFILE=<page name prefix, e.g. /jobs/?q=> profiles that page's requests with cProfile
and prints the functions with the most time of their own and the most in all.

    make scale && make bench BENCH_ARGS=page_cpu
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_load_pages import CONVERSATION, _pages, _server_env, posting_ids

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_PAGES_N", "30"))
WARM = 3


def _queries(client: Any, path: str) -> int:
    """SQL statements of one request (Django's CaptureQueriesContext counted none here)."""
    from django.db import connection

    statements: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        statements.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        client.get(path)
    return len(statements)


def _measure_all() -> None:
    from django.db import connection
    from django.test import Client

    from rxguild.accounts.models import User
    from rxguild.core.demo import DEMO_MEMBER_EMAIL
    from rxguild.jobs.models import JobPosting

    live = JobPosting.objects.filter(status=JobPosting.Status.PUBLISHED).count()
    print(f"  {connection.vendor}, {live:,} published postings; load {os.getloadavg()[0]:.1f}")
    anonymous = Client(HTTP_HOST="127.0.0.1")
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(User.objects.get(email=DEMO_MEMBER_EMAIL))
    inbox = member.get("/community/messages/").content.decode()
    conversations = sorted(set(CONVERSATION.findall(inbox)))
    pages = _pages(posting_ids(), conversations[0] if conversations else "/community/messages/")
    profiled = os.environ.get("BENCH_PROFILE", "")
    weighted = 0.0
    for name, weight, signed_in, paths in pages:
        client = member if signed_in else anonymous
        for n in range(WARM):
            assert client.get(paths[n % len(paths)]).status_code == 200, paths[n % len(paths)]
        queries = _queries(client, paths[0])
        profiler = cProfile.Profile() if profiled and name.startswith(profiled) else None
        cpu = []
        for n in range(N):
            if profiler:
                profiler.enable()
            started = time.process_time()
            client.get(paths[n % len(paths)])
            cpu.append((time.process_time() - started) * 1000)
            if profiler:
                profiler.disable()
        weighted += weight * statistics.mean(cpu)
        print(
            f"  {name:<36} cpu median {statistics.median(cpu):5.1f} ms  mean "
            f"{statistics.mean(cpu):5.1f} ms  queries {queries:3}",
            flush=True,
        )
        if profiler:
            stats = pstats.Stats(profiler)
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(45)
    print(f"  mix-weighted CPU per request: {weighted / sum(p[1] for p in pages):.1f} ms")


def run() -> None:
    from django.conf import settings

    if settings.TESTING:  # `python -m benchmarks` defaults to test settings: the server's instead
        env = _server_env() | {"LOG_REQUESTS": "0", "LOG_LEVEL": "ERROR"}
        subprocess.run(
            [sys.executable, "-m", "benchmarks", "page_cpu"], cwd=ROOT, env=env, check=True
        )
        return
    _measure_all()
