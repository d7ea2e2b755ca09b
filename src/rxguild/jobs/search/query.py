"""What a job search asks and what the search package answers, as plain typed values.

This is the boundary between the selector (`jobs.selectors.job_search`) and the search
package: the selector passes a `SearchFilters` and the member's text in, and gets
`Candidates` back. No SQL fragment, column list or tuple index crosses it; how the filters
become SQL is `search.sql`'s business, and which query runs is the backend's.

Pure Python: no Django import, so the parsing is unit-tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from rxguild.jobs.geo import BoundingBox

# At most this many candidates are ranked, filtered and counted per search. Totals above it
# read "1,000+" (see search.base for why a broad term is not ranked in full).
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


def single_terms(query: TextQuery) -> list[tuple[str, TextQuery]]:
    """Each word and each phrase of `query` as a query of its own, with its text."""
    return [(word, TextQuery(words=(word,), phrases=())) for word in query.words] + [
        (" ".join(phrase), TextQuery(words=(), phrases=(phrase,))) for phrase in query.phrases
    ]


@dataclass(frozen=True)
class SearchArea:
    """A radius search's prefilter: the box around the circle and the grid cells it covers.
    The exact distance is checked on the candidates afterwards (geo.within_radius)."""

    box: BoundingBox
    cells: tuple[int, ...]


@dataclass(frozen=True)
class SearchFilters:
    """The facet filters of one search, already resolved to ids (codes are the selector's
    business). Every search sees only postings published and still open at `live_at`."""

    live_at: datetime
    setting_id: int | None = None
    employment_type: str = ""
    shift: str = ""
    # Postings requiring any of these (the credential searched for and those it meets,
    # from jobs.credential_match); empty for no credential filter.
    required_credential_ids: tuple[int, ...] = ()
    pay_min: float | None = None
    posted_since: datetime | None = None
    internships_only: bool = False
    area: SearchArea | None = None


@dataclass(frozen=True)
class CandidateRow:
    """What the selector needs of a candidate to count facets, measure, sort and page."""

    posting_id: int
    score: float  # higher is better; for unranked candidates, newer is higher
    latitude: float | None
    longitude: float | None
    date_posted: datetime | None
    pay_hourly_min: float | None
    setting_id: int | None
    employment_type: str
    shift: str
    kind: str


@dataclass(frozen=True)
class Candidates:
    rows: list[CandidateRow]
    ranked: bool  # False for a broad term or a browse: candidates are the newest, not the best
    capped: bool  # the candidate list hit the cap: totals and facets read "cap+"
    ignored_terms: tuple[str, ...] = ()  # near-universal terms left out (see search.base)
