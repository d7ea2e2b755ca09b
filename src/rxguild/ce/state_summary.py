"""Plain-words summaries of rule sets and check dates, for the state pages (pure, no Django)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rxguild.ce.rules import CONDITIONS, RuleSet

if TYPE_CHECKING:
    from rxguild.ce.jurisdictions import Fact


def rule_set_summary(rule_set: RuleSet) -> list[str]:
    """Plain lines describing what a rule set asks for, for the state pages."""
    certification = rule_set.national_certification
    lead: list[str] = []
    if certification is not None and certification.effect == "required":
        lead.append(f"Renewal requires a current {certification.label}.")
    elif certification is not None:
        lead.append(f"A current {certification.label} fulfils the CE below.")
    if rule_set.no_state_ce:
        return ["No state CE required.", *lead]
    if not rule_set.requirements:
        return ["No CE requirement confirmed: confirm with the board."]
    months = rule_set.cycle_months
    lines: list[str] = []
    for requirement in rule_set.requirements:
        amount = f"{requirement.required.normalize():f}"
        situation = CONDITIONS.get(requirement.applies_if, "")
        only_if = f"Only if {situation}: " if situation else ""
        if requirement.kind == "training":
            when = "once" if requirement.window == "ever" else "each renewal"
            lines.append(f"{only_if}{requirement.label}: {amount} completion {when}")
        else:
            window = (
                f" in the last {requirement.window_months} months"
                if requirement.window_months is not None
                else f" per {months} months"
            )
            lines.append(f"{only_if}{requirement.label}: {amount} h{window}")
        for cap in requirement.caps:
            lines.append(f"  {cap.reason}")
        if requirement.approved is not None:
            lines.append(f"  Only courses on {requirement.approved.name} count.")
    if rule_set.carry_over is not None:
        lines.append(
            "Hours beyond what a cycle needs carry over to the next cycle (one cycle only)."
        )
    for cap in rule_set.caps:
        lines.append(cap.reason)
    for tier in rule_set.first_renewal_tiers:
        amounts = ", ".join(
            f"{code} {value.normalize():f}" for code, value in sorted(tier.required.items())
        )
        lines.append(f"First renewal after {tier.months}+ months registered: {amounts}")
    if rule_set.first_cycle_exempt:
        lines.append("First renewal period: CE not required (or reduced, as above).")
    return [*lead, *lines]


def checked_range(jurisdiction_facts: list[Fact]) -> tuple[date, date] | None:
    """Oldest and newest check date among a jurisdiction's facts."""
    if not jurisdiction_facts:
        return None
    dates = [fact.checked for fact in jurisdiction_facts]
    return min(dates), max(dates)
