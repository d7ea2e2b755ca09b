"""The CPhT-Adv planner: the CPhT-Adv target with every certificate's own gap beside it, as
a checklist (same requirements data and gap engine as the roadmap)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rxguild.roadmap.gap import RequirementGap, Status, TargetGap, evaluate_target
from rxguild.roadmap.plan import Plan, build_plan
from rxguild.roadmap.requirements import Target
from rxguild.roadmap.selectors import credential_names, member_facts, requirements_data


@dataclass(frozen=True)
class CertificateRow:
    target: Target
    gap: TargetGap

    @property
    def held(self) -> bool:
        return self.gap.held is not None

    @property
    def missing(self) -> list[RequirementGap]:
        if self.held:
            return []
        return [
            r
            for r in self.gap.relevant_requirements()
            if r.status is not Status.MET and not r.requirement.optional
        ]


@dataclass(frozen=True)
class CphtAdvPlanner:
    gap: TargetGap
    plan: Plan
    certificates: tuple[CertificateRow, ...]
    cspt: CertificateRow
    experience: RequirementGap
    active_cpht: RequirementGap

    @property
    def certificates_held(self) -> int:
        return sum(1 for c in self.certificates if c.held)


def cpht_adv_planner(member: Any, *, today: dt.date) -> CphtAdvPlanner:
    data = requirements_data()
    facts = member_facts(member, today=today)
    names = credential_names()
    target = data.targets["ptcb-cpht-adv"]
    gap = evaluate_target(target, facts, names=names)
    codes = data.requirements["cpht-adv-four-certificates"].credentials
    certificates = tuple(
        CertificateRow(data.targets[code], evaluate_target(data.targets[code], facts, names=names))
        for code in codes
        if code in data.targets
    )
    # Held first, then the closest: what to work on next is at the top.
    certificates = tuple(
        sorted(
            certificates,
            key=lambda c: (not c.held, -c.gap.status.rank, -c.gap.fraction, c.target.name),
        )
    )
    cspt_target = data.targets["ptcb-cspt"]
    by_code = {r.code: r for r in gap.requirements}
    return CphtAdvPlanner(
        gap=gap,
        plan=build_plan(gap, facts, data=data),
        certificates=certificates,
        cspt=CertificateRow(cspt_target, evaluate_target(cspt_target, facts, names=names)),
        experience=by_code["cpht-adv-experience"],
        active_cpht=by_code["active-cpht"],
    )
