"""Which saved-search digests are due, and which matches go in them, as plain data.

No Django import. Idempotency rests on two facts kept here: a digest belongs to a period
(a calendar day, or an ISO week), and a search is due only when its last digest was for an
earlier period; and a posting already sent for a search is never selected again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


def period_key(frequency: Frequency, today: date) -> str:
    """A label for the digest period `today` falls in: '2026-11-26' or '2026-W48'."""
    if frequency is Frequency.DAILY:
        return today.isoformat()
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def is_due(frequency: Frequency, last_period: str, today: date) -> bool:
    """Due unless a digest was already sent for this period (cron may run the command often)."""
    return last_period != period_key(frequency, today)


@dataclass(frozen=True)
class Match:
    posting_id: int
    title: str


def select_new_matches(
    matches: Iterable[Match], already_sent: set[int], limit: int = 20
) -> list[Match]:
    """The matches not sent before, in the search's order, at most `limit` (a digest is a
    nudge to look, not the whole result list; the email links to the full search)."""
    selected: list[Match] = []
    seen: set[int] = set()
    for match in matches:
        if match.posting_id in already_sent or match.posting_id in seen:
            continue
        seen.add(match.posting_id)
        selected.append(match)
        if len(selected) >= limit:
            break
    return selected
