"""Reads for the specialty pathway maps and the CPhT-Adv planner.

Both are views over the same requirements data and gap engine as the roadmap: a pathway map is
a specialty target drawn as rows of linked nodes (with the member's own status on each), and the
CPhT-Adv planner is the CPhT-Adv target with every certificate's own gap beside it.

`pathway_for_specialty` costs a fixed number of queries (member facts, the specialization with
its settings, one grouped count of open jobs per credential, the members who made the step
(`mentors.people_for_target`, four queries), the wage rows); it does not grow with the number
of credentials.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.http import Http404
from django.urls import reverse

from rxguild.catalog.models import Specialization, Wage
from rxguild.jobs.access import posting_visible_queryset
from rxguild.jobs.models import PostingCredential
from rxguild.roadmap.gap import RequirementGap, Status, TargetGap, evaluate_target
from rxguild.roadmap.mentors import StepPeople, people_for_target
from rxguild.roadmap.pathway_map import MapNode, MapRow, PathwayMap, layout
from rxguild.roadmap.pay_selectors import SpecialtyPay, specialty_pay
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
    people: StepPeople
    pay: SpecialtyPay
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
    people = people_for_target(
        member,
        credentials=codes,
        credential_names=names,
        specialty=code,
        specialty_name=target.name,
    )
    rows = _map_rows(target, targets, gaps, credentials, people, setting_rows)
    return PathwayPage(
        target=target,
        specialization=specialization,
        gap=gap,
        plan=plan,
        map=layout(rows),
        credentials=credentials,
        topics=tuple(topics),
        mentors=people.total,
        people=people,
        pay=_specialty_pay(setting_rows, credentials),
        wages=tuple(Wage.objects.filter(area="US").order_by("-period", "code")),
        settings_links=tuple((s.name, _jobs_url(setting=s.code)) for s in setting_rows),
    )


def _specialty_pay(settings: list[Any], credentials: tuple[CredentialOnMap, ...]) -> SpecialtyPay:
    # The specialty's own credential (CSPT for sterile compounding), not the CPhT every path
    # starts from: "does a CSPT pay more in these settings?"
    own = next((c for c in credentials if c.code != "ptcb-cpht"), None)
    return specialty_pay(
        settings=[(s.code, s.name) for s in settings],
        credential=own.code if own else "",
        credential_name=own.name if own else "",
    )


def _map_rows(
    target: Target,
    targets: list[Target],
    gaps: dict[str, RequirementGap],
    credentials: tuple[CredentialOnMap, ...],
    people: StepPeople,
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
            f"{target.name}: {people.total} member{'s' if people.total != 1 else ''} to ask",
            people.directory_url,
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
