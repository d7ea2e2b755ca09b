"""Jobs tracker: saved-search digests for 2,000 members over 5,000 postings, and board moves
on a 200-card board, on a scratch SQLite file (var/bench/job_tracker.sqlite3).

Baselines, measured in the same run:
- digests: the naive shape — per match, ask whether it was sent (one query each) and insert
  one SentAlert at a time — on a sample of searches, projected to all of them (labelled);
- board moves: renumbering every card of the member's board on each move (the usual
  "save all positions" approach) against writing only the cards whose place changed.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

MEMBERS = 2000
POSTINGS = 5000
BOARD_CARDS = 200
MOVES = 400
NAIVE_SAMPLE = 200
BENCH_DB = Path(settings.BASE_DIR) / "var" / "bench" / "job_tracker.sqlite3"
QUERIES = [
    "employment_type=FULL_TIME",
    "shift=night",
    "employment_type=PART_TIME&shift=day",
    "posted_within=7",
    "q=sterile",
    "q=technician&employment_type=FULL_TIME",
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


def _populate() -> tuple[list[Any], Any]:
    from rxguild.accounts.models import User
    from rxguild.jobs.models import Employer, JobPosting, SavedSearch
    from rxguild.jobs.search import get_backend

    rng = random.Random(20261126)
    now = timezone.now()
    with transaction.atomic():
        employer = Employer.objects.create(slug="bench", name="Bench Health")
        titles = ["Pharmacy Technician", "Sterile Compounding Technician", "CPhT II", "Lead Tech"]
        JobPosting.objects.bulk_create(
            [
                JobPosting(
                    employer=employer,
                    title=rng.choice(titles),
                    description="Pharmacy technician role.",
                    search_document="pharmacy technician " + rng.choice(["sterile", "retail"]),
                    employment_type=rng.choice(["FULL_TIME", "PART_TIME", "PER_DIEM"]),
                    shift=rng.choice(["day", "evening", "night"]),
                    status=JobPosting.Status.PUBLISHED,
                    date_posted=now - timedelta(hours=rng.randint(0, 30 * 24)),
                    valid_through=now + timedelta(days=30),
                )
                for _ in range(POSTINGS)
            ],
            batch_size=1000,
        )
        get_backend().rebuild()
        users = User.objects.bulk_create(
            User(email=f"m{n}@example.org", username=f"m{n}@example.org") for n in range(MEMBERS)
        )
        SavedSearch.objects.bulk_create(
            SavedSearch(member=u, name="s", query_string=rng.choice(QUERIES), frequency="daily")
            for u in users
        )
    return users, employer


def _naive_digest(saved_search: Any) -> int:
    from rxguild.jobs.alerts import sending as alerts
    from rxguild.tracker.models import SentAlert

    sent = 0
    for match in alerts._matches(saved_search, timezone.now() - timedelta(days=1), cache=None):
        if not SentAlert.objects.filter(
            saved_search=saved_search, posting_id=match.posting_id
        ).exists():
            SentAlert.objects.create(saved_search=saved_search, posting_id=match.posting_id)
            sent += 1
            if sent >= alerts.DIGEST_LIMIT:
                break
    return sent


def _bench_digests() -> None:
    from rxguild.jobs.alerts.sending import job_alerts_send
    from rxguild.jobs.models import SavedSearch, SentAlert

    today = timezone.localdate()
    started = time.perf_counter()
    result = job_alerts_send(today=today)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = job_alerts_send(today=today)
    second = time.perf_counter() - started
    print(
        f"digests: {result.searches_sent} searches, {result.postings_sent} jobs sent in "
        f"{first:.2f} s ({first / MEMBERS * 1000:.2f} ms per search); re-run same day "
        f"{second:.2f} s, {again.postings_sent} sent (idempotent)"
    )
    sample = list(SavedSearch.objects.order_by("id")[:NAIVE_SAMPLE])
    SentAlert.objects.filter(saved_search__in=sample).delete()
    started = time.perf_counter()
    for search in sample:
        _naive_digest(search)
    naive = (time.perf_counter() - started) / NAIVE_SAMPLE
    ours = first / MEMBERS
    print(
        f"baseline (per-match exists() + single inserts), {NAIVE_SAMPLE} searches: "
        f"{naive * 1000:.2f} ms per search, projected {naive * MEMBERS:.2f} s for {MEMBERS} "
        f"(ours {ours * 1000:.2f} ms including email rendering: {naive / ours:.2f}x)"
    )


def _bench_board(users: list[Any]) -> None:
    from rxguild.tracker.board import BOARD_ORDER
    from rxguild.tracker.models import TrackedApplication
    from rxguild.tracker.services.applications import tracked_application_move

    member = users[0]
    rng = random.Random(7)
    TrackedApplication.objects.bulk_create(
        TrackedApplication(
            member=member,
            title=f"Job {n}",
            stage=rng.choice(BOARD_ORDER).value,
            position=n,
            external_url="https://example.com",
        )
        for n in range(BOARD_CARDS)
    )
    cards = list(TrackedApplication.objects.filter(member=member))
    timings = []
    for _ in range(MOVES):
        card = rng.choice(cards)
        started = time.perf_counter()
        tracked_application_move(application=card, move=rng.choice(["up", "down", "left", "right"]))
        timings.append((time.perf_counter() - started) * 1000)
    naive = []
    for _ in range(MOVES // 4):
        started = time.perf_counter()
        with transaction.atomic():
            for position, card in enumerate(
                TrackedApplication.objects.filter(member=member).order_by("stage", "position")
            ):
                card.position = position
                card.save(update_fields=["position"])
        naive.append((time.perf_counter() - started) * 1000)
    print(
        f"board moves ({BOARD_CARDS} cards, {MOVES} moves): "
        f"p50 {statistics.median(timings):.2f} ms, "
        f"p95 {_percentile(timings, 0.95):.2f} ms; baseline renumber-all p50 "
        f"{statistics.median(naive):.2f} ms, p95 {_percentile(naive, 0.95):.2f} ms"
    )


def run() -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{BENCH_DB}{suffix}").unlink(missing_ok=True)
    _switch_database(BENCH_DB)
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    users, _ = _populate()
    elapsed = time.perf_counter() - started
    print(f"populated {MEMBERS} searches, {POSTINGS} postings in {elapsed:.1f} s")
    _bench_digests()
    _bench_board(users)
