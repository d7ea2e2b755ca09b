"""Demo postings at scale (`manage.py scale_demo`): the demo generator's postings, numbered
``scale-0000001``…, bulk-inserted until the board holds the number asked for, for load tests
and benchmarks. Deterministic (one seed: the n-th scale posting is the same on every run and
database), idempotent (numbers already there are skipped) and bounded (`MAX_POSTINGS`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.jobs.demo import (
    DemoCatalog,
    GeneratedPosting,
    ensure_employers,
    generate,
    posting_from,
    posting_links,
)
from rxguild.jobs.models import JobPosting, PostingCredential
from rxguild.jobs.search import get_backend
from rxguild.jobs.wording import credential_label

PREFIX = "scale"
SEED = 4242
MAX_POSTINGS = 1_000_000
BATCH = 2000


def scale_postings(total: int, *, progress: Callable[[str], None] = print) -> int:
    """Add scale postings until the board holds `total` postings; the number added."""
    if not 0 <= total <= MAX_POSTINGS:
        raise ValueError(f"postings must be between 0 and {MAX_POSTINGS:,}")
    others = JobPosting.objects.exclude(external_id__startswith=f"{PREFIX}-").count()
    wanted = max(0, total - others)
    existing = set(
        JobPosting.objects.filter(external_id__startswith=f"{PREFIX}-").values_list(
            "external_id", flat=True
        )
    )
    employers = ensure_employers()
    credentials = {c.code: c for c in Credential.objects.all()}
    settings_by_code = {s.code: s for s in PracticeSetting.objects.all()}
    skills = {s.code: s for s in Skill.objects.all()}
    names = {c.code: credential_label(c.name, c.abbreviation) for c in credentials.values()}
    # Live for a year from today, whenever the data was made: a load test must find them.
    now = timezone.now()
    added = 0
    batch: list[tuple[JobPosting, GeneratedPosting]] = []

    catalog = DemoCatalog(credentials, settings_by_code, skills)

    def flush() -> None:
        nonlocal added
        if not batch:
            return
        with transaction.atomic():
            created = JobPosting.objects.bulk_create([posting for posting, _g in batch])
            links, skill_links = posting_links(
                zip(created, [g for _p, g in batch], strict=True), catalog
            )
            PostingCredential.objects.bulk_create(links)
            JobPosting.skills.through.objects.bulk_create(skill_links)
            get_backend().refresh([p.pk for p in created])
        added += len(batch)
        batch.clear()
        if added % 20_000 < BATCH:
            progress(f"  postings: {added:,} added")

    for g in generate(
        wanted,
        seed=SEED,
        now=now,
        known_credentials=set(credentials),
        credential_names=names,
        known_skills=set(skills),
        prefix=PREFIX,
    ):
        if g.external_id not in existing:
            batch.append(
                (posting_from(g, employers, catalog, valid_through=now + timedelta(days=365)), g)
            )
        if len(batch) >= BATCH:
            flush()
    flush()
    if added:
        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum would gather: the PostgreSQL search chooses its
            # strategy from the planner's estimates.
            cursor.execute("ANALYZE")
    return added
