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

from django.db import connection

DEFAULT_CAP = 2000

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
    params: Sequence[object]


@dataclass(frozen=True)
class Candidate:
    posting_id: int
    score: float  # higher is better; for the recency fallback, the posting id


@dataclass(frozen=True)
class CandidateSet:
    rows: list[tuple]  # (id, score, *columns requested by the selector)
    capped: bool  # the text matched more than the cap: recency fallback, totals are "cap+"


class SearchBackend(ABC):
    vendor: str

    @abstractmethod
    def refresh(self, posting_ids: Sequence[int]) -> None:
        """Bring the index up to date for these postings: published ones in, others out."""

    @abstractmethod
    def rebuild(self) -> None:
        """Re-index every posting (after a bulk load)."""

    @abstractmethod
    def candidate_sql(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, broad: bool
    ) -> tuple[str, list[object]]:
        """SQL selecting (id, score, <columns>) of matching postings that pass the filters."""

    @abstractmethod
    def is_broad(self, query: TextQuery, cap: int) -> bool:
        """Whether the text matches more than `cap` published postings (cheap probe)."""

    def candidates(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int = DEFAULT_CAP
    ) -> CandidateSet:
        broad = self.is_broad(query, cap)
        sql, params = self.candidate_sql(query, filters, columns, cap, broad)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return CandidateSet(rows=rows, capped=broad and len(rows) >= cap)

    def explain(
        self, query: TextQuery, filters: FilterSQL, columns: str, cap: int, broad: bool
    ) -> str:
        """The database's plan for the candidate query, as text (tests assert on it)."""
        sql, params = self.candidate_sql(query, filters, columns, cap, broad)
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
