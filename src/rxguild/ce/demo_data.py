"""The CE demo's data file (``data/ce/demo.toml``) as plain dataclasses.

Pure Python, no Django: days in the file are relative to the day of seeding and are resolved
by the seeder (ce/demo.py), so the demo's story holds whenever it is seeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from rxguild.core.factfiles import read_toml

DATA_FILE = Path(__file__).resolve().parents[3] / "data" / "ce" / "demo.toml"


@dataclass(frozen=True)
class DemoCeCredential:
    code: str
    expires_in_days: int
    issued_days_ago: int
    # The catalog entry, made only when the catalog lacks it.
    catalog: dict[str, str]


@dataclass(frozen=True)
class DemoCeRecord:
    days_ago: int
    title: str
    uan_template: str  # "{yy}" is the year of completion; "" for employer training
    hours: Decimal
    kind: str
    tags: tuple[str, ...]
    confirmed: bool  # in CPE Monitor


@dataclass(frozen=True)
class DemoCourse:
    provider: str  # ACPE provider number
    title: str
    sequence: str
    designator: str  # format letter and topic, "H04"
    audience: str
    hours: Decimal
    cost: Decimal
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DemoCe:
    credentials: tuple[DemoCeCredential, ...]
    transcript: tuple[DemoCeRecord, ...]
    courses: tuple[DemoCourse, ...]


_CATALOG_FIELDS = ("name", "abbreviation", "kind", "issuer", "state", "source", "confidence")


def parse(raw: dict[str, Any]) -> DemoCe:
    return DemoCe(
        credentials=tuple(
            DemoCeCredential(
                code=entry["code"],
                expires_in_days=entry["expires_in_days"],
                issued_days_ago=entry["issued_days_ago"],
                catalog={name: entry[name] for name in _CATALOG_FIELDS},
            )
            for entry in raw["credentials"]
        ),
        transcript=tuple(
            DemoCeRecord(
                days_ago=entry["days_ago"],
                title=entry["title"],
                uan_template=entry["uan"],
                hours=Decimal(entry["hours"]),
                kind=entry["kind"],
                tags=tuple(entry["tags"]),
                confirmed=entry["confirmed"],
            )
            for entry in raw["transcript"]
        ),
        courses=tuple(
            DemoCourse(
                provider=entry["provider"],
                title=entry["title"],
                sequence=entry["sequence"],
                designator=entry["designator"],
                audience=entry["audience"],
                hours=Decimal(entry["hours"]),
                cost=Decimal(entry["cost"]),
                tags=tuple(entry["tags"]),
            )
            for entry in raw["courses"]
        ),
    )


@lru_cache(maxsize=1)
def demo_ce() -> DemoCe:
    return parse(read_toml(DATA_FILE, parse_float=Decimal))
