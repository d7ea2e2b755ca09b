from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from rxguild.ce import tags as ce_tag_words

register = template.Library()


@register.filter
def tag_words(tags: list[str] | None) -> str:
    """A record's tags as members read them ("Texas law, Patient safety")."""
    return ", ".join(ce_tag_words.tag_labels(tags or []))


@register.filter
def abs_int(value: int) -> int:
    return abs(value)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def hours(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


@register.simple_tag
def progress_bar(req: Any, held_id: int, index: int) -> SafeString:
    """Render a requirement's bar; the share is computed here so the template stays simple."""
    required = req.required or Decimal(0)
    share = Decimal(1) if required == 0 else min(Decimal(1), req.counted / required)
    if req.met:
        share = Decimal(1)
    return SafeString(
        render_to_string(
            "ce/_progress.html",
            {
                "req": req,
                "key": f"{held_id}-{index}",
                "bar_width": int(share * 240),
                "percent": int(share * 100),
            },
        )
    )
