"""Read and validate the competency framework files in ``data/growth/frameworks/``.

Pure Python (no Django import): ``load_growth_frameworks --check`` and a real load give the
same answer, and the rules are fast to test. Every problem names the file, the entry and the
field, and all are collected before raising so an editor fixes a file in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rxguild.core.factfiles import CODE_RE, CONFIDENCES, FactFileError, FactProblem, read_toml

KINDS = ("core", "specialty", "soft_skills")
# ACPE topic designators (reference credentials-and-ce.md §4.2; mirrors ce.models.Topic).
ACPE_TOPICS = ("01", "02", "03", "04", "05", "06", "07", "08")

FRAMEWORK_FIELDS = {
    "version": True,
    "updated": True,
    "code": True,
    "name": True,
    "kind": True,
    "position": False,
    "summary": True,
    "source": True,
    "source_title": True,
    "checked": True,
    "confidence": True,
    "note": False,
    "domains": True,
}
DOMAIN_FIELDS = {"code": True, "name": True, "weight": False, "competencies": True}
COMPETENCY_FIELDS = {
    "code": True,
    "name": True,
    "description": True,
    "ce_topics": False,
    "ce_keywords": False,
}
MAX_NAME = 120
MAX_TEXT = 400


@dataclass(frozen=True)
class FrameworkProblem(FactProblem):
    """A fact-file problem whose entry is already named by its kind ("domain 'x'")."""

    def __str__(self) -> str:
        where = self.file
        if self.entry is not None:
            where += f", {self.entry}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class FrameworkDataError(FactFileError):
    """One or more framework files are invalid; nothing may be loaded."""


@dataclass(frozen=True)
class CompetencyEntry:
    code: str
    name: str
    description: str
    ce_topics: tuple[str, ...]
    ce_keywords: tuple[str, ...]


@dataclass(frozen=True)
class DomainEntry:
    code: str
    name: str
    weight: Decimal | None
    competencies: tuple[CompetencyEntry, ...]


@dataclass(frozen=True)
class FrameworkEntry:
    file: str
    version: str
    code: str
    name: str
    kind: str
    position: int
    summary: str
    source: str
    source_title: str
    checked: dt.date
    confidence: str
    note: str
    domains: tuple[DomainEntry, ...]


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[FrameworkProblem] = []

    def problem(self, entry: str | None, field: str | None, message: str) -> None:
        self.problems.append(FrameworkProblem(self.file, entry, field, message))

    def fields(self, table: Any, spec: dict[str, bool], entry: str | None) -> bool:
        if not isinstance(table, dict):
            self.problem(entry, None, "must be a table")
            return False
        for name in table:
            if name not in spec:
                self.problem(entry, name, "unknown field")
        for name, required in spec.items():
            if required and name not in table:
                self.problem(entry, name, "is required")
        return True

    def text(self, table: dict[str, Any], name: str, entry: str | None, limit: int) -> str:
        value = table.get(name, "")
        if not isinstance(value, str):
            self.problem(entry, name, "must be text")
            return ""
        value = value.strip()
        if name in table and not value:
            self.problem(entry, name, "must not be empty")
        if len(value) > limit:
            self.problem(entry, name, f"is longer than {limit} characters")
        return value

    def code(self, table: dict[str, Any], entry: str | None) -> str:
        value = self.text(table, "code", entry, 60)
        if value and not CODE_RE.match(value):
            self.problem(entry, "code", "use lower-case letters, digits and single hyphens")
        return value

    def strings(self, table: dict[str, Any], name: str, entry: str | None) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(entry, name, "must be a list of non-empty texts")
            return ()
        return tuple(v.strip() for v in value)


def parse_framework(
    file: str, data: dict[str, Any]
) -> tuple[FrameworkEntry | None, list[FrameworkProblem]]:
    check = _Checker(file)
    if not check.fields(data, FRAMEWORK_FIELDS, None):
        return None, check.problems
    code = check.code(data, None)
    kind = data.get("kind")
    if kind not in KINDS:
        check.problem(None, "kind", f"must be one of {', '.join(KINDS)}")
    confidence = data.get("confidence")
    if confidence not in CONFIDENCES:
        check.problem(None, "confidence", f"must be one of {', '.join(CONFIDENCES)}")
    checked = data.get("checked")
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        check.problem(None, "checked", "must be a date (YYYY-MM-DD): when the source was checked")
    source = check.text(data, "source", None, 500)
    if source and not all(
        part.strip().startswith(("https://", "http://")) for part in source.split(" ; ")
    ):
        check.problem(None, "source", "must be one or more web addresses separated by ' ; '")
    position = data.get("position", 100)
    if not isinstance(position, int) or isinstance(position, bool):
        check.problem(None, "position", "must be a whole number")
        position = 100
    domains: list[DomainEntry] = []
    raw_domains = data.get("domains", [])
    if not isinstance(raw_domains, list) or not raw_domains:
        check.problem(None, "domains", "must list at least one domain")
        raw_domains = []
    seen_codes: set[str] = set()
    weights: list[Decimal] = []
    for d_index, raw_domain in enumerate(raw_domains, start=1):
        d_entry = f"domain #{d_index}"
        if not check.fields(raw_domain, DOMAIN_FIELDS, d_entry):
            continue
        d_code = check.code(raw_domain, d_entry)
        d_entry = f"domain #{d_index} '{d_code}'"
        if d_code in seen_codes:
            check.problem(d_entry, "code", "is used twice in this file")
        seen_codes.add(d_code)
        weight: Decimal | None = None
        if "weight" in raw_domain:
            try:
                weight = Decimal(str(raw_domain["weight"]))
            except InvalidOperation:
                check.problem(d_entry, "weight", "must be a number (percent of the exam)")
            else:
                if not Decimal(0) < weight <= Decimal(100):
                    check.problem(d_entry, "weight", "must be above 0 and at most 100")
                weights.append(weight)
        competencies: list[CompetencyEntry] = []
        raw_competencies = raw_domain.get("competencies", [])
        if not isinstance(raw_competencies, list) or not raw_competencies:
            check.problem(d_entry, "competencies", "must list at least one competency")
            raw_competencies = []
        for c_index, raw in enumerate(raw_competencies, start=1):
            c_entry = f"{d_entry}, competency #{c_index}"
            if not check.fields(raw, COMPETENCY_FIELDS, c_entry):
                continue
            c_code = check.code(raw, c_entry)
            c_entry = f"{d_entry}, competency '{c_code}'"
            if c_code in seen_codes:
                check.problem(c_entry, "code", "is used twice in this file")
            seen_codes.add(c_code)
            topics = check.strings(raw, "ce_topics", c_entry)
            for topic in topics:
                if topic not in ACPE_TOPICS:
                    check.problem(c_entry, "ce_topics", f"'{topic}' is not an ACPE topic (01-08)")
            competencies.append(
                CompetencyEntry(
                    code=c_code,
                    name=check.text(raw, "name", c_entry, MAX_NAME),
                    description=check.text(raw, "description", c_entry, MAX_TEXT),
                    ce_topics=topics,
                    ce_keywords=tuple(
                        k.casefold() for k in check.strings(raw, "ce_keywords", c_entry)
                    ),
                )
            )
        domains.append(
            DomainEntry(
                code=d_code,
                name=check.text(raw_domain, "name", d_entry, MAX_NAME),
                weight=weight,
                competencies=tuple(competencies),
            )
        )
    if weights and (len(weights) != len(domains) or sum(weights) != Decimal(100)):
        check.problem(
            None, "domains", "weights, when given, must be given for every domain and sum to 100"
        )
    entry = FrameworkEntry(
        file=file,
        version=str(data.get("version", "")),
        code=code,
        name=check.text(data, "name", None, MAX_NAME),
        kind=str(kind),
        position=position,
        summary=check.text(data, "summary", None, MAX_TEXT),
        source=source,
        source_title=check.text(data, "source_title", None, 300),
        checked=checked if isinstance(checked, dt.date) else dt.date.min,
        confidence=str(confidence),
        note=check.text(data, "note", None, 1000),
        domains=tuple(domains),
    )
    return (None if check.problems else entry), check.problems


def read_frameworks(directory: Path) -> list[FrameworkEntry]:
    """Every framework in `directory`, or FrameworkDataError listing every problem found."""
    problems: list[FrameworkProblem] = []
    entries: list[FrameworkEntry] = []
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise FrameworkDataError(
            [FrameworkProblem(str(directory), None, None, "no framework files (*.toml) found")]
        )
    for path in files:
        try:
            data = read_toml(path)
        except FactFileError as error:
            problems.extend(
                FrameworkProblem(p.file, p.entry, p.field, p.message) for p in error.problems
            )
            continue
        entry, found = parse_framework(path.name, data)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    owners: dict[str, str] = {}
    for entry in entries:
        codes = [entry.code] + [
            code
            for domain in entry.domains
            for code in [domain.code, *(c.code for c in domain.competencies)]
        ]
        for code in codes:
            if code in owners and owners[code] != entry.file:
                problems.append(
                    FrameworkProblem(
                        entry.file, None, "code", f"'{code}' is also used in {owners[code]}"
                    )
                )
            owners.setdefault(code, entry.file)
    if problems:
        raise FrameworkDataError(problems)
    return entries
