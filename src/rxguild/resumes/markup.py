"""The builder's light formatting: `**bold**`, `*italic*` (or `__bold__`, `_italic_`) inside a
line, and "- " lines as a list in the summary and free sections. Pure, no Django.

Exports render it (DOCX runs, PDF tags) and the text export and the analyzer read the words
without the marks, so no file we write carries a literal `**retail**`. A mark with no partner
("5 * 2", "file_name") stays as written: only a closed pair is formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A pair of marks around text that starts and ends with a non-space: "**retail**", "*new*".
# Underscores count only at word edges, so "snake_case_name" keeps its underscores.
_PAIR_RE = re.compile(
    r"(?P<mark>\*\*\*|\*\*|\*)(?=\S)(?P<star>.+?)(?<=\S)(?P=mark)"
    r"|(?<![\w])(?P<umark>___|__|_)(?=\S)(?P<under>.+?)(?<=\S)(?P=umark)(?![\w])"
)
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*\u2022]\s+)")
# Marks an ATS would read as characters: a closed pair, a Markdown heading or link, code.
_LITERAL_RE = re.compile(
    r"\*\*[^*\n]+\*\*|__[^_\n]+__|(?<![\w*])\*[^\s*][^*\n]*?\*(?![\w*])"
    r"|(?<![\w])_[^\s_][^_\n]*?_(?![\w])|^[ \t]*#{1,6}[ \t]+\S[^\n]*|\[[^\]\n]+\]\([^)\n]+\)"
    r"|`[^`\n]+`|~~[^~\n]+~~",
    re.M,
)


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "paragraph" (its lines kept as line breaks) or "list" (one item per line)
    lines: tuple[str, ...]


def inline_runs(text: str, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """The line as runs of plain, bold and italic text, marks removed."""
    runs: list[Run] = []
    position = 0
    for match in _PAIR_RE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()], bold, italic))
        mark = match.group("mark") or match.group("umark")
        inner = match.group("star") if match.group("mark") else match.group("under")
        strength = len(mark)
        runs.extend(
            inline_runs(
                inner,
                bold=bold or strength >= 2,
                italic=italic or strength in (1, 3),
            )
        )
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:], bold, italic))
    return [run for run in runs if run.text]


def plain(text: str) -> str:
    """The text without its formatting marks (each line kept)."""
    return "\n".join("".join(run.text for run in inline_runs(line)) for line in text.split("\n"))


def blocks(text: str) -> list[Block]:
    """Paragraphs (split by blank lines) and lists ("- " lines) of a free-text section."""
    found: list[Block] = []
    kind: str | None = None
    lines: list[str] = []

    def close() -> None:
        nonlocal kind, lines
        if kind is not None and lines:
            found.append(Block(kind, tuple(lines)))
        kind, lines = None, []

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        item = _LIST_MARK_RE.match(raw)
        line_kind = "list" if item else "paragraph"
        if line_kind != kind:
            close()
            kind = line_kind
        lines.append(raw[item.end() :].strip() if item else line)
    close()
    return found


_MARK_CHARACTERS = ("*", "_", "#", "](", "`", "~~")


def literal_markup(text: str) -> str | None:
    """The first formatting mark written out as characters ("**retail**"), or None."""
    if not any(mark in text for mark in _MARK_CHARACTERS):
        return None  # most texts: no pattern tried at every position
    match = _LITERAL_RE.search(text)
    return match.group().strip() if match else None
