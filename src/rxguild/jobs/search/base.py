"""The search backend interface.

Both backends answer the same question: "which published postings match this text, and
how well", as a capped candidate list the selector then filters, counts and sorts. The
full-text index always drives the query (the candidate step touches the index and
nothing else), so a facet filter can never push the planner into scanning every posting.

Broad terms ("pharmacy technician" matches nearly every posting) are the classic trap:
ranking every match costs as much as a table scan. So each backend first probes how many
postings match, up to the cap. A selective term (at most `cap` matches) is ranked by
relevance in full, and totals and facets are exact. A broad term falls back to recency:
the newest matches that pass the filters, at most `cap` of them, and the result says the
total is capped ("2,000+").
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

DEFAULT_CAP = 1000

_TOKEN_RE = re.compile(r'"([^"]+)"|(\S+)')
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class TextQuery:
    """User search text parsed into plain words and quoted phrases (each a list of words)."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.phrases


def parse_text(text: str) -> TextQuery:
    """Split free text into words and "quoted phrases", dropping every operator character.

    Nothing the member types reaches the FTS5 or tsquery syntax as an operator: each word is
    reduced to \\w characters and quoted by the backend, so `NEAR(`, `-`, `*` or a stray quote
    are harmless.
    """
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for phrase, word in _TOKEN_RE.findall(text or ""):
        if phrase:
            parts = tuple(w.lower() for w in _WORD_RE.findall(phrase))
            if len(parts) > 1:
                phrases.append(parts)
            elif parts:
                words.extend(parts)
        else:
            words.extend(w.lower() for w in _WORD_RE.findall(word))
    # Keep the query bounded: long pasted text would only make a slow, useless query.
    return TextQuery(words=tuple(dict.fromkeys(words))[:12], phrases=tuple(phrases)[:4])


@dataclass(frozen=True)
class FilterSQL:
    """A WHERE fragment over the postings table aliased `p`, with its parameters.

    `late` holds the filters that probe another table once per posting (a required
    credential: an index look-up in jobs_postingcredential each). The candidate queries
    apply them last, after the column filters and the text have narrowed the set: on a
    broad term with a radius that is a few hundred probes instead of several thousand.
    Each is a template with `{posting_id}` for the SQL expression naming the posting's id.
    """

    where: str
    params: Sequence[Any]
    late: tuple[str, ...] = ()
    late_params: Sequence[Any] = ()

    def late_where(self, posting_id: str) -> str:
        """The late filters for postings whose id is `posting_id` ("1 = 1" when none)."""
        return " AND ".join(t.format(posting_id=posting_id) for t in self.late) or "1 = 1"

    def all_where(self) -> str:
        """Every filter in one fragment over `p`, late ones included."""
        return f"{self.where} AND {self.late_where('p.id')}"

    @property
    def all_params(self) -> list[Any]:
        return [*self.params, *self.late_params]


@dataclass(frozen=True)
class Candidate:
    posting_id: int
    score: float  # higher is better


@dataclass(frozen=True)
class CandidateSet:
    rows: list[tuple]  # (id, score, *columns requested by the selector)
    ranked: bool  # False for a broad term: candidates are the newest matches, not the best
    capped: bool  # the candidate list hit the cap: totals and facets read "cap+"
    ignored_terms: tuple[str, ...] = ()  # near-universal terms left out (see NEAR_UNIVERSAL)
    text_ignored: bool = False  # every term was near-universal: search by filters alone


def single_terms(query: TextQuery) -> list[tuple[str, TextQuery]]:
    """Each word and each phrase of `query` as a query of its own, with its text."""
    return [(word, TextQuery(words=(word,), phrases=())) for word in query.words] + [
        (" ".join(phrase), TextQuery(words=(), phrases=(phrase,))) for phrase in query.phrases
    ]


# Late filters (FilterSQL.late) run on at most this many times `cap` candidates, the first
# in the result's order; only if too few of those pass does the query run on all of them.
LATE_WINDOW = 3


def fetch_with_late_filters(
    inner: str, inner_params: Sequence[Any], order: str, filters: FilterSQL, cap: int
) -> list[tuple]:
    """The first `cap` rows of `inner`, in `order`, that pass the late filters.

    `inner` selects (cid, score, columns...) with every filter but the late ones and no
    ORDER BY; `order` names its output columns ("date_posted DESC, cid DESC"). A required
    credential passes about one posting in three, so the late filters usually need only
    the first LATE_WINDOW * cap rows: each probe is an index look-up, and a broad term or
    a browse in a big metro can have ten thousand rows to sort but not to probe.
    """
    with connection.cursor() as cursor:
        if not filters.late:
            cursor.execute(f"{inner} ORDER BY {order} LIMIT %s", [*inner_params, cap])
            return cursor.fetchall()
        sql, params = late_window_sql(inner, inner_params, order, filters, cap)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if len(rows) >= cap or (rows and rows[0][-1] < cap * LATE_WINDOW):
            return [row[:-1] for row in rows]
        # Too few passed in a full window (or none passed): every candidate, probed.
        cursor.execute(
            f"SELECT c.* FROM ({inner}) AS c WHERE {filters.late_where('c.cid')} "  # noqa: S608 - fragments are ours; values are parameters
            f"ORDER BY {order} LIMIT %s",
            [*inner_params, *filters.late_params, cap],
        )
        return cursor.fetchall()


