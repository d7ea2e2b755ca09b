"""A job posting's own asks (credentials required and preferred, experience) as a target for the
gap engine; the posting is the source. Pure Python (no Django import)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rxguild.roadmap.requirements import Requirement, Target


@dataclass(frozen=True)
class PostingFacts:
    """What a job posting asks for (plain data from jobs.JobPosting)."""

    key: str  # stable id for requirement codes, e.g. the posting's public id
    title: str
    employer: str
    url: str
    required_credentials: tuple[tuple[str, str], ...] = ()  # (code, name)
    preferred_credentials: tuple[tuple[str, str], ...] = ()
    experience_months: int = 0
    setting: str = ""  # practice setting code
    setting_name: str = ""


def posting_requirement_code(key: str, part: str) -> str:
    return f"posting-{key}-{part}"[:80]


def target_from_posting(posting: PostingFacts, *, checked: dt.date) -> Target:
    """A posting's own asks as a target: its credentials and its experience.

    The source of each requirement is the posting itself (the employer's words), so the
    confidence is high for what it asks, whatever the credential's own rules are.
    """
    source = posting.url
    requirements: list[Requirement] = []
    for code, name in posting.required_credentials:
        requirements.append(
            Requirement(
                code=posting_requirement_code(posting.key, f"credential-{code}"),
                label=name,
                kind="credential",
                credentials=(code,),
                source=source,
                checked=checked,
                confidence="high",
            )
        )
    for code, name in posting.preferred_credentials:
        requirements.append(
            Requirement(
                code=posting_requirement_code(posting.key, f"preferred-{code}"),
                label=f"{name} (preferred)",
                kind="credential",
                credentials=(code,),
                source=source,
                checked=checked,
                confidence="high",
                optional=True,
            )
        )
    if posting.experience_months:
        where = f" in {posting.setting_name.lower()}" if posting.setting_name else ""
        requirements.append(
            Requirement(
                code=posting_requirement_code(posting.key, "experience"),
                label=f"{posting.experience_months} months of experience{where}",
                kind="experience",
                months=posting.experience_months,
                settings=(posting.setting,) if posting.setting else (),
                source=source,
                checked=checked,
                confidence="high",
                note="The posting does not say whether other settings count: ask the employer.",
            )
        )
    return Target(
        code=posting_requirement_code(posting.key, "job"),
        kind="posting",
        name=f"{posting.title} at {posting.employer}",
        source=source,
        checked=checked,
        confidence="high",
        note="" if requirements else "This posting lists no credentials or experience.",
        requirements=tuple(requirements),
        url=posting.url,
    )
