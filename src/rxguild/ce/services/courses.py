"""Course catalog import (CSV or JSON) for staff and CE providers: all rows valid or nothing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.accounts.viewer import is_course_manager
from rxguild.ce.models import CeProvider, Course
from rxguild.ce.validation import record_clean

COURSE_COLUMNS = (
    "provider",
    "title",
    "uan",
    "hours",
    "topic",
    "audience",
    "format",
    "cost",
    "url",
    "tags",
    "description",
)
MAX_COURSES = 2000


@dataclass
class CourseImportReport:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0


def _rows(content: bytes, filename: str) -> list[dict[str, Any]]:
    text = content.decode("utf-8-sig")
    if filename.lower().endswith(".json"):
        data = json.loads(text)
        if isinstance(data, dict):
            data = data.get("courses", [])
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ValueError('The JSON must be a list of course objects (or {"courses": [...]}).')
        return data
    reader = csv.DictReader(io.StringIO(text, newline=""))
    unknown = [c for c in reader.fieldnames or [] if c.strip().lower() not in COURSE_COLUMNS]
    if unknown:
        raise ValueError(
            f"Unknown column(s): {', '.join(unknown)}. Columns: {', '.join(COURSE_COLUMNS)}."
        )
    return [{k.strip().lower(): v for k, v in row.items() if k} for row in reader]


def course_import(*, actor: User, content: bytes, filename: str) -> CourseImportReport:
    if not is_course_manager(actor):
        raise PermissionDenied("Only staff and CE providers may import courses.")
    report = CourseImportReport()
    try:
        rows = _rows(content, filename)
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error, ValueError) as error:
        report.errors.append(f"The file could not be read: {error}")
        return report
    if not rows:
        report.errors.append("The file has no courses.")
        return report
    if len(rows) > MAX_COURSES:
        report.errors.append(f"At most {MAX_COURSES} courses per file.")
        return report
    today = timezone.localdate()
    url_ok = URLValidator(schemes=["http", "https"])
    cleaned: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        where = f"Course {number}"
        values = {k: ("" if v is None else str(v).strip()) for k, v in row.items()}
        provider = values.get("provider", "")
        if not provider:
            report.errors.append(f"{where}: the provider is missing.")
        # Reuse the transcript rules for UAN, hours, topic, audience and tags.
        clean, errors = record_clean(
            {
                "title": values.get("title", ""),
                "uan": values.get("uan", ""),
                "hours": values.get("hours", ""),
                "completed_on": today,
                "format": values.get("format", ""),
                "topic_code": values.get("topic", ""),
                "audience": values.get("audience", ""),
                "tags": values.get("tags", ""),
            },
            today=today,
        )
        report.errors.extend(f"{where}: {message}" for message in errors.values())
        cost: Decimal | None = None
        if values.get("cost"):
            try:
                cost = Decimal(values["cost"].lstrip("$"))
                if cost < 0 or not cost.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                report.errors.append(f"{where}: the cost “{values['cost']}” is not an amount.")
        if values.get("url"):
            try:
                url_ok(values["url"])
            except ValidationError:
                report.errors.append(f"{where}: the link “{values['url']}” is not a web address.")
        if clean is not None:
            cleaned.append({"provider": provider, "clean": clean, "cost": cost, "values": values})
    if report.errors:
        return report
    with transaction.atomic():
        for item in cleaned:
            clean = item["clean"]
            ce_provider, created = CeProvider.objects.get_or_create(
                name=item["provider"][:200],
                defaults={"acpe_number": clean.decoded_uan.provider if clean.decoded_uan else ""},
            )
            if created and not actor.is_staff:
                ce_provider.managers.add(actor)
            elif not actor.is_staff and not ce_provider.managers.filter(id=actor.id).exists():
                transaction.set_rollback(True)
                report.errors = [f"You do not manage the provider “{ce_provider.name}”."]
                report.created = report.updated = 0
                return report
            _, was_created = Course.objects.update_or_create(
                provider=ce_provider,
                title=clean.title,
                uan=clean.uan,
                defaults={
                    "hours": clean.hours,
                    "topic_code": clean.topic_code,
                    "audience": clean.audience,
                    "format": clean.format,
                    "tags": clean.tags,
                    "cost": item["cost"],
                    "url": item["values"].get("url", ""),
                    "description": item["values"].get("description", "")[:4000],
                },
            )
            if was_created:
                report.created += 1
            else:
                report.updated += 1
    return report
