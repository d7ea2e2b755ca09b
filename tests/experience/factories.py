"""Ledger entries made through the service, so tests see what members make."""

from __future__ import annotations

from datetime import date
from typing import Any

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
