"""A transcript sorted and bucketed once, and the one-record meaning of a match."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import chain, pairwise

from rxguild.ce.compliance.dates import _date_reason
from rxguild.ce.compliance.results import ZERO, CeRecordInput, Cycle, Exclusion
from rxguild.ce.rules import Match, Requirement


def format_hours(value: Decimal) -> str:
    """20 -> "20", 1.50 -> "1.5"; never scientific notation."""
    text = f"{value.normalize():f}"
    return text


def _record_sort_key(record: CeRecordInput) -> tuple[object, ...]:
    return (
        record.completed_on,
        record.id,
        record.hours,
        record.title,
        record.kind,
        record.audience or "",
        record.topic_code or "",
        record.format or "",
        tuple(sorted(record.tags)),
    )


def _in_evaluation_order(records: Iterable[CeRecordInput]) -> list[CeRecordInput]:
    """Sort by completion date then id (what caps follow). Records sharing both (only possible
    with duplicate ids) fall back to the full key so the input order never matters."""
    ordered = sorted(records, key=lambda record: (record.completed_on, record.id))
    for earlier, later in pairwise(ordered):
        if earlier.completed_on == later.completed_on and earlier.id == later.id:
            return sorted(ordered, key=_record_sort_key)
    return ordered


def record_matches(match: Match, record: CeRecordInput, *, check_audience: bool = True) -> bool:
    """The reference meaning of a match, one record at a time.

    The engine uses :class:`TranscriptIndex` buckets instead (same answers, tested); this is for
    callers asking "would this course count toward that requirement?" and for the tests.
    """
    if check_audience and match.audiences and record.audience not in match.audiences:
        return False
    if match.kinds and record.kind not in match.kinds:
        return False
    if match.formats and record.format not in match.formats:
        return False
    if match.topics or match.tags:
        topic_hit = record.topic_code is not None and record.topic_code in match.topics
        if not topic_hit and not (match.tags & record.tags):
            return False
    return True


_AUDIENCE_WORDS = {"T": "technician-specific (T)", "P": "pharmacist-specific (P)"}


def _audience_reason(match: Match, record: CeRecordInput) -> str:
    wanted = " or ".join(_AUDIENCE_WORDS[a] for a in sorted(match.audiences))
    if record.audience is None:
        return f"not an ACPE activity marked for an audience; this requirement counts only {wanted}"
    return (
        f"{_AUDIENCE_WORDS[record.audience]} activity; this requirement counts only {wanted} hours"
    )


class TranscriptIndex:
    """A transcript sorted once (by date, then id) and bucketed by kind, ACPE topic and tag.

    Built once per member and shared by every requirement of every credential, so a requirement
    such as "1 h law" only visits the law records instead of the whole transcript.
    """

    __slots__ = (
        "_candidates",
        "_cap_ids",
        "_date_exclusions",
        "_dated",
        "by_kind",
        "by_tag",
        "by_topic",
        "ordered",
    )

    def __init__(self, records: Iterable[CeRecordInput]) -> None:
        self.ordered: list[CeRecordInput] = _in_evaluation_order(records)
        self.by_kind: dict[str, list[int]] = {}
        self.by_topic: dict[str, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        for position, record in enumerate(self.ordered):
            self.by_kind.setdefault(record.kind, []).append(position)
            if record.topic_code is not None:
                self.by_topic.setdefault(record.topic_code, []).append(position)
            for tag in record.tags:
                self.by_tag.setdefault(tag, []).append(position)
        # Keyed by id(match) (hashing a Match rehashes five frozensets); each entry keeps the
        # Match itself so a recycled id can never return another match's records.
        self._candidates: dict[int, tuple[Match, list[CeRecordInput]]] = {}
        self._cap_ids: dict[int, tuple[Match, frozenset[int]]] = {}
        self._dated: dict[tuple[int, bool], tuple[Match, list[CeRecordInput], list[date]]] = {}
        # The same "completed X, before this cycle began on Y" text serves every requirement
        # (and credential) with the same window, so it is built once per record and window.
        self._date_exclusions: dict[tuple[date | None, date, int | None], dict[int, Exclusion]]
        self._date_exclusions = {}

    def date_exclusions(
        self,
        records: Sequence[CeRecordInput],
        requirement: Requirement,
        start: date | None,
        cycle: Cycle,
    ) -> list[Exclusion]:
        """Exclusions for records outside the requirement's window (callers pass only those)."""
        if not records:
            return []
        key = (start, cycle.end, requirement.window_months)
        known = self._date_exclusions.get(key)
        if known is None:
            known = self._date_exclusions[key] = {}
        found: list[Exclusion] = []
        for record in records:
            exclusion = known.get(id(record))
            if exclusion is None:
                reason = _date_reason(record, requirement, start, cycle)
                assert reason is not None, "only records outside the window are passed"
                exclusion = known[id(record)] = Exclusion(record.id, reason)
            found.append(exclusion)
        return found

    def relevant(self, match: Match) -> list[CeRecordInput]:
        """Records relevant to a match (audience not checked), in evaluation order."""
        cached = self._candidates.get(id(match))
        if cached is not None and cached[0] is match:
            return cached[1]
        ordered = self.ordered
        kinds, formats = match.kinds, match.formats
        found: list[CeRecordInput]
        if match.topics or match.tags:
            hit: set[int] = set()
            for topic in match.topics:
                hit.update(self.by_topic.get(topic, ()))
            for tag in match.tags:
                hit.update(self.by_tag.get(tag, ()))
            found = [ordered[p] for p in sorted(hit)]
            if kinds:
                found = [record for record in found if record.kind in kinds]
        elif kinds:
            buckets = [self.by_kind.get(kind, []) for kind in kinds]
            positions = buckets[0] if len(buckets) == 1 else sorted(chain.from_iterable(buckets))
            found = [ordered[p] for p in positions]
        else:
            found = ordered
        if formats:
            found = [record for record in found if record.format in formats]
        self._candidates[id(match)] = (match, found)
        return found

    def dated(
        self, match: Match, *, positive_hours: bool
    ) -> tuple[list[CeRecordInput], list[date]]:
        """Relevant records (optionally only those with hours) and their dates, for bisection."""
        key = (id(match), positive_hours)
        cached = self._dated.get(key)
        if cached is None or cached[0] is not match:
            records = self.relevant(match)
            if positive_hours:
                records = [r for r in records if r.hours > ZERO]
            cached = self._dated[key] = (match, records, [r.completed_on for r in records])
        return cached[1], cached[2]

    def matching_ids(self, match: Match) -> frozenset[int]:
        """Identities (``id()``) of the records a cap applies to, audience included."""
        cached = self._cap_ids.get(id(match))
        if cached is None or cached[0] is not match:
            audiences = match.audiences
            members = frozenset(
                id(record)
                for record in self.relevant(match)
                if not audiences or record.audience in audiences
            )
            cached = self._cap_ids[id(match)] = (match, members)
        return cached[1]
