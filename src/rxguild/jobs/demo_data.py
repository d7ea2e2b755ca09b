"""The demo jobs' data file (``data/jobs/demo_postings.toml``) as plain dataclasses, and the
fictional workplaces placed from it. Pure Python, no Django: the generator, the benchmark and
the tests read it; the file's own comments say what in it is invented.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rxguild.core.factfiles import read_toml

DATA_FILE = Path(__file__).resolve().parents[3] / "data" / "jobs" / "demo_postings.toml"
MILES_PER_DEGREE = 69.0547
# Workplaces sit this far from their ZIP's centre: a real address is rarely at the centroid,
# and a spread of points is what makes "distance from me" mean something inside one city.
WORKPLACE_MILES = (0.4, 3.5)


@dataclass(frozen=True)
class Place:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class DemoEmployer:
    slug: str
    name: str
    kind: str
    state: str
    settings: tuple[str, ...]
    pay_hourly: tuple[float, float]
    student_role: str  # "internship", "externship" or ""
    student_pay_hourly: float  # 0: unpaid
    exact_location: bool
    weight: int = 1


@dataclass(frozen=True)
class SettingWords:
    code: str
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    skills: tuple[str, ...]


@dataclass(frozen=True)
class Workplace:
    """A fictional workplace of an employer near one of its state's places."""

    employer_slug: str
    place: Place
    latitude: float
    longitude: float
    precision: str  # "point" (its own) or "zip" (the employer gives only the ZIP)


@dataclass(frozen=True)
class DemoData:
    seed: int
    postings: int
    intern_share: float
    shifts: tuple[str, ...]
    common_sentences: tuple[str, ...]
    places: tuple[Place, ...]
    employers: tuple[DemoEmployer, ...]
    settings: dict[str, SettingWords]

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.state for p in self.places))

    def places_in(self, state: str) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.state == state)

    def workplaces(self, employer: DemoEmployer) -> tuple[Workplace, ...]:
        return tuple(workplace_near(employer, place) for place in self.places_in(employer.state))


@lru_cache(maxsize=1024)
def workplace_near(employer: DemoEmployer, place: Place) -> Workplace:
    """The employer's workplace near `place`: the same point every run (seeded by both)."""
    if not employer.exact_location:
        return Workplace(employer.slug, place, place.latitude, place.longitude, "zip")
    rng = random.Random(f"{employer.slug}:{place.zip_code}")
    miles = rng.uniform(*WORKPLACE_MILES)
    bearing = math.radians(rng.uniform(0, 360))
    latitude = place.latitude + miles * math.cos(bearing) / MILES_PER_DEGREE
    longitude = place.longitude + miles * math.sin(bearing) / (
        MILES_PER_DEGREE * math.cos(math.radians(place.latitude))
    )
    return Workplace(employer.slug, place, round(latitude, 5), round(longitude, 5), "point")


def _tuple(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in raw.get(key, ()))


def parse_demo_data(document: dict[str, Any]) -> DemoData:
    places = tuple(
        Place(
            str(p["zip"]),
            str(p["city"]),
            str(p["state"]),
            float(p["latitude"]),
            float(p["longitude"]),
        )
        for p in document["places"]
    )
    employers = tuple(
        DemoEmployer(
            slug=str(e["slug"]),
            name=str(e["name"]),
            kind=str(e["kind"]),
            state=str(e["state"]),
            settings=_tuple(e, "settings"),
            pay_hourly=(float(e["pay_hourly"][0]), float(e["pay_hourly"][1])),
            student_role=str(e.get("student_role", "")),
            student_pay_hourly=float(e.get("student_pay_hourly", 0)),
            exact_location=bool(e.get("exact_location", True)),
            weight=int(e.get("weight", 1)),
        )
        for e in document["employers"]
    )
    settings = {
        str(s["code"]): SettingWords(
            str(s["code"]), _tuple(s, "titles"), _tuple(s, "sentences"), _tuple(s, "skills")
        )
        for s in document["settings"]
    }
    return DemoData(
        seed=int(document["seed"]),
        postings=int(document["postings"]),
        intern_share=float(document["intern_share"]),
        shifts=_tuple(document, "shifts"),
        common_sentences=_tuple(document, "common_sentences"),
        places=places,
        employers=employers,
        settings=settings,
    )


@lru_cache(maxsize=1)
def demo_data() -> DemoData:
    return parse_demo_data(read_toml(DATA_FILE))
