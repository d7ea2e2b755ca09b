"""Display helpers for experience templates (names only: no rule lives here)."""

from __future__ import annotations

from typing import Any

from django import template

from rxguild.experience.reference import competency_names, duty_names

register = template.Library()


@register.filter
def duty_name(code: str) -> str:
    """The duty's name from data/experience/duties.toml (the code if it was since removed)."""
    return duty_names().get(code, code)


FIELD_LABELS = {
    "role": "Role",
    "started_on": "Started",
    "ended_on": "Ended",
    "hours_per_week": "Hours per week",
    "logged_hours": "Total hours",
}


def _shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return "ongoing" if field == "ended_on" else "—"
    if field == "duty_percent":
        names = duty_names()
        return ", ".join(f"{names.get(c, c)} {p} %" for c, p in sorted(value.items())) or "none"
    return str(value)


@register.filter
def correction_lines(verification: Any) -> list[tuple[str, str, str]]:
    """(detail, the member's claim, the verifier's correction) for each corrected detail."""
    claim = verification.claim
    return [
        (
            FIELD_LABELS.get(field, "Duties"),
            _shown(field, claim.get(field)),
            _shown(field, value),
        )
        for field, value in verification.correction.items()
    ]


@register.filter
def competency_name(code: str) -> str:
    return competency_names().get(code, code)
