"""Goals linked to a CE requirement ("complete 2 h of Texas law before my renewal").

The link names a credential the member holds and one requirement of its CE rule set. Progress
is never typed in for such a goal: it is read from the CE compliance engine
(`ce.selectors.compliance_for_member`) whenever the goal is shown, so adding, editing,
importing or deleting a CE record, or changing the credential's expiry, moves it at once and
nothing can drift. The stored `Goal.progress` keeps what the member last typed and is not used
while the link is valid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rxguild.ce.compliance import format_hours
from rxguild.ce.selectors import CredentialStatus, compliance_for_member

SEPARATOR = ":"


def link_value(credential_code: str, requirement_code: str) -> str:
    """The value a form or the API sends: "<credential code>:<requirement code>"."""
    return f"{credential_code}{SEPARATOR}{requirement_code}"


def link_parse(value: str) -> tuple[str, str] | None:
    credential, found, requirement = (value or "").strip().partition(SEPARATOR)
    if not found or not credential or not requirement:
        return None
    return credential, requirement


@dataclass(frozen=True)
class CeGoalProgress:
    credential_code: str
    requirement_code: str
    credential_name: str
    label: str  # the requirement's own words, e.g. "Texas pharmacy law"
    unit: str  # "hours" | "completion"
    required: Decimal
    counted: Decimal
    met: bool
    deadline: date | None
    explanation: str  # the engine's reason, e.g. "1 of 2 h counted ..."
    problem: str = ""  # plain words when the requirement can no longer be evaluated

    @property
    def percent(self) -> int | None:
        if self.problem:
            return None
        if self.met:
            return 100
        if self.unit != "hours" or self.required <= 0:
            return 0
        return min(99, int(self.counted * 100 / self.required))

    @property
    def summary(self) -> str:
        if self.problem:
            return self.problem
        if self.unit == "hours":
            done = f"{format_hours(self.counted)} of {format_hours(self.required)} h counted"
        else:
            done = "done" if self.met else "not done yet"
        due = f", due by {self.deadline:%b %-d, %Y}" if self.deadline else ""
        return f"{done} from your CE record{due}"


def _progress(
    status: CredentialStatus | None, credential_code: str, requirement_code: str
) -> CeGoalProgress:
    def missing(problem: str, name: str = "") -> CeGoalProgress:
        return CeGoalProgress(
            credential_code=credential_code,
            requirement_code=requirement_code,
            credential_name=name or credential_code,
            label=requirement_code,
            unit="hours",
            required=Decimal(0),
            counted=Decimal(0),
            met=False,
            deadline=None,
            explanation="",
            problem=problem,
        )

    if status is None:
        return missing("This credential is no longer on your profile, so its CE is not tracked.")
    if status.result is None:
        return missing(status.problem, status.credential_name)
    requirement = next((r for r in status.result.requirements if r.code == requirement_code), None)
    if requirement is None:
        return missing(
            "This requirement is not part of the credential's current CE rules.",
            status.credential_name,
        )
    return CeGoalProgress(
        credential_code=credential_code,
        requirement_code=requirement_code,
        credential_name=status.credential_name,
        label=requirement.label,
        unit=requirement.unit,
        required=requirement.required,
        counted=requirement.counted,
        met=requirement.met,
        deadline=status.result.deadline,
        explanation=requirement.explanation,
    )


def requirement_choices(statuses: Sequence[CredentialStatus]) -> list[tuple[str, str]]:
    """Every requirement of the member's credentials that has a CE result, for a form."""
    choices = []
    for status in statuses:
        if status.result is None:
            continue
        for requirement in status.result.requirements:
            if requirement.exempt:
                continue
            progress = _progress(status, status.credential_code, requirement.code)
            choices.append(
                (
                    link_value(status.credential_code, requirement.code),
                    f"{status.credential_name}: {requirement.label} ({progress.summary})",
                )
            )
    return choices


def requirement_choices_for_member(member: Any, *, today: date) -> list[tuple[str, str]]:
    return requirement_choices(compliance_for_member(member, today=today))


def requirement_check(member: Any, value: str, *, today: date) -> tuple[str, str]:
    """The (credential, requirement) codes of `value` when the member may link a goal to it,
    else ValueError with the message for the form."""
    parsed = link_parse(value)
    allowed = {v for v, _ in requirement_choices_for_member(member, today=today)}
    if parsed is None or link_value(*parsed) not in allowed:
        raise ValueError("Choose one of the CE requirements of the credentials on your profile.")
    return parsed


def attach_ce_progress(goals: Iterable[Any], *, today: date) -> None:
    """Set `goal.ce_progress` (CeGoalProgress or None) on each goal and, where the link can be
    evaluated, `goal.progress` to the engine's figure. Two queries per member with a linked
    goal (credentials held, CE records), none for goals without a link."""
    by_member: dict[int, list[Any]] = defaultdict(list)
    for goal in goals:
        goal.ce_progress = None
        if goal.ce_credential_code and goal.ce_requirement_code:
            by_member[goal.member_id].append(goal)
    for member_goals in by_member.values():
        statuses = {
            s.credential_code: s for s in compliance_for_member(member_goals[0].member, today=today)
        }
        for goal in member_goals:
            progress = _progress(
                statuses.get(goal.ce_credential_code),
                goal.ce_credential_code,
                goal.ce_requirement_code,
            )
            goal.ce_progress = progress
            if progress.percent is not None and goal.status == "active":
                goal.progress = progress.percent
