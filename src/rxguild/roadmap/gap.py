"""The gap engine: what a member has against what a career target asks for.

Pure Python (no Django import). It takes the target (from ``requirements.py``, or built from a
job posting by ``target_from_posting``) and plain facts about the member, and returns each
requirement as met, partly met (with how much) or missing, with the reason in plain words, so
pages and the API never recompute why.

Adding a fact (a credential, a CE record, a job, a program, a step marked done) never lowers a
requirement's status, a pathway's or a target's: each count only grows, a target takes its best
pathway, and the property tests hold the engine to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rxguild.roadmap.facts import (
    CeRecord,
    EducationEntry,
    HeldCredential,
    Job,
    MemberFacts,
    SkillRating,
)
from rxguild.roadmap.gap_results import PathwayGap, RequirementGap, Status, TargetGap, combine
from rxguild.roadmap.gap_rules import (
    DAYS_PER_MONTH,
    evaluate_requirement,
    experience_months,
    held_index,
    is_active,
    job_counts,
    months_between,
)
from rxguild.roadmap.posting_target import (
    PostingFacts,
    posting_requirement_code,
    target_from_posting,
)
from rxguild.roadmap.requirements import Requirement, Target

# The engine's names in one place: pages, selectors and tests import them from here.
__all__ = [
    "DAYS_PER_MONTH",
    "CeRecord",
    "EducationEntry",
    "HeldCredential",
    "Job",
    "MemberFacts",
    "PathwayGap",
    "PostingFacts",
    "RequirementGap",
    "SkillRating",
    "Status",
    "TargetGap",
    "combine",
    "evaluate_requirement",
    "evaluate_target",
    "experience_months",
    "job_counts",
    "months_between",
    "posting_requirement_code",
    "target_from_posting",
]


def _status_of(gaps: Iterable[RequirementGap]) -> Status:
    return combine(g.status for g in gaps if not g.requirement.optional)


def evaluate_target(
    target: Target, facts: MemberFacts, *, names: Mapping[str, str] | None = None
) -> TargetGap:
    """The gap for one target; `names` gives credential names for codes the member lacks."""
    held = held_index(facts)
    cache: dict[str, RequirementGap] = {}
    return _evaluate(target, facts, held, names or {}, cache)


def _evaluate(
    target: Target,
    facts: MemberFacts,
    held: dict[str, HeldCredential],
    names: Mapping[str, str],
    cache: dict[str, RequirementGap],
) -> TargetGap:
    def gap(req: Requirement) -> RequirementGap:
        if req.code not in cache:
            cache[req.code] = evaluate_requirement(req, facts, held=held, names=names)
        return cache[req.code]

    common = tuple(gap(r) for r in target.requirements)
    pathways = tuple(
        PathwayGap(p, gaps, _status_of(gaps))
        for p in target.pathways
        for gaps in [tuple(gap(r) for r in p.requirements)]
    )
    # The pathway furthest along; on a tie the first listed (the issuer's own order).
    best = max(pathways, key=lambda p: (p.status.rank, p.fraction), default=None)
    included = tuple(_evaluate(t, facts, held, names, cache) for t in target.includes)
    parts = [g.status for g in common if not g.requirement.optional]
    if best is not None:
        parts.append(best.status)
    parts.extend(i.status for i in included)
    unknown = not parts and target.kind != "posting"
    status = Status.MISSING if unknown else combine(parts)
    holding = held.get(target.credential) if target.credential else None
    if holding is not None and is_active(holding, facts.today):
        status = Status.MET
    else:
        holding = None
    return TargetGap(
        target=target,
        status=status,
        requirements=common,
        pathways=pathways,
        best_pathway=best,
        included=included,
        held=holding,
        unknown=unknown and holding is None,
    )
