"""Ledger entries made through the service, so tests see what members make."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from rxguild.experience.models import ExperienceEntry
from rxguild.experience.services import experience_entry_add


def entry_for(member: Any, **fields: Any) -> ExperienceEntry:
    values: dict[str, Any] = {
        "site_name": "St. Mary's Hospital",
        "setting_code": "hospital-health-system",
        "role": "IV room technician",
        "started_on": date(2024, 1, 1),
        "ended_on": date(2024, 12, 31),
        "hours_per_week": 40,
    }
    values.update(fields)
    return experience_entry_add(member=member, **values)


def externship_for(member: Any, **fields: Any) -> ExperienceEntry:
    """An ongoing externship that counts logged hours, as the hour log needs."""
    values: dict[str, Any] = {
        "kind": "externship",
        "site_name": "Rivera Community Pharmacy",
        "setting_code": "retail-community",
        "role": "Extern",
        "started_on": timezone.localdate() - timedelta(days=60),
        "ended_on": None,
        "hours_per_week": None,
        "logged_hours": 8,
        "required_hours": 160,
    }
    values.update(fields)
    return entry_for(member, **values)
