"""JSON Resume (https://jsonresume.org/schema) export and import for member profiles.

The standard keys carry what they can; RxGuild facts with no standard home (catalog codes,
credential numbers and expiry, externship hours, skill levels) ride along under
`x-rxguild` objects inside items (the schema allows extra item properties) and under
`meta["x-rxguild"]` for profile-wide ones (the root allows no extra keys). Importing our
own export therefore gives back the same profile.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.profiles.models import Education, Profile, ProfileSkill

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXTENSION_KEY = "x-rxguild"
EXTENSION_VERSION = 1
MAX_ITEMS = 100
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _drop_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


# --- export ----------------------------------------------------------------------------


def profile_to_json_resume(profile: Profile, *, public_url: str | None = None) -> dict[str, Any]:
    """The member's whole profile (owner's export: includes their email)."""
    location = _drop_empty(
        {
            "postalCode": profile.zip_code,
            "region": profile.state,
            "countryCode": "US" if profile.zip_code or profile.state else None,
        }
    )
    basics = _drop_empty(
        {
            "name": profile.display_name,
            "label": profile.headline,
            "email": profile.user.email,
            "summary": profile.brand_statement,
            "url": public_url if profile.is_public else None,
            "location": location,
        }
    )
    basics["profiles"] = []
    work = [
        _drop_empty(
            {
                "name": item.employer,
                "position": item.title,
                "location": ", ".join(part for part in (item.city, item.state) if part),
                "startDate": _iso(item.start_date),
                "endDate": _iso(item.end_date),
                "summary": item.summary,
                EXTENSION_KEY: _drop_empty(
                    {
                        "city": item.city,
                        "state": item.state,
                        "practiceSetting": item.practice_setting.code
                        if item.practice_setting
                        else None,
                    }
                ),
            }
        )
        for item in profile.work_history.all()
    ]
    education = [
        _drop_empty(
            {
                "institution": item.institution,
                "area": item.program,
                "studyType": Education.Kind(item.kind).label,
                "startDate": _iso(item.start_date),
                "endDate": _iso(item.end_date),
                EXTENSION_KEY: _drop_empty(
                    {
                        "kind": item.kind,
                        "accreditation": item.accreditation,
                        "externshipHours": item.externship_hours,
                    }
                ),
            }
        )
        for item in profile.education.all()
    ]
    certificates = [
        _drop_empty(
            {
                "name": held.credential.name,
                "date": _iso(held.issued_on),
                "issuer": held.credential.issuer,
                "url": held.credential.url,
                EXTENSION_KEY: _drop_empty(
                    {
                        "code": held.credential.code,
                        "number": held.number,
                        "state": held.state,
                        "expiresOn": _iso(held.expires_on),
                    }
                ),
            }
        )
        for held in profile.credentials.all()
    ]
    skills = [
        {
            "name": row.skill.name,
            "level": ProfileSkill.Level(row.level).label,
            "keywords": list(row.skill.synonyms or []),
            EXTENSION_KEY: {"code": row.skill.code, "level": row.level},
        }
        for row in profile.skills.all()
    ]
    meta = {
        "version": "v1.0.0",
        EXTENSION_KEY: _drop_empty(
            {
                "version": EXTENSION_VERSION,
                "yearsExperience": profile.years_experience,
                "practiceSettings": sorted(s.code for s in profile.practice_settings.all()),
            }
        ),
    }
    return {
        "$schema": SCHEMA_URL,
        "basics": basics,
        "work": work,
        "education": education,
        "certificates": certificates,
        "skills": skills,
        "meta": meta,
    }


# --- import: shape (pydantic) then meaning (catalog) ------------------------------------

_lenient = ConfigDict(extra="allow", str_strip_whitespace=True)


class _Location(BaseModel):
    model_config = _lenient
    postalCode: str | None = None
    region: str | None = None
    city: str | None = None
    countryCode: str | None = None


class _Basics(BaseModel):
    model_config = _lenient
    name: str | None = Field(default=None, max_length=120)
    label: str | None = Field(default=None, max_length=160)
    email: str | None = None
    summary: str | None = Field(default=None, max_length=4000)
    location: _Location | None = None


class _WorkExt(BaseModel):
    model_config = _lenient
    city: str | None = None
    state: str | None = None
    practiceSetting: str | None = None


class _Work(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    name: str | None = None
    company: str | None = None  # the pre-1.0 key, still common in older files
    position: str | None = None
    location: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    summary: str | None = None
    ext: _WorkExt | None = Field(default=None, alias="x-rxguild")


class _EducationExt(BaseModel):
    model_config = _lenient
    kind: str | None = None
    accreditation: str | None = None
    externshipHours: int | None = None


class _Education(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    institution: str | None = None
    area: str | None = None
    studyType: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    ext: _EducationExt | None = Field(default=None, alias="x-rxguild")


class _CertificateExt(BaseModel):
    model_config = _lenient
    code: str | None = None
    number: str | None = None
    state: str | None = None
    expiresOn: str | None = None


class _Certificate(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    ext: _CertificateExt | None = Field(default=None, alias="x-rxguild")


class _SkillExt(BaseModel):
    model_config = _lenient
    code: str | None = None
    level: int | None = None


class _Skill(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)
    name: str | None = None
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)
    ext: _SkillExt | None = Field(default=None, alias="x-rxguild")


class _MetaExt(BaseModel):
    model_config = _lenient
    yearsExperience: int | None = None
    practiceSettings: list[str] | None = None


class _Meta(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    ext: _MetaExt | None = Field(default=None, alias="x-rxguild")


class _Resume(BaseModel):
    model_config = ConfigDict(extra="allow")
    basics: _Basics | None = None
    work: list[_Work] | None = Field(default=None, max_length=MAX_ITEMS)
    education: list[_Education] | None = Field(default=None, max_length=MAX_ITEMS)
    certificates: list[_Certificate] | None = Field(default=None, max_length=MAX_ITEMS)
    skills: list[_Skill] | None = Field(default=None, max_length=MAX_ITEMS)
    meta: _Meta | None = None


@dataclass
class ImportReport:
    unknown_certificates: list[str] = field(default_factory=list)
    unknown_skills: list[str] = field(default_factory=list)
    unknown_practice_settings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def messages(self) -> list[str]:
        lines = []
        if self.unknown_certificates:
            lines.append(
                "Not in our credential catalog, so not imported (add them by hand if you can): "
                + ", ".join(self.unknown_certificates)
            )
        if self.unknown_skills:
            lines.append(
                "Not in our skills taxonomy, so not imported: " + ", ".join(self.unknown_skills)
            )
        if self.unknown_practice_settings:
            lines.append("Unknown practice settings: " + ", ".join(self.unknown_practice_settings))
        return lines


@dataclass
class ParsedResume:
    profile_changes: dict[str, Any]
    practice_settings: list[PracticeSetting] | None
    work: list[dict[str, Any]] | None
    education: list[dict[str, Any]] | None
    credentials: list[dict[str, Any]] | None
    skill_levels: dict[Skill, int] | None
    report: ImportReport


def _parse_date(value: str | None, where: str, errors: dict[str, list[str]]) -> dt.date | None:
    """JSON Resume dates are ISO 8601 with optional precision: YYYY, YYYY-MM or YYYY-MM-DD."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match is None:
        errors.setdefault(where, []).append(f"'{value}' is not a date like 2024-05-31.")
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        errors.setdefault(where, []).append(f"'{value}' is not a real date.")
        return None


