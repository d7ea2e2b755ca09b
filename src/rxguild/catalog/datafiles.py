"""Read and validate the versioned catalog data files in ``data/catalog/``.

Pure Python (no Django import) so that validation is fast to test, can run in CI without a
database, and gives the same answer to ``load_catalog --check`` as to a real load. Every
problem is reported with the file, the entry and the field, and all problems are collected
before raising so a data editor can fix a file in one pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rxguild.core.us_states import STATES_AND_DC

CONFIDENCES = ("high", "medium", "low", "unverified")

# Mirrors catalog.models.Skill.Category / Credential.Kind; a test keeps them in step.
SKILL_CATEGORIES = (
    "dispensing",
    "sterile_compounding",
    "nonsterile_compounding",
    "hazardous_drugs",
    "inventory",
    "billing",
    "regulatory",
    "software_automation",
    "clinical_support",
    "soft_skills",
)
CREDENTIAL_KINDS = ("certification", "certificate", "state_registration")

US_STATES = STATES_AND_DC | {"PR"}  # credentials and wages also exist for Puerto Rico

CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# One normal form for synonyms, so "USP <797>" and "usp  <797>" count as the same phrase.
_SPACES = re.compile(r"\s+")

FILE_NAMES = (
    "credentials.toml",
    "practice_settings.toml",
    "specializations.toml",
    "skills.toml",
    "wages.toml",
)


def normalize_term(term: str) -> str:
    return _SPACES.sub(" ", term).strip().casefold()


@dataclass(frozen=True)
class DataProblem:
    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry is not None:
            where += f", entry {self.entry}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class CatalogDataError(Exception):
    """One or more data files are invalid; nothing may be written."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class CredentialEntry:
    code: str
    name: str
    abbreviation: str
    kind: str
    issuer: str
    state: str
    description: str
    url: str
    requires: tuple[str, ...]
    source: str
    confidence: str


@dataclass(frozen=True)
class PracticeSettingEntry:
    code: str
    name: str
    description: str
    typical_credentials: tuple[str, ...]
    source: str
    confidence: str


@dataclass(frozen=True)
class SpecializationEntry:
    code: str
    name: str
    description: str
    typical_training: str
    settings: tuple[str, ...]
    typical_credentials: tuple[str, ...]
    source: str
    confidence: str


@dataclass(frozen=True)
class SkillEntry:
    code: str
    name: str
    category: str
    synonyms: tuple[str, ...]
    description: str
    onet_element_id: str
    source: str
    confidence: str


@dataclass(frozen=True)
class WageEntry:
    code: str
    area: str
    msa_code: str  # "" for national and state rows
    msa_name: str
    setting: str
    occupation_code: str
    period: str
    hourly_median: Decimal | None
    annual_median: Decimal | None
    hourly_mean: Decimal | None
    annual_mean: Decimal | None
    hourly_p10: Decimal | None
    hourly_p90: Decimal | None
    annual_p10: Decimal | None
    annual_p90: Decimal | None
    employment: int | None
    note: str
    source: str
    confidence: str


@dataclass(frozen=True)
class DataFile:
    name: str
    version: str
    updated: dt.date
    sha256: str
    attribution: str
    entries: tuple[Any, ...]


@dataclass(frozen=True)
class CatalogData:
    credentials: DataFile
    practice_settings: DataFile
    specializations: DataFile
    skills: DataFile
    wages: DataFile

    def files(self) -> tuple[DataFile, ...]:
        return (
            self.credentials,
            self.practice_settings,
            self.specializations,
            self.skills,
            self.wages,
        )


@dataclass
class _Reader:
    """Field accessors for one entry that record problems instead of raising."""

    file: str
    label: str
    raw: Mapping[str, Any]
    problems: list[DataProblem]
    allowed: frozenset[str] = field(default_factory=frozenset)

    def problem(self, field_name: str | None, message: str) -> None:
        self.problems.append(DataProblem(self.file, self.label, field_name, message))

    def check_unknown_fields(self) -> None:
        for key in sorted(set(self.raw) - self.allowed):
            self.problem(key, f"unknown field (allowed: {', '.join(sorted(self.allowed))})")

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.raw.get(name, "")
        if not isinstance(value, str):
            self.problem(name, f"must be text, got {type(value).__name__}")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(name, "is required")
        limit = _MAX_LENGTHS.get(self.file, {}).get(name)
        if limit is not None and len(value) > limit:
            self.problem(name, f"is {len(value)} characters long (at most {limit})")
        return value

    def code(self, name: str = "code") -> str:
        value = self.text(name, required=True)
        if value and not CODE_RE.match(value):
            self.problem(name, f"'{value}' is not a lower-case slug (letters, digits, hyphens)")
        return value

    def choice(self, name: str, choices: Iterable[str], what: str) -> str:
        value = self.text(name, required=True)
        options = tuple(choices)
        if value and value not in options:
            self.problem(name, f"unknown {what} '{value}' (expected one of: {', '.join(options)})")
        return value

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "must be a list of text")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def number(self, name: str) -> Decimal | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.problem(name, f"must be a number, got {type(value).__name__}")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(name, f"'{value}' is not a number")
            return None
        if number < 0:
            self.problem(name, "must not be negative")
        return number

    def integer(self, name: str) -> int | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(name, "must be a whole number of at least 0")
            return None
        return value

    def sourced(self) -> tuple[str, str]:
        source = self.text("source", required=True)
        confidence = self.choice("confidence", CONFIDENCES, "confidence")
        return source, confidence


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


def _parse_credential(r: _Reader) -> CredentialEntry:
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


def _parse_practice_setting(r: _Reader) -> PracticeSettingEntry:
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


def _parse_specialization(r: _Reader) -> SpecializationEntry:
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


