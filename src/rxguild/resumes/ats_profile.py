"""Reading a posting into its profile: what it asks for, how strongly (required, preferred,
not required), years, shifts and settings (`PostingReading`, a part of
`ats_extract.Extractor`). Pure Python, no Django."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from rxguild.resumes import ats_posting, ats_years
from rxguild.resumes.ats_forms import FormInfo, RawHit, Read, negated_at
from rxguild.resumes.ats_posting import NOT_REQUIRED, PREFERRED, REQUIRED
from rxguild.resumes.ats_results import PostingItem, PostingProfile
from rxguild.resumes.ats_taxonomy import CREDENTIAL, SKILL

if TYPE_CHECKING:
    import ahocorasick

_IMPORTANCE_RANK = {REQUIRED: 2, PREFERRED: 1, NOT_REQUIRED: 0}
_REQUIRED_RANK = _IMPORTANCE_RANK[REQUIRED]


class PostingReading:
    """`posting_profile`; `Extractor` provides the reading and the scan."""

    def phrases(self, read: Read) -> list[tuple[int, int, str]]:
        """(table, row, code) of the shift (table 0) and setting (table 1) phrases in a
        document, by table and row: `ats_posting.parse_shifts` and `parse_settings`, read
        from the word string already scanned."""
        return sorted(
            {value for _, values in self._phrase_automaton.iter(read.string) for value in values}
        )

    def settings_of(self, read: Read) -> tuple[str, ...]:
        """The practice settings a document names (a resume's as a posting's)."""
        return tuple(code for table, _, code in self.phrases(read) if table == 1)

    _phrase_automaton: ahocorasick.Automaton

    # Provided by `DocumentReading` and `Extractor`.
    def _read(self, text: str, *, words: bool = False) -> Read:
        raise NotImplementedError

    def _find(
        self,
        text: str,
        fuzzy: bool,
        clauses: ats_posting.Clauses,
        read: Read | None = None,
        *,
        wanted: Collection[str] | None = None,
        negations: bool = True,
    ) -> list[RawHit]:
        raise NotImplementedError

    # -- postings ---------------------------------------------------------------------
    def posting_profile(self, posting_text: str, *, fuzzy: bool = True) -> PostingProfile:
        clauses = ats_posting.Clauses(posting_text)
        read = self._read(posting_text, words=fuzzy)
        hits = self._find(posting_text, fuzzy, clauses, read, negations=False)
        sections: list[ats_posting.Section] | None = None  # read on first need
        # The strongest importance per code; the first hit wins among equals.
        best: dict[str, tuple[int, str, FormInfo, int, int]] = {}
        for start, end, info, _, negated in hits:
            current = best.get(info.code)
            if current is not None and current[0] == _REQUIRED_RANK:
                continue  # nothing outranks it, and the first hit wins among equals
            if negated is None:
                negated = negated_at(posting_text, start, end, clauses)
            if negated:
                importance = NOT_REQUIRED
            elif (cue := clauses.importance(start, end)) is not None:
                importance = cue
            else:
                if sections is None:
                    sections = ats_posting.parse_sections(posting_text)
                importance = ats_posting.section_at(sections, start).importance or REQUIRED
            rank = _IMPORTANCE_RANK[importance]
            if current is None or rank > current[0]:
                best[info.code] = (rank, importance, info, start, end)
        items = tuple(
            PostingItem(info.code, info.name, info.kind, info.category, importance,
                        posting_text[start:end])
            for _, importance, info, start, end in best.values()
        )  # fmt: skip
        experience = ats_years.parse_experience(posting_text, sections, clauses)
        required_credentials: list[str] = []
        required_skills: list[str] = []
        preferred: list[str] = []
        for item in items:
            if item.importance == REQUIRED:
                if item.kind == CREDENTIAL:
                    required_credentials.append(item.code)
                elif item.kind == SKILL:
                    required_skills.append(item.code)
            elif item.importance == PREFERRED:
                preferred.append(item.code)
        # `ats_posting.parse_shifts` and `parse_settings`, read from the word string scanned
        # above (same words, same phrases, same order: by table row).
        phrases = self.phrases(read)
        return PostingProfile(
            items=items,
            required_credentials=frozenset(required_credentials),
            required_skills=frozenset(required_skills),
            preferred=frozenset(preferred),
            years_required=experience.years_required,
            years_preferred=experience.years_preferred,
            no_experience_required=experience.no_experience_required,
            shifts=tuple(code for table, _, code in phrases if table == 0),
            settings=tuple(code for table, _, code in phrases if table == 1),
        )
