"""The score and the words around it: weights, the parts a posting asks for, the written
computation, suggestions, literal-form hints, "matched through" a narrower term.
Pure Python, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rxguild.resumes.ats_results import (
    LiteralHint,
    PostingItem,
    PostingProfile,
    ScoreComponent,
    WantedItem,
)
from rxguild.resumes.ats_taxonomy import CREDENTIAL, Taxonomy
from rxguild.resumes.ats_text import normalize_tokens

# Score weights (out of 100) and why: a missing required credential usually stops an
# application at the first screen, required skills are what the ATS ranks on, preferred
# items and years separate otherwise equal candidates.
WEIGHTS: dict[str, int] = {
    "required_credentials": 35,
    "required_skills": 35,
    "preferred": 15,
    "experience": 15,
}


def suggestion(item: PostingItem, wanted_form: str | None = None) -> str:
    if wanted_form is not None:
        return (
            f"Your resume names {item.name} as something you are working toward "
            f"(“{wanted_form}”), so it does not count as held. Once you have it, list it as "
            f"the posting writes it: “{item.written}”."
        )
    if item.kind == CREDENTIAL:
        return (
            f"If you hold {item.name}, list it under Certifications as the posting "
            f"writes it: “{item.written}”. If you don't, don't add it."
        )
    return (
        f"If you have {item.name} experience, add it in your own words (where, how often, "
        f"with what), using the posting's term “{item.written}”. Add only what you have."
    )


def through_narrower(
    taxonomy: Taxonomy, resume_forms: dict[str, list[str]]
) -> dict[str, tuple[str, str]]:
    """Broader code -> (the narrower term's name, its form in the resume), for each broader
    term the resume names only through a narrower one."""
    through: dict[str, tuple[str, str]] = {}
    for code, forms in resume_forms.items():
        for broader in taxonomy.broader.get(code, ()):
            if broader not in resume_forms and broader not in through:
                through[broader] = (taxonomy.terms[taxonomy.by_code[code]].name, forms[0])
    return through


def wanted_item(item: PostingItem, resume_form: str) -> WantedItem:
    return WantedItem(
        code=item.code,
        name=item.name,
        kind=item.kind,
        importance=item.importance,
        posting_text=item.written,
        resume_text=resume_form,
        message=(
            f"“{resume_form}” reads as wanted or in progress, not held: {item.name} is not counted."
        ),
    )


def _experience_coverage(
    profile: PostingProfile, resume_years: float
) -> tuple[float, float] | None:
    wanted = profile.years_required
    if wanted is None or wanted <= 0:
        return None
    return min(resume_years, wanted), wanted


def _score_parts(
    profile: PostingProfile, resume_codes: frozenset[str] | set[str], resume_years: float
) -> list[tuple[str, float, float]]:
    """(part, matched, total) for each part the posting asks for."""
    parts: list[tuple[str, float, float]] = []
    for name, wanted in (
        ("required_credentials", profile.required_credentials),
        ("required_skills", profile.required_skills),
        ("preferred", profile.preferred),
    ):
        if wanted:
            parts.append((name, float(len(wanted & resume_codes)), float(len(wanted))))
    experience = _experience_coverage(profile, resume_years)
    if experience is not None:
        parts.append(("experience", experience[0], experience[1]))
    return parts


def score_value(
    profile: PostingProfile, resume_codes: frozenset[str] | set[str], resume_years: float
) -> int:
    """The score of `_score` alone (same arithmetic in the same order), for ranking."""
    parts = _score_parts(profile, resume_codes, resume_years)
    if not parts:
        return 0
    total_weight = sum(WEIGHTS[name] for name, _, _ in parts)
    return round(
        sum(
            round(100 * WEIGHTS[name] / total_weight * matched / total, 1)
            for name, matched, total in parts
        )
    )


def score_components(
    *,
    profile: PostingProfile,
    resume_codes: frozenset[str] | set[str],
    resume_years: float,
) -> tuple[int, tuple[ScoreComponent, ...]]:
    parts = _score_parts(profile, resume_codes, resume_years)
    if not parts:
        return 0, ()
    total_weight = sum(WEIGHTS[name] for name, _, _ in parts)
    components = tuple(
        ScoreComponent(
            name=name,
            weight=WEIGHTS[name],
            matched=round(matched, 1),
            total=round(total, 1),
            # Weights of parts the posting does not ask for are shared among the rest.
            points=round(100 * WEIGHTS[name] / total_weight * matched / total, 1),
            max_points=round(100 * WEIGHTS[name] / total_weight, 1),
        )
        for name, matched, total in parts
    )
    return round(sum(component.points for component in components)), components


@lru_cache(maxsize=65536)
def _normalized(written: str) -> str:
    return normalize_tokens(written).text


def literal_hint(item: PostingItem, found: list[str]) -> LiteralHint | None:
    # ATS keyword search is often literal: if the posting says "CPhT" and the resume only
    # "certified pharmacy technician", the member should write the posting's form too.
    posting_form = _normalized(item.written)
    for written in found:
        if _normalized(written) == posting_form:
            return None
    resume_form = found[0]
    return LiteralHint(
        code=item.code,
        name=item.name,
        posting_text=item.written,
        resume_text=resume_form,
        message=(
            f"The posting writes “{item.written}”; your resume says “{resume_form}”. "
            f"Some ATS search for the exact words: write both, e.g. "
            f"“{resume_form} ({item.written})”."
        ),
    )


def computation(components: Sequence[ScoreComponent]) -> str:
    if not components:
        return (
            "The posting names no skills, credentials or years we recognise, so there is no score."
        )
    parts = [
        f"{c.name.replace('_', ' ')}: {c.matched:g} of {c.total:g}, weight {c.weight}"
        f" = {c.points:g} points"
        for c in components
    ]
    return (
        "; ".join(parts)
        + ". Weights of parts the posting does not ask for are shared among the rest."
    )
