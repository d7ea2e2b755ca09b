"""Load test for a running RxGuild (`make serve`), driven by locust (`make loadtest`).

Issue #18's mix, by task weight: job search and browsing 60, job pages 20, community reads 10,
applying 5, messaging 5 (percent of requests, near enough). Visitors are anonymous; the applying
and messaging tenth is a signed-in demo member (`make setup` seeds demo@rxguild.local):

- applying: the apply form for a posting, then a POST putting the posting on the tracker (a
  write). The submission itself is not sent: applications are rate-limited per member, and one
  demo member at 2.5 applications a second would measure the limit, not the server.
- messaging: the inbox, then a conversation with a connection. Sending is left out for the
  same reason (a daily cap per member).

Each simulated user paces itself to LOAD_RATE_PER_USER requests a second (default 1), so
LOAD_USERS users ask for about that many requests a second whatever the response time (until
the server falls behind). LOAD_STEPS=10,20,30 steps the users up instead (each number held
LOAD_STEP_SECONDS, default 60) to find the knee: the summary then has each step's achieved
rate, p50/p95/p99, errors and the load average at its end, its first 10 seconds left out.

Never part of the test suite: it measures a server, and the machine
is shared.
"""

from __future__ import annotations

import os
import random
import re
import time

from locust import HttpUser, LoadTestShape, constant_throughput, events, task

TERMS = ["technician", "sterile", "compounding", "retail", "hospital", "night", "IV", "CPhT"]
PLACES = [("78701", 25), ("60601", 50), ("10001", 10)]
RATE = float(os.environ.get("LOAD_RATE_PER_USER", "1"))
MEMBER_EMAIL = os.environ.get("LOAD_MEMBER_EMAIL", "demo@rxguild.local")
MEMBER_PASSWORD = os.environ.get("LOAD_MEMBER_PASSWORD", "demo-pharmacy-2026")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONVERSATION = re.compile(r'href="(/community/messages/[a-z0-9-]+/)"')

STEPS = [int(n) for n in os.environ.get("LOAD_STEPS", "").split(",") if n.strip()]
STEP_SECONDS = float(os.environ.get("LOAD_STEP_SECONDS", "60"))
STEP_SETTLE = 10.0

posting_ids: list[str] = []
# Every measured request (setup requests left out): (time in ms, failed, when).
samples: list[tuple[float, bool, float]] = []
started = [time.time()]
shape_started = [time.time()]
step_loads: list[float] = []
SUMMARY = os.environ.get("LOAD_SUMMARY", "var/loadtest/summary.json")


@events.request.add_listener
def _record(name: str, response_time: float, exception: object, **_kwargs: object) -> None:
    if not samples:
        started[0] = time.time()
    if "(setup)" not in name:
        samples.append((response_time, exception is not None, time.time()))


@events.quitting.add_listener
def _summarise(environment, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    """p50 / p95 / p99, error rate and the achieved rate of the measured requests, to
    LOAD_SUMMARY (JSON) and stdout."""
    import json
    import statistics

    if not samples:
        return

    def figures(chosen: list[tuple[float, bool, float]], seconds: float) -> dict[str, float]:
        times = sorted(elapsed for elapsed, _failed, _when in chosen)

        def pct(q: float) -> float:
            return round(times[min(len(times) - 1, int(len(times) * q))], 1)

        return {
            "requests": len(times),
            "errors": sum(failed for _time, failed, _when in chosen),
            "error_rate_percent": round(100 * sum(f for _t, f, _w in chosen) / len(chosen), 3),
            "requests_per_second": round(len(times) / max(1.0, seconds), 1),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
        }

    summary: dict[str, object] = {
        **figures(samples, time.time() - started[0]),
        "users": environment.runner.user_count if environment.runner else None,
    }
    steps = []
    for n, users in enumerate(STEPS):
        begin = shape_started[0] + n * STEP_SECONDS + STEP_SETTLE
        end = shape_started[0] + (n + 1) * STEP_SECONDS
        chosen = [sample for sample in samples if begin <= sample[2] < end]
        if chosen:
            load = step_loads[n] if n < len(step_loads) else None
            steps.append({"users": users, **figures(chosen, end - begin), "load_average": load})
    if steps:
        summary["steps"] = steps
    with open(SUMMARY, "w") as out:
        json.dump(summary, out, indent=1)
    print("load summary:", json.dumps(summary))


@events.test_start.add_listener
def _load_postings(environment, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    """Posting ids from the search API, once, before any user starts (not measured)."""
    import json
    import urllib.request

    shape_started[0] = time.time()
    url = f"{environment.host}/api/v1/jobs?limit=100"
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (the target)
        posting_ids.extend(str(r["id"]) for r in json.load(response).get("results", []))


class Visitor(HttpUser):
    """Anonymous: search and browse, job pages, community reads (90 % of the mix)."""

    weight = 9
    wait_time = constant_throughput(RATE)

    @task(40)
    def search(self) -> None:
        self.client.get("/jobs/", params={"q": random.choice(TERMS)}, name="/jobs/?q=")

    @task(10)
    def search_near(self) -> None:
        zip_code, radius = random.choice(PLACES)
        self.client.get("/jobs/", params={"zip": zip_code, "radius": radius}, name="/jobs/?zip=")

    @task(10)
    def browse(self) -> None:
        self.client.get("/jobs/", params={"page": random.randint(1, 5)}, name="/jobs/?page=")

    @task(20)
    def job_page(self) -> None:
        if posting_ids:
            self.client.get(f"/jobs/{random.choice(posting_ids)}/", name="/jobs/<id>/")

    @task(10)
    def community(self) -> None:
        self.client.get("/community/events/", name="/community/events/")


class Member(HttpUser):
    """The demo member: applying and messaging (10 % of the mix)."""

    weight = 1
    wait_time = constant_throughput(RATE)
    conversations: list[str] = []

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="/accounts/login/ (setup)")
        token = CSRF.search(page.text)
        self.client.post(
            "/accounts/login/",
            {
                "login": MEMBER_EMAIL,
                "password": MEMBER_PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="/accounts/login/ (setup)",
        )
        inbox = self.client.get("/community/messages/", name="/community/messages/")
        self.conversations = sorted(set(CONVERSATION.findall(inbox.text)))

    @task(5)
    def apply(self) -> None:
        if not posting_ids:
            return
        public_id = random.choice(posting_ids)
        form = self.client.get(f"/jobs/apply/{public_id}/", name="/jobs/apply/<id>/")
        token = CSRF.search(form.text)
        self.client.post(
            f"/jobs/track/{public_id}/",
            {"csrfmiddlewaretoken": token.group(1) if token else ""},
            name="/jobs/track/<id>/ (POST)",
        )

    @task(5)
    def messaging(self) -> None:
        self.client.get("/community/messages/", name="/community/messages/")
        if self.conversations:
            self.client.get(random.choice(self.conversations), name="/community/messages/<h>/")


if STEPS:

    class StepUp(LoadTestShape):
        """LOAD_STEPS users, each step held LOAD_STEP_SECONDS (the knee search)."""

        def tick(self) -> tuple[int, float] | None:
            step = int(self.get_run_time() // STEP_SECONDS)
            while len(step_loads) < step:  # the load average as each step ends
                step_loads.append(round(os.getloadavg()[0], 1))
            if step >= len(STEPS):
                return None
            return STEPS[step], 10.0
