"""What the engine takes and gives back: records, cycles and results (plain dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class CeRecordInput:
    """One transcript entry as the engine sees it (the app converts its models to this)."""

    id: str
    title: str
    completed_on: date
    hours: Decimal
    audience: str | None  # "T" | "P" | None (non-ACPE)
    topic_code: str | None  # ACPE topic designator "01".."08"
    format: str | None  # "L" | "H" | "B"
    kind: str  # "acpe" | "college" | "in_service" | "non_acpe" | "training"
    tags: frozenset[str] = frozenset()
    # The ACPE activity number, for requirements restricted to an approved list of courses.
    uan: str | None = None


@dataclass(frozen=True)
class MemberFacts:
    """What the member told us that some rules depend on.

    ``certifications``: codes of the national certifications they hold that are current
    (``ptcb-cpht``); ``conditions``: keys of ``rules.MEMBER_CONDITIONS`` that apply to them
    (``compounds_sterile``). Nothing is assumed: an empty set means "not held" / "does not apply".
    """

    certifications: frozenset[str] = frozenset()
    conditions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cycle:
    start: date
    end: date
    first_cycle: bool = False
    reinstatement: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"cycle ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class Exclusion:
    record_id: str
    reason: str  # plain words, e.g. "completed 2023-01-02, before this cycle began on 2024-03-01"


@dataclass(frozen=True)
class RequirementResult:
    code: str
    label: str
    kind: str
    unit: str  # "hours" | "completion"
    required: Decimal
    counted: Decimal
    remaining: Decimal
    met: bool
    counted_records: tuple[str, ...]
    excluded: tuple[Exclusion, ...]
    explanation: str
    source: str = ""
    confidence: str = "high"
    exempt: bool = False
    # False when the requirement applies only in a situation that is not the member's.
    applies: bool = True
    # Hours from the previous cycle counted here (included in ``counted``).
    carried_over: Decimal = ZERO
    # The certification code that fulfils this requirement instead of CE hours.
    satisfied_by: str = ""


@dataclass(frozen=True)
class ComplianceResult:
    rule_set: str
    rule_set_name: str
    confidence: str
    cycle: Cycle
    met: bool
    requirements: tuple[RequirementResult, ...]
    deadline: date
    renewal_window_opens: date | None
    notes: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def is_low_confidence(self) -> bool:
        return self.confidence in ("low", "unverified")
