"""CE compliance engine: evaluate a transcript against a credential's rule set for one cycle.

Pure engine (no Django import). Requirements are data (``data/ce/rule_sets/*.toml``, loaded and
validated by :mod:`rxguild.ce.rules`); this module applies them.

How a record is judged for one requirement, in this order (the first failing step is the reason
given to the member):
1. relevance: does it match the requirement's topics/tags, kinds and formats? Irrelevant records
   are simply not listed (a pharmacy-law requirement does not "exclude" an immunization course);
2. date: inside the cycle (or the requirement's narrower window, or ever for one-time trainings);
3. audience: e.g. a P-specific activity for a "technician-specific hours" requirement;
4. caps: rule-set caps (P hours max 5, college max 10, in-service 0) and the requirement's own.

Caps are applied greedily to records in a fixed order (completion date, then id), so the result
never depends on the order of the input. A record that only partly fits under a cap counts for
the part that fits and the rest is explained. Caps are applied per requirement over the records
relevant to that requirement; we do not search for the globally best allocation of capped hours
across requirements, because members need a rule they can follow by hand.

One record may count toward several requirements at once (a 1 h T-specific law course counts for
the total, the technician hours and the law hour), which is how PTCB and the boards count.

Speed: a member's transcript is sorted and bucketed (by kind, topic and tag) once in a
:class:`TranscriptIndex`; each requirement then visits only its candidate records and finds its
date window by bisection. ``evaluate_many`` shares one index across a member's credentials.
``record_matches`` is the one-record reference meaning of a match that the index must agree with
(property-tested). ``benchmarks/bench_ce_engine.py`` compares against a naive re-scan.
"""

from __future__ import annotations

import calendar
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import chain, pairwise

from rxguild.ce.rules import (
    DATA_DIR,
    Cap,
    FirstRenewalTier,
    Match,
    Reinstatement,
    Requirement,
    RuleSet,
    RuleSetError,
    load_rule_sets,
)

__all__ = [
    "Cap",
    "CeRecordInput",
    "ComplianceResult",
    "Cycle",
    "Exclusion",
    "Match",
    "Reinstatement",
    "Requirement",
    "RequirementResult",
    "RuleSet",
    "RuleSetError",
    "TranscriptIndex",
    "add_months",
    "cpe_monitor_deadline",
    "cycle_for",
    "evaluate",
    "evaluate_many",
    "first_renewal_tier",
    "format_hours",
    "load_rule_sets",
    "months_registered",
    "record_matches",
    "reinstatement_cycle",
    "reinstatement_deadline",
    "rule_set_for",
]

ZERO = Decimal(0)
CPE_MONITOR_FILE = DATA_DIR / "cpe_monitor.toml"


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


# --- dates ---------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def cycle_for(
    rule_set: RuleSet,
    *,
    expires_on: date,
    issued_on: date | None = None,
    first_cycle: bool = False,
    reinstatement: bool = False,
) -> Cycle:
    """The cycle that ends on ``expires_on``: it starts the day after the same date
    ``cycle_months`` earlier (PTCB: the cycle runs from the last approval to the expiry date).

    ``issued_on`` (first issue or last approval) shortens the cycle when it is later, which is
    the case for a first cycle and for reinstated certificants ("only the remainder of the cycle").
    """
    start = add_months(expires_on, -rule_set.cycle_months) + timedelta(days=1)
    if issued_on is not None and start < issued_on <= expires_on:
        start = issued_on
    return Cycle(start=start, end=expires_on, first_cycle=first_cycle, reinstatement=reinstatement)


def reinstatement_deadline(rule_set: RuleSet, *, expires_on: date) -> date | None:
    """Last day a lapsed credential can still be reinstated (PTCB, NHA: 1 year after expiry);
    None when the rule set states no reinstatement period."""
    if rule_set.reinstatement_months is None:
        return None
    return add_months(expires_on, rule_set.reinstatement_months)


