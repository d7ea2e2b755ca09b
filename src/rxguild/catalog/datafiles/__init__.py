"""Read and validate the versioned catalog data files in ``data/catalog/``.

Pure Python (no Django import) so that validation is fast to test, can run in CI without a
database, and gives the same answer to ``load_catalog --check`` as to a real load. Every
problem is reported with the file, the entry and the field, and all problems are collected
before raising so a data editor can fix a file in one pass (core.factfiles, the reader every
fact file shares).

- ``entries``: the entries as dataclasses, and the vocabularies they use;
- ``parsing``: one file read into its entries, field by field;
- ``checks``: the rules across files (references, one skill per phrase).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rxguild.catalog.datafiles.checks import check_references, check_synonyms
from rxguild.catalog.datafiles.entries import (
    CREDENTIAL_KINDS,
    FILE_NAMES,
    SKILL_CATEGORIES,
    US_STATES,
    CatalogData,
    CredentialEntry,
    DataFile,
    PracticeSettingEntry,
    SkillEntry,
    SpecializationEntry,
    WageEntry,
    normalize_term,
)
from rxguild.catalog.datafiles.parsing import parse_file
from rxguild.core.factfiles import CODE_RE, CONFIDENCES, FactFileError, FactProblem

# The names this reader had before core.factfiles shared them.
DataProblem = FactProblem

__all__ = [
    "CODE_RE",
    "CONFIDENCES",
    "CREDENTIAL_KINDS",
    "DEFAULT_DATA_DIR",
    "FILE_NAMES",
    "SKILL_CATEGORIES",
    "US_STATES",
    "CatalogData",
    "CatalogDataError",
    "CredentialEntry",
    "DataFile",
    "DataProblem",
    "PracticeSettingEntry",
    "SkillEntry",
    "SpecializationEntry",
    "WageEntry",
    "normalize_term",
    "parse_catalog",
    "parse_file",
    "read_catalog",
]


class CatalogDataError(FactFileError):
    """One or more catalog data files are invalid; nothing may be written."""


def parse_catalog(contents: Mapping[str, bytes]) -> CatalogData:
    """Validate all five files together (they reference each other); raise on any problem."""
    problems: list[FactProblem] = []
    parsed: dict[str, DataFile | None] = {}
    for name in FILE_NAMES:
        if name not in contents:
            problems.append(FactProblem(name, None, None, "file is missing"))
            parsed[name] = None
            continue
        parsed[name] = parse_file(name, contents[name], problems)
    check_references(parsed, problems)
    skills = parsed.get("skills.toml")
    if skills is not None:
        check_synonyms(skills, problems)
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
        raise CatalogDataError([FactProblem(str(path), None, None, "is not a directory")])
    contents = {name: (path / name).read_bytes() for name in FILE_NAMES if (path / name).is_file()}
    return parse_catalog(contents)


DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "data" / "catalog"
