"""Layout checks on an uploaded resume file: what an ATS parser trips on. Pure Python.

The sandboxed reader (`file_worker`) pulls raw facts out of the file with pypdf or the DOCX
XML: ruled line segments, the page laid out as fixed-width text, page-break counts. The
decisions live here, so they can be tested on plain data and the worker stays a thin shell.

- A ruled grid (three or more column rules crossing three or more row rules) is a table:
  ATS parsers read table cells out of order or drop them.
- Text side by side (two columns, or a borderless table) shows as a blank gutter running
  down the page with text on both sides: parsers read across it line by line and splice the
  columns together.
- A DOCX does not store its layout. Word saves the page count it last laid out, but other
  writers (python-docx, many online builders) leave it out, so a lower bound from hard page
  breaks and the amount of text stands in, to enforce the page limit either way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A segment this close to horizontal or vertical (points) is a rule; shorter ones are
# glyph-like decoration (bullets drawn as paths, underlines of single letters).
_AXIS_TOLERANCE = 0.75
_MIN_RULE_LENGTH = 8.0
# Rules meet when one ends within this distance of the other (border joins are not exact).
_JOIN_TOLERANCE = 2.5
# Past this many segments a page is artwork, not a resume; the check stops looking.
MAX_SEGMENTS = 4000

# Side-by-side text: a gutter at least this many blank character cells wide, at least this
# many text lines long, with real text on both sides (not a tab-aligned date per job).
_GUTTER_WIDTH = 3
_MIN_RUN_LINES = 6
_MIN_LINES_EACH_SIDE = 3
_MIN_SIDE_CHARS = 4  # "Pyxis" in a skills sidebar
_LONG_SIDE_CHARS = 25  # a line of a paragraph or a bullet

# Dense single-spaced 9-point text with narrow margins holds about this many characters a
# page; fewer characters per page is normal, so dividing by it gives a page count that the
# document has at least.
MAX_CHARS_PER_PAGE = 7000


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight line on the page in default user space (points)."""

    x0: float
    y0: float
    x1: float
    y1: float


def has_ruled_grid(segments: Iterable[Segment]) -> bool:
    """True when ruled lines cross like a table's borders (3+ column rules x 3+ row rules)."""
    horizontal: list[tuple[float, float, float]] = []  # (y, x from, x to)
    vertical: list[tuple[float, float, float]] = []  # (x, y from, y to)
    for count, s in enumerate(segments):
        if count >= MAX_SEGMENTS:
            break
        if abs(s.y1 - s.y0) <= _AXIS_TOLERANCE and abs(s.x1 - s.x0) >= _MIN_RULE_LENGTH:
            horizontal.append((s.y0, min(s.x0, s.x1), max(s.x0, s.x1)))
        elif abs(s.x1 - s.x0) <= _AXIS_TOLERANCE and abs(s.y1 - s.y0) >= _MIN_RULE_LENGTH:
            vertical.append((s.x0, min(s.y0, s.y1), max(s.y0, s.y1)))
    if len(horizontal) < 3 or len(vertical) < 3:
        return False
    # A column rule counts when it crosses or meets at least three distinct row rules, and
    # the grid needs three such column rules: a page border or a boxed heading has two.
    rows_met_by_column: dict[float, set[float]] = {}
    for x, y_from, y_to in vertical:
        met = rows_met_by_column.setdefault(_bucket(x), set())
        for y, x_from, x_to in horizontal:
            if (
                x_from - _JOIN_TOLERANCE <= x <= x_to + _JOIN_TOLERANCE
                and y_from - _JOIN_TOLERANCE <= y <= y_to + _JOIN_TOLERANCE
            ):
                met.add(_bucket(y))
    return sum(1 for rows in rows_met_by_column.values() if len(rows) >= 3) >= 3


def _bucket(value: float) -> float:
    # Borders drawn as separate cell edges sit a fraction of a point apart.
    return round(value / _JOIN_TOLERANCE)


def has_side_by_side_text(layout_lines: Sequence[str]) -> bool:
    """True when a page's fixed-width layout shows text in columns (or a borderless table).

    `layout_lines` is the page as pypdf's layout mode renders it: one string per text line,
    characters placed at their position. A single-column resume has no blank gutter that
    runs down many lines with substantial text on both sides of it.
    """
    lines = [line.rstrip() for line in layout_lines if line.strip()]
    if len(lines) < _MIN_RUN_LINES:
        return False
    width = max(len(line) for line in lines)
    return any(_gutter_run(lines, gutter) for gutter in range(8, width - _GUTTER_WIDTH))


def _gutter_run(lines: Sequence[str], gutter: int) -> bool:
    end = gutter + _GUTTER_WIDTH
    run = _Run()
    for line in lines:
        if line[gutter:end].strip():  # text crosses the gutter: this run ends
            if run.is_columns():
                return True
            run = _Run()
            continue
        run.add(line[:gutter].strip(), line[end:].strip())
    return run.is_columns()


@dataclass(slots=True)
class _Run:
    """Counts over consecutive text lines that leave one gutter blank."""

    lines: int = 0
    left: int = 0
    right: int = 0
    both: int = 0
    right_only: int = 0
    left_long: int = 0
    right_long: int = 0

    def add(self, left: str, right: str) -> None:
        self.lines += 1
        has_left, has_right = len(left) >= _MIN_SIDE_CHARS, len(right) >= _MIN_SIDE_CHARS
        self.left += has_left
        self.right += has_right
        self.both += has_left and has_right
        self.right_only += has_right and not left
        self.left_long += len(left) >= _LONG_SIDE_CHARS
        self.right_long += len(right) >= _LONG_SIDE_CHARS

    def is_columns(self) -> bool:
        if self.lines < _MIN_RUN_LINES or min(self.left, self.right) < _MIN_LINES_EACH_SIDE:
            return False
        # A date tab-aligned after each job title also leaves a gutter with text on both
        # sides, but only on the title lines, and the dates are short and never stand
        # alone. Columns have lines with text on the right only (a sidebar on the left), or
        # long text on the right, or many paired lines beside long text on the left (a
        # sidebar on the right).
        return (
            self.right_only >= 2
            or self.right_long >= _MIN_LINES_EACH_SIDE
            or (self.both >= _MIN_RUN_LINES and self.left_long >= _MIN_LINES_EACH_SIDE)
        )


def docx_pages_at_least(saved_pages: int, hard_breaks: int, text_chars: int) -> int:
    """The page count to hold a DOCX to: what Word saved, or what it must have at least."""
    from_breaks = hard_breaks + 1 if text_chars else 0
    from_text = math.ceil(text_chars / MAX_CHARS_PER_PAGE)
    return max(saved_pages, from_breaks, from_text)
