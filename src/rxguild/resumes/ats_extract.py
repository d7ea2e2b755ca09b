"""The extractor: the taxonomy compiled into one Aho-Corasick automaton over word codes, and
the reading of a document into hits (exact and synonym forms, the other word order, skills
nested in a longer skill, typos, negation). Pure Python, no Django."""

from __future__ import annotations

from collections.abc import Collection, Container, Sequence
from operator import itemgetter

import ahocorasick

from rxguild.resumes import ats_held, ats_posting, ats_text
from rxguild.resumes.ats_english import english_words
from rxguild.resumes.ats_forms import (
    SCHEDULE_II,
    SCHEDULES_III_V,
    WORD_HIGH,
    WORD_LOW,
    CodeCache,
    FormInfo,
    RawHit,
    Read,
    accept_match,
    negated_at,
    schedule_range_matches,
)
from rxguild.resumes.ats_gaps import GapForms, gap_form_key, task_verbs
from rxguild.resumes.ats_nested import is_name_form, nested_matches, with_inner_names
from rxguild.resumes.ats_profile import PostingReading
from rxguild.resumes.ats_reading import DocumentReading
from rxguild.resumes.ats_results import EXACT, SYNONYM, Hit
from rxguild.resumes.ats_taxonomy import SKILL, Taxonomy, Term
from rxguild.resumes.ats_text import normalize_text, token_lists
from rxguild.resumes.ats_trainee import TraineeMentions
from rxguild.resumes.ats_typos import TypoCorrection, fuzzy_candidates


