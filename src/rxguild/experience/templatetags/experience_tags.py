"""Display helpers for experience templates (names only: no rule lives here)."""

from __future__ import annotations

from django import template

from rxguild.experience.reference import duty_names

register = template.Library()


@register.filter
def duty_name(code: str) -> str:
    """The duty's name from data/experience/duties.toml (the code if it was since removed)."""
    return duty_names().get(code, code)