def late_window_sql(
    inner: str, inner_params: Sequence[Any], order: str, filters: FilterSQL, cap: int
) -> tuple[str, list[Any]]:
    """The windowed query of fetch_with_late_filters: the first LATE_WINDOW * cap rows of
    `inner`, materialized, then the late filters; each row ends with the window's size."""
    sql = (
        f"WITH c AS MATERIALIZED ({inner} ORDER BY {order} LIMIT %s) "  # noqa: S608 - fragments are ours; values are parameters
        f"SELECT c.*, (SELECT count(*) FROM c) FROM c WHERE {filters.late_where('c.cid')} "
        f"ORDER BY {order} LIMIT %s"
    )
    return sql, [*inner_params, cap * LATE_WINDOW, *filters.late_params, cap]


# A term in at least this share of live postings ("pharmacy", "technician" on a pharmacy
# technician board) narrows nothing and costs the most to match, so it is left out, as
# MySQL's natural-language full-text search does with words in half the rows. The
# results say so. The share is estimated on the newest SAMPLE_WINDOW postings.
NEAR_UNIVERSAL = 0.8
SAMPLE_WINDOW = 2000
MIN_SAMPLE = 50  # below this many postings, never judge a term near-universal


class SearchBackend(ABC):
    vendor: str

    @abstractmethod
    def refresh(self, posting_ids: Sequence[int]) -> None:
        """Bring the index up to date for these postings: published ones in, others out."""

    @abstractmethod
    def rebuild(self) -> None:
        """Re-index every posting (after a bulk load)."""

    @abstractmethod
    def count_matches(self, query: TextQuery, limit: int, min_id: int | None = None) -> int:
        """How many indexed postings match (stopping at `limit`), optionally id >= min_id."""

    @abstractmethod
    def count_indexed(self, min_id: int) -> int:
        """How many postings are indexed with id >= min_id."""

    @abstractmethod
    def max_indexed_id(self) -> int | None: ...

    @abstractmethod
    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, strategy: str
    ) -> tuple[str, list[Any]]:
        """SQL selecting (id, score, <columns>) of matching postings that pass the filters.

        strategy: "ranked" (at most `cap` matches: rank them all, the index drives) or
        "stream" (broad term: newest matches first from the index, filters applied as they
        stream, stop at `cap`). The third, "filtered" (broad term, selective filters such
        as a radius), is `filtered_rows`."""

    @abstractmethod
    def filtered_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str
    ) -> tuple[str, list[Any]]:
        """The "filtered" strategy's inner query: (cid, score, <columns>) of the postings
        that pass the column filters and match, unordered (see fetch_with_late_filters)."""

    def filtered_rows(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int
    ) -> list[tuple]:
        """The "filtered" strategy's candidates: the newest `cap` that pass every filter."""
        inner, inner_params = self.filtered_sql(query, filters, columns)
        return fetch_with_late_filters(inner, inner_params, "cid DESC", filters, cap)

    def stream_rows(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int
    ) -> list[tuple]:
        """The "stream" strategy's candidates: the newest `cap` matches passing the filters."""
        sql, params = self.candidate_sql(query, filters, columns, cap, "stream")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def near_universal_terms(self, query: TextQuery) -> tuple[str, ...]:
        top = self.max_indexed_id()
        if top is None:
            return ()
        min_id = max(0, top - SAMPLE_WINDOW)
        indexed = self.count_indexed(min_id)
        if indexed < MIN_SAMPLE:
            return ()
        return tuple(
            label
            for label, single in single_terms(query)
            if self.count_matches(single, indexed + 1, min_id) >= NEAR_UNIVERSAL * indexed
        )

    def candidates(
        self,
        query: TextQuery,
        filters: FilterSQL,
        columns: str,
        cap: int = DEFAULT_CAP,
        *,
        selective_filters: bool = False,
    ) -> CandidateSet:
        ignored: tuple[str, ...] = ()
        broad = self.count_matches(query, cap + 1) > cap
        if broad:
            ignored = self.near_universal_terms(query)
            if ignored:
                query = TextQuery(
                    words=tuple(w for w in query.words if w not in ignored),
                    phrases=tuple(p for p in query.phrases if " ".join(p) not in ignored),
                )
                if query.is_empty:
                    return CandidateSet(
                        rows=[],
                        ranked=False,
                        capped=False,
                        ignored_terms=ignored,
                        text_ignored=True,
                    )
                broad = self.count_matches(query, cap + 1) > cap
        strategy = "ranked" if not broad else "filtered" if selective_filters else "stream"
        if strategy == "filtered":
            rows = self.filtered_rows(query, filters, columns, cap)
        elif strategy == "stream":
            rows = self.stream_rows(query, filters, columns, cap)
        else:
            sql, params = self.candidate_sql(query, filters, columns, cap, strategy)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        return CandidateSet(
            rows=rows, ranked=not broad, capped=broad and len(rows) >= cap, ignored_terms=ignored
        )

    def explain(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, strategy: str
    ) -> str:
        """The database's plan for the candidate query, as text (tests assert on it)."""
        if strategy == "filtered":
            inner, inner_params = self.filtered_sql(query, filters, columns)
            sql, params = late_window_sql(inner, inner_params, "cid DESC", filters, cap)
        else:
            sql, params = self.candidate_sql(query, filters, columns, cap, strategy)
        prefix = "EXPLAIN QUERY PLAN " if self.vendor == "sqlite" else "EXPLAIN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def get_backend() -> SearchBackend:
    """The backend for the database in use (chosen per call: tests switch databases)."""
    if connection.vendor == "postgresql":
        from rxguild.jobs.search.postgres_fts import PostgresFullTextBackend

        return PostgresFullTextBackend()
    from rxguild.jobs.search.sqlite_fts import SqliteFts5Backend

    return SqliteFts5Backend()
