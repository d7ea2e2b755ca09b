"""The tracker board's move rules, as plain data (no database)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rxguild.tracker.board import (
    BOARD_ORDER,
    BoardError,
    CardPlace,
    Move,
    Stage,
    changed_places,
    columns_from_places,
    move_card,
    place_card,
)


def board(**stages: list[int]):
    columns = {stage: [] for stage in BOARD_ORDER}
    for name, ids in stages.items():
        columns[Stage(name)] = list(ids)
    return columns


@pytest.mark.parametrize(
    ("move", "expected"),
    [
        pytest.param(Move.UP, board(applied=[2, 1, 3]), id="up-swaps-with-previous"),
        pytest.param(Move.DOWN, board(applied=[1, 3, 2]), id="down-swaps-with-next"),
        pytest.param(Move.LEFT, board(saved=[2], applied=[1, 3]), id="left-to-end-of-saved"),
        pytest.param(
            Move.RIGHT, board(applied=[1, 3], interviewing=[2]), id="right-to-interviewing"
        ),
    ],
)
def test_moves_of_a_middle_card(move, expected):
    assert move_card(board(applied=[1, 2, 3]), 2, move) == expected


@pytest.mark.parametrize(
    ("stages", "card", "move"),
    [
        pytest.param({"saved": [1]}, 1, Move.LEFT, id="left-of-first-column"),
        pytest.param({"withdrawn": [1]}, 1, Move.RIGHT, id="right-of-last-column"),
        pytest.param({"offer": [1, 2]}, 1, Move.UP, id="up-from-top"),
        pytest.param({"offer": [1, 2]}, 2, Move.DOWN, id="down-from-bottom"),
    ],
)
def test_moves_past_an_edge_change_nothing(stages, card, move):
    before = board(**stages)
    assert move_card(before, card, move) == before


def test_place_card_clamps_index_and_removes_from_old_stage():
    after = place_card(board(saved=[1, 2], offer=[5]), 2, Stage.OFFER, 99)
    assert after == board(saved=[1], offer=[5, 2])
    assert place_card(after, 2, Stage.OFFER, 0) == board(saved=[1], offer=[2, 5])


def test_unknown_card_is_a_clear_error():
    with pytest.raises(BoardError, match="not on this board"):
        move_card(board(saved=[1]), 7, Move.UP)


def test_columns_from_places_orders_by_position_then_id():
    places = [
        CardPlace(3, Stage.SAVED, 1),
        CardPlace(1, Stage.SAVED, 1),
        CardPlace(2, Stage.SAVED, 0),
        CardPlace(4, Stage.HIRED, 0),
    ]
    assert columns_from_places(places) == board(saved=[2, 1, 3], hired=[4])


def test_changed_places_lists_only_what_moved():
    before = board(saved=[1, 2, 3])
    after = move_card(before, 3, Move.RIGHT)
    assert changed_places(before, after) == [CardPlace(3, Stage.APPLIED, 0)]


# The machine is shared: generation speed is not what this property is about.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.lists(st.integers(1, 50), min_size=1, max_size=12, unique=True),
    moves=st.lists(st.tuples(st.integers(0, 11), st.sampled_from(list(Move))), max_size=20),
)
def test_any_sequence_of_moves_keeps_every_card_exactly_once(ids, moves):
    columns = board(saved=ids)
    for pick, move in moves:
        columns = move_card(columns, ids[pick % len(ids)], move)
    flat = [card for stage in BOARD_ORDER for card in columns[stage]]
    assert sorted(flat) == sorted(ids)
