"""Lay out a specialty's pathway as an SVG map: rows of linked nodes, top to bottom.

Pure Python (no Django import). Rows run top to bottom (start, training, experience,
credentials, the specialty) so the map stays readable at phone width: a row holds at most three
nodes, and each node's label is wrapped into short lines because SVG text does not wrap itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

WIDTH = 360
NODE_HEIGHT = 56
ROW_GAP = 34
MARGIN = 8
LINE_CHARS = 22
MAX_LINES = 3
MAX_PER_ROW = 3


@dataclass(frozen=True)
class MapNode:
    key: str
    label: str
    url: str
    hint: str = ""  # the node's tooltip and accessible description
    status: str = ""  # "met" / "partly" / "missing" for the member, or "" when unknown


@dataclass(frozen=True)
class MapRow:
    title: str
    nodes: tuple[MapNode, ...]


@dataclass(frozen=True)
class PlacedNode:
    node: MapNode
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]

    @property
    def center_x(self) -> int:
        return self.x + self.width // 2

    @property
    def text_top(self) -> int:
        """Baseline of the first line, so the block of lines sits centred in the box."""
        return self.y + self.height // 2 - (len(self.lines) - 1) * 7 + 4


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class PathwayMap:
    width: int
    height: int
    rows: tuple[tuple[str, int], ...]  # row titles and their y
    nodes: tuple[PlacedNode, ...]
    edges: tuple[Edge, ...]


def wrap(label: str, width: int = LINE_CHARS, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Words into lines of at most `width` characters; the last line ends in … if cut."""
    lines: list[str] = []
    current = ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    lines = [line if len(line) <= width else line[: width - 1] + "…" for line in lines]
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[: max_lines - 1], (last[: width - 1] + "…")]
    return tuple(lines) or ("",)


def layout(rows: Sequence[MapRow]) -> PathwayMap:
    """Place the non-empty rows; every node links to every node of the next row."""
    kept = [MapRow(r.title, r.nodes[:MAX_PER_ROW]) for r in rows if r.nodes]
    placed_rows: list[list[PlacedNode]] = []
    titles: list[tuple[str, int]] = []
    y = MARGIN + 14  # room for the first row's title
    for row in kept:
        count = len(row.nodes)
        gap = 8
        width = (WIDTH - 2 * MARGIN - gap * (count - 1)) // count
        placed = []
        for index, node in enumerate(row.nodes):
            x = MARGIN + index * (width + gap)
            chars = max(8, width // 7)
            placed.append(PlacedNode(node, x, y, width, NODE_HEIGHT, wrap(node.label, chars)))
        titles.append((row.title, y - 4))
        placed_rows.append(placed)
        y += NODE_HEIGHT + ROW_GAP
    edges = [
        Edge(a.center_x, a.y + a.height, b.center_x, b.y)
        for upper, lower in pairwise(placed_rows)
        for a in upper
        for b in lower
    ]
    height = (y - ROW_GAP + MARGIN) if kept else 2 * MARGIN
    return PathwayMap(
        width=WIDTH,
        height=height,
        rows=tuple(titles),
        nodes=tuple(n for row in placed_rows for n in row),
        edges=tuple(edges),
    )
