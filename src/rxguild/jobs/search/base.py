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
    """A WHERE fragment over the postings table aliased `p`, with its parameters."""

    where: str
    params: Sequence[Any]


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

        strategy: "ranked" (at most `cap` matches: rank them all, the index drives),
        "stream" (broad term: newest matches first from the index, filters applied as they
        stream, stop at `cap`), "filtered" (broad term, selective filters such as a radius:
        the filtered postings first, newest first, each checked against the index)."""

    def near_universal_terms(self, query: TextQuery) -> tuple[str, ...]:
        top = self.max_indexed_id()
        if top is None:
            return ()
        min_id = max(0, top - SAMPLE_WINDOW)
        indexed = self.count_indexed(min_id)
        if indexed < MIN_SAMPLE:
            return ()
        dropped = []
        for words in [(w,) for w in query.words] + list(query.phrases):
            single = (
                TextQuery(words=words, phrases=())
                if len(words) == 1
                else TextQuery(words=(), phrases=(words,))
            )
            if self.count_matches(single, indexed + 1, min_id) >= NEAR_UNIVERSAL * indexed:
                dropped.append(" ".join(words))
        return tuple(dropped)

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
