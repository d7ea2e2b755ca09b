"""The search index's generation: a number in the cache that changes whenever the index
does (a posting published, edited, closed, expired, imported, re-indexed). Cached search
results are keyed by it (selectors.job_search), so a change shows in the next search
instead of when a cached result expires."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "jobs:search:generation"


def search_generation() -> str:
    """The current generation (any string; a new one after each change)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _new()
    return str(value)


def _new() -> str:
    value = f"{time.time_ns():x}"
    cache.set(GENERATION_KEY, value, None)
    return value


def search_index_changed() -> None:
    """A new generation now and again when the transaction commits: a search running
    between the two may cache what it read before the commit, under the first one."""
    _new()
    transaction.on_commit(_new)