class Extractor(DocumentReading, TypoCorrection, PostingReading):
    """Compiled taxonomy: the automaton, the word vocabulary and the fuzzy index."""

    def __init__(self, taxonomy: Taxonomy, dictionary: frozenset[str] | None = None) -> None:
        self.taxonomy = taxonomy
        # Real English words are never typos: "protect" is not "project", "shielding" is not
        # "shelving", "Corner" is not "Cerner".
        self.dictionary = english_words() if dictionary is None else dictionary
        self.terms: list[Term] = taxonomy.terms
        vocabulary: set[str] = set()
        for normalized in taxonomy.forms:
            vocabulary.update(normalized.split())
        # Every word of any form is two characters, every other word `OTHER_WORD`: a document
        # becomes a string of two characters per token, and the automaton over it reports
        # whole-word matches only ("ehr" is never found in "other") with twice the token
        # index as its position, so no offsets are counted or bisected.
        # The shift and setting phrases are read from the same string, so their words have
        # codes too (they are not vocabulary: the fuzzy pass does not correct towards them).
        phrases: dict[str, set[tuple[int, int, str]]] = {}
        for table_index, table in enumerate(
            (ats_posting.SHIFT_PHRASES, ats_posting.SETTING_PHRASES)
        ):
            for order, (code, written_forms) in enumerate(table):
                for written in written_forms:
                    phrases.setdefault(normalize_text(written), set()).add(
                        (table_index, order, code)
                    )
        # Negation, "usp" and chapter words have codes too: the coded reading finds them in
        # the string (see `_read`).
        coded = sorted(
            vocabulary
            | {word for phrase in phrases for word in phrase.split()}
            | ats_posting.NEGATION_TOKENS
            | ats_text.CHAPTER_WORDS
            | {"usp"}
        )
        if len(coded) >= len(WORD_HIGH) * len(WORD_LOW):
            raise ValueError(f"{len(coded)} words do not fit the two-character codes.")
        self.word_chars: dict[str, str] = {
            word: WORD_HIGH[index // len(WORD_LOW)] + WORD_LOW[index % len(WORD_LOW)]
            for index, word in enumerate(coded, start=1)
        }
        phrase_automaton = ahocorasick.Automaton()
        for phrase, values in phrases.items():
            phrase_automaton.add_word(self.word_string(phrase.split()), frozenset(values))
        phrase_automaton.make_automaton()
        self._phrase_automaton = phrase_automaton
        self._code_cache = CodeCache(self.word_chars)
        self._negation_codes = tuple(
            self.word_chars[word] for word in sorted(ats_posting.NEGATION_TOKENS)
        )
        self._usp_code = self.word_chars["usp"]
        self._chapter_codes = frozenset(self.word_chars[w] for w in ats_text.CHAPTER_WORDS)
        automaton = ahocorasick.Automaton()
        reordered = ahocorasick.Automaton()
        gapped: list[tuple[str, str, FormInfo]] = []
        entries: list[tuple[str, str, FormInfo]] = []
        names: dict[str, FormInfo] = {}  # word code -> a product's one-word form
        for normalized, form in taxonomy.forms.items():
            term = self.terms[form.term_index]
            info = FormInfo(
                term.code,
                term.name,
                term.kind,
                term.category,
                EXACT if form.canonical else SYNONYM,
                form.case_sensitive,
                frozenset(form.caps_words),
                not form.case_sensitive
                and not form.caps_words
                and not form.whole_words
                and not form.reordered
                and not any(char.isdigit() for char in normalized),
                form.whole_words,
                form.reordered,
            )
            key = "".join(map(self.word_chars.__getitem__, normalized.split()))
            if is_name_form(normalized, form, term.kind):
                names[key] = info
            entries.append((normalized, key, info))
        for normalized, key, info in entries:
            info = with_inner_names(key, info, names)
            if not info.reordered and gap_form_key(normalized, key, info):
                gapped.append((normalized, key, info._replace(reordered=False)))
            if info.reordered:
                # Their own scan (`_reordered_hits`): a form in the other word order never
                # takes text from a form as written.
                reordered.add_word(key, (len(key) // 2, info))
                continue
            # The value gives (words - 1, -words): a match ending at token `end` starts at
            # token `end - (words - 1)`, and the pair sorts leftmost first, longest first.
            n_words = len(key) // 2
            automaton.add_word(key, (n_words - 1, -n_words, info))
        automaton.make_automaton()
        self.automaton = automaton
        reordered.make_automaton()
        self._reordered = reordered if len(reordered) else None
        verbs = task_verbs(w for index, w in taxonomy.written if self.terms[index].kind == SKILL)
        self._trainees = TraineeMentions(self.terms)
        self._gaps = GapForms(
            [(key, info) for normalized, key, info in gapped if normalized.split()[0] in verbs]
        )
        self._max_form_words = max((n.count(" ") + 1 for n in taxonomy.forms), default=1)
        self.vocabulary = frozenset(vocabulary)
        schedules = taxonomy.by_code.get(SCHEDULES_III_V)
        self._schedules_info = (
            None
            if schedules is None
            else FormInfo(
                self.terms[schedules].code,
                self.terms[schedules].name,
                self.terms[schedules].kind,
                self.terms[schedules].category,
                SYNONYM,
                False,
                frozenset(),
                False,
            )
        )
        self._fuzzy_candidates = fuzzy_candidates(self.vocabulary)
        self._correction_cache: dict[str, str | None] = {}

    def _scan(self, words: Sequence[str]) -> list[tuple[int, int, FormInfo]]:
        """(first token, last token + 1, form) of every leftmost-longest match."""
        return self._scan_keeping(self.word_string(words), keep=False)[0]

    def _scan_keeping(
        self, string: str, *, keep: bool = True
    ) -> tuple[list[tuple[int, int, FormInfo]], list[tuple[int, int, FormInfo]]]:
        """`_scan` of the words coded in `string`, and every candidate match as (first token,
        -word count, form), sorted: the fuzzy pass adds its candidates to these instead of
        scanning the text again."""
        if not keep:
            return self._scan_longest(string), []
        candidates = [
            ((end >> 1) - before, minus_count, info)
            for end, (before, minus_count, info) in self.automaton.iter(string)
        ]
        if not candidates:
            return [], []
        # Leftmost first, longest first at one start (no two candidates share both).
        candidates.sort()
        chosen: list[tuple[int, int, FormInfo]] = []
        taken_until = -1
        for first, minus_count, info in candidates:
            if first < taken_until:
                continue
            taken_until = first - minus_count
            chosen.append((first, taken_until, info))
        return chosen, candidates

    def _scan_longest(self, string: str) -> list[tuple[int, int, FormInfo]]:
        """`_scan_keeping`'s choice without the sorted candidates: the longest match at each
        start is all the leftmost-longest choice ever takes from that start, so only the starts
        (plain ints) are sorted, not a tuple per candidate."""
        longest: dict[int, tuple[int, FormInfo]] = {}
        for end, (before, minus_count, info) in self.automaton.iter(string):
            first = (end >> 1) - before
            current = longest.get(first)
            if current is None or minus_count < current[0]:
                longest[first] = (minus_count, info)
        chosen: list[tuple[int, int, FormInfo]] = []
        taken_until = -1
        for first in sorted(longest):
            if first < taken_until:
                continue
            minus_count, info = longest[first]
            taken_until = first - minus_count
            chosen.append((first, taken_until, info))
        return chosen

    def _accept(
        self, text: str, start: int, end: int, info: FormInfo, *, typo: bool = False
    ) -> bool:
        """May this match count? (`ats_forms.accept_match`.)"""
        return accept_match(text, start, end, info, self.dictionary, typo=typo)

    def extract(self, text: str, *, fuzzy: bool = True) -> list[Hit]:
        clauses = ats_posting.Clauses(text)
        aspirations = ats_held.Aspirations(text)
        return [
            Hit(info.code, info.name, info.kind, info.category, start, end, text[start:end],
                matched_by, bool(negated),
                not negated and aspirations.is_wanted(start, end, clauses))
            for start, end, info, matched_by, negated in self._find(text, fuzzy, clauses)
        ]  # fmt: skip

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
        """Every hit, by start. Work that cannot change the caller's result is skipped:
        with `wanted`, hits of other codes are neither checked nor returned (with the fuzzy
        pass they are still checked, since an accepted hit keeps a typo fix off its words);
        without `negations`, the negation of each hit is left as None for the caller to read
        when it needs it."""
        if read is None:
            read = self._read(text, words=fuzzy)
        starts, ends = read.starts, read.ends
        clauses.use_negations(read.negations)
        hits: list[RawHit] = []
        covered: list[tuple[int, int]] = []
        if fuzzy:
            chosen, candidates = self._scan_keeping(read.string)
        else:
            chosen, candidates = self._scan_longest(read.string), []
        nested = nested_matches(self.automaton, read.string, chosen)
        if nested:
            chosen = sorted(chosen + nested, key=_first_token)
        lowered = read.folded if read.folded is not None else text.lower()
        # `lower()` keeps offsets unless a character lower-cases to two ("İ").
        same_offsets = len(lowered) == len(text)
        has_non = "non" in lowered  # most texts have none: no per-hit look then
        skip_unwanted = wanted is not None and not fuzzy
        position = 0
        while position < len(chosen):
            first, last, info = chosen[position]
            position += 1
            if skip_unwanted and info.code not in wanted:  # type: ignore[operator]
                continue
            start, end = starts[first], ends[last - 1]
            # One token holds no line break (tokens are letters, digits, quotes, dots).
            if (
                info.plain
                and same_offsets
                and (last - first == 1 or text.find("\n", start, end) == -1)
            ):
                # `_accept` for such a form, without its slices: only "non-" can reject it.
                if (
                    has_non
                    and lowered.find("non", start - 5 if start > 5 else 0, start) != -1
                    and ats_posting.is_prefixed_by_non(text, start)
                ):
                    continue
            elif not self._accept(text, start, end, info):
                continue
            covered.append((first, last))
            if wanted is not None and info.code not in wanted:
                continue
            after = text[end : end + 1]
            if after == ">":
                # "USP <797>" and "<797>": the span keeps the brackets around the number.
                if text.find("<", start, end) != -1:
                    end += 1
                elif start > 0 and text[start - 1] == "<":
                    start, end = start - 1, end + 1
            elif after == ")" and text.find("(", start, end) != -1:
                # "Registered Pharmacy Technician (New York)": the span closes its bracket.
                end += 1
            negated = negated_at(text, start, end, clauses) if negations else None
            hits.append((start, end, info, info.matched_by, negated))
        if self._reordered is not None:
            hits.extend(
                self._reordered_hits(text, read, chosen, covered, clauses, wanted, negations)
            )
        for first, last, start, end, info in self._gaps.hits(text, read, chosen, wanted):
            if self._accept(text, start, end, info):
                covered.append((first, last))
                negated = negated_at(text, start, end, clauses) if negations else None
                hits.append((start, end, info, info.matched_by, negated))
        if fuzzy:
            words = read.words if read.words is not None else token_lists(text)[0]
            hits.extend(
                self._fuzzy(
                    (words, starts, ends), text, covered, candidates, clauses, wanted, negations
                )
            )
        hits.extend(self._schedule_ranges(text, hits))
        for start, end, info, matched_by, _ in self._trainees.hits(text, lowered, hits):
            if wanted is None or info.code in wanted:
                negated = negated_at(text, start, end, clauses) if negations else None
                hits.append((start, end, info, matched_by, negated))
        hits.sort(key=_hit_start)
        return _one_hit_per_span(hits)

    def _reordered_hits(
        self,
        text: str,
        read: Read,
        chosen: list[tuple[int, int, FormInfo]],
        covered: list[tuple[int, int]],
        clauses: ats_posting.Clauses,
        wanted: Container[str] | None,
        negations: bool,
    ) -> list[RawHit]:
        """Two-word skills written the other way round ("reconciled medications",
        "reconciliation of medication lists"), where no form as written was found; their
        words must not be split by punctuation ("Skills: Writing" is no "writing skills").
        Text any form as written matched is left alone, whether that match counted or not
        (so skipping unwanted codes in `_find` changes nothing here)."""
        assert self._reordered is not None
        taken = bytearray(len(read.starts))
        for c_first, c_last, _ in chosen:
            taken[c_first:c_last] = b"\x01" * (c_last - c_first)
        hits: list[RawHit] = []
        for end, (length, info) in self._reordered.iter(read.string):
            last = (end >> 1) + 1
            first = last - length
            if any(taken[first:last]) or (wanted is not None and info.code not in wanted):
                continue
            start, stop = read.starts[first], read.ends[last - 1]
            if not self._accept(text, start, stop, info):
                continue
            taken[first:last] = b"\x01" * (last - first)
            covered.append((first, last))
            negated = negated_at(text, start, stop, clauses) if negations else None
            hits.append((start, stop, info, info.matched_by, negated))
        return hits

    def _schedule_ranges(self, text: str, hits: list[RawHit]) -> list[RawHit]:
        # "Schedule II-V" and "CII-CV" name schedules III to V too, which have their own term.
        info = self._schedules_info
        if info is None or not any(hit[2].code == SCHEDULE_II for hit in hits):
            return []
        return [
            (match.start(1), match.end(1), info, SYNONYM, False)
            for match in schedule_range_matches(text)
        ]


_hit_start = itemgetter(0)
_first_token = itemgetter(0)


def _one_hit_per_span(hits: list[RawHit]) -> list[RawHit]:
    """Hits by start, without a second hit of a code over text a hit of it already covers."""
    reach: dict[str, int] = {}  # code -> end of its last hit
    kept: list[RawHit] = []
    for hit in hits:
        code = hit[2].code
        if reach.get(code, -1) > hit[0]:
            continue
        reach[code] = hit[1]
        kept.append(hit)
    return kept
