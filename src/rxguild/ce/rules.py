"""CE rule sets: the data the compliance engine evaluates, and their loader/validator.

Pure module (no Django import). Rule sets live in ``data/ce/rule_sets/*.toml``; each file is one
rule set with a version, effective dates, a confidence and sources, and every requirement and cap
cites its own source. ``data/ce/README.md`` documents the file format.

Validation is strict because a wrong rule misleads members about their licence: an error names
the file, the requirement (or cap) and the field.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rxguild.ce.tags import tag_label

DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "ce"
RULE_SETS_DIR = DATA_DIR / "rule_sets"

CONFIDENCES = ("high", "medium", "low", "unverified")
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
    path: str = field(default="", compare=False)

    @property
    def is_low_confidence(self) -> bool:
        """True where members must be told to confirm with the board."""
        return self.confidence in ("low", "unverified")

    def effective_on(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


# --- loading -------------------------------------------------------------------------------


class _Reader:
    """Typed field access that raises errors naming file, section and field."""

    def __init__(self, filename: str, where: str, table: dict[str, Any]) -> None:
        self.filename = filename
        self.where = where
        self.table = table

    def error(self, name: str, problem: str) -> RuleSetError:
        return RuleSetError(f"{self.filename}: {self.where}: field {name!r} {problem}")

    def text(self, name: str, *, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.error(name, "is missing or not text")
        return value

    def choice(self, name: str, choices: tuple[str, ...], *, default: str | None = None) -> str:
        value = self.text(name, default=default)
        if value not in choices:
            raise self.error(name, f"is {value!r}; expected one of {', '.join(choices)}")
        return value

    def decimal(self, name: str, *, default: Decimal | None = None) -> Decimal:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self.error(name, "is missing or not a number")
        number = Decimal(value)
        if number < 0 or not number.is_finite():
            raise self.error(name, "must be zero or more")
        return number

    def integer(self, name: str, *, default: int | None = None) -> int | None:
        value = self.table.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.error(name, "must be a whole number, zero or more")
        return value

    def boolean(self, name: str, *, default: bool) -> bool:
        value = self.table.get(name, default)
        if not isinstance(value, bool):
            raise self.error(name, "must be true or false")
        return value

    def day(self, name: str, *, optional: bool = False) -> date | None:
        value = self.table.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, date):
            raise self.error(name, "must be a date like 2020-09-01")
        return value

    def checked(self) -> date:
        """The date a fact was last checked against its source (required on every fact)."""
        value = self.day("checked")
        assert value is not None
        if value < EARLIEST_CHECKED:
            raise self.error("checked", f"is {value}; expected {EARLIEST_CHECKED} or later")
        return value

    def strings(self, name: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(name, "must be a list of text")
        if required and not value:
            raise self.error(name, "must list at least one entry")
        return tuple(value)

    def table_of(self, name: str) -> dict[str, Any]:
        value = self.table.get(name, {})
        if not isinstance(value, dict):
            raise self.error(name, "must be a table")
        return value


def _read_match(reader: _Reader, name: str = "match") -> Match:
    sub = _Reader(reader.filename, f"{reader.where}.{name}", reader.table_of(name))
    topics = sub.strings("topics")
    tags = sub.strings("tags")
    kinds = sub.strings("kinds")
    formats = sub.strings("formats")
    audiences = sub.strings("audiences")
    unknown_keys = set(sub.table) - {"topics", "tags", "kinds", "formats", "audiences"}
    if unknown_keys:
        raise sub.error(sorted(unknown_keys)[0], "is not a known match field")
    for topic in topics:
        if not re.fullmatch(r"[0-9]{2}", topic):
            raise sub.error("topics", f"has {topic!r}; topics are two digits like '03'")
    for tag in tags:
        if tag not in KNOWN_TAGS and not STATE_LAW_TAG.fullmatch(tag):
            raise sub.error("tags", f"has unknown tag {tag!r}")
    for kind in kinds:
        if kind not in RECORD_KINDS:
            raise sub.error("kinds", f"has {kind!r}; expected one of {', '.join(RECORD_KINDS)}")
    for letter in formats:
        if letter not in FORMATS:
            raise sub.error("formats", f"has {letter!r}; expected L, H or B")
    for audience in audiences:
        if audience not in AUDIENCES:
            raise sub.error("audiences", f"has {audience!r}; expected T or P")
    return Match(
        topics=frozenset(topics),
        tags=frozenset(tags),
        kinds=frozenset(kinds),
        formats=frozenset(formats),
        audiences=frozenset(audiences),
    )


def _read_caps(reader: _Reader, owner: str) -> tuple[Cap, ...]:
    raw = reader.table.get("caps", [])
    if not isinstance(raw, list):
        raise reader.error("caps", "must be a list of [[caps]] tables")
    caps: list[Cap] = []
    for index, table in enumerate(raw):
        code = table.get("code", f"#{index + 1}") if isinstance(table, dict) else f"#{index + 1}"
        cap = _Reader(reader.filename, f"{owner} cap {code!r}", table)
        caps.append(
            Cap(
                code=cap.text("code"),
                label=cap.text("label"),
                match=_read_match(cap),
                max_hours=cap.decimal("max_hours"),
                reason=cap.text("reason"),
                source=cap.text("source"),
                per_day=cap.boolean("per_day", default=False),
                checked=cap.checked(),
                confidence=cap.choice("confidence", CONFIDENCES),
            )
        )
    return tuple(caps)


def _read_requirement(filename: str, table: dict[str, Any], index: int) -> Requirement:
    code = table.get("code") if isinstance(table.get("code"), str) else f"#{index + 1}"
    reader = _Reader(filename, f"requirement {code!r}", table)
    kind = reader.choice("kind", REQUIREMENT_KINDS)
    window_months = reader.integer("window_months")
    if window_months is not None and not 1 <= window_months <= 36:
        raise reader.error("window_months", "must be between 1 and 36")
    requirement = Requirement(
        code=reader.text("code"),
        label=reader.text("label"),
        kind=kind,
        required=reader.decimal("required"),
        match=_read_match(reader),
        source=reader.text("source"),
        confidence=reader.choice("confidence", CONFIDENCES),
        caps=_read_caps(reader, f"requirement {code!r}"),
        window_months=window_months,
        window=reader.choice("window", WINDOWS, default="cycle"),
        applies_in_first_cycle=reader.boolean("applies_in_first_cycle", default=False),
        note=reader.text("note", default=""),
        checked=reader.checked(),
        prorate_per_month=(
            reader.decimal("prorate_per_month") if "prorate_per_month" in table else None
        ),
    )
    if requirement.prorate_per_month is not None and kind == "training":
        raise reader.error("prorate_per_month", "applies to hours, not to a training")
    if kind == "training" and requirement.required != requirement.required.to_integral_value():
        raise reader.error("required", "must be a whole number of completions for a training")
    return requirement


def _read_first_renewal_tiers(reader: _Reader, codes: list[str]) -> tuple[FirstRenewalTier, ...]:
    raw = reader.table.get("first_renewal", [])
    if not isinstance(raw, list):
        raise reader.error("first_renewal", "must be a list of [[first_renewal]] tables")
    tiers: list[FirstRenewalTier] = []
    for index, table in enumerate(raw):
        if not isinstance(table, dict):
            raise reader.error("first_renewal", "must be a list of [[first_renewal]] tables")
        tier = _Reader(reader.filename, f"first_renewal #{index + 1}", table)
        months = tier.integer("registered_months_at_least")
        if months is None or not 1 <= months <= 36:
            raise tier.error("registered_months_at_least", "must be between 1 and 36")
        overrides = tier.table_of("required")
        if not overrides:
            raise tier.error("required", "must name at least one requirement")
        for requirement_code in overrides:
            if requirement_code not in codes:
                raise tier.error("required", f"names unknown requirement {requirement_code!r}")
        amounts = _Reader(reader.filename, f"first_renewal #{index + 1}.required", overrides)
        tiers.append(
            FirstRenewalTier(
                months=months,
                required={key: amounts.decimal(key) for key in overrides},
                source=tier.text("source"),
                checked=tier.checked(),
                confidence=tier.choice("confidence", CONFIDENCES),
            )
        )
    thresholds = [t.months for t in tiers]
    if len(set(thresholds)) != len(thresholds):
        raise reader.error("first_renewal", "has two tiers with the same months")
    return tuple(sorted(tiers, key=lambda t: t.months))


def _read_expiry(reader: _Reader) -> Expiry | None:
    raw = reader.table_of("expiry")
    if not raw:
        return None
    sub = _Reader(reader.filename, "expiry", raw)
    rule = sub.choice("rule", EXPIRY_RULES)
    every_years = sub.integer("every_years", default=1)
    if every_years not in (1, 2, 3):
        raise sub.error("every_years", "must be 1, 2 or 3")
    month = sub.integer("month")
    day = sub.integer("day")
    years = sub.choice("years", EXPIRY_YEARS, default="any")
    first_after_months = sub.integer("first_after_months", default=0) or 0
    if first_after_months and rule not in ("birth_month", "birthday"):
        raise sub.error("first_after_months", "applies only to birth_month and birthday")
    if first_after_months > 36:
        raise sub.error("first_after_months", "must be 36 or less")
    if rule == "fixed_date":
        if month is None or not 1 <= month <= 12:
            raise sub.error("month", "must be 1 to 12 for a fixed date")
        if day is None or not 1 <= day <= calendar.monthrange(2023, month)[1]:
            raise sub.error("day", "must be a day that month has every year")
        if years != "any" and every_years != 2:
            raise sub.error("years", "even/odd years only make sense with every_years = 2")
    elif month is not None or day is not None or years != "any":
        raise sub.error("month", f"month, day and years apply only to fixed_date, not {rule}")
    return Expiry(
        rule=rule,
        source=sub.text("source"),
        checked=sub.checked(),
        confidence=sub.choice("confidence", CONFIDENCES),
        month=month,
        day=day,
        every_years=every_years or 1,
        years=years,
        note=sub.text("note", default=""),
        first_after_months=first_after_months,
    )


def parse_rule_set(data: dict[str, Any], *, filename: str = "<rule set>") -> RuleSet:
    """Build a validated :class:`RuleSet` from one parsed TOML document."""
    reader = _Reader(filename, "rule set", data)
    code = reader.text("code")
    raw_requirements = data.get("requirements", [])
    if not isinstance(raw_requirements, list):
        raise reader.error("requirements", "must be a list of [[requirements]] tables")
    requirements = tuple(
        _read_requirement(filename, table, index) for index, table in enumerate(raw_requirements)
    )
    codes = [r.code for r in requirements]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise RuleSetError(f"{filename}: requirement {duplicates[0]!r} is defined twice")

    reinstatement: Reinstatement | None = None
    raw_reinstatement = reader.table_of("reinstatement")
    if raw_reinstatement:
        re_reader = _Reader(filename, "reinstatement", raw_reinstatement)
        overrides = re_reader.table_of("required")
        for requirement_code in overrides:
            if requirement_code not in codes:
                raise re_reader.error("required", f"names unknown requirement {requirement_code!r}")
        amounts = {
            key: _Reader(filename, "reinstatement.required", overrides).decimal(key)
            for key in overrides
        }
        reinstatement = Reinstatement(
            required=amounts, note=re_reader.text("note"), source=re_reader.text("source")
        )

    effective_from = reader.day("effective_from")
    effective_to = reader.day("effective_to", optional=True)
    assert effective_from is not None
    if effective_to is not None and effective_to < effective_from:
        raise reader.error("effective_to", "is before effective_from")
    cycle_months = reader.integer("cycle_months")
    if cycle_months not in CYCLE_MONTHS:
        raise reader.error("cycle_months", "must be 12, 24 or 36")
    no_state_ce = reader.boolean("no_state_ce", default=False)
    if no_state_ce and requirements:
        raise reader.error("no_state_ce", "is true but the rule set lists requirements")
    expiry = _read_expiry(reader)
    if expiry is not None and expiry.every_years * 12 != cycle_months:
        raise reader.error("expiry", f"every_years does not match cycle_months {cycle_months}")
    return RuleSet(
        code=code,
        name=reader.text("name"),
        credential_code=reader.text("credential_code"),
        version=reader.text("version"),
        effective_from=effective_from,
        effective_to=effective_to,
        confidence=reader.choice("confidence", CONFIDENCES),
        sources=reader.strings("sources", required=True),
        cycle_months=cycle_months,
        renewal_window_days=reader.integer("renewal_window_days"),
        requirements=requirements,
        reinstatement=reinstatement,
        first_cycle_exempt=reader.boolean("first_cycle_exempt", default=False),
        notes=reader.strings("notes"),
        caps=_read_caps(reader, "rule set"),
        deadline_rule=reader.choice("deadline_rule", DEADLINE_RULES, default="expiry"),
        reinstatement_months=reader.integer("reinstatement_months"),
        checked=reader.checked(),
        no_state_ce=no_state_ce,
        first_renewal_tiers=_read_first_renewal_tiers(reader, codes),
        expiry=expiry,
        path=filename,
    )


def load_rule_set_file(path: Path) -> RuleSet:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise RuleSetError(f"{path.name}: not valid TOML: {error}") from error
    return parse_rule_set(data, filename=path.name)


def load_rule_sets(path: Path | None = None) -> dict[str, RuleSet]:
    """Every rule set in a directory (default ``data/ce/rule_sets``), keyed by code."""
    directory = path or RULE_SETS_DIR
    files = [directory] if directory.is_file() else sorted(directory.glob("*.toml"))
    rule_sets: dict[str, RuleSet] = {}
    for file in files:
        rule_set = load_rule_set_file(file)
        if rule_set.code in rule_sets:
            raise RuleSetError(
                f"{file.name}: rule set code {rule_set.code!r} is already used by "
                f"{rule_sets[rule_set.code].path}"
            )
        rule_sets[rule_set.code] = rule_set
    return rule_sets
