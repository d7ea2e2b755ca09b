"""Frameworks loading, self-assessments and the staff access log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rxguild.growth.engine import LevelError, level_check
from rxguild.growth.frameworks import read_frameworks
from rxguild.growth.models import (
    Assessment,
    Competency,
    Domain,
    Framework,
    Rating,
    StaffAccessLog,
)

NOTE_MAX = 1000


def frameworks_directory() -> Path:
    return Path(settings.RXGUILD_DATA_DIR) / "growth" / "frameworks"


@dataclass
class FrameworkLoadReport:
    frameworks: int = 0
    competencies: int = 0
    retired: list[str] = field(default_factory=list)


@transaction.atomic
def frameworks_load(*, directory: Path | None = None) -> FrameworkLoadReport:
    """Validate every file, then upsert by code. Raises FrameworkDataError (nothing written).

    Competencies, domains and frameworks no longer in the files are retired, not deleted:
    members' past ratings still refer to them.
    """
    entries = read_frameworks(directory or frameworks_directory())
    report = FrameworkLoadReport()
    seen_frameworks: set[str] = set()
    seen_domains: set[str] = set()
    seen_competencies: set[str] = set()
    for entry in entries:
        framework, _ = Framework.objects.update_or_create(
            code=entry.code,
            defaults={
                "name": entry.name,
                "kind": entry.kind,
                "position": entry.position,
                "summary": entry.summary,
                "source": entry.source,
                "source_title": entry.source_title,
                "checked_on": entry.checked,
                "confidence": entry.confidence,
                "note": entry.note,
                "data_version": entry.version,
                "is_active": True,
            },
        )
        seen_frameworks.add(entry.code)
        report.frameworks += 1
        position = 0
        for d_index, domain_entry in enumerate(entry.domains):
            domain, _ = Domain.objects.update_or_create(
                code=domain_entry.code,
                defaults={
                    "framework": framework,
                    "name": domain_entry.name,
                    "weight": domain_entry.weight,
                    "position": d_index,
                    "is_active": True,
                },
            )
            seen_domains.add(domain_entry.code)
            for competency_entry in domain_entry.competencies:
                Competency.objects.update_or_create(
                    code=competency_entry.code,
                    defaults={
                        "domain": domain,
                        "name": competency_entry.name,
                        "description": competency_entry.description,
                        "ce_topics": list(competency_entry.ce_topics),
                        "ce_keywords": list(competency_entry.ce_keywords),
                        "position": position,
                        "is_active": True,
                    },
                )
                position += 1
                seen_competencies.add(competency_entry.code)
                report.competencies += 1
    retired = Competency.objects.filter(is_active=True).exclude(code__in=seen_competencies)
    report.retired = sorted(retired.values_list("code", flat=True))
    retired.update(is_active=False)
    Domain.objects.exclude(code__in=seen_domains).update(is_active=False)
    Framework.objects.exclude(code__in=seen_frameworks).update(is_active=False)
    return report


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Keep the note under {NOTE_MAX} characters."})
    return note


@transaction.atomic
def assessment_create(
    *, member: Any, framework: Framework, ratings: Mapping[str, object], note: str = ""
) -> Assessment:
    """Save a new self-assessment of `framework`; earlier ones are kept as they are.

    `ratings` maps competency codes to levels. Competencies left out are "not rated" (not part
    of the member's job, say); at least one must be rated. Every problem is reported at once.
    """
    competencies = {
        c.code: c for c in Competency.objects.filter(domain__framework=framework, is_active=True)
    }
    errors: dict[str, list[str]] = {}
    levels: dict[str, int] = {}
    for code, value in ratings.items():
        if value in (None, ""):
            continue
        if code not in competencies:
            errors.setdefault("ratings", []).append(
                f"“{code}” is not a competency of {framework.name}."
            )
            continue
        try:
            levels[code] = level_check(value)
        except LevelError as error:
            errors.setdefault(code, []).append(str(error))
    try:
        clean_note = _clean_note(note)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not levels and not errors:
        errors["ratings"] = ["Rate at least one competency."]
    if errors:
        raise ValidationError(errors)
    assessment = Assessment.objects.create(
        member=member, framework=framework, note=clean_note, created_at=timezone.now()
    )
    Rating.objects.bulk_create(
        Rating(assessment=assessment, competency=competencies[code], level=level)
        for code, level in levels.items()
    )
    return assessment


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    assessment.delete()


@transaction.atomic
def staff_access_log(*, staff: Any, member: Any, reason: str) -> StaffAccessLog:
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Say why you need to see this member's records."})
    return StaffAccessLog.objects.create(staff=staff, member=member, reason=reason[:300])
