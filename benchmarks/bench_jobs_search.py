"""Job search at scale: 100,000 postings on SQLite (and 1,000,000 on PostgreSQL when
BENCH_PG_URL is set), through the same selector the search page and API call.

Data: the demo generator (rxguild.jobs.demo.generate: catalog settings, credentials and
skills; 13 states' metros; seeded), bulk-inserted into a scratch database that is reused
while its size and generator version match (var/bench/jobs_search_100k.sqlite3, or the
database named in BENCH_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/rx_bench).

Query mix (seeded): selective words, quoted phrases and broad terms ("pharmacy
technician" matches every posting), each with two filters, a 50-mile radius from a metro
ZIP, facets, first page. Baseline in the same run: `icontains` on the same text with the
same filters, a COUNT, ORM facet counts and the first page — what a naive board does.
Targets (issue #4): SQLite p50 < 20 ms and p95 < 50 ms; PostgreSQL p95 < 100 ms.

Output: wall and CPU p50/p95 per query kind and overall, from one timed pass over the mix
(each query runs once), for job_search and the baseline, with the load average before and
after (the machine is shared: compare figures only within one run).
"""

from __future__ import annotations

import os
import random
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Count, Q
from django.utils import timezone

GENERATOR_VERSION = "5"  # 5: regional employers, own workplaces, unpaid externships
SQLITE_POSTINGS = int(os.environ.get("BENCH_JOBS_N", "100000"))
PG_POSTINGS = int(os.environ.get("BENCH_PG_JOBS_N", "1000000"))
QUERIES = int(os.environ.get("BENCH_JOBS_QUERIES", "200"))

SELECTIVE = ["radiopharmaceutical", "chemotherapy", "blister", "Spokane", "formulary", "copay"]
PHRASES = ['"prior authorization"', '"sterile compounding"', '"cycle fill"', '"emergency kits"']
BROAD = ["pharmacy technician", "technician", "pharmacy benefits"]
FILTERS: list[dict[str, str]] = [
    {"employment_type": "FULL_TIME"},
    {"shift": "day"},
    {"credential": "ptcb-cpht"},
    {"pay_min": "18"},
    {"posted_within": "14"},
    {"setting": "hospital-health-system"},
    {"setting": "retail-community"},
]


def _switch_database(config: dict[str, Any]) -> None:
    """Point the default connection at a scratch database for this process."""
    connections["default"].close()
    base = dict(settings.DATABASES["default"])
    base.update(config)
    connections.settings["default"] = base
    connections.databases["default"] = base
    del connections["default"]


def _sqlite_config(path: Path) -> dict[str, Any]:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def _pg_config(url: str) -> dict[str, Any]:
    import environ

    config = environ.Env.db_url_config(url)
    config.setdefault("OPTIONS", {}).update(settings.POSTGRES_OPTIONS)  # as the app connects
    config["CONN_MAX_AGE"] = 0
    return config


def _marker() -> str | None:
    from rxguild.catalog.models import DataFileLoad

    row = DataFileLoad.objects.filter(name="bench:jobs").first()
    return f"{row.version}:{row.sha256}" if row else None


def _prepare(count: int) -> None:
    """Migrate, load the catalog, and bulk-insert `count` postings unless already there."""
    from rxguild.catalog.models import DataFileLoad

    call_command("migrate", verbosity=0, interactive=False)
    wanted = f"{GENERATOR_VERSION}:{count}"
    if _marker() == wanted:
        print(f"  reusing {count:,} postings already generated")
        with connection.cursor() as cursor:
            # Migrations since the data was made may add statistics (jobs 0008) or
            # indexes: gather them as a live database's autovacuum would have.
            cursor.execute(
                "ANALYZE jobs_jobposting" if connection.vendor == "postgresql" else "ANALYZE"
            )
        return
    call_command("load_catalog", verbosity=0)
    started = time.perf_counter()
    _generate(count)
    from rxguild.jobs.services import job_postings_reindex

    job_postings_reindex()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE jobs_jobposting")
            cursor.execute("VACUUM ANALYZE jobs_postingcredential")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO jobs_posting_fts(jobs_posting_fts) VALUES ('optimize')")
    DataFileLoad.objects.update_or_create(
        name="bench:jobs", defaults={"version": GENERATOR_VERSION, "sha256": str(count)}
    )
    print(f"  generated {count:,} postings in {time.perf_counter() - started:.0f} s")


