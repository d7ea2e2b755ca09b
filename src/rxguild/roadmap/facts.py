"""What the member has, as plain data for the gap engine (the selectors fill these from the
database): credentials held, work history, CE records, education, steps marked done, skills on
the profile and self-assessment ratings.

Pure Python (no Django import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class HeldCredential:
    code: str
    name: str
    expires_on: dt.date | None = None


@dataclass(frozen=True)
class Job:
    title: str
    employer: str
    start: dt.date
    end: dt.date | None = None  # None while current
    setting: str = ""  # practice setting code
    summary: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} at {self.employer}" if self.employer else self.title


@dataclass(frozen=True)
class CeRecord:
    title: str
    completed_on: dt.date
    hours: Decimal
    topic_code: str = ""
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EducationEntry:
    program: str
    institution: str = ""
    kind: str = ""

    @property
    def label(self) -> str:
        return f"{self.program}, {self.institution}" if self.institution else self.program


@dataclass(frozen=True)
class SkillRating:
    """The member's latest self-rating of one competency (growth self-assessment)."""

    competency: str  # competency code
    name: str
    level: int
    rated_on: dt.date


@dataclass(frozen=True)
class MemberFacts:
    today: dt.date
    credentials: tuple[HeldCredential, ...] = ()
    jobs: tuple[Job, ...] = ()
    ce_records: tuple[CeRecord, ...] = ()
    education: tuple[EducationEntry, ...] = ()
    # Requirement codes the member marked done themselves, with the day they said so.
    done: Mapping[str, dt.date] = field(default_factory=dict)
    # Skills on the profile (catalog code -> name) and the latest self-ratings by competency.
    skills: Mapping[str, str] = field(default_factory=dict)
    ratings: Mapping[str, SkillRating] = field(default_factory=dict)