def reinstatement_cycle(
    rule_set: RuleSet, *, expires_on: date, applying_on: date, issued_on: date | None = None
) -> Cycle:
    """The window for a reinstatement application: the lapsed cycle plus the time since expiry.

    PTCB returns a renewal whose CE had to be done after the cycle and sends the member to
    reinstatement instead, so CE completed between expiry and the application counts there.
    """
    deadline = reinstatement_deadline(rule_set, expires_on=expires_on)
    if deadline is None:
        raise ValueError(f"{rule_set.name} states no reinstatement period")
    if not expires_on < applying_on <= deadline:
        raise ValueError(
            f"reinstatement applies between {expires_on + timedelta(days=1)} and {deadline}"
        )
    lapsed = cycle_for(rule_set, expires_on=expires_on, issued_on=issued_on)
    return Cycle(start=lapsed.start, end=applying_on, reinstatement=True)


def rule_set_for(
    rule_sets: Mapping[str, RuleSet] | Iterable[RuleSet], credential_code: str, on: date
) -> RuleSet | None:
    """The rule set for a credential in force on a date; the latest-starting one if several."""
    values = rule_sets.values() if isinstance(rule_sets, Mapping) else rule_sets
    candidates = [
        rs for rs in values if rs.credential_code == credential_code and rs.effective_on(on)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda rs: (rs.effective_from, rs.code))


@lru_cache(maxsize=1)
def _cpe_monitor_claim_days() -> int:
    with CPE_MONITOR_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    days = data["claim_window_days"]
    if not isinstance(days, int) or not data.get("source"):
        raise RuleSetError(f"{CPE_MONITOR_FILE.name}: claim_window_days and source are required")
    return days


def cpe_monitor_deadline(completed_on: date) -> date:
    """Last day the provider may report an ACPE activity to CPE Monitor (NABP: 60 days).

    After this date a missing activity will not appear by itself: the member should contact the
    provider. Source in ``data/ce/cpe_monitor.toml``.
    """
    return completed_on + timedelta(days=_cpe_monitor_claim_days())


# --- evaluation ----------------------------------------------------------------------------


def format_hours(value: Decimal) -> str:
    """20 -> "20", 1.50 -> "1.5"; never scientific notation."""
    text = f"{value.normalize():f}"
    return text


def _record_sort_key(record: CeRecordInput) -> tuple[object, ...]:
    return (
        record.completed_on,
        record.id,
        record.hours,
        record.title,
        record.kind,
        record.audience or "",
        record.topic_code or "",
        record.format or "",
        tuple(sorted(record.tags)),
    )


def _in_evaluation_order(records: Iterable[CeRecordInput]) -> list[CeRecordInput]:
    """Sort by completion date then id (what caps follow). Records sharing both (only possible
    with duplicate ids) fall back to the full key so the input order never matters."""
    ordered = sorted(records, key=lambda record: (record.completed_on, record.id))
    for earlier, later in pairwise(ordered):
        if earlier.completed_on == later.completed_on and earlier.id == later.id:
            return sorted(ordered, key=_record_sort_key)
    return ordered


def record_matches(match: Match, record: CeRecordInput, *, check_audience: bool = True) -> bool:
    """The reference meaning of a match, one record at a time.

    The engine uses :class:`TranscriptIndex` buckets instead (same answers, tested); this is for
    callers asking "would this course count toward that requirement?" and for the tests.
    """
    if check_audience and match.audiences and record.audience not in match.audiences:
        return False
    if match.kinds and record.kind not in match.kinds:
        return False
    if match.formats and record.format not in match.formats:
        return False
    if match.topics or match.tags:
        topic_hit = record.topic_code is not None and record.topic_code in match.topics
        if not topic_hit and not (match.tags & record.tags):
            return False
    return True


_AUDIENCE_WORDS = {"T": "technician-specific (T)", "P": "pharmacist-specific (P)"}


