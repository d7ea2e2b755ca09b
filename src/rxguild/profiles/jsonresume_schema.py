"""The JSON Resume format as RxGuild reads and writes it: the schema's address, our extension
key, and the document's shape as lenient pydantic models (the first of two import steps; the
catalog matching is rxguild.profiles.jsonresume_import). See jsonresume_export for how
RxGuild facts with no standard home ride along under ``x-rxguild``.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXTENSION_KEY = "x-rxguild"
EXTENSION_VERSION = 1
MAX_ITEMS = 100
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

LENIENT = ConfigDict(extra="allow", str_strip_whitespace=True)


class LocationDoc(BaseModel):
    model_config = LENIENT
    postalCode: str | None = None
    region: str | None = None
    city: str | None = None
    countryCode: str | None = None


class BasicsDoc(BaseModel):
    model_config = LENIENT
    name: str | None = Field(default=None, max_length=120)
    label: str | None = Field(default=None, max_length=160)
    email: str | None = None
    summary: str | None = Field(default=None, max_length=4000)
    location: LocationDoc | None = None


class WorkExtDoc(BaseModel):
    model_config = LENIENT
    city: str | None = None
    state: str | None = None
    practiceSetting: str | None = None


class WorkDoc(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    name: str | None = None
    company: str | None = None  # the pre-1.0 key, still common in older files
    position: str | None = None
    location: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    summary: str | None = None
    ext: WorkExtDoc | None = Field(default=None, alias="x-rxguild")


class EducationExtDoc(BaseModel):
    model_config = LENIENT
    kind: str | None = None
    accreditation: str | None = None
    externshipHours: int | None = None


class EducationDoc(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    institution: str | None = None
    area: str | None = None
    studyType: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    ext: EducationExtDoc | None = Field(default=None, alias="x-rxguild")


class CertificateExtDoc(BaseModel):
    model_config = LENIENT
    code: str | None = None
    number: str | None = None
    state: str | None = None
    expiresOn: str | None = None


class CertificateDoc(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    ext: CertificateExtDoc | None = Field(default=None, alias="x-rxguild")


class SkillExtDoc(BaseModel):
    model_config = LENIENT
    code: str | None = None
    level: int | None = None


class SkillDoc(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    name: str | None = None
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)
    ext: SkillExtDoc | None = Field(default=None, alias="x-rxguild")


class MetaExtDoc(BaseModel):
    model_config = LENIENT
    yearsExperience: int | None = None
    practiceSettings: list[str] | None = None


class MetaDoc(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    ext: MetaExtDoc | None = Field(default=None, alias="x-rxguild")


class ResumeDoc(BaseModel):
    model_config = ConfigDict(extra="allow")
    basics: BasicsDoc | None = None
    work: list[WorkDoc] | None = Field(default=None, max_length=MAX_ITEMS)
    education: list[EducationDoc] | None = Field(default=None, max_length=MAX_ITEMS)
    certificates: list[CertificateDoc] | None = Field(default=None, max_length=MAX_ITEMS)
    skills: list[SkillDoc] | None = Field(default=None, max_length=MAX_ITEMS)
    meta: MetaDoc | None = None
