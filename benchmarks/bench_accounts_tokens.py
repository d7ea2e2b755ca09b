"""Personal-access-token authentication: the cost every API request pays.

Scratch SQLite database (var/bench/accounts_tokens.sqlite3, rebuilt each run) with 2,000
members holding 10,000 tokens. Measured: `token_authenticate` (one indexed lookup of the
SHA-256 digest) and a whole `GET /api/v1/accounts/me` through the test client.
Baseline in the same run: verifying the same secret stored as a password hash (Argon2, as
Django stores passwords) — what a token scheme that reused the password hasher would pay.
Target (on an idle machine): token authentication p95 < 2 ms; the API call p95 < 20 ms.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from secrets import token_hex, token_urlsafe
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction

MEMBERS = 2000
TOKENS_PER_MEMBER = 5
SAMPLES = 500
BENCH_DB = Path(settings.BASE_DIR) / "var" / "bench" / "accounts_tokens.sqlite3"


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
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"  {label:<46} p50 {p50:8.3f} ms   p95 {p95:8.3f} ms   (n={samples})")
    return p95


def run() -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher
    from django.test import Client

    from rxguild.accounts.models import PersonalAccessToken, User
    from rxguild.accounts.tokens import TOKEN_PREFIX, _digest, token_authenticate, token_create

    # On a shared machine the tail (p95) measures the scheduler as much as the code.
    print("  load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    BENCH_DB.unlink(missing_ok=True)
    _switch_database(BENCH_DB)
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    secrets: list[str] = []
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(email=f"m{n}@example.org", username=f"m{n}@example.org") for n in range(MEMBERS)
        )
        # One token through the service (the real path), the rest bulk-inserted the same way
        # the service stores them, so set-up takes seconds rather than minutes.
        secrets.append(token_create(user=users[0], name="service-made").secret)
        rows = []
        for user in users:
            for n in range(TOKENS_PER_MEMBER):
                prefix = token_hex(4)
                raw = f"{TOKEN_PREFIX}_{prefix}_{token_urlsafe(32)}"
                secrets.append(raw)
                rows.append(
                    PersonalAccessToken(
                        user=user, name=f"token {n}", prefix=prefix, token_hash=_digest(raw)
                    )
                )
        PersonalAccessToken.objects.bulk_create(rows, batch_size=2000)
    print(
        f"  {len(secrets):,} tokens for {MEMBERS:,} members in "
        f"{time.perf_counter() - started:.1f} s"
    )

    probe = secrets[len(secrets) // 2]
    token_p95 = _timed(
        "token_authenticate (digest lookup)", lambda: token_authenticate(probe), SAMPLES
    )
    _timed("token_authenticate, unknown token", lambda: token_authenticate("rxg_00_nope"), SAMPLES)

    client = Client()
    header = {"HTTP_AUTHORIZATION": f"Bearer {probe}"}
    api_p95 = _timed(
        "GET /api/v1/accounts/me with the token",
        lambda: client.get("/api/v1/accounts/me", **header),
        SAMPLES,
    )

    hasher = Argon2PasswordHasher()
    encoded = hasher.encode(probe, hasher.salt())
    baseline_p95 = _timed(
        "baseline: Argon2 verify of the same secret", lambda: hasher.verify(probe, encoded), 10
    )

    print(f"  token auth is {baseline_p95 / token_p95:,.0f}x cheaper than an Argon2 check (p95)")
    print(
        f"  targets: token p95 < 2 ms {'OK' if token_p95 < 2 else 'MISSED'}; "
        f"API p95 < 20 ms {'OK' if api_p95 < 20 else 'MISSED'}"
    )
    connections["default"].close()
    BENCH_DB.unlink(missing_ok=True)
