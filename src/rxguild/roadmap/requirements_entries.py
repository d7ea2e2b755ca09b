"""Reading the tables of the requirements files (fees, requirements, targets with their
pathways and includes) into the data's dataclasses. Pure Python (no Django import)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rxguild.roadmap.requirement_types import (
    CONFIDENCES,
    REQUIREMENT_KINDS,
    SKILL_LEVEL_MAX,
    STATE_RE,
    TARGET_KINDS,
    TOPIC_RE,
    Fee,
    Pathway,
    Requirement,
    Target,
)
from rxguild.roadmap.requirements_fields import Entry

_SOURCED = frozenset({"code", "source", "checked", "confidence", "note"})
_FEE_FIELDS = _SOURCED | {"label", "amount"}
_REQUIREMENT_FIELDS = _SOURCED | {
    "label",
    "kind",
    "url",
    "credentials",
    "count",
    "months",
    "within_years",
    "settings",
    "keywords",
    "hours",
    "topics",
    "tags",
    "within_months",
    "education_keywords",
    "progress_topics",
    "progress_tags",
    "course_hours",
    "course_hours_note",
    "course_hours_source",
    "course_hours_confidence",
    "fees",
    "skills",
    "competencies",
    "level",
    "optional",
}
_TARGET_FIELDS = _SOURCED | {
    "kind",
    "name",
    "credential",
    "specialty",
    "requirements",
    "pathways",
    "includes",
    "url",
    "state",
    "board",
    "setting",
}
_PATHWAY_FIELDS = frozenset({"code", "label", "requirements"})


def read_fee(raw: Any, index: int, problems: list[str]) -> Fee:
    entry = Entry(f"fees[{index}]", raw, _FEE_FIELDS, problems)
    code = entry.code()
    amount = entry.number("amount")
    if amount is None:
        entry.problem("amount", "is required")
    source, checked, confidence = entry.sourced()
    return Fee(
        code=code,
        label=entry.text("label", required=True),
        amount=amount or Decimal(0),
        source=source,
        checked=checked,
        confidence=confidence,
        note=entry.text("note"),
    )


def read_requirement(
    raw: Any, index: int, fees: Mapping[str, Fee], problems: list[str]
) -> Requirement:
    entry = Entry(f"requirements[{index}]", raw, _REQUIREMENT_FIELDS, problems)
    code = entry.code()
    kind = entry.choice("kind", REQUIREMENT_KINDS)
    source, checked, confidence = entry.sourced()
    fee_codes = entry.text_list("fees")
    for fee_code in fee_codes:
        if fee_code not in fees:
            entry.problem("fees", f"unknown fee {fee_code!r}")
    credentials = entry.text_list("credentials")
    count = entry.whole("count", minimum=1)
    months = entry.whole("months", minimum=1)
    hours = entry.number("hours")
    topics = entry.text_list("topics")
    progress_topics = entry.text_list("progress_topics")
    for name, values in (("topics", topics), ("progress_topics", progress_topics)):
        for topic in values:
            if not TOPIC_RE.match(topic):
                entry.problem(name, f"{topic!r} is not a two-digit ACPE topic designator")
    if kind in ("credential", "credential_count") and not credentials:
        entry.problem("credentials", f"a {kind} requirement names at least one credential")
    if kind == "credential_count":
        if count is None:
            entry.problem("count", "a credential_count requirement says how many")
        elif count > len(credentials):
            entry.problem("count", f"asks for {count} of only {len(credentials)} credentials")
    if kind == "experience" and months is None:
        entry.problem("months", "an experience requirement says how many months")
    if kind == "ce_hours":
        if not hours:
            entry.problem("hours", "a ce_hours requirement says how many hours")
        if not topics and not entry.text_list("tags"):
            entry.problem("topics", "a ce_hours requirement names topics or tags")
    skills = entry.text_list("skills")
    competencies = entry.text_list("competencies")
    level = entry.whole("level", minimum=1)
    if level is not None and level > SKILL_LEVEL_MAX:
        entry.problem("level", f"the self-assessment scale goes from 1 to {SKILL_LEVEL_MAX}")
    if kind == "skill":
        if not skills and not competencies:
            entry.problem("skills", "a skill requirement names profile skills or competencies")
        if competencies and level is None:
            entry.problem("level", "a skill requirement with competencies says which level")
    course_hours = entry.number("course_hours")
    course_hours_source = entry.text("course_hours_source")
    course_hours_confidence = entry.text("course_hours_confidence")
    if course_hours is not None:
        # Course hours are a fact like any other: they need their own source and confidence.
        if not course_hours_source:
            entry.problem("course_hours_source", "course_hours needs its own source")
        if course_hours_confidence not in CONFIDENCES:
            entry.problem("course_hours_confidence", f"must be one of: {', '.join(CONFIDENCES)}")
    return Requirement(
        code=code,
        label=entry.text("label", required=True),
        kind=kind,
        source=source,
        checked=checked,
        confidence=confidence,
        note=entry.text("note"),
        url=entry.text("url"),
        credentials=credentials,
        count=count or 1,
        months=months or 0,
        within_years=entry.whole("within_years", minimum=1),
        settings=entry.text_list("settings"),
        keywords=tuple(k.casefold() for k in entry.text_list("keywords")),
        hours=hours or Decimal(0),
        topics=topics,
        tags=entry.text_list("tags"),
        within_months=entry.whole("within_months", minimum=1),
        education_keywords=tuple(k.casefold() for k in entry.text_list("education_keywords")),
        progress_topics=progress_topics,
        progress_tags=entry.text_list("progress_tags"),
        course_hours=course_hours,
        course_hours_note=entry.text("course_hours_note"),
        course_hours_source=course_hours_source,
        course_hours_confidence=course_hours_confidence,
        fees=tuple(fees[c] for c in fee_codes if c in fees),
        skills=skills,
        competencies=competencies,
        level=level,
        optional=entry.flag("optional"),
    )


def _requirement_refs(
    entry: Entry, name: str, values: Any, requirements: Mapping[str, Requirement]
) -> tuple[Requirement, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        entry.problem(name, "must be a list of requirement codes")
        return ()
    found = []
    for value in values:
        if value in requirements:
            found.append(requirements[value])
        else:
            entry.problem(name, f"unknown requirement {value!r}")
    return tuple(found)


@dataclass
class RawTarget:
    entry: Entry
    fields: dict[str, Any]
    includes: tuple[str, ...]


def read_target(
    raw: Any, index: int, requirements: Mapping[str, Requirement], problems: list[str]
) -> RawTarget:
    entry = Entry(f"targets[{index}]", raw, _TARGET_FIELDS, problems)
    code = entry.code()
    kind = entry.choice("kind", TARGET_KINDS)
    source, checked, confidence = entry.sourced()
    credential = entry.text("credential")
    specialty = entry.text("specialty")
    if kind == "credential" and not credential:
        entry.problem("credential", "a credential target names its catalog credential")
    if kind == "specialty" and not specialty:
        entry.problem("specialty", "a specialty target names its catalog specialization")
    state = entry.text("state")
    setting = entry.text("setting")
    if kind == "registration":
        if not credential:
            entry.problem("credential", "a registration target names its state credential")
        if not STATE_RE.match(state):
            entry.problem("state", "a registration target names its state (two capital letters)")
    if kind == "role" and not setting:
        entry.problem("setting", "a role target names its catalog practice setting")
    own = _requirement_refs(entry, "requirements", entry.raw.get("requirements", []), requirements)
    pathways = []
    raw_pathways = entry.raw.get("pathways", [])
    if not isinstance(raw_pathways, list):
        entry.problem("pathways", "must be a list of tables")
        raw_pathways = []
    seen: set[str] = set()
    for number, raw_pathway in enumerate(raw_pathways):
        sub = Entry(f"{entry.where}, pathways[{number}]", raw_pathway, _PATHWAY_FIELDS, problems)
        pathway_code = sub.code()
        if pathway_code in seen:
            sub.problem("code", f"duplicate pathway {pathway_code!r}")
        seen.add(pathway_code)
        pathway_requirements = _requirement_refs(
            sub, "requirements", sub.raw.get("requirements", []), requirements
        )
        if not pathway_requirements:
            sub.problem("requirements", "a pathway needs at least one requirement")
        pathways.append(
            Pathway(
                code=pathway_code,
                label=sub.text("label", required=True),
                requirements=pathway_requirements,
            )
        )
    if len(pathways) == 1:
        entry.problem("pathways", "one pathway is no choice: list its requirements instead")
    return RawTarget(
        entry=entry,
        fields={
            "code": code,
            "kind": kind,
            "name": entry.text("name", required=True),
            "source": source,
            "checked": checked,
            "confidence": confidence,
            "credential": credential,
            "specialty": specialty,
            "note": entry.text("note"),
            "requirements": own,
            "pathways": tuple(pathways),
            "url": entry.text("url"),
            "state": state,
            "board": entry.text("board"),
            "setting": setting,
        },
        includes=entry.text_list("includes"),
    )


def build_targets(raw_targets: Mapping[str, RawTarget]) -> dict[str, Target]:
    """Targets with their included targets resolved (depth first; a cycle is a problem)."""
    built: dict[str, Target] = {}
    visiting: set[str] = set()

    def build(code: str) -> Target | None:
        if code in built:
            return built[code]
        raw = raw_targets[code]
        if code in visiting:
            raw.entry.problem("includes", "includes itself through other targets")
            return None
        visiting.add(code)
        included = []
        for include in raw.includes:
            if include not in raw_targets:
                raw.entry.problem("includes", f"unknown target {include!r}")
                continue
            target = build(include)
            if target is not None:
                included.append(target)
        visiting.discard(code)
        target = Target(**raw.fields, includes=tuple(included))
        built[code] = target
        return target

    for code in raw_targets:
        build(code)
    return built


def unique(
    entries: Iterable[Any], what: str, problems: list[str], key: str = "code"
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in entries:
        code = getattr(item, key) if not isinstance(item, RawTarget) else item.fields["code"]
        if not code:
            continue
        if code in found:
            problems.append(f"{what} {code}: defined twice")
        found[code] = item
    return found


def tables(document: Mapping[str, Any], name: str, problems: list[str]) -> list[Any]:
    value = document.get(name, [])
    if not isinstance(value, list):
        problems.append(f"{name}: must be an array of tables ([[{name}]])")
        return []
    return value
