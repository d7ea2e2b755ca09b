"""Text normalization for the ATS engine: tokens with offsets back into the original text.

Pure Python, no Django. Both the taxonomy's terms and every scanned document go through the
same `normalize_tokens`, so "USP <797>", "USP Chapter 797", "usp-797" and "USP797" all become
"usp 797", "Prior Authorizations" becomes "prior authorization", and a match in the
normalized text maps back to the exact characters the member or employer wrote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import add

import Stemmer

# Words (with an optional apostrophe part: "physician's") and numbers. Letters and digits are
# separate tokens ("USP797" -> "usp", "797"), so that boundary behaves like a space.
_TOKEN_RE = re.compile("[^\\W\\d_]+(?:['\u2019][^\\W\\d_]+)?|\\d+")
# Dotted abbreviations ("C.Ph.T.", "U.S.P.") are one token; looked for only when the text has
# a letter-dot-letter sequence at all, since the pattern is slow to try everywhere.
_DOTTED_HINT_RE = re.compile(r"\b[^\W\d_]{1,2}\.[^\W\d_]{1,2}\.")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}(?:[^\W\d_](?![^\W\d_]))?")

# Words that sit between "USP" and a chapter number and carry no meaning for matching.
_RIGHT_QUOTE = "\u2019"
CHAPTER_WORDS = frozenset({"chapter", "ch", "chap", "general", "gc"})
_CHAPTER_WORDS = CHAPTER_WORDS

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
def fold_word(raw: str) -> str:
    """One token, lightly: lower case, no dots or possessive, plural folded to the singular.
    A one-word form is held to this ("ordering" is not "orders"; see `Form.whole_words`)."""
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


@lru_cache(maxsize=65536)
def normalize_word(raw: str) -> str:
    """One token as the matcher reads it: `fold_word`, then the stem of a word of letters
    ("Compounded" -> "compound", "medications" -> "medic"), so inflected forms agree."""
    word = fold_word(raw)
    alias = _SHORT_WORDS.get(word)
    if alias is not None:
        return alias
    if len(word) <= 3 or not word.isalpha():
        return word  # abbreviations and numbers: "ADCs" -> "adc", "797"
    return stem_word(raw.lower() if raw.isalpha() else word)


# Snowball's English stemmer (Porter2, via PyStemmer): "compounded", "compounding" and
# "compounds" read as one word, as do "medications" and "medication". Two of its stems are
# folded further so that a noun and its verb agree: a final "i" ("reconciliation" ->
# "reconcili", "reconciled" -> "reconcil").
_STEMMER = Stemmer.Stemmer("english")
# Words whose stem would join words that mean different things on a resume: "medical" and
# "medication" both stem to "medic", "clinical" and "clinic" to "clinic", a "compounder" (a
# device) and "compounding" (the work) to "compound".
_KEEP_WHOLE = frozenset(
    {"medical", "medicine", "medicines", "clinical", "compounder", "compounders"}
)


# The pharmacy's everyday short words read as the word they stand for, so one form covers both
# ("delivered meds" is "delivered medications", "Rx labels" "prescription labels", "lead
# techs" "lead technicians", "phone skills" "telephone skills"): the abbreviations of the
# Joint Commission's and ISMP's lists and of every pharmacy technician textbook's glossary.
_SHORT_WORDS: dict[str, str] = {}


def stem_word(word: str) -> str:
    """The stem of a lower-case word of four letters or more."""
    if word in _KEEP_WHOLE:
        return word
    stem = _stem_once(word)
    # Snowball is not idempotent on every word ("…aaases" -> "aaas" -> "aaa"): stem the stem
    # until it stops changing, so a normalized text normalizes to itself (bounded: a stem only
    # ever loses letters, a few rounds at most).
    for _ in range(5):
        if len(stem) < 4 or stem in _KEEP_WHOLE:
            break
        again = _stem_once(stem)
        if again == stem:
            break
        stem = again
    return stem


def _stem_once(word: str) -> str:
    stem: str = _STEMMER.stemWord(word)
    if len(stem) > 4 and stem[-1] == "i":
        stem = stem[:-1]
    return stem


_SHORT_WORDS.update(
    {
        "med": stem_word("medication"),
        "rx": stem_word("prescription"),
        "rxs": stem_word("prescription"),
        "tech": stem_word("technician"),
        "telephone": "phone",
    }
)


class _WordCache(dict[str, str]):
    """Raw token -> normalized word; a miss is computed (and kept while the cache is small)."""

    def __missing__(self, raw: str) -> str:
        word = normalize_word(raw)
        if len(self) < 200_000:
            self[raw] = word
        return word


_WORD_CACHE = _WordCache()
# The token pattern as one capturing group: `split` then gives separators and tokens in turn,
# and the running sum of their lengths gives every token's offsets without a Python loop.
_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
# The same pattern for ASCII text: plain ranges are much cheaper for the regex engine than
# Unicode categories, and most resumes and postings are ASCII apart from bullets and dashes.
_ASCII_SPLIT_RE = re.compile(r"([A-Za-z]+(?:'[A-Za-z]+)?|\d+)")
_ASCII_BYTES = bytes(range(128))
# A dotted abbreviation always holds "." + one or two letters + "."; that has a literal first
# character, so the engine finds it with a fast search instead of trying every position.
_DOTTED_CORE_RE = re.compile(r"\.[^\W\d_]{1,2}\.")


def ascii_stand_in(text: str) -> str | None:
    """`text` with every non-ASCII character replaced one for one, such that the ASCII token
    pattern splits it exactly as `_SPLIT_RE` splits `text`; None when that is not possible
    (a non-ASCII letter or digit: "José", "²")."""
    if text.isascii():
        return text
    # The distinct non-ASCII characters: the UTF-8 bytes left once every ASCII byte is
    # deleted (all in C; a text has few of them, bullets, dashes and quotes, but many of each).
    # "surrogatepass" lets a lone surrogate through, to be read as a separator like any other.
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    for char in set(others.decode("utf-8", "surrogatepass")):
        if char == _RIGHT_QUOTE:
            # Joins words like "'" does; `normalize_word` treats both quotes alike.
            text = text.replace(char, "'")
        elif _TOKEN_RE.match(char) is None:
            text = text.replace(char, " ")  # a separator either way (bullets, dashes)
        else:
            return None
    return text


def normalize_tokens(text: str) -> Tokens:
    words, starts, ends = token_lists(text)
    return Tokens(tuple(words), tuple(starts), tuple(ends))


def token_lists(text: str) -> tuple[list[str], list[int], list[int]]:
    """`normalize_tokens` as three lists (words, starts, ends), for the engine to use as they
    are: building the tuples is avoidable work on every analysis."""
    stand_in = ascii_stand_in(text)
    found = _split_reference(text) if stand_in is None else _split_ascii(stand_in)
    words, starts, ends = found
    if "" in words:
        kept = [i for i, word in enumerate(words) if word]
        words = [words[i] for i in kept]
        starts = [starts[i] for i in kept]
        ends = [ends[i] for i in kept]
    hints = dotted_hints(text)
    if hints:
        _merge_dotted(text, hints, words, starts, ends)
    if "usp" in words:
        _drop_chapter_words(words, starts, ends)
    return words, starts, ends


def _split_reference(text: str) -> tuple[list[str], list[int], list[int]]:
    """Raw tokens by the token pattern itself: the plain statement of what a token is, used
    for text with non-ASCII letters or digits and as the reference the fast split is tested
    against."""
    # One regex pass in C, offsets from `accumulate` and words from a dict lookup mapped over
    # the raw tokens.
    parts = _SPLIT_RE.split(text)
    offsets = list(accumulate(map(len, parts)))
    words = list(map(_WORD_CACHE.__getitem__, parts[1::2]))
    return words, offsets[0:-1:2], offsets[1::2]


_ASCII = [chr(code) for code in range(128)]
# ASCII folded for the split: letters lower-cased, digits and "'" kept, every other ASCII
# character a space. `str.translate` with an ASCII-only table runs in C at memcpy-like speed,
# unlike a regex, which tries its pattern at every position of the text.
_FOLD = str.maketrans(
    {char: char.lower() if char.isalnum() or char == "'" else " " for char in _ASCII}
)
# Letters, digits and "'" as one class each: where a letter touches a digit or a "'" sits in
# a run, that run holds more (or fewer) tokens than one and is split by the token pattern.
_CLASSES = str.maketrans(
    {
        char: "a" if char.isalpha() else "0" if char.isdigit() else char if char == "'" else " "
        for char in _ASCII
    }
)
_ASCII_TOKEN_RE = re.compile(_ASCII_SPLIT_RE.pattern[1:-1])


def _split_ascii(text: str) -> tuple[list[str], list[int], list[int]]:
    """`_split_reference` for ASCII text (or its stand-in)."""
    raw, starts, ends, _ = ascii_runs(text)
    # `normalize_word` lower-cases first, so the folded token gives the same word.
    return list(map(_WORD_CACHE.__getitem__, raw)), starts, ends


def ascii_runs(text: str) -> tuple[list[str], list[int], list[int], str]:
    """The raw tokens of ASCII text (or its stand-in), lower-cased, with their offsets: what
    `_SPLIT_RE` finds, without a regex over the text; and the folded text (letters lower-cased,
    digits and "'" kept, everything else a space, same offsets)."""
    folded = text.translate(_FOLD)
    raw, starts = runs_by_split(text, folded)
    return raw, starts, list(map(add, starts, map(len, raw))), folded


def runs_by_split(text: str, folded: str) -> tuple[list[str], list[int]]:
    """`ascii_runs` with C loops only (no Python loop over the characters). The folded
    text's space-separated runs are the tokens, except in the few runs where a letter touches a
    digit ("USP797") or that hold a "'" ("don't", "'90s"), which the token pattern splits."""
    pieces = folded.split(" ")
    # Where each run starts: a piece starts after the pieces and the spaces before it.
    starts = list(compress(map(add, accumulate(map(len, pieces), initial=0), count()), pieces))
    raw = folded.split()
    classes = text.translate(_CLASSES)
    odd = _odd_positions(classes)
    if odd:
        _split_odd_runs(text, odd, raw, starts)
    return raw, starts


def _odd_positions(classes: str) -> list[int]:
    positions: list[int] = []
    for needle in ("a0", "0a", "'"):
        position = classes.find(needle)
        while position != -1:
            positions.append(position)
            position = classes.find(needle, position + 1)
    return positions


def _split_odd_runs(text: str, odd: list[int], raw: list[str], starts: list[int]) -> None:
    runs = sorted({bisect.bisect_right(starts, position) - 1 for position in odd})
    for index in reversed(runs):
        if index < 0:
            # A "'" before the first run: a separator, nothing to split.
            continue
        start = starts[index]
        end = start + len(raw[index])
        found = list(_ASCII_TOKEN_RE.finditer(text, start, end))
        raw[index : index + 1] = [match.group().lower() for match in found]
        starts[index : index + 1] = [match.start() for match in found]


def dotted_hints(text: str) -> list[re.Match[str]]:
    """Exactly `list(_DOTTED_HINT_RE.finditer(text))`, with the slow pattern tried only just
    before each "." + letters + "." (where every one of its matches has its first dot)."""
    hints: list[re.Match[str]] = []
    searched_to = 0  # where finditer would search next
    position = 0
    while (core := _DOTTED_CORE_RE.search(text, position)) is not None:
        dot = core.start()
        # A hint with its first dot here starts one or two letters before it; none starts
        # earlier, and one starting later has a later first dot.
        for start in (dot - 2, dot - 1):
            if start >= searched_to and (hint := _DOTTED_HINT_RE.match(text, start)):
                hints.append(hint)
                searched_to = hint.end()
                break
        position = max(dot + 1, searched_to)
    return hints


def dotted_matches(text: str, hints: list[re.Match[str]]) -> list[re.Match[str]]:
    """The dotted abbreviations at `hints`, last first (merging them in that order keeps the
    earlier offsets valid)."""
    # Try the slow pattern only where the cheap hint found a candidate.
    found = [_DOTTED_RE.match(text, hint.start()) for hint in hints]
    return list(reversed([m for m in found if m is not None]))


def _merge_dotted(
    text: str, hints: list[re.Match[str]], words: list[str], starts: list[int], ends: list[int]
) -> None:
    for match in dotted_matches(text, hints):
        first = bisect.bisect_left(starts, match.start())
        last = bisect.bisect_left(starts, match.end())
        if first >= last:
            continue
        word = normalize_word(match.group())
        words[first:last] = [word]
        starts[first:last] = [match.start()]
        ends[first:last] = [match.end()]


def _drop_chapter_words(words: list[str], starts: list[int], ends: list[int]) -> None:
    # "USP General Chapter <797>" and "USP Ch. 797" mean "USP 797"; the filler words go,
    # only between "usp" and a number so "chapter" elsewhere is left alone.
    i = words.index("usp") + 1 if "usp" in words else len(words)
    while i < len(words) - 1:
        if words[i] in _CHAPTER_WORDS and words[i - 1] == "usp":
            j = i
            while j < len(words) - 1 and words[j] in _CHAPTER_WORDS:
                j += 1
            if words[j].isdigit():
                del words[i:j], starts[i:j], ends[i:j]
                continue
        try:
            i = words.index("usp", i) + 1  # jump to the next "usp": nothing else changes
        except ValueError:
            return


def normalize_text(text: str) -> str:
    """The normalized form of a term or document (idempotent)."""
    return normalize_tokens(text).text
