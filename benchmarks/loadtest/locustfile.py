"""Load test for a running RxGuild (`make serve`), driven by locust (`make loadtest`).

Anonymous visitors in the read part of issue #18's mix: job search and browsing 60, job pages
20, community reads 10 (weights, so 67 / 22 / 11 % of requests). The signed-in 10 % (applying,
messaging) is not in it yet. Job pages are picked from the ids the search API returns at start.
Never part of the test suite: it measures a server, and this machine is shared.
"""

from __future__ import annotations

import random

from locust import HttpUser, between, task

TERMS = ["technician", "sterile", "compounding", "retail", "hospital", "night", "IV", "CPhT"]
PLACES = [("78701", 25), ("60601", 50), ("10001", 10)]


class Visitor(HttpUser):
    wait_time = between(0.5, 2)
    posting_ids: list[str] = []

    def on_start(self) -> None:
        if not Visitor.posting_ids:
            response = self.client.get("/api/v1/jobs", name="/api/v1/jobs (setup)")
            if response.ok:
                Visitor.posting_ids = [r["id"] for r in response.json().get("results", [])]

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
        if Visitor.posting_ids:
            self.client.get(f"/jobs/{random.choice(Visitor.posting_ids)}/", name="/jobs/<id>/")

    @task(10)
    def community(self) -> None:
        self.client.get("/community/events/", name="/community/events/")
