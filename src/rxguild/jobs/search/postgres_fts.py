"""PostgreSQL full-text backend.

`search_vector` is a stored tsvector column (title weighted A, the rest D, plus a lexeme per
pair of adjacent words for phrases) indexed by jobs_geo_text_gin, a GIN index over the grid
cell, the equality facets and the tsvector of published postings (migrations 0006, 0009).
The service layer fills it explicitly when a posting is published and clears it when it
leaves the board.

As on SQLite, a selective query ranks its matches (ts_rank_cd) in a MATERIALIZED CTE that
reads the GIN index alone, then joins the filters; a broad one falls back to recency.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection

from rxguild.jobs.search.base import NEAR_UNIVERSAL, SearchBackend
from rxguild.jobs.search.query import TextQuery, single_terms
from rxguild.jobs.search.sql import FilterSQL

# Title (weight A), the rest (D), and a lexeme per pair of adjacent words ("prior author")
# so that the index answers phrases: SQL functions of migration 0009.
VECTOR_SQL = "rxguild_posting_vector(title, search_document)"


# Only published postings have a tsvector, and the GIN index (jobs_geo_text_gin: grid cell,
# facets, tsvector) covers only them: every text query names its predicate, or the
# planner could not use it.
PUBLISHED = "status = 'published'"


def match_sql(query: TextQuery, vector: str = "search_vector") -> tuple[str, list[Any]]:
    """The condition "the tsvector `vector` matches `query`", built only from plainto_tsquery
    and the phrase functions of migration 0009: no user text is parsed as syntax.

    The index part asks for the words and each phrase's word pairs: a two-word phrase is
    exactly its pair (rxguild_phrase_tsquery). A longer phrase may hold its pairs apart, so
    its word order is checked on the rows the index finds, by rxguild_has_phrase: a
    PL/pgSQL function, opaque to the planner, which then estimates the phrase from its
    pairs. Asked to estimate "phrase and pairs" it would multiply five lexemes' shares for
    "long term care" (24 postings expected where 111,111 match, and a bitmap of all of them
    read to sort: 2 s at 1,000,000 postings)."""
    tsquery, params = _tsquery_sql(query, _phrase_index_sql)
    sql = f"{vector} @@ {tsquery}"
    for phrase in query.phrases:
        if len(phrase) > 2:
            sql += f" AND rxguild_has_phrase({vector}, phraseto_tsquery('english', %s))"
            params.append(" ".join(phrase))
    return sql, params


def _phrase_index_sql(phrase: tuple[str, ...]) -> str:
    if len(phrase) > 2:
        return "coalesce(rxguild_phrase_pairs('english', %s), phraseto_tsquery('english', %s))"
    return "rxguild_phrase_tsquery('english', %s)"


def rank_tsquery_sql(query: TextQuery) -> tuple[str, list[Any]]:
    """The query without the word pairs, for ts_rank_cd: the pairs have no positions, and
    relevance should not depend on how the index finds a phrase."""
    return _tsquery_sql(query, lambda phrase: "phraseto_tsquery('english', %s)")


def estimate_tsquery_sql(query: TextQuery) -> tuple[str, list[Any]]:
    """The query the planner is asked to estimate: each phrase by its pairs alone (by its
    words when it has none), as match_sql's conditions are estimated."""
    return _tsquery_sql(
        query,
        lambda phrase: (
            "coalesce(rxguild_phrase_pairs('english', %s), phraseto_tsquery('english', %s))"
        ),
    )


def _tsquery_sql(
    query: TextQuery, phrase_sql: Callable[[tuple[str, ...]], str]
) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if query.words:
        parts.append("plainto_tsquery('english', %s)")
        params.append(" ".join(query.words))
    for phrase in query.phrases:
        sql = phrase_sql(phrase)
        parts.append(sql)
        params += [" ".join(phrase)] * sql.count("%s")
    return "(" + " && ".join(parts) + ")", params


