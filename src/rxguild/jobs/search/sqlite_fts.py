"""SQLite FTS5 backend.

`jobs_posting_fts` (made by migration 0001) holds one row per published posting, rowid =
posting id, columns (title, document). The service layer calls `refresh()` explicitly after
every change of a posting, so the index never depends on signals. Ranking is FTS5's bm25
with the title weighted 4:1 (configured in the migration).

The candidate query keeps FTS5 in the driving seat: the matching rowids come from a
MATERIALIZED CTE (or an ordered subquery) over the FTS table alone, and CROSS JOIN tells
SQLite's planner not to reorder the join, so a selective facet filter cannot make it scan
the postings table and probe FTS5 per row.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from rxguild.jobs.search.base import FilterSQL, SearchBackend, TextQuery

FTS_TABLE = "jobs_posting_fts"


def fts5_match(query: TextQuery) -> str:
    """An FTS5 MATCH expression: every word and phrase required, each one quoted.

    parse_text has already reduced words to \\w characters, so quoting is enough to keep
    them from being read as FTS5 operators (AND, OR, NOT, NEAR, column filters).
    """
    terms = [f'"{word}"' for word in query.words]
    terms += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    return " AND ".join(terms)


class SqliteFts5Backend(SearchBackend):
    vendor = "sqlite"

    def refresh(self, posting_ids: Sequence[int]) -> None:
        ids = [int(i) for i in posting_ids]
        if not ids:
            return
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608 - placeholders only
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, document) "  # noqa: S608 - placeholders only
                    f"SELECT id, title, search_document FROM jobs_jobposting "
                    f"WHERE id IN ({marks}) AND status = 'published'",
                    chunk,
                )

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - constant name
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, document) "  # noqa: S608 - constant name
                "SELECT id, title, search_document FROM jobs_jobposting WHERE status = 'published'"
            )

    def is_broad(self, query: TextQuery, cap: int) -> bool:
        # Unranked and limited: FTS5 streams rowids from the doclists and stops at cap + 1,
        # so this costs well under a millisecond even for a term that matches everything.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608 - constant name
                f"WHERE {FTS_TABLE} MATCH %s LIMIT %s)",
                [fts5_match(query), cap + 1],
            )
            (count,) = cursor.fetchone()
        return int(count) > cap

    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, broad: bool
    ) -> tuple[str, list[object]]:
        match = fts5_match(query)
        if not broad:
            sql = (
                f"WITH m AS MATERIALIZED (SELECT rowid AS id, rank AS r FROM {FTS_TABLE} "  # noqa: S608 - fragments are ours; values are parameters
                f"WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s) "
                f"SELECT p.id, -m.r, {columns} FROM m CROSS JOIN jobs_jobposting AS p "
                f"WHERE p.id = m.id AND {filters.where}"
            )
            return sql, [match, cap, *filters.params]
        # Recency fallback: newest matches first (rowid order is the FTS5 doclist order, so
        # no sort), stopping as soon as `cap` of them pass the filters.
        sql = (
            f"SELECT p.id, p.id, {columns} FROM (SELECT rowid AS id FROM {FTS_TABLE} "  # noqa: S608 - fragments are ours; values are parameters
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC) AS m "
            f"CROSS JOIN jobs_jobposting AS p WHERE p.id = m.id AND {filters.where} LIMIT %s"
        )
        return sql, [match, *filters.params, cap]
