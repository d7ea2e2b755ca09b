"""How the extractor reads a document: every token becomes a two-character word code, so the
automaton runs over a short string and reports token positions (`DocumentReading`, a part of
`ats_extract.Extractor`). Pure Python, no Django."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress, repeat

from rxguild.resumes import ats_posting, ats_text
from rxguild.resumes.ats_forms import OTHER_WORD, CodeCache, Read
from rxguild.resumes.ats_text import normalize_word, token_lists


class DocumentReading:
    """Coding documents for the scan; `Extractor` sets the codes up when it is built."""

    word_chars: dict[str, str]
    _code_cache: CodeCache
    _negation_codes: tuple[str, ...]
    _usp_code: str
    _chapter_codes: frozenset[str]

    def word_string(self, words: Iterable[str]) -> str:
        """Two characters per word (`word_chars`), the string the automaton scans."""
        return "".join(map(self.word_chars.get, words, repeat(OTHER_WORD)))

    # -- reading a document --------------------------------------------------------------
    def _read(self, text: str, *, words: bool = False) -> Read:
        """The document's word string, offsets and negation words; its words too with
        `words`. Text whose tokens `ats_text.ascii_runs` can split (ASCII, or non-ASCII only
        in separators and quotes) is coded straight from its raw tokens, without the list of
        normalized words: one dictionary look-up per token instead of two, and no word list
        to build or scan for negations. `_read_by_words` is the plain statement of the same."""
        if not words:
            stand_in = ats_text.ascii_stand_in(text)
            if stand_in is not None:
                return self._read_coded(text, stand_in)
        return self._read_by_words(text)

    def _read_by_words(self, text: str) -> Read:
        words, starts, ends = token_lists(text)
        negations = list(compress(starts, map(ats_posting.NEGATION_TOKENS.__contains__, words)))
        codes = list(map(self.word_chars.get, words, repeat(OTHER_WORD)))
        return Read("".join(codes), starts, ends, words, negations, None, codes)

    def _read_coded(self, text: str, stand_in: str) -> Read:
        raw, starts, ends, folded = ats_text.ascii_runs(stand_in)
        codes = list(map(self._code_cache.__getitem__, raw))
        # What `token_lists` does after the split, on codes: dotted abbreviations become one
        # token, chapter words between "usp" and a number go.
        hints = ats_text.dotted_hints(text)
        if hints:
            for match in ats_text.dotted_matches(text, hints):
                first = bisect_left(starts, match.start())
                last = bisect_left(starts, match.end())
                if first >= last:
                    continue
                code = self.word_chars.get(normalize_word(match.group()), OTHER_WORD)
                codes[first:last] = [code]
                raw[first:last] = [match.group()]
                starts[first:last] = [match.start()]
                ends[first:last] = [match.end()]
        string = "".join(codes)
        if self._usp_code in string and self._drop_chapter_codes(string, codes, raw, starts, ends):
            string = "".join(codes)
        # Codes sit at even positions only (their two characters come from disjoint sets), so
        # every `find` hit is a whole token.
        negation_tokens: list[int] = []
        for code in self._negation_codes:
            position = string.find(code)
            while position != -1:
                negation_tokens.append(position >> 1)
                position = string.find(code, position + 2)
        negation_tokens.sort()
        negations = [starts[index] for index in negation_tokens]
        return Read(string, starts, ends, None, negations, folded, codes)

    def _drop_chapter_codes(
        self, string: str, codes: list[str], raw: list[str], starts: list[int], ends: list[int]
    ) -> bool:
        """`ats_text._drop_chapter_words` on codes (a digit word is a digit raw token); True
        when it dropped any. Each "usp" is found in the coded string (a C search, not a
        comparison per token) and handled last first, so a deletion leaves the positions of
        the earlier ones as they were; the chapter words after one "usp" stop before the next."""
        usp, chapter = self._usp_code, self._chapter_codes
        found: list[int] = []
        position = string.find(usp)
        while position != -1:
            found.append(position >> 1)
            position = string.find(usp, position + 2)
        dropped = False
        for index in reversed(found):
            first = last = index + 1
            while last < len(codes) - 1 and codes[last] in chapter:
                last += 1
            if last > first and raw[last].isdigit():
                del codes[first:last], raw[first:last], starts[first:last], ends[first:last]
                dropped = True
        return dropped
