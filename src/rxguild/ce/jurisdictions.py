"""Jurisdictions (50 states, DC, Puerto Rico): who regulates technicians and how to reach them.

Pure module (no Django import). One file per jurisdiction in ``data/ce/jurisdictions/<xx>.toml``
names the board, says whether and how it regulates technicians, and lists the credentials it
issues, each pointing at its CE rule set in ``data/ce/rule_sets/``. Every fact has a source URL,
the date it was last checked and a confidence, so the catalog pages can show the date and tell
members to confirm with the board where we are unsure, and staff can list what to re-check
(:func:`facts`, ``manage.py catalog_stale``).

Validation is strict and names the file, the section and the field, like ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rxguild.ce.rules import (
    CONFIDENCES,
    DATA_DIR,
    Cap,
    RuleSet,
    RuleSetError,
    _Reader,
)
from rxguild.core.factfiles import FactFileError, read_toml

JURISDICTIONS_DIR = DATA_DIR / "jurisdictions"

# The 50 states, DC and Puerto Rico: the issue asks for every one of them.
JURISDICTION_NAMES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "PR": "Puerto Rico",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

CREDENTIAL_KINDS = ("registration", "license", "certification", "trainee", "permit")
# "none": the jurisdiction issues no technician credential at all (the page says so).
REGULATION_KINDS = ("credential", "none")


@dataclass(frozen=True)
class Fact:
    """One checked statement: what it says, where it comes from, when and how sure we are."""

    jurisdiction: str
    where: str  # e.g. "board", "regulation", "credential state-al-technician", "rule set ..."
    statement: str
    source: str
    checked: date
    confidence: str

    @property
    def is_low_confidence(self) -> bool:
        return self.confidence in ("low", "unverified")


@dataclass(frozen=True)
class Board:
    name: str
    url: str
    contact: str
    source: str
    checked: date
    confidence: str


@dataclass(frozen=True)
class JurisdictionCredential:
    code: str
    name: str
    kind: str
    rule_set: str  # "" when no rule set (e.g. a trainee permit that does not renew)
    summary: str
    source: str
    checked: date
    confidence: str


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    board: Board
    regulation: str
    regulation_summary: str
    regulation_source: str
    regulation_checked: date
    regulation_confidence: str
    credentials: tuple[JurisdictionCredential, ...]
    notes: tuple[str, ...] = ()
    # Our sources contradict each other (the notes say how): pages say plainly to confirm.
    sources_disagree: bool = False
    path: str = field(default="", compare=False)

    @property
    def regulates_technicians(self) -> bool:
        return self.regulation == "credential"


def _url(reader: _Reader, name: str) -> str:
    value = reader.text(name)
    if not value.startswith(("https://", "http://")):
        raise reader.error(name, "must be a URL starting with https:// or http://")
    return value


def parse_jurisdiction(data: Mapping[str, Any], *, filename: str) -> Jurisdiction:
    reader = _Reader(filename, "jurisdiction", dict(data))
    code = reader.text("code")
    if code not in JURISDICTION_NAMES:
        raise reader.error("code", f"is {code!r}; expected a state code, DC or PR")
    if filename.endswith(".toml") and filename[:-5].upper() != code:
        raise reader.error("code", f"is {code!r} but the file is {filename}")
    board_reader = _Reader(filename, "board", reader.table_of("board"))
    board = Board(
        name=board_reader.text("name"),
        url=_url(board_reader, "url"),
        contact=board_reader.text("contact"),
        source=_url(board_reader, "source"),
        checked=board_reader.checked(),
        confidence=board_reader.choice("confidence", CONFIDENCES),
    )
    regulation_reader = _Reader(filename, "regulation", reader.table_of("regulation"))
    regulation = regulation_reader.choice("kind", REGULATION_KINDS)
    raw_credentials = data.get("credentials", [])
    if not isinstance(raw_credentials, list):
        raise reader.error("credentials", "must be a list of [[credentials]] tables")
    credentials: list[JurisdictionCredential] = []
    prefix = f"state-{code.lower()}-"
    for index, table in enumerate(raw_credentials):
        if not isinstance(table, dict):
            raise reader.error("credentials", "must be a list of [[credentials]] tables")
        label = table.get("code") if isinstance(table.get("code"), str) else f"#{index + 1}"
        item = _Reader(filename, f"credential {label!r}", table)
        credential_code = item.text("code")
        if not credential_code.startswith(prefix):
            raise item.error("code", f"must start with {prefix!r}")
        credentials.append(
            JurisdictionCredential(
                code=credential_code,
                name=item.text("name"),
                kind=item.choice("kind", CREDENTIAL_KINDS),
                rule_set=item.text("rule_set", default=""),
                summary=item.text("summary"),
                source=_url(item, "source"),
                checked=item.checked(),
                confidence=item.choice("confidence", CONFIDENCES),
            )
        )
    if regulation == "credential" and not credentials:
        raise regulation_reader.error("kind", "is 'credential' but no [[credentials]] are listed")
    if reader.boolean("sources_disagree", default=False) and not reader.strings("notes"):
        raise reader.error("sources_disagree", "is true but no notes say how the sources disagree")
    if regulation == "none" and credentials:
        raise regulation_reader.error("kind", "is 'none' but [[credentials]] are listed")
    codes = [c.code for c in credentials]
    if len(set(codes)) != len(codes):
        raise reader.error("credentials", "lists a credential code twice")
    return Jurisdiction(
        code=code,
        name=JURISDICTION_NAMES[code],
        board=board,
        regulation=regulation,
        regulation_summary=regulation_reader.text("summary"),
        regulation_source=_url(regulation_reader, "source"),
        regulation_checked=regulation_reader.checked(),
        regulation_confidence=regulation_reader.choice("confidence", CONFIDENCES),
        credentials=tuple(credentials),
        notes=reader.strings("notes"),
        sources_disagree=reader.boolean("sources_disagree", default=False),
        path=filename,
    )


def load_jurisdictions(
    path: Path | None = None, *, rule_sets: Mapping[str, RuleSet] | None = None
) -> dict[str, Jurisdiction]:
    """Every jurisdiction file, keyed by code; with ``rule_sets``, each credential's rule set
    must exist and be the rule set of that credential."""
    directory = path or JURISDICTIONS_DIR
    jurisdictions: dict[str, Jurisdiction] = {}
    for file in sorted(directory.glob("*.toml")):
        try:
            data = read_toml(file)
        except FactFileError as error:
            raise RuleSetError(str(error)) from error
        jurisdiction = parse_jurisdiction(data, filename=file.name)
        jurisdictions[jurisdiction.code] = jurisdiction
    if rule_sets is not None:
        for jurisdiction in jurisdictions.values():
            for credential in jurisdiction.credentials:
                if not credential.rule_set:
                    continue
                rule_set = rule_sets.get(credential.rule_set)
                if rule_set is None:
                    raise RuleSetError(
                        f"{jurisdiction.path}: credential {credential.code!r}: field 'rule_set' "
                        f"names unknown rule set {credential.rule_set!r}"
                    )
                if rule_set.credential_code != credential.code:
                    raise RuleSetError(
                        f"{jurisdiction.path}: credential {credential.code!r}: rule set "
                        f"{rule_set.code!r} is for {rule_set.credential_code!r}"
                    )
    return jurisdictions


def facts(
    jurisdictions: Mapping[str, Jurisdiction], rule_sets: Mapping[str, RuleSet]
) -> Iterator[Fact]:
    """Every checked fact of every jurisdiction, its credentials and their rule sets."""
    for code in sorted(jurisdictions):
        jurisdiction = jurisdictions[code]
        board = jurisdiction.board
        yield Fact(
            code,
            "board",
            f"{board.name}: {board.contact}",
            board.source,
            board.checked,
            board.confidence,
        )
        yield Fact(
            code,
            "regulation",
            jurisdiction.regulation_summary,
            jurisdiction.regulation_source,
            jurisdiction.regulation_checked,
            jurisdiction.regulation_confidence,
        )
        for credential in jurisdiction.credentials:
            yield Fact(
                code,
                f"credential {credential.code}",
                credential.summary,
                credential.source,
                credential.checked,
                credential.confidence,
            )
            rule_set = rule_sets.get(credential.rule_set) if credential.rule_set else None
            if rule_set is not None:
                yield from rule_set_facts(code, rule_set)


def rule_set_facts(jurisdiction: str, rule_set: RuleSet) -> Iterator[Fact]:
    where = f"rule set {rule_set.code}"
    overall = "No state CE required." if rule_set.no_state_ce else rule_set.name
    yield Fact(
        jurisdiction,
        where,
        overall,
        rule_set.sources[0],
        rule_set.checked,
        rule_set.confidence,
    )
    if rule_set.expiry is not None:
        expiry = rule_set.expiry
        yield Fact(
            jurisdiction,
            f"{where} expiry",
            f"expiry rule {expiry.rule}",
            expiry.source,
            expiry.checked,
            expiry.confidence,
        )
    for requirement in rule_set.requirements:
        yield Fact(
            jurisdiction,
            f"{where} requirement {requirement.code}",
            f"{requirement.label}: {requirement.required} {requirement.unit}",
            requirement.source,
            requirement.checked,
            requirement.confidence,
        )
        yield from (_cap_fact(jurisdiction, where, cap) for cap in requirement.caps)
    yield from (_cap_fact(jurisdiction, where, cap) for cap in rule_set.caps)
    if rule_set.national_certification is not None:
        rule = rule_set.national_certification
        yield Fact(
            jurisdiction,
            f"{where} national certification",
            f"{rule.effect}: {rule.label}",
            rule.source,
            rule.checked,
            rule.confidence,
        )
    if rule_set.carry_over is not None:
        carry = rule_set.carry_over
        yield Fact(
            jurisdiction,
            f"{where} carry-over",
            f"hours beyond {carry.requirement} carry into the next cycle",
            carry.source,
            carry.checked,
            carry.confidence,
        )
    for requirement in rule_set.requirements:
        if requirement.approved is not None:
            approved = requirement.approved
            yield Fact(
                jurisdiction,
                f"{where} requirement {requirement.code} approved list",
                f"only courses on {approved.name}",
                approved.source,
                approved.checked,
                approved.confidence,
            )
    for tier in rule_set.first_renewal_tiers:
        yield Fact(
            jurisdiction,
            f"{where} first renewal",
            f"first renewal after {tier.months} months registered",
            tier.source,
            tier.checked,
            tier.confidence,
        )


def _cap_fact(jurisdiction: str, where: str, cap: Cap) -> Fact:
    return Fact(
        jurisdiction, f"{where} cap {cap.code}", cap.reason, cap.source, cap.checked, cap.confidence
    )


def stale_facts(
    all_facts: Iterator[Fact] | list[Fact], *, today: date, older_than_days: int
) -> list[Fact]:
    """Facts last checked more than ``older_than_days`` ago, oldest first."""
    found = [fact for fact in all_facts if (today - fact.checked).days > older_than_days]
    return sorted(found, key=lambda fact: (fact.checked, fact.jurisdiction, fact.where))