# Above this many postings (pg_class.reltuples), counting a term's matches costs what the
# search itself should: a GIN index yields every match as a bitmap before the first row
# (~16 ms for a word in 55,000 of 1,000,000 postings, ~50 ms for a two-word phrase, plus
# the rows read to reach the cap). The planner's estimate says "far more than the cap" or
# "far fewer" in well under a millisecond; only an estimate within ESTIMATE_MARGIN of the
# cap is settled by counting.
ESTIMATE_ABOVE = 50_000
ESTIMATE_MARGIN = 4
# With a radius, a term in more than this share of live postings (its rarest word or
# phrase pair, by the planner's statistics) is matched by walking the area's postings
# newest first (walk_sql): at that share the first `cap` matches come after a few
# thousand rows. A rarer one is looked up in jobs_geo_text_gin together with the area and
# the equality facets, and only the postings passing all of them are read; a phrase that
# is common in the country but absent from a metro's retail postings then costs an index
# look-up (20 ms), where walking read the metro's 25,000 rows to find none (280 ms).
# Set by measurement at 1,000,000 postings (benchmarks/bench_jobs_search.py, same data):
# p95 79 ms at 0.3 and 82 ms at 0.15; the earlier rule (walk above 120,000 matches, the
# GIN index holding cell and text only, phrases rechecked on every row) had 118 ms.
WALK_SHARE = 0.3
# A broad term with no radius is first looked for among the newest postings: this many
# times as many as `cap` matches need at the share expected to pass (stream_rows), then
# STREAM_WINDOW_GROWTH times more at each step that finds too few.
STREAM_WINDOW_FACTOR = 4
STREAM_WINDOW_GROWTH = 4


# pg_class.reltuples per database, read at most once a minute: a board's order of
# magnitude does not change between two searches, and the look-up would otherwise be one
# more round trip on every search.
POSTINGS_ESTIMATE_TTL = 60.0
_postings_estimate: dict[str, tuple[float, float]] = {}