def _pydantic_errors(error: PydanticValidationError) -> dict[str, list[str]]:
    messages: dict[str, list[str]] = {}
    for item in error.errors():
        location = ".".join(
            f"[{part}]" if isinstance(part, int) else str(part) for part in item["loc"]
        ).replace(".[", "[")
        messages.setdefault(location or "document", []).append(item["msg"])
    return messages


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _credential_index() -> dict[str, Credential]:
    index: dict[str, Credential] = {}
    for credential in Credential.objects.all():
        for key in (credential.name, credential.abbreviation):
            if key:
                index.setdefault(_norm(key), credential)
    return index


def _skill_index() -> dict[str, Skill]:
    index: dict[str, Skill] = {}
    for skill in Skill.objects.all():
        for key in [skill.name, *(skill.synonyms or [])]:
            if isinstance(key, str) and key:
                index.setdefault(_norm(key), skill)
    return index


_LEVEL_BY_LABEL = {_norm(label): value for value, label in ProfileSkill.Level.choices}


def parse(document: Any) -> ParsedResume:
    """Check a JSON Resume document and match it to the catalog; raise listing all problems."""
    if not isinstance(document, dict):
        raise ValidationError({"document": ["A JSON Resume must be a JSON object ({...})."]})
    try:
        resume = _Resume.model_validate(document)
    except PydanticValidationError as error:
        raise ValidationError(_pydantic_errors(error)) from None

    errors: dict[str, list[str]] = {}
    report = ImportReport()
    changes: dict[str, Any] = {}
    if resume.basics is not None:
        basics = resume.basics
        basics_fields = (
            ("name", "display_name"),
            ("label", "headline"),
            ("summary", "brand_statement"),
        )
        for key, attribute in basics_fields:
            value = getattr(basics, key)
            if value is not None:
                changes[attribute] = value
        if basics.location is not None:
            if basics.location.countryCode not in (None, "", "US"):
                errors.setdefault("basics.location.countryCode", []).append(
                    "RxGuild profiles are for US locations (countryCode US)."
                )
            changes["zip_code"] = basics.location.postalCode or ""
            changes["state"] = (basics.location.region or "").upper()
    meta_ext = resume.meta.ext if resume.meta and resume.meta.ext else None
    practice_settings: list[PracticeSetting] | None = None
    if meta_ext is not None:
        if meta_ext.yearsExperience is not None:
            changes["years_experience"] = meta_ext.yearsExperience
        if meta_ext.practiceSettings is not None:
            settings_by_code_meta = {
                s.code: s
                for s in PracticeSetting.objects.filter(code__in=meta_ext.practiceSettings)
            }
            practice_settings = [
                settings_by_code_meta[c]
                for c in meta_ext.practiceSettings
                if c in settings_by_code_meta
            ]
            report.unknown_practice_settings = [
                c for c in meta_ext.practiceSettings if c not in settings_by_code_meta
            ]

    work = None
    if resume.work is not None:
        setting_codes = {item.ext.practiceSetting for item in resume.work if item.ext} - {None}
        settings_by_code = {
            s.code: s for s in PracticeSetting.objects.filter(code__in=setting_codes)
        }
        work = []
        for index, item in enumerate(resume.work):
            where = f"work[{index}]"
            employer = item.name or item.company
            if not employer or not item.position:
                errors.setdefault(where, []).append(
                    "Each job needs a name (employer) and a position."
                )
            start = _parse_date(item.startDate, f"{where}.startDate", errors)
            if start is None and f"{where}.startDate" not in errors:
                errors.setdefault(f"{where}.startDate", []).append("Each job needs a startDate.")
            ext = item.ext or _WorkExt()
            city, state = ext.city, ext.state
            if city is None and state is None and item.location:
                city, _, state = item.location.rpartition(", ")
            work.append(
                {
                    "employer": employer or "",
                    "title": item.position or "",
                    "city": city or "",
                    "state": (state or "").upper(),
                    "start_date": start,
                    "end_date": _parse_date(item.endDate, f"{where}.endDate", errors),
                    "summary": item.summary or "",
                    "practice_setting": settings_by_code.get(ext.practiceSetting or ""),
                }
            )

    education = None
    if resume.education is not None:
        education = []
        kinds_by_label = {_norm(label): value for value, label in Education.Kind.choices}
        for index, entry in enumerate(resume.education):
            where = f"education[{index}]"
            if not entry.institution:
                errors.setdefault(where, []).append("Each education entry needs an institution.")
            ext_education = entry.ext or _EducationExt()
            kind = ext_education.kind or kinds_by_label.get(_norm(entry.studyType or ""), "")
            if kind and kind not in Education.Kind.values:
                errors.setdefault(f"{where}.kind", []).append(f"Unknown kind '{kind}'.")
            education.append(
                {
                    "institution": entry.institution or "",
                    "program": entry.area or entry.studyType or "",
                    "kind": kind or Education.Kind.COURSE,
                    "accreditation": ext_education.accreditation or "",
                    "externship_hours": ext_education.externshipHours,
                    "start_date": _parse_date(entry.startDate, f"{where}.startDate", errors),
                    "end_date": _parse_date(entry.endDate, f"{where}.endDate", errors),
                }
            )

    credentials = None
    if resume.certificates is not None:
        credentials = []
        by_name = _credential_index()
        codes = {c.ext.code for c in resume.certificates if c.ext and c.ext.code}
        credentials_by_code = {c.code: c for c in Credential.objects.filter(code__in=codes)}
        for index, certificate in enumerate(resume.certificates):
            where = f"certificates[{index}]"
            ext_certificate = certificate.ext or _CertificateExt()
            credential = credentials_by_code.get(ext_certificate.code or "") or by_name.get(
                _norm(certificate.name or "")
            )
            if credential is None:
                report.unknown_certificates.append(certificate.name or f"certificate {index + 1}")
                continue
            credentials.append(
                {
                    "credential": credential,
                    "number": ext_certificate.number or "",
                    "state": (ext_certificate.state or credential.state or "").upper(),
                    "issued_on": _parse_date(certificate.date, f"{where}.date", errors),
                    "expires_on": _parse_date(
                        ext_certificate.expiresOn, f"{where}.{EXTENSION_KEY}.expiresOn", errors
                    ),
                }
            )

    skill_levels = None
    if resume.skills is not None:
        skill_levels = {}
        by_name_skill = _skill_index()
        skill_codes = {s.ext.code for s in resume.skills if s.ext and s.ext.code}
        skills_by_code = {s.code: s for s in Skill.objects.filter(code__in=skill_codes)}
        for index, skill_entry in enumerate(resume.skills):
            ext_skill = skill_entry.ext or _SkillExt()
            skill = skills_by_code.get(ext_skill.code or "") or by_name_skill.get(
                _norm(skill_entry.name or "")
            )
            if skill is None:
                report.unknown_skills.append(skill_entry.name or f"skill {index + 1}")
                continue
            level = ext_skill.level or _LEVEL_BY_LABEL.get(
                _norm(skill_entry.level or ""), ProfileSkill.Level.WORKING
            )
            skill_levels[skill] = int(level)

    if errors:
        raise ValidationError(errors)
    report.counts = {
        "work": len(work or []),
        "education": len(education or []),
        "certificates": len(credentials or []),
        "skills": len(skill_levels or {}),
    }
    return ParsedResume(
        profile_changes=changes,
        practice_settings=practice_settings,
        work=work,
        education=education,
        credentials=credentials,
        skill_levels=skill_levels,
        report=report,
    )
