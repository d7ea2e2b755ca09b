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
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from rxguild.ce.jurisdictions import Jurisdiction, load_jurisdictions
from rxguild.core.factfiles import FactFileError, parse_toml
from rxguild.roadmap import requirements_entries as entries
from rxguild.roadmap.registrations import registration_targets
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
    "EXTRA_FILES",
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
    "with_registrations",
]

DATA_FILE = Path(__file__).resolve().parents[3] / "data" / "roadmap" / "requirements.toml"


def _document(text: str, name: str, problems: list[str]) -> dict[str, Any]:
    try:
        document = parse_toml(text, name=name)
    except FactFileError as error:
        raise RequirementsDataError([str(p) for p in error.problems]) from None
    if not isinstance(document.get("version"), str) or not document["version"].strip():
        problems.append(f"{name}: version: is required (text)")
    if not isinstance(document.get("updated"), dt.date):
        problems.append(f"{name}: updated: is required as a date")
    for key in sorted(set(document) - {"version", "updated", "fees", "requirements", "targets"}):
        problems.append(f"{name}: {key}: unknown top-level key")
    return document


def parse_requirements(
    text: str, *, name: str = "requirements.toml", extra: Sequence[tuple[str, str]] = ()
) -> RequirementsData:
    """Parse and validate the file's text, with the `extra` files' (name, text) after it (they
    may use its fees and requirements); RequirementsDataError lists every problem."""
    problems: list[str] = []
    main = _document(text, name, problems)
    documents = [main, *(_document(t, n, problems) for n, t in extra)]
    version = main.get("version")
    updated = main.get("updated")
    merged = {
        key: [item for doc in documents for item in entries.tables(doc, key, problems)]
        for key in ("fees", "requirements", "targets")
    }
    document = {**main, **merged}

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


# Read after requirements.toml, whose fees and requirements they may use (README: data format).
EXTRA_FILES = (DATA_FILE.parent / "registrations.toml", DATA_FILE.parent / "roles.toml")


def with_registrations(
    data: RequirementsData, jurisdictions: Mapping[str, Jurisdiction]
) -> RequirementsData:
    """The data with one registration target per state credential of the jurisdiction data
    (the researched ones from the files, the others saying their requirements are unknown)."""
    researched = {t.credential: t for t in data.targets.values() if t.kind == "registration"}
    targets = {c: t for c, t in data.targets.items() if t.kind != "registration"}
    targets.update(registration_targets(jurisdictions, researched))
    return replace(data, targets=targets)


def load_requirements(path: Path = DATA_FILE) -> RequirementsData:
    """A requirements file; the shipped one comes with its extra files and every state's
    registration target."""
    if path != DATA_FILE:
        return parse_requirements(path.read_text(encoding="utf-8"), name=path.name)
    extra = [(p.name, p.read_text(encoding="utf-8")) for p in EXTRA_FILES if p.exists()]
    data = parse_requirements(path.read_text(encoding="utf-8"), name=path.name, extra=extra)
    return with_registrations(data, load_jurisdictions())


@lru_cache(maxsize=1)
def shipped_requirements() -> RequirementsData:
    """The shipped files, read once per process (they change only with a deploy)."""
    return load_requirements()
