"""Which credentials a member holds meet a posting's requirement: pure Python, no Django.

A registered technician meets a trainee requirement, a CPhT-Adv meets a CPhT requirement: these
facts live in ``data/jobs/credential_equivalences.toml``, each with its source and confidence,
read with the catalog's data-file reader (``catalog/datafiles.py``) so a bad edit is reported the
same way, every problem at once. Job pages, search badges and the search's credential filter all
ask an :class:`EquivalenceTable`, so they never disagree.

Entries chain (holder -> meets -> meets ...). A match through a chain is only as sure as its
least sure link; a low or unverified link makes the page ask the member to confirm.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rxguild.catalog.datafiles import CatalogDataError
from rxguild.core.factfiles import (
    CODE_RE,
    CONFIDENCES,
    LOW_CONFIDENCES,
    EntryReader,
    FactFileError,
    FactProblem,
    parse_toml,
)

FILE_NAME = "credential_equivalences.toml"
DATA_FILE = Path(__file__).resolve().parents[3] / "data" / "jobs" / FILE_NAME
_FIELDS = frozenset({"code", "holder", "meets", "note", "source", "confidence"})


@dataclass(frozen=True)
class Equivalence:
    """Holding `holder` meets a requirement for `meets`."""

    code: str
    holder: str
    meets: str
    note: str
    source: str
    confidence: str


@dataclass(frozen=True)
class CredentialMatch:
    """How (or whether) a member meets one required credential."""

    required: str
    held: str = ""  # the credential the member holds that meets it; "" when not met
    via: tuple[Equivalence, ...] = ()  # empty when the member holds `required` itself

    @property
    def met(self) -> bool:
        return bool(self.held)

    @property
    def direct(self) -> bool:
        return self.met and not self.via

    @property
    def confidence(self) -> str:
        """The least sure link of the chain ("high" when held directly)."""
        if not self.via:
            return "high"
        return max((e.confidence for e in self.via), key=CONFIDENCES.index)

    @property
    def needs_confirmation(self) -> bool:
        return self.confidence in LOW_CONFIDENCES


class EquivalenceTable:
    def __init__(self, equivalences: Iterable[Equivalence] = ()) -> None:
        self.equivalences = tuple(equivalences)
        self._meeting: dict[str, list[Equivalence]] = {}  # required code -> edges into it
        self._met_by_holder: dict[str, list[Equivalence]] = {}
        for entry in self.equivalences:
            self._meeting.setdefault(entry.meets, []).append(entry)
            self._met_by_holder.setdefault(entry.holder, []).append(entry)

    def match(self, held: Collection[str], required: str) -> CredentialMatch:
        """The shortest way the held credentials meet `required` (breadth first from it), the
        surer chain first among equally short ones; not met when no chain reaches a held one."""
        if required in held:
            return CredentialMatch(required=required, held=required)
        queue: deque[tuple[str, tuple[Equivalence, ...]]] = deque([(required, ())])
        seen = {required}
        found: list[tuple[str, tuple[Equivalence, ...]]] = []
        while queue and not found:
            for _ in range(len(queue)):
                code, chain = queue.popleft()
                for entry in sorted(
                    self._meeting.get(code, ()), key=lambda e: CONFIDENCES.index(e.confidence)
                ):
                    if entry.holder in seen:
                        continue
                    path = (entry, *chain)
                    if entry.holder in held:
                        found.append((entry.holder, path))
                    seen.add(entry.holder)
                    queue.append((entry.holder, path))
        if not found:
            return CredentialMatch(required=required)
        holder, path = min(
            found, key=lambda item: max(CONFIDENCES.index(e.confidence) for e in item[1])
        )
        return CredentialMatch(required=required, held=holder, via=path)

    def met_by(self, holder: str) -> frozenset[str]:
        """Every credential whose requirement `holder` meets, itself included (the search
        filter: jobs open to a holder of this credential)."""
        reached = {holder}
        queue = deque([holder])
        while queue:
            for entry in self._met_by_holder.get(queue.popleft(), ()):
                if entry.meets not in reached:
                    reached.add(entry.meets)
                    queue.append(entry.meets)
        return frozenset(reached)


def parse_equivalences(
    content: bytes, *, known_credentials: Collection[str] | None = None
) -> EquivalenceTable:
    """Validate the file's bytes; raise CatalogDataError naming every problem."""
    problems: list[FactProblem] = []
    try:
        document = parse_toml(content, name=FILE_NAME)
    except FactFileError as error:
        raise CatalogDataError(error.problems) from error
    for key in ("version", "updated"):
        if key not in document:
            problems.append(FactProblem(FILE_NAME, None, key, "is required"))
    raw_entries = document.get("equivalences")
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append(
            FactProblem(FILE_NAME, None, "equivalences", "a non-empty list is required")
        )
        raw_entries = []
    entries: list[Equivalence] = []
    seen_codes: set[str] = set()
    seen_pairs: set[tuple[str, str]] = set()
    for position, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            problems.append(FactProblem(FILE_NAME, f"#{position}", None, "must be a table"))
            continue
        label = f"#{position} '{raw.get('code', '')}'"
        reader = EntryReader(FILE_NAME, label, raw, problems, _FIELDS)
        reader.check_unknown_fields()
        code = reader.code()
        holder = reader.code("holder")
        meets = reader.code("meets")
        note = reader.text("note", required=True)
        source, confidence = reader.sourced()
        if code in seen_codes:
            reader.problem("code", "duplicate code")
        seen_codes.add(code)
        if holder and holder == meets:
            reader.problem("meets", "a credential trivially meets itself; leave it out")
        if (holder, meets) in seen_pairs:
            reader.problem("meets", f"'{holder}' meets '{meets}' is listed twice")
        seen_pairs.add((holder, meets))
        if known_credentials is not None:
            for name, value in (("holder", holder), ("meets", meets)):
                if value and CODE_RE.match(value) and value not in known_credentials:
                    reader.problem(name, f"unknown credential '{value}'")
        entries.append(Equivalence(code, holder, meets, note, source, confidence))
    if problems:
        raise CatalogDataError(problems)
    return EquivalenceTable(entries)


@lru_cache(maxsize=1)
def equivalence_table() -> EquivalenceTable:
    """The shipped table, read once per process (reference data changes with a deploy)."""
    return parse_equivalences(DATA_FILE.read_bytes())
