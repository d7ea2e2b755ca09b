"""One catalog data file read into its entries: the fields each kind of entry allows, their
sizes, and the rules of each field (through the shared fact-file reader, core.factfiles)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from rxguild.catalog.datafiles.entries import (
    CREDENTIAL_KINDS,
    SKILL_CATEGORIES,
    US_STATES,
    CredentialEntry,
    DataFile,
    PracticeSettingEntry,
    SkillEntry,
    SpecializationEntry,
    WageEntry,
)
from rxguild.core.factfiles import EntryReader, FactFileError, FactProblem, entry_label, parse_toml

# Column sizes of the catalog models, checked here so a long value is a named validation error
# rather than a database error halfway through a load (PostgreSQL enforces them, SQLite does not).
_MAX_LENGTHS: dict[str, dict[str, int]] = {
    "credentials.toml": {
        "code": 60,
        "name": 200,
        "abbreviation": 30,
        "issuer": 200,
        "state": 2,
        "url": 500,
    },
    "practice_settings.toml": {"code": 60, "name": 120},
    "specializations.toml": {"code": 60, "name": 120},
    "skills.toml": {"code": 80, "name": 120, "onet_element_id": 40},
    "wages.toml": {
        "code": 80,
        "area": 80,
        "msa_code": 5,
        "msa_name": 120,
        "setting": 120,
        "occupation_code": 10,
        "period": 40,
    },
}

_COMMON = frozenset({"code", "source", "confidence"})
_FIELDS = {
    "credentials.toml": _COMMON
    | {"name", "abbreviation", "kind", "issuer", "state", "description", "url", "requires"},
    "practice_settings.toml": _COMMON | {"name", "description", "typical_credentials"},
    "specializations.toml": _COMMON
    | {"name", "description", "typical_training", "settings", "typical_credentials"},
    "skills.toml": _COMMON | {"name", "category", "synonyms", "description", "onet_element_id"},
    "wages.toml": _COMMON
    | {
        "area",
        "msa_code",
        "msa_name",
        "setting",
        "occupation_code",
        "period",
        "hourly_median",
        "annual_median",
        "hourly_mean",
        "annual_mean",
        "hourly_p10",
        "hourly_p90",
        "annual_p10",
        "annual_p90",
        "employment",
        "note",
    },
}
_LIST_KEYS = {
    "credentials.toml": "credentials",
    "practice_settings.toml": "practice_settings",
    "specializations.toml": "specializations",
    "skills.toml": "skills",
    "wages.toml": "wages",
}


def _parse_credential(r: EntryReader) -> CredentialEntry:
    code = r.code()
    kind = r.choice("kind", CREDENTIAL_KINDS, "kind")
    state = r.text("state").upper()
    if kind == "state_registration" and not state:
        r.problem("state", "is required for a state_registration")
    if state and state not in US_STATES:
        r.problem("state", f"unknown state code '{state}'")
    if state and code and not code.startswith(f"state-{state.lower()}-"):
        r.problem("code", f"state credentials are coded 'state-{state.lower()}-...'")
    url = r.text("url")
    if url and not url.startswith(("https://", "http://")):
        r.problem("url", "must start with https:// or http://")
    source, confidence = r.sourced()
    return CredentialEntry(
        code=code,
        name=r.text("name", required=True),
        abbreviation=r.text("abbreviation"),
        kind=kind,
        issuer=r.text("issuer", required=True),
        state=state,
        description=r.text("description"),
        url=url,
        requires=r.text_list("requires"),
        source=source,
        confidence=confidence,
    )


def _parse_practice_setting(r: EntryReader) -> PracticeSettingEntry:
    code = r.code()
    source, confidence = r.sourced()
    return PracticeSettingEntry(
        code=code,
        name=r.text("name", required=True),
        description=r.text("description", required=True),
        typical_credentials=r.text_list("typical_credentials"),
        source=source,
        confidence=confidence,
    )


def _parse_specialization(r: EntryReader) -> SpecializationEntry:
    code = r.code()
    source, confidence = r.sourced()
    return SpecializationEntry(
        code=code,
        name=r.text("name", required=True),
        description=r.text("description", required=True),
        typical_training=r.text("typical_training"),
        settings=r.text_list("settings"),
        typical_credentials=r.text_list("typical_credentials"),
        source=source,
        confidence=confidence,
    )


def _parse_skill(r: EntryReader) -> SkillEntry:
    code = r.code()
    source, confidence = r.sourced()
    return SkillEntry(
        code=code,
        name=r.text("name", required=True),
        category=r.choice("category", SKILL_CATEGORIES, "category"),
        synonyms=r.text_list("synonyms"),
        description=r.text("description"),
        onet_element_id=r.text("onet_element_id"),
        source=source,
        confidence=confidence,
    )


def _parse_wage(r: EntryReader) -> WageEntry:
    code = r.code()
    area = r.text("area", required=True).upper()
    if area and area != "US" and area not in US_STATES:
        r.problem("area", f"unknown area '{area}' (expected 'US' or a state code)")
    msa_code, msa_name = r.text("msa_code"), r.text("msa_name")
    if msa_code and (not msa_code.isdigit() or len(msa_code) != 5):
        r.problem("msa_code", f"'{msa_code}' is not a 5-digit metropolitan area code")
    if msa_code and (not msa_name or area == "US"):
        r.problem("msa_code", "a metro figure needs msa_name and its state as area")
    if msa_name and not msa_code:
        r.problem("msa_name", "is only for a metro figure (give msa_code too)")
    source, confidence = r.sourced()
    return WageEntry(
        code=code,
        area=area,
        msa_code=msa_code,
        msa_name=msa_name,
        setting=r.text("setting"),
        occupation_code=r.text("occupation_code") or "29-2052",
        period=r.text("period", required=True),
        hourly_median=r.number("hourly_median"),
        annual_median=r.number("annual_median"),
        hourly_mean=r.number("hourly_mean"),
        annual_mean=r.number("annual_mean"),
        hourly_p10=r.number("hourly_p10"),
        hourly_p90=r.number("hourly_p90"),
        annual_p10=r.number("annual_p10"),
        annual_p90=r.number("annual_p90"),
        employment=r.integer("employment"),
        note=r.text("note"),
        source=source,
        confidence=confidence,
    )


_Entry = CredentialEntry | PracticeSettingEntry | SpecializationEntry | SkillEntry | WageEntry
_PARSERS: dict[str, Callable[[EntryReader], _Entry]] = {
    "credentials.toml": _parse_credential,
    "practice_settings.toml": _parse_practice_setting,
    "specializations.toml": _parse_specialization,
    "skills.toml": _parse_skill,
    "wages.toml": _parse_wage,
}


def parse_file(name: str, content: bytes, problems: list[FactProblem]) -> DataFile | None:
    """Parse one file's bytes; record problems; return None when it cannot be read at all."""
    try:
        document = parse_toml(content, name=name)
    except FactFileError as error:
        problems.extend(error.problems)
        return None
    version = document.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.append(FactProblem(name, None, "version", "top-level text 'version' is required"))
        version = ""
    updated = document.get("updated")
    if isinstance(updated, str):
        try:
            updated = dt.date.fromisoformat(updated)
        except ValueError:
            updated = None
    if not isinstance(updated, dt.date) or isinstance(updated, dt.datetime):
        problems.append(
            FactProblem(name, None, "updated", "top-level date 'updated' (YYYY-MM-DD) is required")
        )
        updated = dt.date.min
    attribution = document.get("attribution", "")
    if not isinstance(attribution, str):
        problems.append(FactProblem(name, None, "attribution", "must be text"))
        attribution = ""
    list_key = _LIST_KEYS[name]
    raw_entries = document.get(list_key)
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append(
            FactProblem(name, None, list_key, "a non-empty list of entries is required")
        )
        raw_entries = []
    entries = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            problems.append(FactProblem(name, f"#{position}", None, "must be a table"))
            continue
        reader = EntryReader(
            name, entry_label(position, raw), raw, problems, _FIELDS[name], _MAX_LENGTHS[name]
        )
        reader.check_unknown_fields()
        entry = _PARSERS[name](reader)
        if entry.code:
            if entry.code in seen:
                reader.problem("code", f"duplicate code (first used by entry #{seen[entry.code]})")
            else:
                seen[entry.code] = position
        entries.append(entry)
    return DataFile(
        name=name,
        version=version.strip(),
        updated=updated,
        sha256=hashlib.sha256(content).hexdigest(),
        attribution=attribution.strip(),
        entries=tuple(entries),
    )
