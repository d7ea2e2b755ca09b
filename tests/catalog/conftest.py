from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR, FILE_NAMES


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the real data files that a test may edit."""
    target = tmp_path / "catalog"
    target.mkdir()
    for name in FILE_NAMES:
        shutil.copy(DEFAULT_DATA_DIR / name, target / name)
    return target


@pytest.fixture
def edit_file(data_dir: Path) -> Callable[[str, str, str], None]:
    """Replace one exact snippet in a copied data file (fails loudly if the snippet is absent)."""

    def edit(name: str, old: str, new: str) -> None:
        path = data_dir / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit
