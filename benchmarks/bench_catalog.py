"""Reference catalog: validating and loading data/catalog/*.toml, and skill search.

Scratch SQLite database (var/bench/catalog.sqlite3, rebuilt each run). Measured:
- `read_catalog` (pure parse + validation of all five files, ~435 entries);
- `catalog_load` first load into an empty catalog, and the no-op reload (sha256 unchanged),
  which is what `make setup` / every deploy pays;
- a forced re-load of every file with nothing changed (each row compared, none written);
- `GET /api/v1/catalog/skills?q=...` through the test client.
Baselines: the bare stdlib `tomllib` parse of the same files (validation should add < 50 %),
and loading the skills the naive way, one `update_or_create` per row.
Targets (idle machine): validation within 1.5x of the bare parse; no-op reload p95 < 20 ms;
skills search p95 < 30 ms; skills load at least 2x faster than the per-row baseline.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction

BENCH_DB = Path(settings.BASE_DIR) / "var" / "bench" / "catalog.sqlite3"


def _switch_database(path: Path) -> None:
    connections["default"].close()
    config = dict(settings.DATABASES["default"])
    config.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    connections.settings["default"] = config
    connections.databases["default"] = config
    del connections["default"]


def _timed(label: str, fn: Callable[[], Any], samples: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    print(f"  {label:<52} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   (n={samples})")
    return p95


def _wipe() -> None:
    from rxguild.catalog.models import (
        Credential,
        DataFileLoad,
        PracticeSetting,
        Skill,
        Specialization,
        Wage,
    )

    for model in (Specialization, PracticeSetting, Credential, Skill, Wage, DataFileLoad):
        model.objects.all().delete()


def run() -> None:
    from django.test import Client

    from rxguild.catalog.datafiles import DEFAULT_DATA_DIR, read_catalog
    from rxguild.catalog.models import DataFileLoad, Skill
    from rxguild.catalog.services import catalog_load

    print("  load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    BENCH_DB.unlink(missing_ok=True)
    _switch_database(BENCH_DB)
    call_command("migrate", verbosity=0, interactive=False)

    import tomllib

    from rxguild.catalog.datafiles import FILE_NAMES

    def bare_parse() -> None:
        for name in FILE_NAMES:
            tomllib.loads((DEFAULT_DATA_DIR / name).read_text(encoding="utf-8"))

    parse_p95 = _timed("baseline: bare tomllib parse of the same files", bare_parse, 30)
    validate_p95 = _timed(
        "read_catalog (parse + validate 5 files)", lambda: read_catalog(DEFAULT_DATA_DIR), 30
    )

    def first_load() -> None:
        _wipe()
        catalog_load(path=DEFAULT_DATA_DIR)

    first_p95 = _timed("catalog_load, first load (empty catalog)", first_load, 10)
    noop_p95 = _timed(
        "catalog_load, unchanged files (skipped by sha256)",
        lambda: catalog_load(path=DEFAULT_DATA_DIR),
        30,
    )

    def forced_reload() -> None:
        DataFileLoad.objects.all().delete()
        catalog_load(path=DEFAULT_DATA_DIR)

    _timed("catalog_load, forced re-compare (no row changed)", forced_reload, 10)

    skills = read_catalog(DEFAULT_DATA_DIR).skills.entries

    def naive_skills() -> None:
        with transaction.atomic():
            Skill.objects.all().delete()
            for e in skills:
                Skill.objects.update_or_create(
                    code=e.code,
                    defaults={
                        "name": e.name,
                        "category": e.category,
                        "synonyms": list(e.synonyms),
                        "description": e.description,
                        "onet_element_id": e.onet_element_id,
                        "source": e.source,
                        "confidence": e.confidence,
                    },
                )

    def bulk_skills() -> None:
        from rxguild.catalog import services
        from rxguild.catalog.datafiles import read_catalog as read

        with transaction.atomic():
            Skill.objects.all().delete()
            data = read(DEFAULT_DATA_DIR)
            services._load_skills(data.skills, services.FileReport("skills.toml", "", "loaded"))

    bulk_p95 = _timed("skills only: catalog loader (incl. validation)", bulk_skills, 10)
    naive_p95 = _timed("baseline: skills via update_or_create per row", naive_skills, 10)

    catalog_load(path=DEFAULT_DATA_DIR)
    client = Client()
    search_p95 = _timed(
        "GET /api/v1/catalog/skills?q=pyxis",
        lambda: client.get("/api/v1/catalog/skills", {"q": "pyxis"}),
        100,
    )
    _timed(
        "GET /catalog/skills/ (full page, 342 skills)",
        lambda: client.get("/catalog/skills/"),
        20,
    )

    print(
        f"  skills load is {naive_p95 / bulk_p95:,.1f}x faster than per-row update_or_create (p95)"
    )
    verdicts = [
        ("validation <= 1.5x bare parse", validate_p95 <= 1.5 * parse_p95),
        ("no-op reload p95 < 20 ms", noop_p95 < 20),
        ("skills search p95 < 30 ms", search_p95 < 30),
        ("skills load >= 2x baseline", naive_p95 / bulk_p95 >= 2),
    ]
    print(
        "  targets: " + "; ".join(f"{label} {'OK' if ok else 'MISSED'}" for label, ok in verdicts)
    )
    print(f"  first full load p95: {first_p95:.0f} ms")
    connections["default"].close()
    BENCH_DB.unlink(missing_ok=True)
