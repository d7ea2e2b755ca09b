"""The lists a mentor or mentee picks from (topics, languages, time zones, formats).

They live in data/mentoring/options.toml so a maintainer adds a topic without a migration;
models store the codes. Read once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rxguild.core.factfiles import read_toml

OPTIONS_FILE = Path(__file__).resolve().parents[3] / "data" / "mentoring" / "options.toml"

# How a mentor meets mentees. Fixed in code: the matching engine and the agreement page
# treat "in person" differently from the others (it needs a distance).
FORMATS: dict[str, str] = {
    "video": "Video call",
    "phone": "Phone",
    "messages": "Messages",
    "in_person": "In person",
}


@cache
def _options() -> dict[str, dict[str, str]]:
    document = read_toml(OPTIONS_FILE)
    return {
        key: {row["code"]: row["name"] for row in document.get(key, [])}
        for key in ("topics", "languages", "time_zones")
    }


def topics() -> dict[str, str]:
    return _options()["topics"]


def languages() -> dict[str, str]:
    return _options()["languages"]


def time_zones() -> dict[str, str]:
    return _options()["time_zones"]


def choices(names: dict[str, str]) -> list[tuple[str, str]]:
    return list(names.items())
