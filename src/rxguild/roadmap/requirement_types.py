"""The shapes of the roadmap's reference data: fees, requirements, pathways and targets, each
with its source, the date it was checked and a confidence. Pure Python (no Django import)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

# The shared fact-file vocabulary, named here too for the roadmap's readers.
from rxguild.core.factfiles import CODE_RE as CODE_RE
from rxguild.core.factfiles import CONFIDENCES as CONFIDENCES
from rxguild.core.factfiles import LOW_CONFIDENCES as LOW_CONFIDENCES
from rxguild.growth.engine import LEVEL_MAX

# registration: another state's technician credential (its board's first-registration asks);
# role: a role in a practice setting (e.g. IV-room technician in a hospital).
TARGET_KINDS = ("credential", "specialty", "registration", "role")
REQUIREMENT_KINDS = (
    "credential",  # hold any one of `credentials`
    "credential_count",  # hold `count` of `credentials`
    "experience",  # `months` of work history in `settings` or matching `keywords`
    "ce_hours",  # `hours` of CE on `topics` / `tags`
    "training",  # a program: marked done, or found in the profile's education
    "step",  # something only the member can say is done (a form, an attestation)
    "exam",  # a step with fees: pass an exam
    "skill",  # a skill on the profile (`skills`) or a self-rating of `level` in `competencies`
)
# Only these can be marked done by the member; credentials are added to the profile instead.
SELF_REPORTABLE_KINDS = frozenset({"experience", "ce_hours", "training", "step", "exam"})
TOPIC_RE = re.compile(r"^\d{2}$")
STATE_RE = re.compile(r"^[A-Z]{2}$")
# A skill requirement's `level` is on the growth self-assessment's scale.
SKILL_LEVEL_MAX = LEVEL_MAX


class RequirementsDataError(ValueError):
    """The requirements file cannot be trusted; ``problems`` names each entry and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Fee:
    code: str
    label: str
    amount: Decimal
    source: str
    checked: dt.date
    confidence: str
    note: str = ""


@dataclass(frozen=True)
class Requirement:
    code: str
    label: str
    kind: str
    source: str
    checked: dt.date
    confidence: str
    note: str = ""
    url: str = ""
    credentials: tuple[str, ...] = ()
    count: int = 1
    months: int = 0
    within_years: int | None = None
    settings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    hours: Decimal = Decimal(0)
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    within_months: int | None = None
    education_keywords: tuple[str, ...] = ()
    progress_topics: tuple[str, ...] = ()
    progress_tags: tuple[str, ...] = ()
    course_hours: Decimal | None = None
    course_hours_note: str = ""
    course_hours_source: str = ""
    course_hours_confidence: str = ""
    fees: tuple[Fee, ...] = ()
    skills: tuple[str, ...] = ()  # catalog skill codes (the profile's skills)
    competencies: tuple[str, ...] = ()  # growth framework competency codes (self-assessment)
    level: int | None = None  # the self-rating asked for, on the growth scale (1 to 4)
    # A posting's preferred credential: shown, but it does not decide the target's status.
    optional: bool = False

    @property
    def low_confidence(self) -> bool:
        return self.confidence in LOW_CONFIDENCES

    @property
    def self_reportable(self) -> bool:
        return self.kind in SELF_REPORTABLE_KINDS

    @property
    def fee_total(self) -> Decimal:
        return sum((fee.amount for fee in self.fees), Decimal(0))


@dataclass(frozen=True)
class Pathway:
    code: str
    label: str
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class Target:
    code: str
    kind: str
    name: str
    source: str
    checked: dt.date
    confidence: str
    credential: str = ""
    specialty: str = ""
    note: str = ""
    requirements: tuple[Requirement, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    includes: tuple[Target, ...] = ()
    url: str = ""
    state: str = ""  # registration: the jurisdiction code ("TX")
    board: str = ""  # registration: the board's name (`url` is its page)
    setting: str = ""  # role: the catalog practice setting code

    @property
    def low_confidence(self) -> bool:
        return self.confidence in LOW_CONFIDENCES

    @property
    def unsure(self) -> bool:
        """Anything below high confidence: the page says to confirm with the board, linked."""
        return self.confidence != "high" or any(
            r.confidence != "high" for r in self.all_requirements()
        )

    def all_requirements(self) -> Iterable[Requirement]:
        """Every requirement this target can ask for, across pathways and included targets."""
        yield from self.requirements
        for pathway in self.pathways:
            yield from pathway.requirements
        for included in self.includes:
            yield from included.all_requirements()


@dataclass(frozen=True)
class RequirementsData:
    version: str
    updated: dt.date
    fees: Mapping[str, Fee]
    requirements: Mapping[str, Requirement]
    targets: Mapping[str, Target]
    # Credentials that count as others (CPhT-Adv replaces the CPhT and keeps its number).
    counts_as: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def credential_codes(self) -> set[str]:
        """Catalog credential codes the file mentions (a test checks they exist)."""
        codes = {t.credential for t in self.targets.values() if t.credential}
        for requirement in self.requirements.values():
            codes.update(requirement.credentials)
        for code, others in self.counts_as.items():
            codes.add(code)
            codes.update(others)
        return codes

    def specialty_codes(self) -> set[str]:
        return {t.specialty for t in self.targets.values() if t.specialty}

    def setting_codes(self) -> set[str]:
        codes = {s for r in self.requirements.values() for s in r.settings}
        return codes | {t.setting for t in self.targets.values() if t.setting}

    def skill_codes(self) -> set[str]:
        return {s for r in self.requirements.values() for s in r.skills}

    def competency_codes(self) -> set[str]:
        return {c for r in self.requirements.values() for c in r.competencies}
