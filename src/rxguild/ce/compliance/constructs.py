"""The issue #19 constructs applied: conditional requirements, approved course lists, carry-over
of hours and national certification.

- ``applies_if``: a requirement that applies only in a situation (the member compounds sterile
  preparations; this is the first renewal). Outside it the requirement is listed as "does not
  apply to you" and is met, so members see the rule and why it is not theirs.
- ``approved``: only courses on a named list count. With the list's entries (provider numbers,
  activity numbers) other courses are excluded with the list named; without them (we know the
  restriction, not the list) courses count and the member is told to check their course.
- ``carry_over``: hours beyond the requirement in the previous cycle count in this one. Only one
  cycle back, and the previous cycle is judged at the full requirement even if it was a first
  (exempt) period: carrying less than a board might allow never tells a member they are covered
  when they are not.
- ``national_certification``: a current PTCB/NHA certification fulfils the state's CE (Utah), or
  renewal requires one (Iowa). Which certifications are current is the caller's to say
  (:class:`MemberFacts`); nothing is assumed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from rxguild.ce.compliance.dates import cycle_for
from rxguild.ce.compliance.index import format_hours
from rxguild.ce.compliance.results import (
    ZERO,
    CeRecordInput,
    Cycle,
    MemberFacts,
    RequirementResult,
)
from rxguild.ce.rules import (
    CONDITIONS,
    ApprovedList,
    CertificationRule,
    Requirement,
    RuleSet,
)

NO_MEMBER = MemberFacts()


def condition_holds(requirement: Requirement, cycle: Cycle, member: MemberFacts) -> bool:
    if not requirement.applies_if:
        return True
    if requirement.applies_if == "first_renewal":
        return cycle.first_cycle
    return requirement.applies_if in member.conditions


def not_applicable(requirement: Requirement) -> RequirementResult:
    """The result for a requirement outside its situation: listed, met, and explained."""
    situation = CONDITIONS[requirement.applies_if]
    if requirement.applies_if == "first_renewal":
        why = f"Applies only if {situation}; this is not your first renewal."
    else:
        why = (
            f"Applies only if {situation}. You have not told us you do, so it is not counted "
            "for you; if you do, say so in your profile."
        )
    parts = [why]
    if requirement.note:
        parts.append(requirement.note)
    return RequirementResult(
        code=requirement.code,
        label=requirement.label,
        kind=requirement.kind,
        unit=requirement.unit,
        required=ZERO,
        counted=ZERO,
        remaining=ZERO,
        met=True,
        counted_records=(),
        excluded=(),
        explanation=" ".join(parts),
        source=requirement.source,
        confidence=requirement.confidence,
        applies=False,
    )


def approved_reason(approved: ApprovedList, record: CeRecordInput) -> str | None:
    """Why a record is not on the approved list (None when it is, or when we lack the list)."""
    if not approved.has_entries:
        return None
    uan = (record.uan or "").strip().upper()
    if not uan:
        return f"no ACPE activity number, so we cannot tell whether it is on {approved.name}"
    if uan in approved.uans or uan[:4] in approved.providers:
        return None
    return f"not on {approved.name} ({approved.url})"


def approved_note(approved: ApprovedList) -> str:
    if approved.has_entries:
        return f"Only courses on {approved.name} count ({approved.url})."
    return (
        f"Only courses on {approved.name} count: we do not have the list, so check that your "
        f"course is on it ({approved.url})."
    )


def previous_cycle(rule_set: RuleSet, cycle: Cycle) -> Cycle | None:
    """The full cycle before this one (None in a first cycle: nothing was held before)."""
    if cycle.first_cycle:
        return None
    ends = cycle.start - timedelta(days=1)
    return cycle_for(rule_set, expires_on=ends)


def carry_available(rule_set: RuleSet, previous: RequirementResult) -> Decimal:
    """Hours of the previous cycle beyond its full requirement, limited by the rule."""
    carry = rule_set.carry_over
    assert carry is not None
    requirement = next(r for r in rule_set.requirements if r.code == carry.requirement)
    excess = max(ZERO, previous.counted - previous.carried_over - requirement.required)
    if carry.max_hours is not None:
        excess = min(excess, carry.max_hours)
    return excess


def carried_explanation(carried: Decimal, previous_end: date) -> str:
    return (
        f"Includes {format_hours(carried)} h carried over from the cycle that ended "
        f"{previous_end} (hours beyond what was needed then)."
    )


def held_certification(rule: CertificationRule, member: MemberFacts) -> str:
    """The first (alphabetically) of the member's current certifications the rule accepts."""
    held = sorted(rule.certifications & member.certifications)
    return held[0] if held else ""


def satisfied(result: RequirementResult, rule: CertificationRule, held: str) -> RequirementResult:
    if result.code in rule.except_requirements or not result.applies:
        return result
    return replace(
        result,
        met=True,
        remaining=ZERO,
        satisfied_by=held,
        explanation=(
            f"Met by your current certification ({held}): a current {rule.label} fulfils "
            f"this requirement. {result.explanation}"
        ),
    )


def certification_result(rule: CertificationRule, held: str) -> RequirementResult:
    """Renewal requires a current national certification: one requirement of its own."""
    if held:
        explanation = f"Met: your {held} certification is current."
    else:
        explanation = (
            f"Renewal requires a current {rule.label}. We did not find one among your "
            "credentials: add it to your profile, with its expiry date, if you hold it."
        )
    if rule.note:
        explanation += f" {rule.note}"
    return RequirementResult(
        code="national_certification",
        label=f"Current {rule.label}",
        kind="certification",
        unit="certification",
        required=Decimal(1),
        counted=Decimal(1) if held else ZERO,
        remaining=ZERO if held else Decimal(1),
        met=bool(held),
        counted_records=(held,) if held else (),
        excluded=(),
        explanation=explanation,
        source=rule.source,
        confidence=rule.confidence,
        satisfied_by=held,
    )


def certification_note(rule: CertificationRule, held: str) -> str:
    if rule.effect == "required":
        return f"Renewal requires a current {rule.label}; that certification's own CE applies."
    excepted = (
        " (except: " + ", ".join(sorted(rule.except_requirements)) + ")"
        if rule.except_requirements
        else ""
    )
    if held:
        return f"Your current {held} certification fulfils this CE{excepted}."
    return (
        f"A current {rule.label} fulfils this CE{excepted}. We did not find one among your "
        "credentials, so the hours below apply."
    )
