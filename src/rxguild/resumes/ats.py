"""The pharmacy-aware ATS engine: keyword extraction, resume vs posting analysis, ranking.

Pure Python, no Django: plain data in, dataclasses out, so it is unit-tested and benchmarked
on its own. How it works:

* Exact and synonym matching is one Aho-Corasick scan (pyahocorasick) over the normalized
  text (`ats_text`), with word-boundary checks; matches map back to the original offsets.
* The fuzzy pass is conservative: only tokens of at least `FUZZY_MIN_LENGTH` letters that
  appear in no term at all are candidates, each may be one edit (two for long words) from a
  term's word with the same first letter, and the nearest word must be unique. A word that
  belongs to any term is never corrected, so a real term never turns into another.
* Postings are read for required vs preferred, years, shifts and settings (`ats_posting`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from rxguild.resumes import ats_held, ats_posting, ats_years
from rxguild.resumes.ats_checks import FILE_FINDINGS, resume_checks
from rxguild.resumes.ats_english import english_words
from rxguild.resumes.ats_extract import Extractor
from rxguild.resumes.ats_forms import SCHEDULE_II, SCHEDULES_III_V, schedule_range_matches
from rxguild.resumes.ats_posting import NOT_REQUIRED, PREFERRED, REQUIRED
from rxguild.resumes.ats_results import (
    EXACT,
    FUZZY,
    SYNONYM,
    Analysis,
    Hit,
    LiteralHint,
    MatchedItem,
    MissingItem,
    PostingItem,
    PostingProfile,
    RankedPosting,
    ResumeCheck,
    ScoreComponent,
    WantedItem,
)
from rxguild.resumes.ats_score import (
    WEIGHTS,
    computation,
    literal_hint,
    score_components,
    score_value,
    suggestion,
    through_narrower,
    wanted_item,
)
from rxguild.resumes.ats_taxonomy import CREDENTIAL, REQUIREMENT, Taxonomy, load_taxonomy
from rxguild.resumes.ats_typos import FUZZY_MIN_LENGTH

MAX_TEXT_CHARS = 100_000
# Posting profiles kept by `Analyzer.analyze` (texts are at most MAX_TEXT_CHARS).
POSTING_CACHE_SIZE = 128


class Analyzer:
    """The engine: one compiled taxonomy, reused for every analysis and ranking."""

    def __init__(self, taxonomy: Taxonomy, dictionary: frozenset[str] | None = None) -> None:
        self.extractor = Extractor(taxonomy, dictionary)
        # The same posting is analysed again and again (the analysis page re-scores on every
        # resume edit; the API is called with one posting and many resumes): its profile is
        # kept for the most recent postings. Profiles are immutable, so sharing is safe.
        self._posting_profiles = lru_cache(maxsize=POSTING_CACHE_SIZE)(
            self.extractor.posting_profile
        )

    def clear_posting_cache(self) -> None:
        """Forget cached posting profiles (the benchmark measures cold analyses with it)."""
        self._posting_profiles.cache_clear()

    def extract(self, text: str, *, fuzzy: bool = True) -> list[Hit]:
        return self.extractor.extract(text, fuzzy=fuzzy)

    def posting_profile(self, posting_text: str, *, fuzzy: bool = True) -> PostingProfile:
        return self.extractor.posting_profile(posting_text, fuzzy=fuzzy)

    def analyze(
        self,
        *,
        resume_text: str,
        posting_text: str | None = None,
        posting: PostingProfile | None = None,
        file_findings: Iterable[str] = (),
        today: date | None = None,
        fuzzy: bool = True,
    ) -> Analysis:
        """Resume against a posting (its text, or a profile already extracted and cached).

        `file_findings` are codes from the file inspection (tables, text_boxes, images,
        headers_footers, unextractable_text); `resume_text` is the text extracted from it.
        """
        if posting is None:
            if posting_text is None:
                raise ValueError("Give posting_text or posting.")
            posting = self._posting_profiles(posting_text, fuzzy=fuzzy)
        # The resume's forms as written, per code, in text order (no `Hit` objects needed).
        resume_forms: dict[str, list[str]] = {}
        # Only codes the posting names count (the score and the lists read nothing else);
        # Schedule II is kept since its hit is what makes "Schedule II-V" name III to V.
        wanted = {item.code for item in posting.items}
        taxonomy = self.extractor.taxonomy
        # A product counts for its kind ("Omnicell" for automated dispensing cabinets).
        wanted |= taxonomy.narrower_of(wanted)
        wanted.add(SCHEDULE_II)
        # What the resume names only as wanted or in progress ("pursuing the CSPT").
        wanted_forms: dict[str, list[str]] = {}
        read = self.extractor._read(resume_text, words=fuzzy)
        clauses = ats_posting.Clauses(resume_text)
        aspirations = ats_held.Aspirations(resume_text)
        for start, end, info, _, negated in self.extractor._find(
            resume_text, fuzzy, clauses, read, wanted=wanted
        ):
            if negated:
                continue
            if aspirations.is_wanted(start, end, clauses):
                wanted_forms.setdefault(info.code, []).append(resume_text[start:end])
            else:
                resume_forms.setdefault(info.code, []).append(resume_text[start:end])
        through = through_narrower(taxonomy, resume_forms)
        resume_years = ats_years.resume_experience_years(resume_text, today or date.today())
        score, components = score_components(
            profile=posting,
            resume_codes=set(resume_forms) | set(through),
            resume_years=resume_years,
        )
        matched: list[MatchedItem] = []
        missing: list[MissingItem] = []
        hints: list[LiteralHint] = []
        wanted_items: list[WantedItem] = []
        order = {REQUIRED: 0, PREFERRED: 1, NOT_REQUIRED: 2}
        for item in sorted(
            posting.items, key=lambda i: (order[i.importance], i.kind != CREDENTIAL, i.name)
        ):
            if item.kind == REQUIREMENT:
                continue  # an employer checks it, not a resume: listed in `posting.items`
            found = resume_forms.get(item.code)
            via = ""
            if not found and item.code in through:
                via, form = through[item.code]
                found = [form]
            if found:
                matched.append(
                    MatchedItem(
                        item.code,
                        item.name,
                        item.kind,
                        item.category,
                        item.importance,
                        item.written,
                        found[0],
                        via,
                    )
                )
                hint = literal_hint(item, found)
                if hint is not None:
                    hints.append(hint)
            elif item.importance != NOT_REQUIRED:
                aimed = wanted_forms.get(item.code)
                if aimed:
                    wanted_items.append(wanted_item(item, aimed[0]))
                missing.append(
                    MissingItem(
                        item.code,
                        item.name,
                        item.kind,
                        item.category,
                        item.importance,
                        item.written,
                        suggestion(item, aimed[0] if aimed else None),
                    )
                )
        return Analysis(
            score=score,
            components=components,
            computation=computation(components),
            matched=tuple(matched),
            missing=tuple(missing),
            literal_hints=tuple(hints),
            checks=tuple(resume_checks(resume_text, file_findings, folded=read.folded)),
            posting=posting,
            resume_years=resume_years,
            wanted=tuple(wanted_items),
            resume_settings=self.extractor.settings_of(read),
        )

    def rank_postings(
        self,
        resume_text: str,
        postings: Sequence[PostingProfile],
        *,
        today: date | None = None,
        limit: int | None = None,
    ) -> list[RankedPosting]:
        """Postings (already extracted, e.g. cached per posting) best first."""
        clauses = ats_posting.Clauses(resume_text)
        aspirations = ats_held.Aspirations(resume_text)
        held = {
            info.code
            for start, end, info, _, negated in self.extractor._find(resume_text, True, clauses)
            if not negated and not aspirations.is_wanted(start, end, clauses)
        }
        broader = self.extractor.taxonomy.broader
        resume_codes = frozenset(held.union(*[broader[code] for code in held if code in broader]))
        resume_years = ats_years.resume_experience_years(resume_text, today or date.today())
        scores = [score_value(p, resume_codes, resume_years) for p in postings]
        # Best first; a stable sort keeps equal scores in posting order.
        order = sorted(range(len(scores)), key=lambda index: -scores[index])
        if limit is not None:
            order = order[:limit]
        return [RankedPosting(index, scores[index]) for index in order]


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The engine over the repository's data files, built once per process."""
    return Analyzer(load_taxonomy())


