"""Moving to another state: the new state's registration and board page, its renewal CE marked
new or also asked before (from the CE rule sets, with sources), and what carries over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rxguild.catalog.models import Credential
from rxguild.ce.compliance import rule_set_for
from rxguild.ce.selectors import rule_sets as ce_rule_sets
from rxguild.profiles.models import CredentialHeld


@dataclass(frozen=True)
class StateRequirement:
    label: str
    amount: str  # "20 h" or "1 training"
    also_in_old_state: bool
    source: str
    confidence: str
    note: str


@dataclass(frozen=True)
class StateCredentialMove:
    credential: Credential
    rule_set_name: str
    cycle_months: int | None
    no_state_ce: bool
    requirements: tuple[StateRequirement, ...]
    rule_confidence: str
    rule_sources: tuple[str, ...]


@dataclass(frozen=True)
class StateMove:
    from_state: str
    to_state: str
    registrations: tuple[StateCredentialMove, ...]
    carries_over: tuple[str, ...]  # national credentials the member holds
    stays_behind: tuple[str, ...]  # the old state's registrations the member holds
    states: tuple[str, ...]  # states the catalog has registrations for


def _amount(requirement: Any) -> str:
    value = f"{requirement.required.normalize():f}"
    return f"{value} h" if requirement.kind != "training" else f"{value} training"


def state_move(member: Any, *, from_state: str, to_state: str, today: dt.date) -> StateMove:
    """What changes for a member moving from one state to another, from the catalog's state
    credentials and the CE rule sets (each requirement with its own source and confidence)."""
    known = ce_rule_sets()
    registrations = Credential.objects.filter(kind=Credential.Kind.STATE_REGISTRATION)
    states = tuple(sorted(set(registrations.values_list("state", flat=True))))
    old_codes: set[str] = set()
    for credential in registrations.filter(state=from_state):
        rule_set = rule_set_for(known, credential.code, today)
        if rule_set is not None:
            # Rule sets name the same kind of requirement with the same code ("total",
            # "human_trafficking"); labels differ between boards.
            old_codes.update(r.code for r in rule_set.requirements)
    moves = []
    for credential in registrations.filter(state=to_state).order_by("name"):
        rule_set = rule_set_for(known, credential.code, today)
        requirements: tuple[StateRequirement, ...] = ()
        if rule_set is not None:
            requirements = tuple(
                StateRequirement(
                    label=r.label,
                    amount=_amount(r),
                    also_in_old_state=r.code in old_codes,
                    source=r.source,
                    confidence=r.confidence,
                    note=r.note,
                )
                for r in rule_set.requirements
            )
        moves.append(
            StateCredentialMove(
                credential=credential,
                rule_set_name=rule_set.name if rule_set else "",
                cycle_months=rule_set.cycle_months if rule_set else None,
                no_state_ce=bool(rule_set and rule_set.no_state_ce),
                requirements=requirements,
                rule_confidence=rule_set.confidence if rule_set else "unverified",
                rule_sources=rule_set.sources if rule_set else (),
            )
        )
    held = list(
        CredentialHeld.objects.filter(profile__user=member)
        .select_related("credential")
        .order_by("credential__name")
    )
    national = (Credential.Kind.CERTIFICATION, Credential.Kind.CERTIFICATE)
    return StateMove(
        from_state=from_state,
        to_state=to_state,
        registrations=tuple(moves),
        carries_over=tuple(str(h.credential) for h in held if h.credential.kind in national),
        stays_behind=tuple(
            h.credential.name
            for h in held
            if h.credential.kind == Credential.Kind.STATE_REGISTRATION
            and h.credential.state == from_state
        ),
        states=states,
    )