def _audience_reason(match: Match, record: CeRecordInput) -> str:
    wanted = " or ".join(_AUDIENCE_WORDS[a] for a in sorted(match.audiences))
    if record.audience is None:
        return f"not an ACPE activity marked for an audience; this requirement counts only {wanted}"
    return (
        f"{_AUDIENCE_WORDS[record.audience]} activity; this requirement counts only {wanted} hours"
    )


def _window_start(requirement: Requirement, cycle: Cycle) -> date | None:
    if requirement.window == "ever":
        return None
    if requirement.window_months is not None:
        window_start = add_months(cycle.end, -requirement.window_months) + timedelta(days=1)
        return max(window_start, cycle.start)
    return cycle.start


def _date_reason(
    record: CeRecordInput, requirement: Requirement, start: date | None, cycle: Cycle
) -> str | None:
    if record.completed_on > cycle.end:
        return f"completed {record.completed_on}, after this cycle ended on {cycle.end}"
    if start is not None and record.completed_on < start:
        if start == cycle.start:
            return f"completed {record.completed_on}, before this cycle began on {cycle.start}"
        return (
            f"completed {record.completed_on}, more than {requirement.window_months} months "
            f"before the cycle ends on {cycle.end} (only hours from {start} count)"
        )
    return None


def months_registered(cycle: Cycle) -> int:
    """Whole calendar months from the cycle's start to the day after it ends (a registration
    issued 1 Jan and expiring 31 Dec of the same year has been held 12 months)."""
    after_end = cycle.end + timedelta(days=1)
    months = (after_end.year - cycle.start.year) * 12 + after_end.month - cycle.start.month
    if after_end.day < cycle.start.day:
        months -= 1
    return max(months, 0)


def first_renewal_tier(rule_set: RuleSet, cycle: Cycle) -> FirstRenewalTier | None:
    """The reduced first-renewal tier that applies to this first cycle, if any (longest first)."""
    if not cycle.first_cycle or not rule_set.first_renewal_tiers:
        return None
    held = months_registered(cycle)
    applicable = [tier for tier in rule_set.first_renewal_tiers if tier.months <= held]
    return applicable[-1] if applicable else None


def _required_amount(
    rule_set: RuleSet, requirement: Requirement, cycle: Cycle
) -> tuple[Decimal, bool]:
    """Required amount for this cycle and whether the requirement is waived (first cycle).

    A first cycle long enough for a reduced-renewal tier (Alabama: registered a full calendar
    year) uses that tier's amounts; a shorter one is waived when the rule set says so.
    """
    if cycle.first_cycle and not requirement.applies_in_first_cycle:
        tier = first_renewal_tier(rule_set, cycle)
        if tier is not None:
            if requirement.code in tier.required:
                return tier.required[requirement.code], False
        elif rule_set.first_cycle_exempt:
            return ZERO, True
    if cycle.reinstatement and rule_set.reinstatement is not None:
        override = rule_set.reinstatement.required.get(requirement.code)
        if override is not None:
            return override, False
    if requirement.prorate_per_month is not None:
        held = months_registered(cycle)
        if held < rule_set.cycle_months:
            prorated = (requirement.prorate_per_month * held).quantize(Decimal("0.01"))
            return min(prorated, requirement.required), False
    return requirement.required, False


