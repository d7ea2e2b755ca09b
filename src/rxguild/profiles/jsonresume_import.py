"""JSON Resume import: the document's shape is checked by the pydantic models of
jsonresume_schema, then its meaning against the catalog (credentials, skills, practice
settings); anything the catalog lacks is reported, never guessed. Importing our own export
gives back the same profile.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from pydantic import ValidationError as PydanticValidationError

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.profiles.jsonresume_schema import (
    EXTENSION_KEY,
    ISO_DATE,
    CertificateExtDoc,
    EducationExtDoc,
    ResumeDoc,
    SkillExtDoc,
    WorkExtDoc,
)
from rxguild.profiles.models import Education, ProfileSkill


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
    match = ISO_DATE.match(value)
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
        resume = ResumeDoc.model_validate(document)
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
            ext = item.ext or WorkExtDoc()
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
            ext_education = entry.ext or EducationExtDoc()
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
            ext_certificate = certificate.ext or CertificateExtDoc()
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
            ext_skill = skill_entry.ext or SkillExtDoc()
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
