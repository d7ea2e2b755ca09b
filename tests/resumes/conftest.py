"""Fixtures for the resumes tests: a small, fixed taxonomy so the engine's behaviour is pinned
independently of how the catalog's data files grow."""

from __future__ import annotations

from pathlib import Path

import pytest

from rxguild.resumes.ats import Analyzer
from rxguild.resumes.ats_taxonomy import load_taxonomy

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def small_taxonomy():
    return load_taxonomy(DATA, DATA)


@pytest.fixture(scope="session")
def analyzer(small_taxonomy) -> Analyzer:
    return Analyzer(small_taxonomy)
