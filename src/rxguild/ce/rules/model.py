"""Rule-set vocabulary: the constants and dataclasses the engine evaluates (pure, no Django)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from rxguild.ce.tags import tag_label
from rxguild.core.factfiles import CONFIDENCES as CONFIDENCES  # the shared vocabulary

DATA_DIR = Path(__file__).resolve().parents[4] / "data" / "ce"
RULE_SETS_DIR = DATA_DIR / "rule_sets"

REQUIREMENT_KINDS = ("total_hours", "min_hours", "training")
RECORD_KINDS = ("acpe", "college", "in_service", "non_acpe", "training")
AUDIENCES = ("T", "P")
FORMATS = ("L", "H", "B")
CYCLE_MONTHS = (12, 24, 36)
DEADLINE_RULES = ("expiry", "first_of_expiry_month")
WINDOWS = ("cycle", "ever")
# How a board sets expiry dates (see ``rxguild.ce.cycles``): a fixed calendar date (NC: 31 Dec),
# the last day of the birth month, the birthday, the anniversary of first issue, or not stated.
EXPIRY_RULES = ("fixed_date", "birth_month", "birthday", "issue_anniversary", "unspecified")
# Which years a fixed date falls in: every year, even or odd years (GA: 30 June of odd years),
# or by the licence number's last digit (Arizona renews even-numbered licences in even years).
EXPIRY_YEARS = ("any", "even", "odd", "license_number")
# Oldest believable "checked" date: the reference material was gathered in 2026.
EARLIEST_CHECKED = date(2020, 1, 1)

# Tag vocabulary shared with the CE app (records carry tags; requirements ask for them).
# State law is "state_law:<xx>" with the lower-case state code.
KNOWN_TAGS = frozenset(
    {
        "pharmacy_law",
        "patient_safety",
        "medication_errors",
        "human_trafficking",
        "pain_symptom_management",
        "implicit_bias",
        "cultural_competency",
        # DC requires cultural competency for LGBTQ patients specifically (D.C. Code
        # 3-1205.10(b)(5)); a general cultural-competency course is not enough there.
        "lgbtq_cultural_competency",
        "health_equity",
        "child_abuse_recognition",
        "sterile_compounding",
        "immunization",
        "ethics",
        "opioids",
    }
)
STATE_LAW_TAG = re.compile(r"state_law:[a-z]{2}")

# Requirements that apply only in some situations name one of these in ``applies_if``. The
# member's situations come from their profile (they tell us); "first_renewal" comes from the
# cycle. The words finish "Applies only if ...".
CONDITIONS: dict[str, str] = {
    "compounds_sterile": "you compound sterile preparations",
    "administers_vaccines": "you administer vaccines",
    "first_renewal": "this is your first renewal",
}
MEMBER_CONDITIONS = tuple(code for code in CONDITIONS if code != "first_renewal")
# What holding a current national certification does for a state credential: it fulfils the
# state's CE (Utah R156-17b-309), or renewal requires it (Iowa Code 155A.6A).
CERTIFICATION_EFFECTS = ("satisfies_ce", "required")


class RuleSetError(ValueError):
    """A rule-set file that cannot be trusted; the message names file, requirement and field."""


@dataclass(frozen=True)
class Match:
    """Which records a requirement or cap is about.

    ``topics`` and ``tags`` are alternatives (ACPE topic 03 OR a record tagged ``pharmacy_law``):
    a record is relevant if it hits either, or if both are empty. ``kinds`` and ``formats`` narrow
    relevance further. ``audiences`` is checked last, so a relevant record with the wrong audience
    is reported as "wrong audience" rather than silently ignored.
    """

    topics: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()

    def describe(self) -> str:
        parts: list[str] = []
        if self.audiences:
            parts.append("/".join(sorted(self.audiences)) + "-specific")
        if self.formats:
            parts.append("format " + "/".join(sorted(self.formats)))
        if self.topics:
            parts.append("ACPE topic " + "/".join(sorted(self.topics)))
        if self.tags:
            parts.append("tagged " + "/".join(sorted(tag_label(tag) for tag in self.tags)))
        if self.kinds:
            parts.append("kind " + "/".join(sorted(self.kinds)))
        return ", ".join(parts) or "any record"


@dataclass(frozen=True)
class Cap:
    """At most ``max_hours`` of the matching records count (0 = refused outright).

    ``per_day`` applies the maximum to each calendar day instead of the whole cycle (Michigan's
    "12 hours in a 24-hour period"; we only know completion dates, so a day is the closest
    expressible unit).
    """

    code: str
    label: str
    match: Match
    max_hours: Decimal
    reason: str
    source: str
    per_day: bool = False
    checked: date = EARLIEST_CHECKED
    confidence: str = "high"


@dataclass(frozen=True)
class ApprovedList:
    """Only courses on a named list count (Texas: an HHSC-approved human-trafficking course).

    ``providers`` (ACPE provider numbers) and ``uans`` (activity numbers) are the entries we
    could read; when both are empty we know the restriction but not the list, so records still
    count and the member is told to check their course is on it.
    """

    name: str
    url: str
    source: str
    checked: date
    confidence: str
    providers: frozenset[str] = frozenset()
    uans: frozenset[str] = frozenset()

    @property
    def has_entries(self) -> bool:
        return bool(self.providers or self.uans)


@dataclass(frozen=True)
class Requirement:
    code: str
    label: str
    kind: str  # total_hours | min_hours | training
    required: Decimal  # hours, or number of completions for trainings
    match: Match
    source: str
    confidence: str
    caps: tuple[Cap, ...] = ()
    # Only records in the last N months of the cycle count (Illinois: "12 months before expiry").
    window_months: int | None = None
    # "ever": a one-time training done at any time before the cycle ends (Michigan trafficking).
    window: str = "cycle"
    applies_in_first_cycle: bool = False
    note: str = ""
    checked: date = EARLIEST_CHECKED
    # Hours per month held when the cycle is shorter than a full one (Kansas K.A.R. 68-5-18:
    # "may be prorated ... at a rate of 0.8 clock-hours per month").
    prorate_per_month: Decimal | None = None
    # A key of CONDITIONS: the requirement applies only then (Texas: sterile-compounding CE
    # only for technicians who compound sterile preparations).
    applies_if: str = ""
    approved: ApprovedList | None = None

    @property
    def unit(self) -> str:
        return "completion" if self.kind == "training" else "hours"


@dataclass(frozen=True)
class Reinstatement:
    """What changes when a lapsed credential is reinstated (e.g. PTCB: 2 h law instead of 1)."""

    required: dict[str, Decimal]  # requirement code -> required amount
    note: str
    source: str


@dataclass(frozen=True)
class FirstRenewalTier:
    """A reduced first renewal for members registered at least ``months`` before it is due.

    Alabama (680-X-2-.37(2)): registered less than one full calendar year, no CE for the first
    renewal; registered one full calendar year, 3 hours (1 live) instead of 6 (2 live). Tiers
    name only the requirements they change; the rest keep their usual amount.
    """

    months: int
    required: dict[str, Decimal]
    source: str
    checked: date
    confidence: str


@dataclass(frozen=True)
class Expiry:
    """When the credential expires, so reminders and the calendar are right.

    ``month``/``day`` for ``fixed_date``; ``every_years`` is the cycle length in years;
    ``years`` restricts fixed dates to even or odd years (or by licence number).
    """

    rule: str
    source: str
    checked: date
    confidence: str
    month: int | None = None
    day: int | None = None
    every_years: int = 1
    years: str = "any"
    note: str = ""
    # Birth-month rules: the first expiry is the first birth month ending at least this many
    # months after issue (Maryland COMAR 10.34.34.08: "the birth month following 1 year after
    # initial registration"); 0 means the first birth month after issue (DC).
    first_after_months: int = 0


@dataclass(frozen=True)
class CertificationRule:
    """What a current national certification does for this credential (``CERTIFICATION_EFFECTS``).

    ``certifications`` are credential codes (``ptcb-cpht``); ``except_requirements`` stay due
    even when the certification fulfils the CE (Utah: vaccine hours).
    """

    effect: str
    certifications: frozenset[str]
    label: str
    source: str
    checked: date
    confidence: str
    except_requirements: frozenset[str] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class CarryOver:
    """Hours beyond the requirement in the previous cycle count in this one (one cycle back).

    ``max_hours`` limits what carries (None: the source states no limit).
    """

    requirement: str
    source: str
    checked: date
    confidence: str
    max_hours: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    credential_code: str
    version: str
    effective_from: date
    effective_to: date | None
    confidence: str
    sources: tuple[str, ...]
    cycle_months: int
    renewal_window_days: int | None
    requirements: tuple[Requirement, ...]
    reinstatement: Reinstatement | None
    first_cycle_exempt: bool
    notes: tuple[str, ...]
    caps: tuple[Cap, ...] = ()  # apply to every hours requirement of the rule set
    deadline_rule: str = "expiry"
    reinstatement_months: int | None = None
    checked: date = EARLIEST_CHECKED
    # The board requires no CE to renew (NC, NJ): said explicitly so pages show "no state CE
    # required" instead of an empty list that could mean "not researched".
    no_state_ce: bool = False
    first_renewal_tiers: tuple[FirstRenewalTier, ...] = ()
    expiry: Expiry | None = None
    national_certification: CertificationRule | None = None
    carry_over: CarryOver | None = None
    path: str = field(default="", compare=False)

    @property
    def is_low_confidence(self) -> bool:
        """True where members must be told to confirm with the board."""
        return self.confidence in ("low", "unverified")

    def effective_on(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)
