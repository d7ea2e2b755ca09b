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

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from rxguild.jobs.search.generation import search_index_changed
from rxguild.jobs.search.query import DEFAULT_CAP, TextQuery, single_terms
from rxguild.jobs.search.sql import FilterSQL, fetch_with_late_filters, late_window_sql


@dataclass(frozen=True)
class CandidateSet:
    """A backend's answer, raw: search.find_candidates turns it into search.query.Candidates."""

    rows: list[tuple]  # (id, score, *columns requested)
    ranked: bool  # False for a broad term: candidates are the newest matches, not the best
    capped: bool  # the candidate list hit the cap: totals and facets read "cap+"
    ignored_terms: tuple[str, ...] = ()  # near-universal terms left out (see NEAR_UNIVERSAL)
    text_ignored: bool = False  # every term was near-universal: search by filters alone


# A term in at least this share of live postings ("pharmacy", "technician" on a pharmacy
# technician board) narrows nothing and costs the most to match, so it is left out, as
# MySQL's natural-language full-text search does with words in half the rows. The
# results say so. The share is estimated on the newest SAMPLE_WINDOW postings.
NEAR_UNIVERSAL = 0.8
SAMPLE_WINDOW = 2000
MIN_SAMPLE = 50  # below this many postings, never judge a term near-universal


class SearchBackend(ABC):
    vendor: str

    def refresh(self, posting_ids: Sequence[int]) -> None:
        """Bring the index up to date for these postings: published ones in, others out."""
        self._refresh(posting_ids)
        search_index_changed()

    def rebuild(self) -> None:
        """Re-index every posting (after a bulk load)."""
        self._rebuild()
        search_index_changed()

    @abstractmethod
    def _refresh(self, posting_ids: Sequence[int]) -> None: ...

    @abstractmethod
    def _rebuild(self) -> None: ...

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
