"""PostgreSQL full-text backend.

`search_vector` is a stored tsvector column (title weighted A, the rest D) with a GIN index
(migration 0001). The service layer fills it explicitly when a posting is published and
clears it when it leaves the board, so the GIN index covers live postings only.

As on SQLite, a selective query ranks its matches (ts_rank_cd) in a MATERIALIZED CTE that
reads the GIN index alone, then joins the filters; a broad one falls back to recency.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from rxguild.jobs.search.base import FilterSQL, SearchBackend, TextQuery

VECTOR_SQL = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_document, '')), 'D')"
)


def tsquery_sql(query: TextQuery) -> tuple[str, list[Any]]:
    """A tsquery built only from plainto/phraseto_tsquery: no user text is parsed as syntax."""
    parts: list[str] = []
    params: list[Any] = []
    if query.words:
        parts.append("plainto_tsquery('english', %s)")
        params.append(" ".join(query.words))
    for phrase in query.phrases:
        parts.append("phraseto_tsquery('english', %s)")
        params.append(" ".join(phrase))
    return "(" + " && ".join(parts) + ")", params


class PostgresFullTextBackend(SearchBackend):
    vendor = "postgresql"

    def refresh(self, posting_ids: Sequence[int]) -> None:
        ids = [int(i) for i in posting_ids]
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE jobs_jobposting SET search_vector = CASE WHEN status = 'published' "  # noqa: S608 - constant SQL
                f"THEN {VECTOR_SQL} ELSE NULL END WHERE id = ANY(%s)",
                [ids],
            )

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE jobs_jobposting SET search_vector = CASE WHEN status = 'published' "  # noqa: S608 - constant SQL
                f"THEN {VECTOR_SQL} ELSE NULL END"
            )

    def count_matches(self, query: TextQuery, limit: int, min_id: int | None = None) -> int:
        tsquery, params = tsquery_sql(query)
        window = " AND id >= %s" if min_id is not None else ""
        args = [*params, *([min_id] if min_id is not None else []), limit]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM jobs_jobposting "  # noqa: S608 - fragments are ours
                f"WHERE search_vector @@ {tsquery}{window} LIMIT %s) AS probe",
                args,
            )
            (count,) = cursor.fetchone()
        return int(count)

    def count_indexed(self, min_id: int) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM jobs_jobposting WHERE id >= %s AND search_vector IS NOT NULL",
                [min_id],
            )
            (count,) = cursor.fetchone()
        return int(count)

    def max_indexed_id(self) -> int | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM jobs_jobposting WHERE status = 'published' ORDER BY id DESC LIMIT 1"
            )
            row = cursor.fetchone()
        return int(row[0]) if row else None

    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, strategy: str
    ) -> tuple[str, list[Any]]:
        tsquery, qparams = tsquery_sql(query)
        if strategy == "ranked":
            sql = (
                f"WITH m AS MATERIALIZED (SELECT id, ts_rank_cd(search_vector, tq.q) AS r "  # noqa: S608 - fragments are ours; values are parameters
                f"FROM jobs_jobposting, (SELECT {tsquery} AS q) AS tq "
                f"WHERE search_vector @@ tq.q "
                f"ORDER BY r DESC LIMIT %s) "
                f"SELECT p.id, m.r, {columns} FROM m JOIN jobs_jobposting AS p ON p.id = m.id "
                f"WHERE {filters.where}"
            )
            return sql, [*qparams, cap, *filters.params]
        if strategy == "filtered":
            sql = (
                f"WITH f AS MATERIALIZED (SELECT p.id AS fid, p.id::float AS fscore, {columns}, "  # noqa: S608 - fragments are ours; values are parameters
                f"p.search_vector AS fvector FROM jobs_jobposting AS p WHERE {filters.where}) "
                f"SELECT fid, fscore, {_unprefixed(columns)} FROM f "
                f"WHERE fvector @@ {tsquery} ORDER BY fid DESC LIMIT %s"
            )
            return sql, [*filters.params, *qparams, cap]
        sql = (
            f"SELECT p.id, p.id::float, {columns} FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
            f"WHERE p.search_vector @@ {tsquery} AND {filters.where} ORDER BY p.id DESC LIMIT %s"
        )
        return sql, [*qparams, *filters.params, cap]


def _unprefixed(columns: str) -> str:
    return ", ".join(column.strip().removeprefix("p.") for column in columns.split(","))
