"""Which words are English (english-words list, with simple suffixes and stems): real words
are never typos, and a one-word form's stem never turns one into the form.
Pure Python, no Django."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words of four letters or more (english-words, MIT licence)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    return frozenset(word for word in words if len(word) >= 4)


# The word list has no inflections; a word whose stem is English is English too
# ("coordinator" from "coordinate", "labeled" from "label").
_SUFFIXES = (
    ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("er", ""), ("er", "e"), ("or", "e"),
    ("ion", ""), ("ion", "e"), ("ly", ""), ("s", ""), ("es", ""), ("al", ""),
)  # fmt: skip


def is_english(word: str, dictionary: frozenset[str]) -> bool:
    """Is this word (a stem, as the matcher reads words) English? A stem is where an English
    word begins ("communit" of "community"), so a word of the dictionary starting with it
    counts too; a typo ("omnicel", "pyxsis") starts none."""
    if word in dictionary:
        return True
    for suffix, replacement in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and stem + replacement in dictionary:
            return True
    ordered = _sorted_words(dictionary)
    index = bisect_left(ordered, word)
    return index < len(ordered) and ordered[index].startswith(word)


@lru_cache(maxsize=4)
def _sorted_words(dictionary: frozenset[str]) -> list[str]:
    return sorted(dictionary)
