"""Sign-up timing: does the answer take as long for a registered address as for a new one?

A timing difference would tell an attacker which addresses have accounts (issue #18, defect 2).
Scratch SQLite database (var/bench/signup_timing.sqlite3, rebuilt each run), Argon2 as in
production, mail to memory. `POST /accounts/signup/` alternating a taken and a new address, so
both see the same machine load; SAMPLES of each.

Reported: the median of each path, their difference and a 95 % interval for it (bootstrap over
the samples), for RxGuild's sign-up form and, as the same-run baseline, allauth's stock form
(which skips the hash for a taken address). Verdict: "equal" when the interval holds 0 or the
difference is under 5 % of the new-address median. A statistic over interleaved samples, not a
timed unit test: nothing here can fail the test suite.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings

SAMPLES = int(os.environ.get("BENCH_SIGNUP_SAMPLES", "30"))
BENCH_DB = Path(settings.BASE_DIR) / "var" / "bench" / "signup_timing.sqlite3"
PASSWORD = "a long enough passphrase for the bench"  # noqa: S105  (a scratch database)
TAKEN = "taken@example.org"


def _switch_database(path: Path) -> None:
    connections["default"].close()
    config = dict(settings.DATABASES["default"])
    config.update({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    connections.settings["default"] = config
    connections.databases["default"] = config
    del connections["default"]


def _post(email: str) -> float:
    client = Client()
    started = time.perf_counter()
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    return elapsed


def _interval(taken: list[float], new: list[float]) -> tuple[float, float]:
    rng = random.Random(7)
    diffs = sorted(
        statistics.median(rng.choices(taken, k=len(taken)))
        - statistics.median(rng.choices(new, k=len(new)))
        for _ in range(2000)
    )
    return diffs[50], diffs[1949]


def _measure(label: str, serial: list[int]) -> None:
    taken: list[float] = []
    new: list[float] = []
    _post(TAKEN)
    _post(f"warm{serial[0]}@example.org")
    serial[0] += 1
    for _ in range(SAMPLES):
        taken.append(_post(TAKEN))
        new.append(_post(f"new{serial[0]}@example.org"))
        serial[0] += 1
    taken_median, new_median = statistics.median(taken), statistics.median(new)
    low, high = _interval(taken, new)
    difference = taken_median - new_median
    equal = low <= 0 <= high or abs(difference) < 0.05 * new_median
    print(
        f"  {label:<34} taken {taken_median:7.1f} ms   new {new_median:7.1f} ms   "
        f"taken-new {difference:+7.1f} ms (95 % {low:+.1f} .. {high:+.1f})   "
        f"{'equal' if equal else 'DIFFERENT'}"
    )


def run() -> None:
    from django.core.cache import cache

    print("  load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    BENCH_DB.unlink(missing_ok=True)
    _switch_database(BENCH_DB)
    call_command("migrate", verbosity=0, interactive=False)
    serial = [0]
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ACCOUNT_RATE_LIMITS=False,
    ):
        cache.clear()
        _post(TAKEN)  # the registered address
        _measure("RxGuild sign-up (forms.SignupForm)", serial)
        with override_settings(ACCOUNT_FORMS={"signup": "allauth.account.forms.SignupForm"}):
            _measure("baseline: allauth's stock form", serial)
    print(f"  (n={SAMPLES} each, interleaved)")
    connections["default"].close()
    BENCH_DB.unlink(missing_ok=True)