def _estimated_postings() -> float:
    name = str(connection.settings_dict["NAME"])
    cached = _postings_estimate.get(name)
    now = time.monotonic()
    if cached is not None and now - cached[1] < POSTINGS_ESTIMATE_TTL:
        return cached[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'jobs_jobposting'::regclass")
        row = cursor.fetchone()
    value = float(row[0]) if row else 0.0
    _postings_estimate[name] = (value, now)
    return value


def _estimate_rows(sql: str, params: Sequence[Any]) -> float:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


class PostgresFullTextBackend(SearchBackend):
    vendor = "postgresql"

    def __init__(self) -> None:
        self._indexed_known = False
        self._indexed: float | None = None
        self._estimates: dict[TextQuery, float] = {}

    def _refresh(self, posting_ids: Sequence[int]) -> None:
        ids = [int(i) for i in posting_ids]
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE jobs_jobposting SET search_vector = CASE WHEN status = 'published' "  # noqa: S608 - constant SQL
                f"THEN {VECTOR_SQL} ELSE NULL END WHERE id = ANY(%s)",
                [ids],
            )

    def _rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE jobs_jobposting SET search_vector = CASE WHEN status = 'published' "  # noqa: S608 - constant SQL
                f"THEN {VECTOR_SQL} ELSE NULL END"
            )

    def count_matches(self, query: TextQuery, limit: int, min_id: int | None = None) -> int:
        if min_id is None and self.estimated_indexed() is not None:
            estimate = self.estimate_matches(query)
            if estimate > limit * ESTIMATE_MARGIN:
                return limit
            if estimate * ESTIMATE_MARGIN < limit:
                return int(estimate)
        match, params = match_sql(query)
        window = " AND id >= %s" if min_id is not None else ""
        args = [*params, *([min_id] if min_id is not None else []), limit]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM jobs_jobposting "  # noqa: S608 - fragments are ours
                f"WHERE {PUBLISHED} AND {match}{window} LIMIT %s) AS probe",
                args,
            )
            (count,) = cursor.fetchone()
        return int(count)

    def estimate_matches(self, query: TextQuery) -> float:
        """The planner's estimate of the postings matching `query` (from ANALYZE's
        statistics on search_vector: the frequency of its most common lexemes)."""
        if query not in self._estimates:
            tsquery, params = estimate_tsquery_sql(query)
            self._estimates[query] = _estimate_rows(
                f"SELECT 1 FROM jobs_jobposting WHERE search_vector @@ {tsquery}",  # noqa: S608 - fragments are ours
                params,
            )
        return self._estimates[query]

    def estimate_phrase(self, phrase: tuple[str, ...]) -> float:
        """The planner's estimate of the postings holding a phrase's word pairs (its words,
        when stop words leave fewer than two)."""
        return self.estimate_matches(TextQuery(words=(), phrases=(phrase,)))

    def estimated_indexed(self) -> float | None:
        """The planner's estimate of the indexed (published) postings on a big board, or
        None below ESTIMATE_ABOVE postings, where counting is cheap and exact. Asked once
        per backend instance (get_backend() makes one per search)."""
        if not self._indexed_known:
            self._indexed_known = True
            if _estimated_postings() > ESTIMATE_ABOVE:
                self._indexed = max(
                    1.0,
                    _estimate_rows(
                        "SELECT 1 FROM jobs_jobposting WHERE search_vector IS NOT NULL", []
                    ),
                )
        return self._indexed

    def near_universal_terms(self, query: TextQuery) -> tuple[str, ...]:
        indexed = self.estimated_indexed()
        if indexed is None:
            return super().near_universal_terms(query)
        # A big board: each term's share of the live postings from the planner's statistics,
        # instead of counting matches among the newest (which reads the term's whole posting
        # list from the GIN index before the first row).
        return tuple(
            label
            for label, single in single_terms(query)
            if self.estimate_matches(single) >= NEAR_UNIVERSAL * indexed
        )

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

    def filtered_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str
    ) -> tuple[str, list[Any]]:
        match, qparams = match_sql(query, "p.search_vector")
        sql = (
            f"SELECT p.id AS cid, p.id::float AS cscore, {columns} FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
            f"WHERE {filters.where} AND {match}"
        )
        return sql, [*filters.params, *qparams]

    def filtered_rows(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int
    ) -> list[tuple]:
        indexed = self.estimated_indexed()
        if indexed is None:
            return super().filtered_rows(query, filters, columns, cap)
        # The share of the live postings holding the rarest word or phrase pair decides.
        if self.text_bound(query) <= WALK_SHARE * indexed:
            return super().filtered_rows(query, filters, columns, cap)
        sql, params = self.walk_sql(query, filters, columns, cap)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def text_bound(self, query: TextQuery) -> float:
        """At most how many postings match `query`, by the planner's statistics: the index
        finds those with every word and every phrase's word pairs, no more than hold the
        rarest of them. (The planner's own estimate takes the words as independent: for
        "sterile compounding", which go together, 12,000 where 111,000 match.)"""
        return min(
            [self.estimate_matches(TextQuery(words=(word,), phrases=())) for word in query.words]
            + [
                # Each adjacent pair of a longer phrase on its own: its pairs go together too.
                self.estimate_phrase(phrase[n : n + 2])
                for phrase in query.phrases
                for n in range(len(phrase) - 1)
            ]
        )

    def stream_rows(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int
    ) -> list[tuple]:
        """A broad term with no radius, on a big board: the newest `cap` matches, looked
        for among the newest postings first. Left to itself the planner takes words that go
        together as independent, expects few matches, and reads and sorts every one of them
        ("sterile compounding": 111,000 rows, 1 s at 1,000,000 postings). The id window
        holds enough postings for `cap` matches at the rarest word's share, several times
        over; when fewer match there it grows, up to the whole board, so the answer is the
        same as without it."""
        indexed = self.estimated_indexed()
        top = self.max_indexed_id() if indexed is not None else None
        if indexed is None or top is None:
            return super().stream_rows(query, filters, columns, cap)
        # The share of postings passing: the text's (its rarest word's) times the column
        # filters' (the planner's estimate; the late ones are left to the factor).
        passing = _estimate_rows(
            f"SELECT 1 FROM jobs_jobposting AS p WHERE {filters.where}",  # noqa: S608 - fragments are ours; values are parameters
            filters.params,
        )
        share = max(self.text_bound(query) / indexed * min(1.0, passing / indexed), 1e-6)
        window = int(STREAM_WINDOW_FACTOR * cap / share)
        with connection.cursor() as cursor:
            while window < top:
                cursor.execute(*_stream_sql(query, filters, columns, cap, above_id=top - window))
                rows = cursor.fetchall()
                if len(rows) >= cap:
                    return rows
                window *= STREAM_WINDOW_GROWTH
            # The newest postings hold fewer matches than the statistics promise (a phrase
            # and a setting that exclude each other): every match, sorted. "p.id + 0" keeps
            # the planner from walking the whole board by id looking for them (3.7 s for
            # none, where the index finds none in 12 ms).
            cursor.execute(*_stream_sql(query, filters, columns, cap, order="p.id + 0 DESC"))
            return cursor.fetchall()

    def walk_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int
    ) -> tuple[str, list[Any]]:
        """A phrase or a term with many matches, with a radius: the ids of the filtered
        postings come from the covering grid-cell index alone (an index-only scan, no row
        read), newest first, and each row is read and checked against the term until `cap`
        pass (its columns come from that read). At most
        cap / share rows are read, where a bitmap of the term's matches would cover a
        large part of the table (and turn lossy past work_mem, so every row is rechecked).
        Each check is a LATERAL subquery with LIMIT / OFFSET, which PostgreSQL cannot
        turn into a join: with a good estimate of the filtered postings it would otherwise
        hash-join them with every match of the term, reading those rows instead. The late
        filters (an index-only probe each) run before the row is read for the text."""
        match, qparams = match_sql(query, "p.search_vector")
        sql = (
            f"WITH f AS MATERIALIZED (SELECT p.id AS cid FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
            f"WHERE {filters.where}) "
            f"SELECT m.* FROM (SELECT cid FROM f ORDER BY cid DESC OFFSET 0) AS f "
            f"CROSS JOIN LATERAL (SELECT 1 WHERE {filters.late_where('f.cid')} OFFSET 0) AS l "
            f"CROSS JOIN LATERAL (SELECT p.id AS cid, p.id::float AS cscore, {columns} "
            f"FROM jobs_jobposting AS p WHERE p.id = f.cid AND {match} "
            f"LIMIT 1) AS m ORDER BY f.cid DESC LIMIT %s"
        )
        return sql, [*filters.params, *filters.late_params, *qparams, cap]

    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, strategy: str
    ) -> tuple[str, list[Any]]:
        if strategy == "ranked":
            match, qparams = match_sql(query)
            rank_query, rparams = rank_tsquery_sql(query)
            sql = (
                f"WITH m AS MATERIALIZED (SELECT id, ts_rank_cd(search_vector, {rank_query}) AS r "  # noqa: S608 - fragments are ours; values are parameters
                f"FROM jobs_jobposting WHERE {PUBLISHED} AND {match} "
                f"ORDER BY r DESC LIMIT %s) "
                f"SELECT p.id, m.r, {columns} FROM m JOIN jobs_jobposting AS p ON p.id = m.id "
                f"WHERE {filters.all_where()}"
            )
            return sql, [*rparams, *qparams, cap, *filters.all_params]
        return _stream_sql(query, filters, columns, cap)


def _stream_sql(
    query: TextQuery,
    filters: FilterSQL,
    columns: str,
    cap: int,
    *,
    above_id: int | None = None,
    order: str = "p.id DESC",
) -> tuple[str, list[Any]]:
    """The newest `cap` matches passing every filter (optionally only ids above
    `above_id`); `order` "p.id + 0 DESC" sorts without letting the index drive."""
    match, qparams = match_sql(query, "p.search_vector")
    window = " AND p.id > %s" if above_id is not None else ""
    sql = (
        f"SELECT p.id, p.id::float, {columns} FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
        f"WHERE {match} AND {filters.all_where()}{window} ORDER BY {order} LIMIT %s"
    )
    return sql, [*qparams, *filters.all_params, *([above_id] if above_id is not None else []), cap]