def _generate(count: int) -> None:
    from rxguild.catalog.models import Credential, PracticeSetting, Skill
    from rxguild.jobs.demo import ensure_employers, generate, search_document

    with transaction.atomic():
        with connection.cursor() as cursor:
            for table in ("jobs_postingcredential", "jobs_jobposting_skills", "jobs_jobposting"):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - constant names
        employers = ensure_employers()
    credentials = {c.code: c for c in Credential.objects.all()}
    settings_by_code = {s.code: s for s in PracticeSetting.objects.all()}
    skills = {s.code: s for s in Skill.objects.all()}
    now = timezone.now()
    ops = connection.ops
    is_pg = connection.vendor == "postgresql"
    columns = (
        "id, public_id, external_id, employer_id, title, description, kind, employment_type, "
        "shift, practice_setting_id, experience_months, location_type, street_address, city, "
        "state, zip_code, latitude, longitude, location_precision, geo_cell, pay_min, pay_max, "
        "pay_unit, pay_hourly_min, unpaid, "
        "status, date_posted, valid_through, last_verified_at, review_note, created_at, "
        "updated_at, search_document"
    )
    batch: list[tuple] = []
    creds: list[tuple] = []
    skill_rows: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        with connection.cursor() as cursor:
            if is_pg:
                _copy(cursor, "jobs_jobposting", columns, batch)
                _copy(
                    cursor, "jobs_postingcredential", "posting_id, credential_id, required", creds
                )
                _copy(cursor, "jobs_jobposting_skills", "jobposting_id, skill_id", skill_rows)
            else:
                marks = ", ".join(["%s"] * len(batch[0]))
                cursor.executemany(
                    f"INSERT INTO jobs_jobposting ({columns}) VALUES ({marks})",  # noqa: S608
                    batch,
                )
                cursor.executemany(
                    "INSERT INTO jobs_postingcredential (posting_id, credential_id, required) "
                    "VALUES (%s, %s, %s)",
                    creds,
                )
                cursor.executemany(
                    "INSERT INTO jobs_jobposting_skills (jobposting_id, skill_id) VALUES (%s, %s)",
                    skill_rows,
                )
        batch.clear()
        creds.clear()
        skill_rows.clear()

    def dt(value: Any) -> Any:
        return value if is_pg else ops.adapt_datetimefield_value(value)

    def dec(value: Decimal | None) -> Any:
        return value if is_pg or value is None else float(value)

    with transaction.atomic():
        for n, g in enumerate(
            generate(
                count,
                seed=4242,
                now=now,
                known_credentials=set(credentials),
                known_skills=set(skills),
                prefix="bench",
            ),
            start=1,
        ):
            v = g.values
            setting = settings_by_code.get(v["setting_code"])
            employer = employers[g.employer_slug]
            doc = search_document(
                employer.name,
                setting.name if setting else "",
                [skills[s].name for s in g.skills],
                [
                    f"{credentials[c].abbreviation} {credentials[c].name}"
                    for c in g.required + g.preferred
                ],
                v,
            )
            public_id = uuid.UUID(int=random.Random(n).getrandbits(128), version=4)
            batch.append(
                (
                    n, public_id if is_pg else public_id.hex, g.external_id, employer.pk,
                    v["title"], v["description"], v["kind"], v["employment_type"], v["shift"],
                    setting.pk if setting else None, v["experience_months"], v["location_type"],
                    "", v["city"], v["state"], v["zip_code"], v["latitude"], v["longitude"],
                    v["location_precision"], v["geo_cell"],
                    dec(v["pay_min"]), dec(v["pay_max"]), v["pay_unit"], dec(v["pay_hourly_min"]),
                    v["unpaid"],
                    v["status"], dt(v["date_posted"]), dt(v["valid_through"] + timedelta(days=365)),
                    dt(v["last_verified_at"]), "", dt(v["date_posted"]), dt(now), doc,
                )
            )  # fmt: skip
            creds += [(n, credentials[c].pk, True) for c in g.required]
            creds += [(n, credentials[c].pk, False) for c in g.preferred]
            skill_rows += [(n, skills[s].pk) for s in g.skills]
            if len(batch) >= 5000:
                flush()
        flush()
    if is_pg:
        with connection.cursor() as cursor:
            for table in ("jobs_jobposting", "jobs_postingcredential", "jobs_jobposting_skills"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )


