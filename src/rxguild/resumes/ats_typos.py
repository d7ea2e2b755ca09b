"""The conservative typo pass: only words of `FUZZY_MIN_LENGTH` letters or more that are in
no form and are no English word, one edit (two for long words) from a unique nearest form
word with the same first letter (`TypoCorrection`, a part of `ats_extract.Extractor`).
Pure Python, no Django."""

from __future__ import annotations

from collections.abc import Container, Iterable
from itertools import compress, count
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from rxguild.resumes import ats_posting
from rxguild.resumes.ats_english import is_english
from rxguild.resumes.ats_forms import FormInfo, RawHit, negated_at
from rxguild.resumes.ats_results import FUZZY

if TYPE_CHECKING:
    import ahocorasick

# Seven letters: six-letter words are too often real words one edit from a product name
# ("Corner" -> "Cerner").
FUZZY_MIN_LENGTH = 7


def fuzzy_candidates(vocabulary: frozenset[str]) -> dict[tuple[str, int], list[str]]:
    """Typo candidates by (first letter, length of the unknown word)."""
    # Fuzzy candidates by (first letter, length of the unknown word): every vocabulary
    # word within the edit budget's length difference, listed once here, not filtered
    # per word. The order of a list does not matter: the answer must be a unique nearest.
    by_letter_length: dict[tuple[str, int], list[str]] = {}
    for word in sorted(vocabulary):
        if len(word) >= FUZZY_MIN_LENGTH - 1 and word.isalpha():
            by_letter_length.setdefault((word[0], len(word)), []).append(word)
    longest = max((length for _, length in by_letter_length), default=0)
    candidates: dict[tuple[str, int], list[str]] = {}
    for letter in {letter for letter, _ in by_letter_length}:
        for length in range(FUZZY_MIN_LENGTH, longest + 3):
            max_edits = 1 if length < 9 else 2
            words = [
                word
                for other in range(length - max_edits, length + max_edits + 1)
                for word in by_letter_length.get((letter, other), ())
            ]
            if words:
                candidates[(letter, length)] = words
    return candidates


class TypoCorrection:
    """The typo pass over a document; `Extractor` holds the vocabulary and automaton."""

    vocabulary: frozenset[str]
    dictionary: frozenset[str]
    automaton: ahocorasick.Automaton
    _fuzzy_candidates: dict[tuple[str, int], list[str]]
    _correction_cache: dict[str, str | None]
    _max_form_words: int

    # Provided by `DocumentReading` and `Extractor`.
    def word_string(self, words: Iterable[str]) -> str:
        raise NotImplementedError

    def _accept(
        self, text: str, start: int, end: int, info: FormInfo, *, typo: bool = False
    ) -> bool:
        raise NotImplementedError

    # -- fuzzy ---------------------------------------------------------------------------
    def correct(self, word: str) -> str | None:
        """The single vocabulary word this unknown word is a typo of, or None."""
        cached = self._correction_cache.get(word, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        result: str | None = None
        if (
            len(word) >= FUZZY_MIN_LENGTH
            and word.isalpha()
            and word not in self.vocabulary
            and not is_english(word, self.dictionary)
        ):
            max_edits = 1 if len(word) < 9 else 2
            choices = self._fuzzy_candidates.get((word[0], len(word)))
            if choices:
                found = process.extract(
                    word,
                    choices,
                    scorer=DamerauLevenshtein.distance,
                    score_cutoff=max_edits,
                    limit=2,
                )
                if found and (len(found) == 1 or found[1][1] > found[0][1]):
                    result = found[0][0]
        if len(self._correction_cache) < 200_000:
            self._correction_cache[word] = result
        return result

    def _fuzzy(
        self,
        tokens: tuple[list[str], list[int], list[int]],
        text: str,
        covered: list[tuple[int, int]],
        candidates: list[tuple[int, int, FormInfo]],
        clauses: ats_posting.Clauses,
        wanted: Container[str] | None = None,
        negations: bool = True,
    ) -> list[RawHit]:
        # Distinct unknown words first (a set difference in C), then a correction for each.
        words, starts, ends = tokens
        unknown = set(words).difference(self.vocabulary)
        fixes = {
            word: replacement
            for word in unknown
            if len(word) >= FUZZY_MIN_LENGTH and (replacement := self.correct(word)) is not None
        }
        if not fixes:
            return []
        corrected = list(compress(count(), map(fixes.__contains__, words)))
        corrected_mask = bytearray(len(words))
        for index in corrected:
            corrected_mask[index] = 1
        # The corrected text's candidates: the first scan's (none of them holds a corrected
        # word, since a corrected word is in no form), plus those holding a corrected word,
        # which lie within a form's longest word count of it: only those windows are scanned.
        new: dict[tuple[int, int], FormInfo] = {}
        reach = self._max_form_words
        for index in corrected:
            low, high = max(0, index - reach + 1), min(len(words), index + reach)
            window = self.word_string([fixes.get(word, word) for word in words[low:high]])
            for end, (before, minus_count, info) in self.automaton.iter(window):
                first = low + (end >> 1) - before
                if any(corrected_mask[first : first - minus_count]):
                    new[(first, minus_count)] = info
        merged = candidates + [(first, minus, info) for (first, minus), info in new.items()]
        merged.sort()  # no two share (first, -count): the new ones hold a corrected word
        covered_mask = bytearray(len(words))
        for c_first, c_last in covered:
            covered_mask[c_first:c_last] = b"\x01" * (c_last - c_first)
        hits: list[RawHit] = []
        taken_until = -1  # leftmost-longest, as `_scan` chooses, in token positions
        for first, minus_count, info in merged:
            if first < taken_until:
                continue
            last = taken_until = first - minus_count
            if not any(corrected_mask[first:last]) or any(covered_mask[first:last]):
                continue
            start, end = starts[first], ends[last - 1]
            if info.case_sensitive or not self._accept(text, start, end, info, typo=True):
                continue
            if wanted is not None and info.code not in wanted:
                continue
            negated = negated_at(text, start, end, clauses) if negations else None
            hits.append((start, end, info, FUZZY, negated))
        return hits
