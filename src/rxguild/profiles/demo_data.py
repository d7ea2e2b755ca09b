"""The demo profiles' data file (``data/profiles/demo.toml``) as plain dataclasses.

Pure Python, no Django: dates in the file are relative ("4 years ago, in March") and are
resolved here against the day of seeding, so the demo never goes stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rxguild.core.factfiles import read_toml

DATA_FILE = Path(__file__).resolve().parents[3] / "data" / "profiles" / "demo.toml"


@dataclass(frozen=True)
class RelativeDay:
    years_ago: int
    month: int
    day: int = 1

    def on(self, today: dt.date) -> dt.date:
        return dt.date(today.year - self.years_ago, self.month, self.day)


@dataclass(frozen=True)
class DemoWork:
    employer: str
    title: str
    setting_word: str
    city: str
    state: str
    start: RelativeDay
    end: RelativeDay | None
    summary: str


@dataclass(frozen=True)
class DemoEducation:
    institution: str
    program: str
    kind: str
    accreditation: str
    externship_hours: int | None
    start: RelativeDay
    end: RelativeDay | None


@dataclass(frozen=True)
class DemoCredential:
    code: str
    number: str
    state: str
    expires_in_months: int
    issued: RelativeDay | None
    issued_months_before_expiry: int | None


@dataclass(frozen=True)
class DemoMember:
    display_name: str
    headline: str
    brand_statement: str
    zip_code: str
    state: str
    years_experience: int
    practice_setting_words: tuple[str, ...]
    skills: tuple[str, ...]
    work: tuple[DemoWork, ...]
    education: tuple[DemoEducation, ...]
    credentials: tuple[DemoCredential, ...]


@dataclass(frozen=True)
class DemoPeer:
    first: str
    last: str
    state: str
    zip_code: str
    setting_word: str  # matched against practice setting names
    headline: str
    years: int
    skills: tuple[str, ...]
    mentoring: bool


@dataclass(frozen=True)
class DemoProfiles:
    member: DemoMember
    peers: tuple[DemoPeer, ...]


def months_from(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), kept on or before the 28th."""
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, min(day.day, 28))


def _day(raw: dict[str, Any] | None) -> RelativeDay | None:
    return RelativeDay(**raw) if raw else None


def _required_day(raw: dict[str, Any]) -> RelativeDay:
    return RelativeDay(**raw)


def parse(raw: dict[str, Any]) -> DemoProfiles:
    member = raw["member"]
    return DemoProfiles(
        member=DemoMember(
            display_name=member["display_name"],
            headline=member["headline"],
            brand_statement=member["brand_statement"].strip(),
            zip_code=member["zip_code"],
            state=member["state"],
            years_experience=member["years_experience"],
            practice_setting_words=tuple(member["practice_setting_words"]),
            skills=tuple(member["skills"]),
            work=tuple(
                DemoWork(
                    employer=job["employer"],
                    title=job["title"],
                    setting_word=job["setting_word"],
                    city=job["city"],
                    state=job["state"],
                    start=_required_day(job["start"]),
                    end=_day(job.get("end")),
                    summary=job["summary"],
                )
                for job in member["work"]
            ),
            education=tuple(
                DemoEducation(
                    institution=entry["institution"],
                    program=entry["program"],
                    kind=entry["kind"],
                    accreditation=entry.get("accreditation", ""),
                    externship_hours=entry.get("externship_hours"),
                    start=_required_day(entry["start"]),
                    end=_day(entry.get("end")),
                )
                for entry in member["education"]
            ),
            credentials=tuple(
                DemoCredential(
                    code=held["code"],
                    number=held.get("number", ""),
                    state=held.get("state", ""),
                    expires_in_months=held["expires_in_months"],
                    issued=_day(held.get("issued")),
                    issued_months_before_expiry=held.get("issued_months_before_expiry"),
                )
                for held in member["credentials"]
            ),
        ),
        peers=tuple(DemoPeer(**{**peer, "skills": tuple(peer["skills"])}) for peer in raw["peers"]),
    )


@lru_cache(maxsize=1)
def demo_profiles() -> DemoProfiles:
    return parse(read_toml(DATA_FILE))