def _copy(cursor: Any, table: str, columns: str, rows: list[tuple]) -> None:
    if not rows:
        return
    raw = cursor.cursor  # psycopg cursor under Django's wrapper
    with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _mix(seed: int, count: int) -> list[dict[str, str]]:
    from rxguild.jobs.demo_data import demo_data

    rng = random.Random(seed)
    zips = [place.zip_code for place in demo_data().places]
    queries = []
    for n in range(count):
        kind = n % 10
        if kind < 4:
            q = rng.choice(SELECTIVE)
        elif kind < 7:
            q = rng.choice(PHRASES)
        else:
            q = rng.choice(BROAD)
        first, second = rng.sample(FILTERS, 2)
        params = {"q": q, **first, **second, "zip": rng.choice(zips), "radius": "50"}
        params["sort"] = rng.choice(["relevance", "relevance", "date", "distance", "pay"])
        queries.append(params)
    return queries


def _without_radius(params: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in params.items() if k not in ("zip", "radius")}
    if out["sort"] == "distance":
        out["sort"] = "relevance"
    return out


def _baseline(params: dict[str, str]) -> int:
    """icontains over the same text, same filters, COUNT + ORM facets + first page."""
    from rxguild.jobs import geo
    from rxguild.jobs.models import JobPosting
    from rxguild.jobs.search.query import parse_text

    now = timezone.now()
    qs = JobPosting.objects.filter(status="published", valid_through__gt=now)
    text = parse_text(params["q"])
    for word in text.words:
        qs = qs.filter(search_document__icontains=word)
    for phrase in text.phrases:
        qs = qs.filter(search_document__icontains=" ".join(phrase))
    if params.get("employment_type"):
        qs = qs.filter(employment_type=params["employment_type"])
    if params.get("shift"):
        qs = qs.filter(shift=params["shift"])
    if params.get("setting"):
        qs = qs.filter(practice_setting__code=params["setting"])
    if params.get("credential"):
        qs = qs.filter(
            credential_requirements__credential__code=params["credential"],
            credential_requirements__required=True,
        )
    if params.get("pay_min"):
        qs = qs.filter(pay_hourly_min__gte=Decimal(params["pay_min"]))
    if params.get("posted_within"):
        qs = qs.filter(date_posted__gte=now - timedelta(days=int(params["posted_within"])))
    origin = geo.zip_centroid(params["zip"])
    box = geo.bounding_box(origin.latitude, origin.longitude, float(params["radius"]))
    qs = qs.filter(
        Q(latitude__range=(box.min_latitude, box.max_latitude))
        & Q(longitude__range=(box.min_longitude, box.max_longitude))
    )
    total = qs.count()
    list(qs.values("practice_setting_id").annotate(n=Count("id")))
    list(qs.values("employment_type").annotate(n=Count("id")))
    list(qs.values("shift").annotate(n=Count("id")))
    list(qs.select_related("employer").order_by("-date_posted")[:20])
    return total


def _selector(params: dict[str, str]) -> int:
    from rxguild.jobs.search_params import search_params_parse
    from rxguild.jobs.selectors import job_search

    parsed, errors = search_params_parse(params)
    result = job_search(parsed, errors=errors)
    assert not result.errors, result.errors
    return result.total


