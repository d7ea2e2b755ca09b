"""Resume sections as plain text blocks and back (pure, no Django).

The editor, the import confirmation and the API all edit the entry lists through one small
text format, so members type rather than click through nested forms:

    Pharmacy Technician | St. Luke's Hospital | Houston, TX | 2021 - Present
    - Compounded IV admixtures under USP <797>
    - Restocked Pyxis cabinets

A line that is not a bullet starts an entry; its parts are split on " | ". Bullet lines
("-", "*", "•") belong to the entry above. The same shape serves education (program,
institution, dates, details). Free sections use "## Heading" lines.

The builder edits the same lists through one field per part (`entries_clean` and friends
below), which the API uses too: no separators, so a "|" typed in a title stays in the title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

BULLETS = ("-", "*", "\u2022", "\u00b7", "\u25aa", "\u25cf", "\u2013")
MAX_ENTRIES = 40
MAX_BULLETS = 30
MAX_LINE = 500

EXPERIENCE_KEYS = ("title", "employer", "location", "dates")
EDUCATION_KEYS = ("program", "institution", "dates")


class SectionError(ValueError):
    """Text that cannot become a section; str() is a message for the member."""


def _bullet(line: str) -> str | None:
    stripped = line.strip()
    for mark in BULLETS:
        if stripped.startswith(mark):
            return stripped[len(mark) :].strip()
    return None


def _check_line(line: str, label: str) -> str:
    if len(line) > MAX_LINE:
        raise SectionError(f"{label}: a line is longer than {MAX_LINE} characters.")
    return line


def entries_from_text(
    text: str, keys: tuple[str, ...], list_key: str, label: str
) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        line = _check_line(raw.strip(), label)
        bullet = _bullet(line)
        if bullet is not None:
            if not entries:
                raise SectionError(
                    f"{label}: start with a heading line (e.g. “Title | Employer | Place | "
                    "Dates”) before the bullet points."
                )
            if bullet:
                entries[-1][list_key].append(bullet)
                if len(entries[-1][list_key]) > MAX_BULLETS:
                    raise SectionError(f"{label}: at most {MAX_BULLETS} bullet points per entry.")
            continue
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) > len(keys):
            # Extra separators belong to the last field rather than being dropped.
            parts = [*parts[: len(keys) - 1], " | ".join(parts[len(keys) - 1 :])]
        entry: dict[str, Any] = dict.fromkeys(keys, "")
        entry.update(zip(keys, parts, strict=False))
        entry[list_key] = []
        entries.append(entry)
        if len(entries) > MAX_ENTRIES:
            raise SectionError(f"{label}: at most {MAX_ENTRIES} entries.")
    return entries


def entries_to_text(entries: list[dict[str, Any]], keys: tuple[str, ...], list_key: str) -> str:
    blocks: list[str] = []
    for entry in entries:
        head = " | ".join(str(entry.get(key, "")) for key in keys).rstrip(" |")
        lines = [head] + [f"- {item}" for item in entry.get(list_key, [])]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def experience_from_text(text: str) -> list[dict[str, Any]]:
    return entries_from_text(text, EXPERIENCE_KEYS, "bullets", "Experience")


def experience_to_text(entries: list[dict[str, Any]]) -> str:
    return entries_to_text(entries, EXPERIENCE_KEYS, "bullets")


def education_from_text(text: str) -> list[dict[str, Any]]:
    return entries_from_text(text, EDUCATION_KEYS, "details", "Education")


def education_to_text(entries: list[dict[str, Any]]) -> str:
    return entries_to_text(entries, EDUCATION_KEYS, "details")


def lines_from_text(text: str, label: str, limit: int = 80) -> list[str]:
    items: list[str] = []
    for raw in text.replace(",\n", "\n").splitlines():
        line = raw.strip()
        bullet = _bullet(line)
        line = bullet if bullet is not None else line
        if line:
            items.append(_check_line(line, label))
    if len(items) > limit:
        raise SectionError(f"{label}: at most {limit} lines.")
    return items


def lines_to_text(items: list[str]) -> str:
    return "\n".join(items)


def extra_from_text(text: str) -> list[dict[str, str]]:
    sections: list[dict[str, str]] = []
    body: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("## "):
            if sections:
                sections[-1]["body"] = "\n".join(body).strip()
            sections.append(
                {"heading": _check_line(line[3:].strip(), "Other sections"), "body": ""}
            )
            body = []
        elif line.strip():
            if not sections:
                raise SectionError("Other sections: start each section with a “## Heading” line.")
            body.append(_check_line(line, "Other sections"))
        else:
            body.append("")
    if sections:
        sections[-1]["body"] = "\n".join(body).strip()
    if len(sections) > 10:
        raise SectionError("Other sections: at most 10 sections.")
    return sections


def extra_to_text(sections: list[dict[str, str]]) -> str:
    return "\n\n".join(f"## {s.get('heading', '')}\n{s.get('body', '')}".rstrip() for s in sections)


# --- structured entries (the builder's fields and the API) --------------------------------

# A bullet typed with its mark ("- Restocked Pyxis") loses the mark; "-5 °C" keeps its sign.
_TYPED_MARK = re.compile(r"^[-*\u2022\u00b7\u25aa\u25cf\u2013]\s+")


def _items(raw: Any, label: str, limit: int) -> list[str]:
    values = raw.splitlines() if isinstance(raw, str) else list(raw or [])
    items: list[str] = []
    for value in values:
        line = _TYPED_MARK.sub("", str(value).strip()).strip()
        if line:
            items.append(_check_line(line, label))
    if len(items) > limit:
        raise SectionError(f"{label}: at most {limit} lines.")
    return items


def entries_clean(
    entries: Sequence[Mapping[str, Any]], keys: tuple[str, ...], list_key: str, label: str
) -> list[dict[str, Any]]:
    """Entries as typed into the builder's fields: trimmed, checked, blank entries dropped.

    ``list_key`` (bullets, details) may be a list or one string with a line per item."""
    cleaned: list[dict[str, Any]] = []
    for number, raw in enumerate(entries, start=1):
        where = f"{label}, entry {number}"
        entry: dict[str, Any] = {
            key: _check_line(str(raw.get(key) or "").strip(), where) for key in keys
        }
        entry[list_key] = _items(raw.get(list_key), where, MAX_BULLETS)
        if any(entry[key] for key in keys) or entry[list_key]:
            cleaned.append(entry)
    if len(cleaned) > MAX_ENTRIES:
        raise SectionError(f"{label}: at most {MAX_ENTRIES} entries.")
    return cleaned


def lines_clean(items: Sequence[str] | str, label: str, limit: int = 80) -> list[str]:
    return _items(items, label, limit)


def extra_clean(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    cleaned: list[dict[str, str]] = []
    for number, raw in enumerate(entries, start=1):
        where = f"Other sections, section {number}"
        heading = _check_line(str(raw.get("heading") or "").strip(), where)
        body = "\n".join(
            _check_line(line.rstrip(), where) for line in str(raw.get("body") or "").splitlines()
        ).strip()
        if body and not heading:
            raise SectionError(f"{where}: give the section a heading.")
        if heading:
            cleaned.append({"heading": heading, "body": body})
    if len(cleaned) > 10:
        raise SectionError("Other sections: at most 10 sections.")
    return cleaned


def entries_reorder(entries: list[Any], *, op: str, index: int) -> tuple[list[Any], int | None]:
    """The builder's add/remove/move on one list; returns the new list and where focus goes
    (the entry's new position, or None after a removal). Unknown ops and indexes change
    nothing."""
    moved = list(entries)
    if op == "up" and 0 < index < len(moved):
        moved[index - 1], moved[index] = moved[index], moved[index - 1]
        return moved, index - 1
    if op == "down" and 0 <= index < len(moved) - 1:
        moved[index + 1], moved[index] = moved[index], moved[index + 1]
        return moved, index + 1
    if op == "remove" and 0 <= index < len(moved):
        del moved[index]
        return moved, None
    return moved, index if 0 <= index < len(moved) else None