class TranscriptIndex:
    """A transcript sorted once (by date, then id) and bucketed by kind, ACPE topic and tag.

    Built once per member and shared by every requirement of every credential, so a requirement
    such as "1 h law" only visits the law records instead of the whole transcript.
    """

    __slots__ = (
        "_candidates",
        "_cap_ids",
        "_date_exclusions",
        "_dated",
        "by_kind",
        "by_tag",
        "by_topic",
        "ordered",
    )

    def __init__(self, records: Iterable[CeRecordInput]) -> None:
        self.ordered: list[CeRecordInput] = _in_evaluation_order(records)
        self.by_kind: dict[str, list[int]] = {}
        self.by_topic: dict[str, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        for position, record in enumerate(self.ordered):
            self.by_kind.setdefault(record.kind, []).append(position)
            if record.topic_code is not None:
                self.by_topic.setdefault(record.topic_code, []).append(position)
            for tag in record.tags:
                self.by_tag.setdefault(tag, []).append(position)
        # Keyed by id(match) (hashing a Match rehashes five frozensets); each entry keeps the
        # Match itself so a recycled id can never return another match's records.
        self._candidates: dict[int, tuple[Match, list[CeRecordInput]]] = {}
        self._cap_ids: dict[int, tuple[Match, frozenset[int]]] = {}
        self._dated: dict[tuple[int, bool], tuple[Match, list[CeRecordInput], list[date]]] = {}
        # The same "completed X, before this cycle began on Y" text serves every requirement
        # (and credential) with the same window, so it is built once per record and window.
        self._date_exclusions: dict[tuple[date | None, date, int | None], dict[int, Exclusion]]
        self._date_exclusions = {}

    def date_exclusions(
        self,
        records: Sequence[CeRecordInput],
        requirement: Requirement,
        start: date | None,
        cycle: Cycle,
    ) -> list[Exclusion]:
        """Exclusions for records outside the requirement's window (callers pass only those)."""
        if not records:
            return []
        key = (start, cycle.end, requirement.window_months)
        known = self._date_exclusions.get(key)
        if known is None:
            known = self._date_exclusions[key] = {}
        found: list[Exclusion] = []
        for record in records:
            exclusion = known.get(id(record))
            if exclusion is None:
                reason = _date_reason(record, requirement, start, cycle)
                assert reason is not None, "only records outside the window are passed"
                exclusion = known[id(record)] = Exclusion(record.id, reason)
            found.append(exclusion)
        return found

    def relevant(self, match: Match) -> list[CeRecordInput]:
        """Records relevant to a match (audience not checked), in evaluation order."""
        cached = self._candidates.get(id(match))
        if cached is not None and cached[0] is match:
            return cached[1]
        ordered = self.ordered
        kinds, formats = match.kinds, match.formats
        found: list[CeRecordInput]
        if match.topics or match.tags:
            hit: set[int] = set()
            for topic in match.topics:
                hit.update(self.by_topic.get(topic, ()))
            for tag in match.tags:
                hit.update(self.by_tag.get(tag, ()))
            found = [ordered[p] for p in sorted(hit)]
            if kinds:
                found = [record for record in found if record.kind in kinds]
        elif kinds:
            buckets = [self.by_kind.get(kind, []) for kind in kinds]
            positions = buckets[0] if len(buckets) == 1 else sorted(chain.from_iterable(buckets))
            found = [ordered[p] for p in positions]
        else:
            found = ordered
        if formats:
            found = [record for record in found if record.format in formats]
        self._candidates[id(match)] = (match, found)
        return found

    def dated(
        self, match: Match, *, positive_hours: bool
    ) -> tuple[list[CeRecordInput], list[date]]:
        """Relevant records (optionally only those with hours) and their dates, for bisection."""
        key = (id(match), positive_hours)
        cached = self._dated.get(key)
        if cached is None or cached[0] is not match:
            records = self.relevant(match)
            if positive_hours:
                records = [r for r in records if r.hours > ZERO]
            cached = self._dated[key] = (match, records, [r.completed_on for r in records])
        return cached[1], cached[2]

    def matching_ids(self, match: Match) -> frozenset[int]:
        """Identities (``id()``) of the records a cap applies to, audience included."""
        cached = self._cap_ids.get(id(match))
        if cached is None or cached[0] is not match:
            audiences = match.audiences
            members = frozenset(
                id(record)
                for record in self.relevant(match)
                if not audiences or record.audience in audiences
            )
            cached = self._cap_ids[id(match)] = (match, members)
        return cached[1]


def _apply_caps(
    record: CeRecordInput,
    cap_members: Sequence[tuple[Cap, frozenset[int]]],
    cap_used: dict[tuple[str, date | None], Decimal],
) -> tuple[Decimal, str | None]:
    """Hours of this record that fit under every cap it falls under, and why not all did."""
    hours = record.hours
    allowed = hours
    limiting: Cap | None = None
    applicable: list[tuple[str, date | None]] = []
    for cap, members in cap_members:
        if id(record) not in members:
            continue
        key = (cap.code, record.completed_on if cap.per_day else None)
        applicable.append(key)
        room = cap.max_hours - cap_used.get(key, ZERO)
        if room < allowed:
            allowed = max(room, ZERO)
            limiting = cap
    for key in applicable:
        cap_used[key] = cap_used.get(key, ZERO) + allowed
    if limiting is None:
        return allowed, None
    if limiting.max_hours == ZERO:
        return allowed, limiting.reason
    if allowed == ZERO:
        return allowed, f"over a cap: {limiting.reason}"
    return allowed, (
        f"only {format_hours(allowed)} of {format_hours(hours)} hours counted: {limiting.reason}"
    )


def _evaluate_requirement(
    rule_set: RuleSet,
    requirement: Requirement,
    index: TranscriptIndex,
    cycle: Cycle,
) -> RequirementResult:
    required, exempt = _required_amount(rule_set, requirement, cycle)
    start = _window_start(requirement, cycle)
    match = requirement.match
    is_training = requirement.kind == "training"
    caps: tuple[Cap, ...] = () if is_training else rule_set.caps + requirement.caps
    cap_used: dict[tuple[str, date | None], Decimal] = {}
    cap_members = [(cap, index.matching_ids(cap.match)) for cap in caps]

    counted = ZERO
    counted_records: list[str] = []
    excluded: list[Exclusion] = []
    # Candidates are in date order, so the window is a slice found by bisection; records on
    # either side only need their (cached) date explanation.
    records, dates = index.dated(match, positive_hours=not is_training)
    low = 0 if start is None else bisect_left(dates, start)
    high = bisect_right(dates, cycle.end)
    excluded.extend(index.date_exclusions(records[:low], requirement, start, cycle))
    inside = records[low:high]
    # (position in the window, exclusion): audience and cap reasons are merged back into
    # transcript order at the end.
    window_exclusions: list[tuple[int, Exclusion]] = []
    eligible: list[tuple[int, CeRecordInput]] = []
    audiences = match.audiences
    for position, record in enumerate(inside):
        if audiences and record.audience not in audiences:
            window_exclusions.append(
                (position, Exclusion(record.id, _audience_reason(match, record)))
            )
        else:
            eligible.append((position, record))
    if cap_members:
        eligible_ids = {id(record) for _, record in eligible}
        cap_members = [(cap, ids) for cap, ids in cap_members if not ids.isdisjoint(eligible_ids)]
    if is_training:
        counted = Decimal(len(eligible))
        counted_records = [record.id for _, record in eligible]
    elif not cap_members:
        counted = sum((record.hours for _, record in eligible), ZERO)
        counted_records = [record.id for _, record in eligible]
    else:
        for position, record in eligible:
            allowed, reason = _apply_caps(record, cap_members, cap_used)
            if reason is not None:
                window_exclusions.append((position, Exclusion(record.id, reason)))
            if allowed > ZERO:
                counted += allowed
                counted_records.append(record.id)
    window_exclusions.sort(key=lambda item: item[0])
    excluded.extend(exclusion for _, exclusion in window_exclusions)
    excluded.extend(index.date_exclusions(records[high:], requirement, start, cycle))

    remaining = max(ZERO, required - counted)
    met = remaining == ZERO
    return RequirementResult(
        code=requirement.code,
        label=requirement.label,
        kind=requirement.kind,
        unit=requirement.unit,
        required=required,
        counted=counted,
        remaining=remaining,
        met=met,
        counted_records=tuple(counted_records),
        excluded=tuple(excluded),
        explanation=_explain(requirement, required, counted, remaining, exempt, cycle, start),
        source=requirement.source,
        confidence=requirement.confidence,
        exempt=exempt,
    )


def _explain(
    requirement: Requirement,
    required: Decimal,
    counted: Decimal,
    remaining: Decimal,
    exempt: bool,
    cycle: Cycle,
    start: date | None,
) -> str:
    parts: list[str] = []
    if exempt:
        parts.append("Not required in your first renewal period.")
    elif requirement.kind == "training":
        done = "Done" if remaining == ZERO else "Not done yet"
        when = "at any time" if start is None else f"between {start} and {cycle.end}"
        parts.append(f"{done}: {format_hours(required)} completion needed {when}.")
    else:
        if remaining:
            parts.append(
                f"{format_hours(counted)} of {format_hours(required)} hours counted; "
                f"{format_hours(remaining)} to go."
            )
        else:
            parts.append(
                f"Met: {format_hours(counted)} hours counted, {format_hours(required)} needed."
            )
        if start is not None and start != cycle.start:
            parts.append(f"Only hours completed from {start} to {cycle.end} count.")
    if requirement.confidence in ("low", "unverified"):
        parts.append("This rule is not confirmed: check it with the board.")
    if requirement.note:
        parts.append(requirement.note)
    return " ".join(parts)


def evaluate_many(
    credentials: Iterable[tuple[RuleSet, Cycle]], records: Sequence[CeRecordInput]
) -> tuple[ComplianceResult, ...]:
    """Evaluate one member's transcript for each (rule set, cycle), indexing it only once."""
    index = TranscriptIndex(records)
    return tuple(evaluate(rule_set, index, cycle) for rule_set, cycle in credentials)


def evaluate(
    rule_set: RuleSet, records: Sequence[CeRecordInput] | TranscriptIndex, cycle: Cycle
) -> ComplianceResult:
    """Evaluate a transcript for one credential cycle. Deterministic and order-independent."""
    index = records if isinstance(records, TranscriptIndex) else TranscriptIndex(records)
    results = tuple(
        _evaluate_requirement(rule_set, requirement, index, cycle)
        for requirement in rule_set.requirements
    )
    notes = list(rule_set.notes)
    sources = list(rule_set.sources)
    if cycle.reinstatement and rule_set.reinstatement is not None:
        notes.append(rule_set.reinstatement.note)
    tier = first_renewal_tier(rule_set, cycle)
    if tier is not None:
        notes.append(
            f"First renewal after at least {tier.months} months registered: the board's reduced "
            "first-renewal amounts apply."
        )
        sources.append(tier.source)
    elif cycle.first_cycle and rule_set.first_cycle_exempt:
        notes.append("First renewal period: the CE hours below are waived by the board's rule.")
    if rule_set.no_state_ce:
        notes.append("No state CE required to renew this credential.")
    if rule_set.confidence in ("low", "unverified"):
        notes.append(
            "We could not confirm these rules from an official source. Confirm them with the "
            "board before you rely on them."
        )
    for requirement in rule_set.requirements:
        sources.append(requirement.source)
        sources.extend(cap.source for cap in requirement.caps)
    sources.extend(cap.source for cap in rule_set.caps)
    if cycle.reinstatement and rule_set.reinstatement is not None:
        sources.append(rule_set.reinstatement.source)
    return ComplianceResult(
        rule_set=rule_set.code,
        rule_set_name=rule_set.name,
        confidence=rule_set.confidence,
        cycle=cycle,
        met=all(result.met for result in results),
        requirements=results,
        deadline=_deadline(rule_set, cycle),
        renewal_window_opens=(
            cycle.end - timedelta(days=rule_set.renewal_window_days)
            if rule_set.renewal_window_days is not None
            else None
        ),
        notes=tuple(notes),
        sources=tuple(dict.fromkeys(sources)),
    )


def _deadline(rule_set: RuleSet, cycle: Cycle) -> date:
    if rule_set.deadline_rule == "first_of_expiry_month":
        return cycle.end.replace(day=1)
    return cycle.end
