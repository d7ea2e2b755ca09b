"""Page speed with the demo data (issue 16: p95 under 200 ms): the main pages through the
whole Django stack (middleware, session, templates) with the test client, signed in as the
demo member, on a scratch SQLite file (var/bench/pages.sqlite3) seeded by `seed_demo`.

Baselines, measured in the same run:
- `/healthz`: answered by the first middleware, nothing else (the floor of a request);
- `/` signed out: the landing page, the cheapest page rendered with the site layout.
Each page's p95 is printed with its ratio to the landing page's p95.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client

BENCH_DB = Path(settings.BASE_DIR) / "var" / "bench" / "pages.sqlite3"
SAMPLES = 40
WARM_UP = 3
TARGET_P95_MS = 200.0
PAGES = [
    "/dashboard/",
    "/calendar/",
    "/calendar/?view=agenda",
    "/profile/",
    "/ce/",
    "/ce/transcript/",
    "/jobs/",
    "/jobs/?q=sterile&zip=77030&radius=50",
    "/jobs/tracker/",
    "/resumes/",
    "/community/",
    "/community/events/",
    "/mentoring/",
    "/growth/",
    "/roadmap/",
    "/wallet/",
]


def _detail_pages(member: object) -> list[str]:
    """Pages with an id in their address: a job, the resume builder, the ATS analysis page of
    the resume tailored to a posting (it scores the resume as it renders)."""
    from django.urls import reverse

    from rxguild.jobs.models import JobPosting
    from rxguild.resumes.models import Resume

    resumes = Resume.objects.filter(owner=member)
    master = resumes.filter(kind="master").first()
    tailored = resumes.filter(kind="tailored").first()
    posting = JobPosting.objects.filter(status="published").order_by("id").first()
    assert master and tailored and posting  # the demo has each
    return [
        reverse("jobs:detail", args=[posting.public_id]),
        reverse("resumes:detail", args=[master.pk]),
        reverse("resumes:analyze", args=[tailored.pk]),
    ]


def _switch_database(path: Path) -> None:
    connections["default"].close()
    config = dict(settings.DATABASES["default"])
    config.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    connections.settings["default"] = config
    connections.databases["default"] = config
    del connections["default"]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _measure(client: Client, path: str) -> tuple[float, float]:
    for _ in range(WARM_UP):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    timings = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), _percentile(timings, 0.95)


def run() -> None:
    from rxguild.accounts.models import User
    from rxguild.core.demo import DEMO_MEMBER_EMAIL

    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{BENCH_DB}{suffix}").unlink(missing_ok=True)
    _switch_database(BENCH_DB)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("load_catalog", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):  # the seeders print their summaries
        call_command("seed_demo", verbosity=0)
    print(f"migrated, catalog loaded, demo seeded in {time.perf_counter() - started:.1f} s")

    anonymous = Client()
    floor_p50, floor_p95 = _measure(anonymous, "/healthz")
    base_p50, base_p95 = _measure(anonymous, "/")
    print(
        f"{'baseline /healthz (first middleware only)':<48} p50 {floor_p50:7.2f} ms  "
        f"p95 {floor_p95:7.2f} ms"
    )
    print(
        f"{'baseline / signed out (landing page)':<48} p50 {base_p50:7.2f} ms  "
        f"p95 {base_p95:7.2f} ms"
    )
    member = Client()
    demo_member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    member.force_login(demo_member)
    worst = 0.0
    for path in PAGES + _detail_pages(demo_member):
        p50, p95 = _measure(member, path)
        worst = max(worst, p95)
        flag = "" if p95 < TARGET_P95_MS else f"  OVER {TARGET_P95_MS:.0f} ms"
        print(
            f"{path:<48} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  {p95 / base_p95:5.1f}x landing{flag}"
        )
    print(f"slowest p95 {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms; n={SAMPLES} per page)")
