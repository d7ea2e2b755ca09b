"""Reads for the specialty pathway maps and the CPhT-Adv planner.

Both are views over the same requirements data and gap engine as the roadmap: a pathway map is
a specialty target drawn as rows of linked nodes (with the member's own status on each), and the
CPhT-Adv planner is the CPhT-Adv target with every certificate's own gap beside it.

`pathway_for_specialty` costs a fixed number of queries (member facts, the specialization with
its settings, one grouped count of open jobs per credential, one count of mentors, the national
wage rows); it does not grow with the number of credentials.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.http import Http404
from django.urls import reverse

from rxguild.catalog.models import Credential, Specialization, Wage
from rxguild.ce.compliance import rule_set_for
from rxguild.ce.selectors import rule_sets as ce_rule_sets
from rxguild.jobs.access import posting_visible_queryset
from rxguild.jobs.models import PostingCredential
from rxguild.mentoring.models import MentorOffer
from rxguild.profiles.models import CredentialHeld
from rxguild.roadmap.gap import RequirementGap, Status, TargetGap, evaluate_target
from rxguild.roadmap.pathway_map import MapNode, MapRow, PathwayMap, layout
from rxguild.roadmap.plan import Plan, build_plan
from rxguild.roadmap.requirements import Requirement, Target
from rxguild.roadmap.selectors import credential_names, member_facts, requirements_data

TOPIC_NAMES = {"06": "Immunizations", "07": "Compounding"}


@dataclass(frozen=True)
class SpecialtyEntry:
    target: Target
    specialization: Specialization | None


def specialty_targets() -> list[Target]:
    return sorted(
        (t for t in requirements_data().targets.values() if t.kind == "specialty"),
        key=lambda t: t.name,
    )


def specialty_list() -> list[SpecialtyEntry]:
    by_code = {s.code: s for s in Specialization.objects.all()}
    return [SpecialtyEntry(t, by_code.get(t.specialty)) for t in specialty_targets()]


def _course_url(topic: str = "", query: str = "") -> str:
    params = {"topic": topic} if topic else {"q": query}
    return f"{reverse('ce:courses')}?{urlencode(params)}"


def _jobs_url(**params: str) -> str:
    return f"{reverse('jobs:search')}?{urlencode(params)}"


def _walk_targets(target: Target) -> list[Target]:
    found = [target]
    for included in target.includes:
        found.extend(_walk_targets(included))
    return found


def _requirements_by_kind(targets: list[Target], kinds: set[str]) -> list[Requirement]:
    seen: set[str] = set()
    found = []
    for target in targets:
        for requirement in target.all_requirements():
            if requirement.kind in kinds and requirement.code not in seen:
                seen.add(requirement.code)
                found.append(requirement)
    return found


def _status(gaps: dict[str, RequirementGap], code: str) -> str:
    gap = gaps.get(code)
    return gap.status.value if gap else ""


def _all_gaps(gap: TargetGap) -> dict[str, RequirementGap]:
    found: dict[str, RequirementGap] = {}

    def visit(node: TargetGap) -> None:
        for r in node.requirements:
            found.setdefault(r.code, r)
        for pathway in node.pathways:
            for r in pathway.requirements:
                found.setdefault(r.code, r)
        for included in node.included:
            visit(included)

    visit(gap)
    return found


@dataclass(frozen=True)
class CredentialOnMap:
    code: str
    name: str
    url: str
    open_jobs: int
    jobs_url: str
    status: Status


@dataclass(frozen=True)
class PathwayPage:
    target: Target
    specialization: Specialization | None
    gap: TargetGap
    plan: Plan
    map: PathwayMap
    credentials: tuple[CredentialOnMap, ...]
    topics: tuple[tuple[str, str, str], ...]  # (code, name, course search url)
    mentors: int
    wages: tuple[Wage, ...]
    settings_links: tuple[tuple[str, str], ...]  # (setting name, job search url)


def pathway_for_specialty(member: Any, code: str, *, today: dt.date) -> PathwayPage:
    data = requirements_data()
    target = next((t for t in specialty_targets() if t.specialty == code), None)
    if target is None:
        raise Http404("No such specialty.")
    specialization = Specialization.objects.prefetch_related("settings").filter(code=code).first()
    facts = member_facts(member, today=today)
    names = credential_names()
    gap = evaluate_target(target, facts, names=names)
    plan = build_plan(gap, facts, data=data)
    gaps = _all_gaps(gap)
    targets = _walk_targets(target)
    credential_targets = [t for t in targets if t.kind == "credential"]
    codes = [t.credential for t in credential_targets]
    open_jobs = dict(
        PostingCredential.objects.filter(
            posting__in=posting_visible_queryset(), credential__code__in=codes
        )
        .values("credential__code")
        .annotate(n=Count("posting", distinct=True))
        .values_list("credential__code", "n")
    )
    credentials = tuple(
        CredentialOnMap(
            code=t.credential,
            name=names.get(t.credential, t.name),
            url=reverse("catalog:credential", args=[t.credential]),
            open_jobs=open_jobs.get(t.credential, 0),
            jobs_url=_jobs_url(credential=t.credential),
            status=evaluate_target(t, facts, names=names).status,
        )
        for t in credential_targets
    )
    topics: list[tuple[str, str, str]] = []
    for requirement in _requirements_by_kind(targets, {"training", "ce_hours"}):
        for topic in (*requirement.progress_topics, *requirement.topics):
            if topic not in {t[0] for t in topics}:
                topics.append((topic, TOPIC_NAMES.get(topic, topic), _course_url(topic=topic)))
    setting_rows = list(specialization.settings.all()) if specialization else []
    mentors = (
        MentorOffer.objects.filter(specialties__code=code, paused=False)
        .exclude(user=member)
        .count()
    )
    rows = _map_rows(target, targets, gaps, credentials, mentors, setting_rows)
    return PathwayPage(
        target=target,
        specialization=specialization,
        gap=gap,
        plan=plan,
        map=layout(rows),
        credentials=credentials,
        topics=tuple(topics),
        mentors=mentors,
        wages=tuple(Wage.objects.filter(area="US").order_by("-period", "code")),
        settings_links=tuple((s.name, _jobs_url(setting=s.code)) for s in setting_rows),
    )


def _map_rows(
    target: Target,
    targets: list[Target],
    gaps: dict[str, RequirementGap],
    credentials: tuple[CredentialOnMap, ...],
    mentors: int,
    settings: list[Any],
) -> list[MapRow]:
    start = [
        MapNode(
            r.code,
            r.label,
            reverse("catalog:credential", args=[r.credentials[0]]),
            hint=r.source,
            status=_status(gaps, r.code),
        )
        for r in _requirements_by_kind(targets, {"credential"})
        if r.code == "active-cpht" or not any(r.credentials[0] == c.code for c in credentials)
    ]
    training = [
        MapNode(
            r.code,
            r.label,
            _course_url(
                topic=(r.progress_topics or r.topics or ("",))[0], query=target.name.split()[0]
            ),
            hint="Courses in the catalog",
            status=_status(gaps, r.code),
        )
        for r in _requirements_by_kind(targets, {"training", "ce_hours"})
    ]
    setting_code = settings[0].code if settings else ""
    experience = [
        MapNode(
            r.code,
            r.label,
            _jobs_url(setting=(r.settings or (setting_code,))[0]) if (r.settings or setting_code)
            else _jobs_url(),
            hint="Jobs in this setting",
            status=_status(gaps, r.code),
        )
        for r in _requirements_by_kind(targets, {"experience"})
    ]  # fmt: skip
    credential_nodes = [
        MapNode(
            f"credential-{c.code}",
            f"{c.name}: {c.open_jobs} open job{'s' if c.open_jobs != 1 else ''} ask for it",
            c.url,
            hint="The credential's page",
            status=c.status.value,
        )
        for c in credentials
        if c.code != "ptcb-cpht" or target.specialty == "nuclear"
    ]
    finish = [
        MapNode(
            "specialty",
            f"{target.name}: {mentors} mentor{'s' if mentors != 1 else ''}",
            reverse("mentoring:home"),
            hint="Mentoring",
        )
    ]
    return [
        MapRow("Start", tuple(start)),
        MapRow("Training and CE", tuple(training)),
        MapRow("Experience", tuple(experience)),
        MapRow("Credentials", tuple(credential_nodes)),
        MapRow("The work", tuple(finish)),
    ]


# --- the CPhT-Adv planner ------------------------------------------------------------------


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


# --- moving to another state ---------------------------------------------------------------


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
