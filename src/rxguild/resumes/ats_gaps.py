"""Skill forms with words written between their first word and the rest: a verb and its
object ("filled outpatient and field prescriptions" is prescription filling, "entered
veterinary prescriptions" is prescription entry), coordinated verbs ("fill and label
prescriptions") and lists after one verb ("compound oral liquids, capsules and creams").
Pure Python, no Django.

The automaton only finds forms as written; this scan looks, after the first word of each
skill form of two or three words, for the rest of the form up to `MAX_GAP` words later. The
words between may be joined by spaces, commas, hyphens and slashes only, and none of them may
be a preposition or a clause word: "fill out forms for prescriptions" is no prescription
filling, and "order supplies when the prescription count runs low" no prescription ordering.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from itertools import compress

from rxguild.resumes.ats_forms import FormInfo, Read
from rxguild.resumes.ats_taxonomy import SKILL
from rxguild.resumes.ats_text import normalize_word

# At most this many words between the first word of a form and the rest of it.
MAX_GAP = 3
# Words that attach what follows to something else, or start another clause.
_BLOCKING_WORDS = frozenset(
    {
        "about",
        "across",
        "after",
        "against",
        "among",
        "around",
        "as",
        "at",
        "behind",
        "between",
        "beyond",
        "because",
        "before",
        "but",
        "by",
        "during",
        "for",
        "from",
        "if",
        "in",
        "into",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "per",
        "so",
        "than",
        "that",
        "then",
        "these",
        "this",
        "those",
        "through",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "via",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "with",
        "within",
        "without",
    }
)
# Allowed between the words of a gap: spaces, and the marks of a list or a compound word.
_GAP_TEXT_RE = re.compile(rf"[ \t]+(?:[\w+&/'\u2019]+(?:-[\w+]+)*[ \t]+){{1,{MAX_GAP}}}")
# A gap never ends in a conjunction: "dates and checks" are no "date checks" (while "fill and
# label prescriptions" is prescription labeling, and "diversion and override reports" are
# diversion reports).
_CONJUNCTIONS = frozenset({"and", "or", "vs", "&", "/", "nor"})
_WORD_RE = re.compile(r"[^\W\d_]+")


class GapForms:
    """The skill forms the scan tries, keyed by the code of their first word."""

    def __init__(self, forms: Sequence[tuple[str, FormInfo]]) -> None:
        # The codes of the first word and the next: [(the codes of the words after, form)].
        # Keyed by both, a token is tried only against forms whose next word is in reach.
        self.by_pair: dict[str, list[tuple[str, FormInfo]]] = {}
        for key, info in forms:
            self.by_pair.setdefault(key[:4], []).append((key[4:], info))
        # first word's code -> the codes of the words that may follow it after the gap
        self.seconds: dict[str, frozenset[str]] = {}
        for key in self.by_pair:
            self.seconds[key[:2]] = self.seconds.get(key[:2], frozenset()) | {key[2:]}
        self.firsts = frozenset(self.seconds)
        # code -> the first words of its forms, so a reading that wants a few codes only
        # looks at their first words
        self.firsts_of: dict[str, set[str]] = {}
        for key, info in forms:
            self.firsts_of.setdefault(info.code, set()).add(key[:2])

    def hits(
        self,
        text: str,
        read: Read,
        chosen: list[tuple[int, int, FormInfo]],
        wanted: Collection[str] | None,
    ) -> list[tuple[int, int, int, int, FormInfo]]:
        """(first token, last token + 1, start, end, form) of each gapped match; a second hit
        of a code over the same words is left to `ats_extract`'s one hit per span. A match
        inside one form as written is that form's business (it reports the skills nested in
        it), so none is made there."""
        codes, string = read.codes, read.string
        if codes is None:
            codes = [string[index : index + 2] for index in range(0, len(string), 2)]
        by_pair = self.by_pair
        count = len(codes)
        # (first token, token after the gap) of every pair of words that starts a form; the
        # tokens that start none (most of them) are passed over at C speed, and a first word
        # is looked at further only when a word it may pair with is in reach.
        seconds, firsts = self.seconds, self.firsts
        if wanted is not None:
            firsts = frozenset().union(*(self.firsts_of.get(code, ()) for code in wanted))
            if not firsts:
                return []
        pairs = [
            (first, after)
            for first in compress(range(count), map(firsts.__contains__, codes))
            if not seconds[codes[first]].isdisjoint(codes[first + 2 : first + 2 + MAX_GAP])
            for after in range(first + 2, min(first + 2 + MAX_GAP, count))
            if codes[first] + codes[after] in by_pair
        ]
        if not pairs:
            return []
        starts, ends = read.starts, read.ends
        spans = sorted((first, last) for first, last, _ in chosen if last - first > 1)
        results: list[tuple[int, int, int, int, FormInfo]] = []
        tried: set[tuple[int, str]] = set()  # (first token, code): its nearest tail was tried
        for first, after in pairs:
            if _inside(spans, first):
                continue
            for rest, info in by_pair[codes[first] + codes[after]]:
                last = after + 1 + len(rest) // 2
                if (
                    (first, info.code) in tried
                    or (wanted is not None and info.code not in wanted)
                    or last > count
                    or not string.startswith(rest, 2 * after + 2)
                ):
                    continue
                tried.add((first, info.code))
                if not self._gap_ok(text, ends[first], starts[after]):
                    continue
                results.append((first, last, starts[first], ends[last - 1], info))
        return results

    @staticmethod
    def _gap_ok(text: str, start: int, end: int) -> bool:
        between = text[start:end]
        if _GAP_TEXT_RE.fullmatch(between) is None:
            return False
        words = between.lower().split()
        return words[-1] not in _CONJUNCTIONS and _BLOCKING_WORDS.isdisjoint(
            _WORD_RE.findall(between.lower())
        )


def _inside(spans: list[tuple[int, int]], token: int) -> bool:
    """Is `token` inside a form as written of two words or more (`spans`, by start)? Such a
    word belongs to its form ("pharmacy billing technician") and starts no gapped match."""
    index = bisect_right(spans, (token, _NO_TOKEN)) - 1
    while index >= 0 and spans[index][0] > token - _LONGEST_SPAN:
        if spans[index][1] > token:
            return True
        index -= 1
    return False


# Past any token index, and longer than any form (nested spans sit inside their outer form).
_NO_TOKEN = 1 << 62
_LONGEST_SPAN = 64


def gap_form_key(normalized: str, key: str, info: FormInfo) -> bool:
    """Whether a form may take part in the scan: a skill form of two or three words of
    letters (four letters or more at the ends), no case rule and no caps word."""
    words = normalized.split()
    return (
        info.kind == SKILL
        and 2 <= len(words) <= 3
        and not info.case_sensitive
        and not info.caps_words
        and all(word.isalpha() for word in words)
        and len(words[0]) > 3
        and len(words[-1]) > 3
        and len(key) == 2 * len(words)
    )


def task_verbs(written_forms: Iterable[str]) -> frozenset[str]:
    """The stems of the verbs the skill forms are written with: every word of six letters or
    more in "-ing" or "-ed" ("filling prescriptions", "restocked shelves", "training new
    technicians"). Only forms that start with one of these are scanned with a gap: a task and
    its object may have words between them, the nouns of a name ("pharmacy technician",
    "override reports") may not."""
    return frozenset(
        normalize_word(word)
        for written in written_forms
        for word in _WORD_RE.findall(written)
        if len(word) > 5 and word.islower() and word.endswith(("ing", "ed"))
    )
