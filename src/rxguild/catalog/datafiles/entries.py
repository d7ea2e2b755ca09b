"""The catalog data files' entries as plain dataclasses, and the vocabularies they use."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rxguild.core.us_states import STATES_AND_DC

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
