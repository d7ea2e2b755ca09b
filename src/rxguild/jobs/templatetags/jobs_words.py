"""Small display filters for job pages (formatting only; no rules)."""

from __future__ import annotations

from django import template

from rxguild.core.us_states import US_STATES

register = template.Library()


@register.filter
def state_name(code: str) -> str:
    """ "TX" -> "Texas" (the code itself when unknown)."""
    return US_STATES.get((code or "").upper(), code)


@register.filter
def abs_value(number: int) -> int:
    return abs(number)