def _time(
    fn: Callable[[dict[str, str]], int], queries: list[dict[str, str]]
) -> list[tuple[float, float]]:
    """(wall ms, CPU ms of this process) per query. On a shared machine the CPU time is the
    fairer figure for SQLite (in-process): it leaves out time spent waiting for a core.
    For PostgreSQL the server's work is in another process: only the wall clock counts."""
    times = []
    for params in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        fn(params)
        times.append(
            ((time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000)
        )
    return times


def _p95(ordered: list[float]) -> float:
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _summary(label: str, times: list[tuple[float, float]]) -> tuple[float, float]:
    wall = sorted(t[0] for t in times)
    cpu = sorted(t[1] for t in times)
    p50, p95 = statistics.median(wall), _p95(wall)
    print(
        f"  {label:<30} n={len(wall):3} wall p50 {p50:7.1f} p95 {p95:7.1f} max {wall[-1]:7.1f} ms"
        f" | cpu p50 {statistics.median(cpu):6.1f} p95 {_p95(cpu):6.1f} ms"
    )
    return p50, p95


def _kind(params: dict[str, str]) -> str:
    return (
        "selective" if params["q"] in SELECTIVE else "phrase" if params["q"] in PHRASES else "broad"
    )


def _by_kind(
    label: str, queries: list[dict[str, str]], times: list[tuple[float, float]]
) -> tuple[float, float]:
    """Overall and per-kind figures from one timed pass (no query runs twice)."""
    overall = _summary(f"{label} (all)", times)
    for kind in ("selective", "phrase", "broad"):
        subset = [t for q, t in zip(queries, times, strict=True) if _kind(q) == kind]
        if subset:
            _summary(f"  {label} ({kind})", subset)
    return overall


def _load() -> str:
    one, five, _ = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"


def _server_memory() -> str:
    """PostgreSQL's buffer settings, which decide whether a dense metro's rows are read from
    shared buffers or from the OS: the figures mean little without them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        (shared,) = cursor.fetchone()
        cursor.execute("SHOW effective_cache_size")
        (cache,) = cursor.fetchone()
    return f"; shared_buffers {shared}, effective_cache_size {cache}"


def _run_on(label: str, count: int, p95_target: float, p50_target: float | None) -> None:
    from rxguild.jobs.geo import zip_centroid

    _prepare(count)
    zip_centroid("77030")  # load the ZIP table once, as a running server has
    queries = _mix(7, QUERIES)
    for params in queries[:10]:  # warm caches as a running server would be
        _selector(params)
    print(
        f"{label}: {count:,} postings, {len(queries)} queries (2 filters + 50 mi radius each);"
        f" {_load()}{_server_memory()}"
    )
    p50, p95 = _by_kind("job_search", queries, _time(_selector, queries))
    baseline_queries = queries[: max(20, len(queries) // 5)]
    b50, b95 = _by_kind("icontains baseline", baseline_queries, _time(_baseline, baseline_queries))
    print(f"  speed-up vs baseline: p50 x{b50 / p50:.1f}, p95 x{b95 / p95:.1f}; after: {_load()}")
    # Not a target of the issue, but what a member searching the whole board meets: the
    # same mix without the radius (the broad terms then stream newest first from the
    # whole board instead of an area).
    nationwide = [_without_radius(params) for params in queries]
    _by_kind("job_search, no radius", nationwide, _time(_selector, nationwide))
    verdict = p95 < p95_target and (p50_target is None or p50 < p50_target)
    targets = f"p95 < {p95_target:.0f} ms" + (f", p50 < {p50_target:.0f} ms" if p50_target else "")
    print(f"  target {targets} (wall): {'met' if verdict else 'NOT met'}")


def run() -> None:
    original = dict(settings.DATABASES["default"])
    bench_dir = Path(settings.BASE_DIR) / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    try:
        path = bench_dir / f"jobs_search_{SQLITE_POSTINGS // 1000}k.sqlite3"
        _switch_database(_sqlite_config(path))
        _run_on("SQLite FTS5", SQLITE_POSTINGS, 50, 20)
        pg_url = os.environ.get("BENCH_PG_URL")
        if pg_url:
            _switch_database(_pg_config(pg_url))
            _run_on("PostgreSQL", PG_POSTINGS, 100, None)
        else:
            print("PostgreSQL: set BENCH_PG_URL=postgres://.../rx_bench to run 1,000,000 postings.")
    finally:
        _switch_database(original)
