"""Career targets and what each requires: read and validate ``data/roadmap/requirements.toml``.

Pure Python (no Django import), like ``catalog/datafiles.py``: the gap and plan engines take
these dataclasses, tests validate the shipped file without a database, and a bad edit is reported
with the entry and the field, every problem at once, before anything uses the data.

Every fee, requirement and target must say where it comes from (``source``), when RxGuild last
compared it with that source (``checked``) and how sure we are (``confidence``): a wrong rule
misleads a technician about a credential, so an entry without them does not load.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from rxguild.roadmap import requirements_entries as entries
from rxguild.roadmap.requirement_types import (
    CONFIDENCES,
    LOW_CONFIDENCES,
    REQUIREMENT_KINDS,
    SELF_REPORTABLE_KINDS,
    TARGET_KINDS,
    Fee,
    Pathway,
    Requirement,
    RequirementsData,
    RequirementsDataError,
    Target,
)

# The data's names in one place: engines, pages and tests import them from here.
__all__ = [
    "CONFIDENCES",
    "COUNTS_AS",
    "DATA_FILE",
    "LOW_CONFIDENCES",
    "REQUIREMENT_KINDS",
    "SELF_REPORTABLE_KINDS",
    "TARGET_KINDS",
    "Fee",
    "Pathway",
    "Requirement",
    "RequirementsData",
    "RequirementsDataError",
    "Target",
    "load_requirements",
    "parse_requirements",
    "shipped_requirements",
]

DATA_FILE = Path(__file__).resolve().parents[3] / "data" / "roadmap" / "requirements.toml"


def parse_requirements(text: str, *, name: str = "requirements.toml") -> RequirementsData:
    """Parse and validate the file's text; RequirementsDataError lists every problem."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RequirementsDataError([f"{name}: not valid TOML ({error})"]) from None
    problems: list[str] = []
    version = document.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.append("version: is required (text)")
    updated = document.get("updated")
    if not isinstance(updated, dt.date):
        problems.append("updated: is required as a date")
    for key in sorted(set(document) - {"version", "updated", "fees", "requirements", "targets"}):
        problems.append(f"{key}: unknown top-level key")

    fees = entries.unique(
        (
            entries.read_fee(raw, i, problems)
            for i, raw in enumerate(entries.tables(document, "fees", problems))
        ),
        "fee",
        problems,
    )
    requirements = entries.unique(
        (
            entries.read_requirement(raw, i, fees, problems)
            for i, raw in enumerate(entries.tables(document, "requirements", problems))
        ),
        "requirement",
        problems,
    )
    raw_targets = entries.unique(
        (
            entries.read_target(raw, i, requirements, problems)
            for i, raw in enumerate(entries.tables(document, "targets", problems))
        ),
        "target",
        problems,
    )
    targets = entries.build_targets(raw_targets)
    for target in targets.values():
        if not (target.requirements or target.pathways or target.includes or target.note):
            problems.append(
                f"target {target.code}: has no requirements; say why in its note "
                "(e.g. no credential was found)"
            )
    if problems:
        raise RequirementsDataError(problems)
    return RequirementsData(
        version=str(version).strip(),
        updated=updated if isinstance(updated, dt.date) else dt.date.min,
        fees=fees,
        requirements=requirements,
        targets=targets,
        counts_as=COUNTS_AS,
    )


# CPhT-Adv "replaces your CPhT Certification" and keeps its number (PTCB,
# https://ptcb.zendesk.com/hc/en-us/articles/360052873632, checked 2026-12-03, high): a posting
# that asks for a CPhT is met by a CPhT-Adv.
COUNTS_AS: Mapping[str, tuple[str, ...]] = {"ptcb-cpht-adv": ("ptcb-cpht",)}


def load_requirements(path: Path = DATA_FILE) -> RequirementsData:
    return parse_requirements(path.read_text(encoding="utf-8"), name=path.name)


@lru_cache(maxsize=1)
def shipped_requirements() -> RequirementsData:
    """The shipped file, read once per process (it changes only with a deploy)."""
    return load_requirements()