def _parse_skill(r: _Reader) -> SkillEntry:
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


def _parse_wage(r: _Reader) -> WageEntry:
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
_PARSERS: dict[str, Callable[[_Reader], _Entry]] = {
    "credentials.toml": _parse_credential,
    "practice_settings.toml": _parse_practice_setting,
    "specializations.toml": _parse_specialization,
    "skills.toml": _parse_skill,
    "wages.toml": _parse_wage,
}


def parse_file(name: str, content: bytes, problems: list[DataProblem]) -> DataFile | None:
    """Parse one file's bytes; record problems; return None when it cannot be read at all."""
    try:
        document = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(DataProblem(name, None, None, f"is not valid TOML: {exc}"))
        return None
    version = document.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.append(DataProblem(name, None, "version", "top-level text 'version' is required"))
        version = ""
    updated = document.get("updated")
    if isinstance(updated, str):
        try:
            updated = dt.date.fromisoformat(updated)
        except ValueError:
            updated = None
    if not isinstance(updated, dt.date) or isinstance(updated, dt.datetime):
        problems.append(
            DataProblem(name, None, "updated", "top-level date 'updated' (YYYY-MM-DD) is required")
        )
        updated = dt.date.min
    attribution = document.get("attribution", "")
    if not isinstance(attribution, str):
        problems.append(DataProblem(name, None, "attribution", "must be text"))
        attribution = ""
    list_key = _LIST_KEYS[name]
    raw_entries = document.get(list_key)
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append(
            DataProblem(name, None, list_key, "a non-empty list of entries is required")
        )
        raw_entries = []
    entries = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            problems.append(DataProblem(name, f"#{position}", None, "must be a table"))
            continue
        code = raw.get("code")
        label = f"#{position} '{code}'" if isinstance(code, str) and code else f"#{position}"
        reader = _Reader(name, label, raw, problems, _FIELDS[name])
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


def _check_references(data: Mapping[str, DataFile | None], problems: list[DataProblem]) -> None:
    def codes(name: str) -> set[str] | None:
        file = data.get(name)
        return None if file is None else {e.code for e in file.entries}

    credential_codes = codes("credentials.toml")
    setting_codes = codes("practice_settings.toml")

    def check(file_name: str, attr: str, known: set[str] | None, what: str) -> None:
        file = data.get(file_name)
        if file is None or known is None:
            return  # the unreadable file is already reported
        for position, entry in enumerate(file.entries, start=1):
            for ref in getattr(entry, attr):
                if ref not in known:
                    problems.append(
                        DataProblem(
                            file_name,
                            f"#{position} '{entry.code}'",
                            attr,
                            f"unknown {what} '{ref}'",
                        )
                    )

    check("credentials.toml", "requires", credential_codes, "credential")
    check("practice_settings.toml", "typical_credentials", credential_codes, "credential")
    check("specializations.toml", "typical_credentials", credential_codes, "credential")
    check("specializations.toml", "settings", setting_codes, "practice setting")
    credentials = data.get("credentials.toml")
    if credentials is not None:
        for position, entry in enumerate(credentials.entries, start=1):
            if entry.code in entry.requires:
                problems.append(
                    DataProblem(
                        "credentials.toml",
                        f"#{position} '{entry.code}'",
                        "requires",
                        "a credential cannot require itself",
                    )
                )


def _check_synonyms(skills: DataFile, problems: list[DataProblem]) -> None:
    """A phrase (name or synonym) must point to exactly one skill, or ATS matching is ambiguous."""
    # Keyed by position, not code, so a duplicated code cannot hide a shared phrase.
    owner: dict[str, tuple[int, str]] = {}
    for position, entry in enumerate(skills.entries, start=1):
        label = f"#{position} '{entry.code}'"
        own: set[str] = set()
        for field_name, term in [("name", entry.name), *(("synonyms", s) for s in entry.synonyms)]:
            key = normalize_term(term)
            if not key:
                continue
            if key in own:
                if field_name == "synonyms":
                    problems.append(
                        DataProblem(skills.name, label, field_name, f"'{term}' is listed twice")
                    )
                continue
            own.add(key)
            other = owner.get(key)
            if other is not None:
                problems.append(
                    DataProblem(
                        skills.name,
                        label,
                        field_name,
                        f"duplicate synonym '{term}' (already used by skill '{other[1]}')",
                    )
                )
            else:
                owner[key] = (position, entry.code)


def parse_catalog(contents: Mapping[str, bytes]) -> CatalogData:
    """Validate all five files together (they reference each other); raise on any problem."""
    problems: list[DataProblem] = []
    parsed: dict[str, DataFile | None] = {}
    for name in FILE_NAMES:
        if name not in contents:
            problems.append(DataProblem(name, None, None, "file is missing"))
            parsed[name] = None
            continue
        parsed[name] = parse_file(name, contents[name], problems)
    _check_references(parsed, problems)
    skills = parsed.get("skills.toml")
    if skills is not None:
        _check_synonyms(skills, problems)
    if problems:
        raise CatalogDataError(problems)
    files = {name: f for name, f in parsed.items() if f is not None}
    return CatalogData(
        credentials=files["credentials.toml"],
        practice_settings=files["practice_settings.toml"],
        specializations=files["specializations.toml"],
        skills=files["skills.toml"],
        wages=files["wages.toml"],
    )


def read_catalog(path: Path) -> CatalogData:
    """Read the data files from a directory (``data/catalog`` by default)."""
    if not path.is_dir():
        raise CatalogDataError([DataProblem(str(path), None, None, "is not a directory")])
    contents = {name: (path / name).read_bytes() for name in FILE_NAMES if (path / name).is_file()}
    return parse_catalog(contents)


DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "catalog"
