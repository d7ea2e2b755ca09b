"""What the gap engine answers: a status for each requirement, pathway and target, with the
reason in words and how much is done. Pure Python (no Django import)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from rxguild.roadmap.facts import HeldCredential
from rxguild.roadmap.requirements import Pathway, Requirement, Target


class Status(StrEnum):
    MISSING = "missing"
    PARTLY = "partly"
    MET = "met"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return {"missing": "Missing", "partly": "Partly met", "met": "Met"}[self.value]


_RANK = {Status.MISSING: 0, Status.PARTLY: 1, Status.MET: 2}


def combine(statuses: Iterable[Status]) -> Status:
    """All met is met, all missing (or nothing to do) is missing, anything else is partly."""
    seen = set(statuses)
    if not seen:
        return Status.MET
    if seen == {Status.MET}:
        return Status.MET
    if seen == {Status.MISSING}:
        return Status.MISSING
    return Status.PARTLY


@dataclass(frozen=True)
class RequirementGap:
    requirement: Requirement
    status: Status
    reason: str
    have: Decimal | None = None
    need: Decimal | None = None
    unit: str = ""  # "months", "hours", "credentials"
    self_reported: bool = False
    counted: tuple[str, ...] = ()  # what counted: job, CE or credential labels

    @property
    def fraction(self) -> float:
        if self.status is Status.MET:
            return 1.0
        if self.status is Status.MISSING or not self.need or self.have is None:
            return 0.0
        return min(float(self.have / self.need), 0.99)

    @property
    def code(self) -> str:
        return self.requirement.code


@dataclass(frozen=True)
class PathwayGap:
    pathway: Pathway
    requirements: tuple[RequirementGap, ...]
    status: Status

    @property
    def fraction(self) -> float:
        counted = [r.fraction for r in self.requirements if not r.requirement.optional]
        return sum(counted) / len(counted) if counted else 1.0


@dataclass(frozen=True)
class TargetGap:
    target: Target
    status: Status
    requirements: tuple[RequirementGap, ...]  # asked on every pathway
    pathways: tuple[PathwayGap, ...]
    best_pathway: PathwayGap | None
    included: tuple[TargetGap, ...]
    held: HeldCredential | None = None  # the member already holds the target credential
    # No requirement on record (e.g. no credential exists for the specialty): the status is
    # "missing" only for ordering; pages show the target's note instead.
    unknown: bool = False

    @property
    def low_confidence(self) -> bool:
        return self.target.low_confidence or any(
            r.requirement.low_confidence for r in self.relevant_requirements()
        )

    def relevant_requirements(self) -> list[RequirementGap]:
        """The common requirements, the best pathway's and the included targets', once each
        (two included targets that share a requirement, like an active CPhT, list it once)."""
        seen: set[str] = set()
        found: list[RequirementGap] = []
        for gap in self._walk():
            if gap.code not in seen:
                seen.add(gap.code)
                found.append(gap)
        return found

    def _walk(self) -> Iterable[RequirementGap]:
        for included in self.included:
            if included.held is None:  # a credential already held asks nothing more
                yield from included._walk()
        yield from self.requirements
        if self.best_pathway is not None:
            yield from self.best_pathway.requirements

    @property
    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for gap in self.relevant_requirements():
            counts[gap.status] += 1
        return counts

    @property
    def fraction(self) -> float:
        if self.status is Status.MET:
            return 1.0
        required = [r.fraction for r in self.relevant_requirements() if not r.requirement.optional]
        return sum(required) / len(required) if required else 0.0
