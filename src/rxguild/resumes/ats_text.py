"""Text normalization for the ATS engine: tokens with offsets back into the original text.

Pure Python, no Django. Both the taxonomy's terms and every scanned document go through the
same `normalize_tokens`, so "USP <797>", "USP Chapter 797", "usp-797" and "USP797" all become
"usp 797", "Prior Authorizations" becomes "prior authorization", and a match in the
normalized text maps back to the exact characters the member or employer wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Letters and digits are separate tokens ("USP797" -> "usp", "797"), so the letter/digit
# boundary behaves like a space on both sides of the match. Dotted abbreviations
# ("C.Ph.T.") and possessives ("physician's") are single tokens.
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]{1,2}\.){2,}(?:[^\W\d_](?![^\W\d_]))?"  # dotted abbreviations: C.Ph.T., U.S.P.
    "|[^\\W\\d_]+(?:['\u2019][^\\W\\d_]+)?"  # words, with an optional apostrophe part
    r"|\d+"
)

# Words that sit between "USP" and a chapter number and carry no meaning for matching.
_RIGHT_QUOTE = "\u2019"
_CHAPTER_WORDS = frozenset({"chapter", "ch", "chap", "general", "gc"})

# Short words and a few endings a naive plural rule would damage; the rule only has to be
# consistent (terms and documents go through it alike), not linguistically right.
_NO_PLURAL_STRIP = ("ss", "us", "is", "ous", "ics", "sis", "xis")


@dataclass(frozen=True, slots=True)
class Tokens:
    """A document as normalized tokens, each with its [start, end) span in the original."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@lru_cache(maxsize=65536)
def normalize_word(raw: str) -> str:
    """One token: lower case, no dots or possessive, plural folded to the singular."""
    word = raw.lower()
    if not word.isalnum():
        # Dots, apostrophes, and the odd combining mark that lower() creates ("İ" -> "i̇").
        if "'" in word or _RIGHT_QUOTE in word:
            head, _, tail = word.replace(_RIGHT_QUOTE, "'").partition("'")
            word = head if tail == "s" else head + tail
        word = "".join(char for char in word if char.isalnum())
    if len(word) > 3 and word[-1] == "s" and not word.isdigit():
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if not word.endswith(_NO_PLURAL_STRIP):
            return word[:-1]
    return word


def normalize_tokens(text: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    norm = normalize_word
    for match in _TOKEN_RE.finditer(text):
        word = norm(match.group())
        if not word:
            continue
        words.append(word)
        starts.append(match.start())
        ends.append(match.end())
    _drop_chapter_words(words, starts, ends)
    return Tokens(tuple(words), tuple(starts), tuple(ends))


def _drop_chapter_words(words: list[str], starts: list[int], ends: list[int]) -> None:
    # "USP General Chapter <797>" and "USP Ch. 797" mean "USP 797"; the filler words go,
    # only between "usp" and a number so "chapter" elsewhere is left alone.
    i = 1
    while i < len(words) - 1:
        if words[i] in _CHAPTER_WORDS and words[i - 1] == "usp":
            j = i
            while j < len(words) - 1 and words[j] in _CHAPTER_WORDS:
                j += 1
            if words[j].isdigit():
                del words[i:j], starts[i:j], ends[i:j]
                continue
        i += 1


def normalize_text(text: str) -> str:
    """The normalized form of a term or document (idempotent)."""
    return normalize_tokens(text).text
