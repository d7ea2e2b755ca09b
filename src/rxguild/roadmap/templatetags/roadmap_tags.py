"""Display helpers for roadmap templates (formatting only, no rules)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def source_parts(source: str) -> list[dict[str, str]]:
    """A `source` field ("url ; url (note)") as links where a part is a web address."""
    parts = []
    for raw in (source or "").split(" ; "):
        text = raw.strip()
        if not text:
            continue
        url = text.split()[0]
        if url.startswith(("https://", "http://", "/")):
            host = url.split("/")[2] if "://" in url else "this site"
            parts.append({"url": url, "label": host.removeprefix("www.")})
            continue
        # "BLS OEWS May 2019 as restated at https://…": the words, then the address as a link.
        words, found, rest = text.partition(" https://")
        if found and rest:
            address, _, after = ("https://" + rest).partition(" ")
            parts.append(
                {
                    "url": address,
                    "label": address.split("/")[2].removeprefix("www."),
                    "before": words + " ",
                    "after": (" " + after) if after else "",
                }
            )
        else:
            parts.append({"url": "", "label": text})
    return parts


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)
