"""The application tracker's board as plain data: stages in order and card moves.

No Django import: the board's rules (what "move left" means at the first column, where a card
lands when its stage changes) are tested and reasoned about on their own, and the service
layer only persists the positions this module returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    SAVED = "saved"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


STAGE_LABELS: dict[Stage, str] = {
    Stage.SAVED: "Saved",
    Stage.APPLIED: "Applied",
    Stage.INTERVIEWING: "Interviewing",
    Stage.OFFER: "Offer",
    Stage.HIRED: "Hired",
    Stage.REJECTED: "Rejected",
    Stage.WITHDRAWN: "Withdrawn",
}

# Left-to-right column order. The two closing outcomes sit at the end so "move right" from
# Hired reaches them too: a keyboard user can reach every column with the arrow buttons alone.
BOARD_ORDER: tuple[Stage, ...] = tuple(Stage)


class Move(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


Columns = dict[Stage, list[int]]


class BoardError(ValueError):
    """A move that cannot be applied (unknown card or stage); the message is for people."""


@dataclass(frozen=True)
class CardPlace:
    card_id: int
    stage: Stage
    position: int


def columns_from_places(places: list[CardPlace]) -> Columns:
    """Group cards by stage, ordered by stored position (ties by id, for a stable board)."""
    columns: Columns = {stage: [] for stage in BOARD_ORDER}
    for place in sorted(places, key=lambda p: (p.position, p.card_id)):
        columns[place.stage].append(place.card_id)
    return columns


def _locate(columns: Columns, card_id: int) -> tuple[Stage, int]:
    for stage, ids in columns.items():
        if card_id in ids:
            return stage, ids.index(card_id)
    raise BoardError("That card is not on this board.")


def move_card(columns: Columns, card_id: int, move: Move) -> Columns:
    """Apply a keyboard-style move. Moves past an edge leave the board unchanged (a no-op,
    not an error: pressing "up" on the top card is harmless)."""
    stage, index = _locate(columns, card_id)
    if move in (Move.UP, Move.DOWN):
        ids = list(columns[stage])
        target = index - 1 if move is Move.UP else index + 1
        if not 0 <= target < len(ids):
            return {s: list(v) for s, v in columns.items()}
        ids[index], ids[target] = ids[target], ids[index]
        result = {s: list(v) for s, v in columns.items()}
        result[stage] = ids
        return result
    order = list(BOARD_ORDER)
    target_stage_index = order.index(stage) + (-1 if move is Move.LEFT else 1)
    if not 0 <= target_stage_index < len(order):
        return {s: list(v) for s, v in columns.items()}
    return place_card(columns, card_id, order[target_stage_index], None)


def place_card(columns: Columns, card_id: int, stage: Stage, index: int | None) -> Columns:
    """Put a card in `stage` at `index` (None: at the end), as a stage select or a drop does.
    An index past the end is clamped, so a stale drag target still lands somewhere sensible."""
    if stage not in columns:
        raise BoardError("Choose one of the tracker's stages.")
    _locate(columns, card_id)
    result = {s: [i for i in v if i != card_id] for s, v in columns.items()}
    ids = result[stage]
    at = len(ids) if index is None else max(0, min(index, len(ids)))
    ids.insert(at, card_id)
    return result


def changed_places(before: Columns, after: Columns) -> list[CardPlace]:
    """The cards whose stage or position differs: the only rows the service needs to write."""
    old = {cid: (stage, pos) for stage, ids in before.items() for pos, cid in enumerate(ids)}
    changed = []
    for stage, ids in after.items():
        for position, card_id in enumerate(ids):
            if old.get(card_id) != (stage, position):
                changed.append(CardPlace(card_id=card_id, stage=stage, position=position))
    return changed
