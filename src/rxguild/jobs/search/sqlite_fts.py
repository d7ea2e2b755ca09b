"""SQLite FTS5 backend.

`jobs_posting_fts` (made by migration 0001) holds one row per published posting, rowid =
posting id, columns (title, document). The service layer calls `refresh()` explicitly after
every change of a posting, so the index never depends on signals. Ranking is FTS5's bm25
with the title weighted 4:1 (configured in the migration).

The ranked and stream queries keep FTS5 in the driving seat: the matching rowids come
from a MATERIALIZED CTE (or an ordered subquery) over the FTS table alone, and CROSS JOIN
tells SQLite's planner not to reorder the join, so a facet filter cannot make it scan
the postings table and probe FTS5 per row. Only the "filtered" strategy, chosen when a
radius makes the filtered set small, reads postings first, on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from rxguild.jobs.search.base import SearchBackend
from rxguild.jobs.search.query import TextQuery
from rxguild.jobs.search.sql import FilterSQL

FTS_TABLE = "jobs_posting_fts"


def fts5_match(query: TextQuery) -> str:
    """An FTS5 MATCH expression: every word and phrase required, each one quoted.

    parse_text has already reduced words to \\w characters, so quoting is enough to keep
    them from being read as FTS5 operators (AND, OR, NOT, NEAR, column filters).
    """
    terms = [f'"{word}"' for word in query.words]
    terms += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    return " AND ".join(terms)


def _scalar(sql: str, params: Sequence[Any]) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


class SqliteFts5Backend(SearchBackend):
    vendor = "sqlite"

    def _refresh(self, posting_ids: Sequence[int]) -> None:
        ids = sorted({int(i) for i in posting_ids})
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

    def _rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - constant name
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, document) "  # noqa: S608 - constant name
                "SELECT id, title, search_document FROM jobs_jobposting WHERE status = 'published'"
            )

    def count_matches(self, query: TextQuery, limit: int, min_id: int | None = None) -> int:
        # Unranked and limited: FTS5 streams rowids from the doclists and stops at `limit`,
        # so this costs well under a millisecond even for a term that matches everything.
        window = " AND rowid >= %s" if min_id is not None else ""
        params: list[Any] = [fts5_match(query)]
        if min_id is not None:
            params.append(min_id)
        params.append(limit)
        return int(
            _scalar(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608 - constant name
                f"WHERE {FTS_TABLE} MATCH %s{window} LIMIT %s)",
                params,
            )
            or 0
        )

    def count_indexed(self, min_id: int) -> int:
        # The FTS table holds exactly the published postings; counting them by primary key
        # on the postings table is a short range scan, counting FTS5 rows is not.
        return int(
            _scalar(
                "SELECT count(*) FROM jobs_jobposting WHERE id >= %s AND status = 'published'",
                [min_id],
            )
            or 0
        )

    def max_indexed_id(self) -> int | None:
        value = _scalar(f"SELECT rowid FROM {FTS_TABLE} ORDER BY rowid DESC LIMIT 1", [])  # noqa: S608 - constant name
        return int(value) if value is not None else None

    def filtered_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str
    ) -> tuple[str, list[Any]]:
        # The filtered postings (a radius: a few grid cells, read from the covering index)
        # are intersected with the term's matches, read unranked into a list: reading a
        # doclist costs ~0.3 us a row, while probing FTS5 once per posting costs ~50 us.
        # `+p.id` keeps the planner on the grid-cell index instead of looking up each match,
        # and MATERIALIZED keeps it from walking the whole table in id order to save the
        # sort that the caller's ORDER BY cid would otherwise cost.
        sql = (
            f"WITH f AS MATERIALIZED (SELECT p.id AS cid, p.id AS cscore, {columns} "  # noqa: S608 - fragments are ours; values are parameters
            f"FROM jobs_jobposting AS p WHERE {filters.where} AND +p.id IN "
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)) SELECT * FROM f"
        )
        return sql, [*filters.params, fts5_match(query)]

    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, strategy: str
    ) -> tuple[str, list[Any]]:
        match = fts5_match(query)
        if strategy == "ranked":
            sql = (
                f"WITH m AS MATERIALIZED (SELECT rowid AS id, rank AS r FROM {FTS_TABLE} "  # noqa: S608 - fragments are ours; values are parameters
                f"WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s) "
                f"SELECT p.id, -m.r, {columns} FROM m CROSS JOIN jobs_jobposting AS p "
                f"WHERE p.id = m.id AND {filters.all_where()}"
            )
            return sql, [match, cap, *filters.all_params]
        # Stream: newest matches first (rowid order is the FTS5 doclist order, so no sort),
        # stopping as soon as `cap` of them pass the filters.
        sql = (
            f"SELECT p.id, p.id, {columns} FROM {FTS_TABLE} CROSS JOIN jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
            f"WHERE {FTS_TABLE} MATCH %s AND p.id = {FTS_TABLE}.rowid AND {filters.all_where()} "
            f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
        )
        return sql, [match, *filters.all_params, cap]
