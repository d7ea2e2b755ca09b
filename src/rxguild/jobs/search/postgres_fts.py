"""PostgreSQL full-text backend.

`search_vector` is a stored tsvector column (title weighted A, the rest D) with a GIN index
(migration 0001). The service layer fills it explicitly when a posting is published and
clears it when it leaves the board, so the GIN index covers live postings only.

As on SQLite, a selective query ranks its matches (ts_rank_cd) in a MATERIALIZED CTE that
reads the GIN index alone, then joins the filters; a broad one falls back to recency.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from rxguild.jobs.search.base import FilterSQL, SearchBackend, TextQuery

VECTOR_SQL = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_document, '')), 'D')"
)


def tsquery_sql(query: TextQuery) -> tuple[str, list[object]]:
    """A tsquery built only from plainto/phraseto_tsquery: no user text is parsed as syntax."""
    parts: list[str] = []
    params: list[object] = []
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

    def is_broad(self, query: TextQuery, cap: int) -> bool:
        tsquery, params = tsquery_sql(query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM jobs_jobposting "  # noqa: S608 - fragments are ours
                f"WHERE search_vector @@ {tsquery} LIMIT %s) AS probe",
                [*params, cap + 1],
            )
            (count,) = cursor.fetchone()
        return int(count) > cap

    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, broad: bool
    ) -> tuple[str, list[object]]:
        tsquery, qparams = tsquery_sql(query)
        if not broad:
            sql = (
                f"WITH m AS MATERIALIZED (SELECT id, ts_rank_cd(search_vector, q) AS r "  # noqa: S608 - fragments are ours; values are parameters
                f"FROM jobs_jobposting, {tsquery} AS q WHERE search_vector @@ q "
                f"ORDER BY r DESC LIMIT %s) "
                f"SELECT p.id, m.r, {columns} FROM m JOIN jobs_jobposting AS p ON p.id = m.id "
                f"WHERE {filters.where}"
            )
            return sql, [*qparams, cap, *filters.params]
        sql = (
            f"SELECT p.id, p.id::float, {columns} FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
            f"WHERE p.search_vector @@ {tsquery} AND {filters.where} ORDER BY p.id DESC LIMIT %s"
        )
        return sql, [*qparams, *filters.params, cap]
