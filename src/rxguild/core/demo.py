"""Demo data: each capability contributes a `rxguild.<app>.demo` module with
`seed(context: DemoContext) -> None`, run in DEMO_APPS order. Seeders must be idempotent
(get_or_create / update_or_create on natural keys): `make run` seeds on every start."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

# Order matters: later apps use what earlier ones made (users, profiles, credentials).
DEMO_APPS = [
    "accounts",
    "profiles",
    "ce",
    "jobs",
    "tracker",
    "resumes",
    "community",
    "mentoring",
    "growth",
    "roadmap",
    "experience",
    "wallet",
]

DEMO_MEMBER_EMAIL = "demo@rxguild.local"
DEMO_STAFF_EMAIL = "staff@rxguild.local"
DEMO_RECRUITER_EMAIL = "recruiter@rxguild.local"
# Demo-only passwords for a local instance; seed_demo refuses to run in production.
DEMO_PASSWORD = "demo-pharmacy-2026"  # noqa: S105


@dataclass
class DemoContext:
    """Shared between seeders: what was made, and lines to print at the end."""

    objects: dict[str, Any] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def seed_all() -> DemoContext:
    context = DemoContext()
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"rxguild.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"rxguild.{app}.demo":
                raise
            continue
        module.seed(context)
    return context