def rank_postings(
    resume_text: str, postings: Sequence[PostingProfile], *, limit: int | None = None
) -> list[RankedPosting]:
    return default_analyzer().rank_postings(resume_text, postings, limit=limit)


def extract(text: str, *, fuzzy: bool = True) -> list[Hit]:
    return default_analyzer().extract(text, fuzzy=fuzzy)


def analyze(*, resume_text: str, posting_text: str, file_findings: Iterable[str] = ()) -> Analysis:
    return default_analyzer().analyze(
        resume_text=resume_text, posting_text=posting_text, file_findings=file_findings
    )


# The engine's public names, from the modules that define them.
__all__ = [
    "EXACT",
    "FILE_FINDINGS",
    "FUZZY",
    "FUZZY_MIN_LENGTH",
    "MAX_TEXT_CHARS",
    "NOT_REQUIRED",
    "PREFERRED",
    "REQUIRED",
    "SCHEDULES_III_V",
    "SCHEDULE_II",
    "SYNONYM",
    "WEIGHTS",
    "Analysis",
    "Analyzer",
    "Extractor",
    "Hit",
    "LiteralHint",
    "MatchedItem",
    "MissingItem",
    "PostingItem",
    "PostingProfile",
    "RankedPosting",
    "ResumeCheck",
    "ScoreComponent",
    "WantedItem",
    "analyze",
    "default_analyzer",
    "english_words",
    "extract",
    "rank_postings",
    "resume_checks",
    "schedule_range_matches",
]
