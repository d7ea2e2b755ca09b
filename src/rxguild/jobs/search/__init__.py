"""Full-text search over published postings: one interface, a backend per database.

Callers outside this package use `find_candidates` (typed in, typed out: search.query) and,
for indexing, `get_backend().refresh(...)` / `.rebuild()`. Modules import downward only:
query (pure) <- sql <- base <- sqlite_fts / postgres_fts <- this module.
"""

from __future__ import annotations

from django.db import connection

from rxguild.jobs.search.base import SearchBackend
from rxguild.jobs.search.generation import search_generation
from rxguild.jobs.search.postgres_fts import PostgresFullTextBackend
from rxguild.jobs.search.query import DEFAULT_CAP, Candidates, SearchFilters, parse_text
from rxguild.jobs.search.sql import COLUMNS, browse_rows, candidate_rows, filter_sql
from rxguild.jobs.search.sqlite_fts import SqliteFts5Backend

__all__ = [
    "Candidates",
    "SearchBackend",
    "SearchFilters",
    "find_candidates",
    "get_backend",
    "search_generation",
]


def get_backend() -> SearchBackend:
    """The backend for the database in use (chosen per call: tests switch databases)."""
    if connection.vendor == "postgresql":
        return PostgresFullTextBackend()
    return SqliteFts5Backend()


def find_candidates(text: str, filters: SearchFilters, *, cap: int = DEFAULT_CAP) -> Candidates:
    """The live postings matching `text` and `filters`, at most `cap`: ranked by relevance
    when the text is selective, else the newest (see search.base for how each is found)."""
    where = filter_sql(filters)
    query = parse_text(text)
    if query.is_empty:
        rows = browse_rows(where, cap)
        return Candidates(candidate_rows(rows), ranked=False, capped=len(rows) >= cap)
    # A radius (a few grid cells) makes the filtered set small: broad terms are then
    # checked per filtered posting instead of streaming every match.
    found = get_backend().candidates(
        query, where, COLUMNS, cap, selective_filters=filters.area is not None
    )
    if found.text_ignored:
        rows = browse_rows(where, cap)
        return Candidates(
            candidate_rows(rows),
            ranked=False,
            capped=len(rows) >= cap,
            ignored_terms=found.ignored_terms,
        )
    return Candidates(
        candidate_rows(found.rows),
        ranked=found.ranked,
        capped=found.capped,
        ignored_terms=found.ignored_terms,
    )
