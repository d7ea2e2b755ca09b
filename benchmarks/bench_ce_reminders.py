"""CE: one member's compliance (60 records, 3 credentials) and the 10,000-member reminder run,
on a scratch SQLite file (var/bench/ce_reminders.sqlite3, never the dev database).

The baseline is the naive shape people write first: for each member, each credential and each
requirement, query the member's records again and evaluate that requirement alone. It is
measured in the same run on a sample of members (running it for all 10,000 would take minutes)
and projected to the full batch; the projection is labelled as such.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.urls import include, path

MEMBERS = int(os.environ.get("CE_BENCH_MEMBERS", "10000"))
RECORDS_PER_MEMBER = 60
NAIVE_SAMPLE = min(150, MEMBERS)
PER_MEMBER_SAMPLES = 200
urlpatterns = [path("ce/", include("rxguild.ce.urls"))]
BENCH_DB = Path(settings.BASE_DIR) / "var" / "bench" / "ce_reminders.sqlite3"
CREDENTIALS = [
    ("ptcb-cpht", "Certified Pharmacy Technician", ""),
    ("state-tx-technician", "Texas registered pharmacy technician", "TX"),
    ("nha-excpt", "NHA ExCPT", ""),
]
UANS = [
    ("0204", "05", "T", []),
    ("0669", "03", "T", ["state_law:tx", "pharmacy_law"]),
    ("0202", "01", "P", []),
    ("0430", "01", "T", []),
    ("0175", "05", "T", ["medication_errors"]),
    ("0009", "06", "T", ["immunization"]),
    ("0669", "04", "T", ["human_trafficking"]),
]


def _switch_database(path: Path) -> None:
    connections["default"].close()
    config = dict(settings.DATABASES["default"])
    config.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    connections.settings["default"] = config
    connections.databases["default"] = config
    del connections["default"]


def _populate(today: Any) -> list[int]:
    from rxguild.accounts.models import User
    from rxguild.catalog.models import Credential
    from rxguild.profiles.models import CredentialHeld, Profile

    rng = random.Random(20261126)  # deterministic data, comparable runs
    with transaction.atomic():
        credentials = [
            Credential.objects.create(
                code=code,
                name=name,
                kind="certification",
                issuer="bench",
                state=state,
                source="bench",
                confidence="high",
            )
            for code, name, state in CREDENTIALS
        ]
        users = User.objects.bulk_create(
            User(email=f"m{n}@example.org", username=f"m{n}@example.org") for n in range(MEMBERS)
        )
        profiles = Profile.objects.bulk_create(Profile(user=u, handle=f"h{u.id}") for u in users)
        held = []
        for profile in profiles:
            for credential in credentials[: rng.randint(1, 3)]:
                # Deadlines inside the 90-day horizon so every member is evaluated in the run.
                expires = today + timedelta(days=rng.randint(20, 120))
                held.append(
                    CredentialHeld(
                        profile=profile,
                        credential=credential,
                        state=credential.state,
                        expires_on=expires,
                    )
                )
        CredentialHeld.objects.bulk_create(held, batch_size=2000)
        now = "2026-01-01 00:00:00"
        rows = []
        for user in users:
            for index in range(RECORDS_PER_MEMBER):
                provider, topic, audience, tags = UANS[index % len(UANS)]
                completed = today - timedelta(days=rng.randint(1, 730))
                pending = (today - completed).days <= 60
                rows.append(
                    (
                        user.id,
                        f"Course {index}",
                        "",
                        f"{provider}-0000-{completed.year % 100:02d}-"
                        f"{index:03d}-H{topic}-{audience}",
                        completed.isoformat(),
                        str(rng.choice(["0.5", "1", "1.5", "2"])),
                        "H",
                        topic,
                        audience,
                        "acpe",
                        json.dumps(tags),
                        "manual",
                        "",
                        "",
                        "",
                        "pending" if pending else "confirmed",
                        None,
                        False,
                        "",
                        now,
                        now,
                    )
                )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO ce_cerecord (member_id, title, provider_name, uan, completed_on, "
                "hours, format, topic_code, audience, kind, tags, source, proof_file, "
                "proof_name, proof_status, cpe_monitor_status, cpe_monitor_confirmed_at, "
                "is_duplicate, notes, created_at, updated_at) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s)",
                rows,
            )
    return [u.id for u in users]


def _naive_member(member_id: int, today: Any) -> int:
    """Re-query per requirement: the shape the reminder run must beat."""
    from rxguild.ce.compliance import cycle_for, evaluate, rule_set_for
    from rxguild.ce.models import CeRecord
    from rxguild.ce.selectors import record_input, rule_sets
    from rxguild.profiles.models import CredentialHeld

    evaluated = 0
    for held in CredentialHeld.objects.filter(profile__user_id=member_id).select_related(
        "credential"
    ):
        rule_set = rule_set_for(rule_sets(), held.credential.code, today)
        if rule_set is None or held.expires_on is None:
            continue
        cycle = cycle_for(rule_set, expires_on=held.expires_on)
        for requirement in rule_set.requirements:
            records = [record_input(r) for r in CeRecord.objects.filter(member_id=member_id)]
            evaluate(replace(rule_set, requirements=(requirement,)), records, cycle)
            evaluated += 1
    return evaluated


def _median_ms(fn: Any, samples: list[int]) -> float:
    times = []
    for member_id in samples:
        started = time.perf_counter()
        fn(member_id)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run() -> None:
    from django.utils import timezone

    from rxguild.accounts.models import User
    from rxguild.ce.models import CeRecord
    from rxguild.ce.selectors import (
        HELD_FIELDS,
        HeldCredential,
        compliance_for_member,
        record_input,
        statuses_evaluate,
    )
    from rxguild.ce.services import reminders_send_due
    from rxguild.profiles.models import CredentialHeld

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    print("  load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    # CE_BENCH_REUSE=1 keeps the populated file from an earlier run (set-up takes minutes).
    reuse = os.environ.get("CE_BENCH_REUSE") == "1" and BENCH_DB.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{BENCH_DB}{suffix}").unlink(missing_ok=True)
    _switch_database(BENCH_DB)
    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    started = time.perf_counter()
    if reuse:
        from rxguild.ce.models import ReminderSent

        ReminderSent.objects.all().delete()
        member_ids = list(User.objects.order_by("id").values_list("id", flat=True))
    else:
        member_ids = _populate(today)
    print(
        f"  set-up: {MEMBERS} members x {RECORDS_PER_MEMBER} records, 1-3 credentials "
        f"({CeRecord.objects.count()} records, {CredentialHeld.objects.count()} credentials "
        f"held) in {time.perf_counter() - started:.1f} s"
    )
    rng = random.Random(7)
    # One member with 60 records and 3 credentials, in the engine alone and with its 2 queries.
    three = [
        mid
        for mid in member_ids[:2000]
        if CredentialHeld.objects.filter(profile__user_id=mid).count() == 3
    ][:PER_MEMBER_SAMPLES]
    member = User.objects.get(id=three[0])
    held = [
        HeldCredential(*row)
        for row in CredentialHeld.objects.filter(profile__user=member).values_list(*HELD_FIELDS)
    ]
    records = [record_input(r) for r in CeRecord.objects.filter(member=member)]
    engine_times = []
    for _ in range(2000):
        t0 = time.perf_counter()
        statuses_evaluate(held, records, today=today)
        engine_times.append((time.perf_counter() - t0) * 1000)
    engine_ms = statistics.median(engine_times)
    users = {u.id: u for u in User.objects.filter(id__in=three)}
    selector_ms = _median_ms(lambda mid: compliance_for_member(users[mid], today=today), three)
    naive_ms = _median_ms(lambda mid: _naive_member(mid, today), three)
    print(f"  one member (60 records, 3 credentials), median of {len(three)}:")
    print(f"    engine only (3 evaluations)          {engine_ms:8.3f} ms  (target < 1 ms)")
    print(f"    compliance_for_member (2 queries)    {selector_ms:8.3f} ms")
    print(
        f"    naive (query per requirement)        {naive_ms:8.3f} ms  "
        f"ratio {naive_ms / selector_ms:5.1f}x"
    )

    from django.urls import clear_url_caches, reverse

    # Only the CE URLs: the run needs one reverse(), not every app's views (which other
    # engineers may be editing while this runs).
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    reverse("ce:dashboard")  # import the URL configuration once, outside the timing
    # Wall time and this process's CPU time: on a shared machine the CPU time is the better
    # measure of "on one core" (the wall clock also counts time spent waiting for a core).
    t0, c0 = time.perf_counter(), time.process_time()
    result = reminders_send_due(today=today)
    batch_s, batch_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    again = reminders_send_due(today=today)
    again_s, again_cpu = time.perf_counter() - t0, time.process_time() - c0
    sample = rng.sample(member_ids, NAIVE_SAMPLE)
    t0, c0 = time.perf_counter(), time.process_time()
    for mid in sample:
        _naive_member(mid, today)
    naive_sample_s, naive_cpu = time.perf_counter() - t0, time.process_time() - c0
    naive_projected = naive_sample_s * MEMBERS / NAIVE_SAMPLE
    print(f"  reminder run over {MEMBERS} members (target < 30 s on one core):")
    print(
        f"    first run: {batch_s:6.1f} s wall, {batch_cpu:6.1f} s CPU  "
        f"({result.members_checked} checked, "
        f"{result.emails_sent} e-mails, {batch_s / max(result.members_checked, 1) * 1000:.3f} "
        f"ms per member)"
    )
    print(
        f"    second run (idempotent): {again_s:6.1f} s wall, {again_cpu:6.1f} s CPU  "
        f"({again.emails_sent} e-mails)"
    )
    print(
        f"    naive baseline: {naive_sample_s:.1f} s wall, {naive_cpu:.1f} s CPU for "
        f"{NAIVE_SAMPLE} sampled members; projected {naive_projected:.0f} s wall, "
        f"{naive_cpu * MEMBERS / NAIVE_SAMPLE:.0f} s CPU for {MEMBERS}  "
        f"ratio {naive_projected / batch_s:4.1f}x wall, "
        f"{naive_cpu * MEMBERS / NAIVE_SAMPLE / batch_cpu:4.1f}x CPU"
    )
    assert again.emails_sent == 0, "the reminder run must be idempotent"
    mail.outbox = []
