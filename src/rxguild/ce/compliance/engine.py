"""Evaluation: one requirement at a time over a :class:`TranscriptIndex`, then the rule set."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from rxguild.ce.compliance import constructs
from rxguild.ce.compliance.dates import _window_start, first_renewal_tier, months_registered
from rxguild.ce.compliance.index import TranscriptIndex, _audience_reason, format_hours
from rxguild.ce.compliance.results import (
    ZERO,
    CeRecordInput,
    ComplianceResult,
    Cycle,
    Exclusion,
    MemberFacts,
    RequirementResult,
)
from rxguild.ce.rules import Cap, Requirement, RuleSet
from rxguild.core.human_dates import human_date


def _required_amount(
    rule_set: RuleSet, requirement: Requirement, cycle: Cycle
) -> tuple[Decimal, bool]:
    """Required amount for this cycle and whether the requirement is waived (first cycle).

    A first cycle long enough for a reduced-renewal tier (Alabama: registered a full calendar
    year) uses that tier's amounts; a shorter one is waived when the rule set says so.
    """
    first_renewal_only = requirement.applies_if == "first_renewal"
    if cycle.first_cycle and not requirement.applies_in_first_cycle and not first_renewal_only:
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
    *,
    carry_in: tuple[Decimal, date] | None = None,
) -> RequirementResult:
    """One requirement over one cycle; ``carry_in`` = (hours, end of the cycle they come from)."""
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
    approved = requirement.approved
    for position, record in enumerate(inside):
        if audiences and record.audience not in audiences:
            window_exclusions.append(
                (position, Exclusion(record.id, _audience_reason(match, record)))
            )
            continue
        off_list = constructs.approved_reason(approved, record) if approved else None
        if off_list is not None:
            window_exclusions.append((position, Exclusion(record.id, off_list)))
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

    carried = ZERO
    if carry_in is not None:
        carried = min(carry_in[0], max(ZERO, required - counted))
        counted += carried
    remaining = max(ZERO, required - counted)
    met = remaining == ZERO
    explanation = _explain(requirement, required, counted, remaining, exempt, cycle, start)
    if carried:
        assert carry_in is not None
        explanation += " " + constructs.carried_explanation(carried, carry_in[1])
    if approved is not None:
        explanation += " " + constructs.approved_note(approved)
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
        explanation=explanation,
        source=requirement.source,
        confidence=requirement.confidence,
        exempt=exempt,
        carried_over=carried,
    )


def _hours(value: Decimal) -> str:
    return "hour" if value == 1 else "hours"


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
        when = (
            "at any time"
            if start is None
            else f"between {human_date(start)} and {human_date(cycle.end)}"
        )
        parts.append(f"{done}: {format_hours(required)} completion needed {when}.")
    else:
        if remaining:
            parts.append(
                f"{format_hours(counted)} of {format_hours(required)} {_hours(required)} "
                f"counted; {format_hours(remaining)} to go."
            )
        else:
            parts.append(
                f"Met: {format_hours(counted)} {_hours(counted)} counted, "
                f"{format_hours(required)} needed."
            )
        if start is not None and start != cycle.start:
            parts.append(
                f"Only hours completed from {human_date(start)} to {human_date(cycle.end)} count."
            )
    if requirement.confidence in ("low", "unverified"):
        parts.append("This rule is not confirmed: check it with the board.")
    if requirement.note:
        parts.append(requirement.note)
    return " ".join(parts)


def evaluate_many(
    credentials: Iterable[tuple[RuleSet, Cycle]],
    records: Sequence[CeRecordInput],
    *,
    member: MemberFacts | None = None,
) -> tuple[ComplianceResult, ...]:
    """Evaluate one member's transcript for each (rule set, cycle), indexing it only once."""
    index = TranscriptIndex(records)
    return tuple(evaluate(rule_set, index, cycle, member=member) for rule_set, cycle in credentials)


def _requirement_result(
    rule_set: RuleSet,
    requirement: Requirement,
    index: TranscriptIndex,
    cycle: Cycle,
    member: MemberFacts,
) -> RequirementResult:
    if not constructs.condition_holds(requirement, cycle, member):
        return constructs.not_applicable(requirement)
    carry = rule_set.carry_over
    if carry is None or carry.requirement != requirement.code or cycle.reinstatement:
        return _evaluate_requirement(rule_set, requirement, index, cycle)
    previous = constructs.previous_cycle(rule_set, cycle)
    if previous is None:
        return _evaluate_requirement(rule_set, requirement, index, cycle)
    before = _evaluate_requirement(rule_set, requirement, index, previous)
    available = constructs.carry_available(rule_set, before)
    carry_in = (available, previous.end) if available else None
    return _evaluate_requirement(rule_set, requirement, index, cycle, carry_in=carry_in)


def evaluate(
    rule_set: RuleSet,
    records: Sequence[CeRecordInput] | TranscriptIndex,
    cycle: Cycle,
    *,
    member: MemberFacts | None = None,
) -> ComplianceResult:
    """Evaluate a transcript for one credential cycle. Deterministic and order-independent.

    ``member`` says which national certifications the member holds and which situations apply
    to them; without it, none (see :mod:`rxguild.ce.compliance.constructs`).
    """
    index = records if isinstance(records, TranscriptIndex) else TranscriptIndex(records)
    facts = member or constructs.NO_MEMBER
    results = tuple(
        _requirement_result(rule_set, requirement, index, cycle, facts)
        for requirement in rule_set.requirements
    )
    notes = list(rule_set.notes)
    sources = list(rule_set.sources)
    certification = rule_set.national_certification
    if certification is not None:
        held = constructs.held_certification(certification, facts)
        if certification.effect == "satisfies_ce" and held:
            results = tuple(constructs.satisfied(r, certification, held) for r in results)
        elif certification.effect == "required":
            results = (*results, constructs.certification_result(certification, held))
        notes.append(constructs.certification_note(certification, held))
        sources.append(certification.source)
    if rule_set.carry_over is not None:
        sources.append(rule_set.carry_over.source)
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
        if requirement.approved is not None:
            sources.append(requirement.approved.source)
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
