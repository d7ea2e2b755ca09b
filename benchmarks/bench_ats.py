"""ATS engine: extraction quality on the labelled set, analysis speed against a naive baseline,
and ranking 10,000 postings. `python -m benchmarks ats`."""

from __future__ import annotations

import os
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable

from rxguild.resumes import ats_posting, ats_years
from rxguild.resumes.ats import Analyzer, PostingProfile, default_analyzer
from rxguild.resumes.ats_eval import (
    DEVELOPMENT,
    HELD_OUT,
    LabelledDocument,
    evaluate,
    load_documents,
    load_fresh,
)


def _median_ms(
    run: Callable[[], object], repeat: int, before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Median wall-clock and median CPU time (ms): the CPU figure is steadier on a shared box."""
    wall, cpu = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        started, started_cpu = time.perf_counter(), time.thread_time()
        run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _fmt(figures: tuple[float, float]) -> str:
    return f"median {figures[0]:8.3f} ms wall, {figures[1]:8.3f} ms CPU"


def _cut(text: str, words: int) -> str:
    # Keep line structure (headings matter) but stop at the word budget.
    out, count = [], 0
    for line in text.split("\n"):
        n = len(line.split())
        if count + n > words:
            break
        out.append(line)
        count += n
    return "\n".join(out)


class NaiveMatcher:
    """The baseline the issue names: one regular expression per term form, over the raw text."""

    def __init__(self, analyzer: Analyzer) -> None:
        taxonomy = analyzer.extractor.taxonomy
        self.patterns = [
            (
                re.compile(r"\b" + re.escape(form.written) + r"\b", re.IGNORECASE),
                taxonomy.terms[form.term_index].code,
            )
            for form in taxonomy.forms.values()
        ]

    def codes(self, text: str) -> set[str]:
        return {code for pattern, code in self.patterns if pattern.search(text)}

    def analyze(self, resume: str, posting: str) -> int:
        wanted, have = self.codes(posting), self.codes(resume)
        return round(100 * len(wanted & have) / len(wanted)) if wanted else 0


def _quality(analyzer: Analyzer, documents: list[LabelledDocument]) -> None:
    for fuzzy in (False, True):
        result = evaluate(analyzer, documents, fuzzy=fuzzy)
        label = "exact + synonym + fuzzy" if fuzzy else "exact + synonym"
        print(f"\nExtraction quality on {len(documents)} hand-labelled documents ({label}):")
        print(f"  {'':16} {'docs':>4} {'labels':>6} {'precision':>9} {'recall':>7}")
        rows = [("overall", result.overall)]
        rows += sorted(result.by_kind.items()) + sorted(result.by_category.items())
        for name, counts in rows:
            labels = counts.true_positives + counts.false_negatives
            print(
                f"  {name:16} {counts.documents:>4} {labels:>6} "
                f"{counts.precision:>9.3f} {counts.recall:>7.3f}"
            )


# The fresh set's figures before the second round of fixes (engine at main 53b00d8), as
# recorded in data/ats/eval_fresh/README.md: (precision, recall) overall.
FRESH_BEFORE = {DEVELOPMENT: (0.836, 0.656), HELD_OUT: (0.861, 0.664)}


def _fresh_quality(analyzer: Analyzer) -> None:
    """The set written fresh for issue #15: the development half (tuned on) and the held-out
    test half, reported apart, with the wanted-not-held check."""
    for label, half in (("development half", DEVELOPMENT), ("held-out test half", HELD_OUT)):
        documents = load_fresh(half)
        result = evaluate(analyzer, documents)
        kinds = Counter(d.kind for d in documents)
        print(
            f"\nFresh set, {label}: {kinds['posting']} postings, {kinds['resume']} resumes "
            "(exact + synonym + fuzzy):"
        )
        print(f"  {'':16} {'docs':>4} {'labels':>6} {'precision':>9} {'recall':>7}")
        rows = [("overall", result.overall)]
        rows += sorted(result.by_kind.items()) + sorted(result.by_category.items())
        for name, counts in rows:
            labels = counts.true_positives + counts.false_negatives
            print(
                f"  {name:16} {counts.documents:>4} {labels:>6} "
                f"{counts.precision:>9.3f} {counts.recall:>7.3f}"
            )
        print(
            f"  wanted-not-held credited as held: {result.wanted_credited} of {result.wanted_total}"
        )
        before = FRESH_BEFORE[half]
        print(
            f"  before this round (main 53b00d8): precision {before[0]:.3f}, recall {before[1]:.3f}"
            f"; now {result.overall.precision:.3f}, {result.overall.recall:.3f}"
        )


def _texts(documents: list[LabelledDocument]) -> tuple[str, str]:
    resumes = [d for d in documents if d.kind == "resume"]
    postings = [d for d in documents if d.kind == "posting" and d.category == "hospital_iv"]
    postings += [d for d in documents if d.kind == "posting" and d.category != "hospital_iv"]
    return _cut("\n".join(d.text for d in resumes), 600), _cut(
        "\n".join(d.text for d in postings), 500
    )


def _engine_figures(
    analyzer: Analyzer, resume: str, posting: str
) -> dict[str, tuple[float, float]]:
    """The engine's own timings (the same in the compiled and the pure run)."""
    extractor = analyzer.extractor

    def cold() -> None:
        # Every cold run reads the posting afresh: `analyze` keeps recent posting profiles.
        analyzer.clear_posting_cache()

    figures = {
        "exact": _median_ms(
            lambda: analyzer.analyze(resume_text=resume, posting_text=posting, fuzzy=False),
            300,
            before=cold,
        ),
        "repeated": _median_ms(
            lambda: analyzer.analyze(resume_text=resume, posting_text=posting, fuzzy=False), 300
        ),
    }
    profile = analyzer.posting_profile(posting)
    figures["cached"] = _median_ms(
        lambda: analyzer.analyze(resume_text=resume, posting=profile, fuzzy=False), 300
    )

    def fuzzy_cold_start() -> None:
        # The fuzzy pass caches corrections per word; clear it so every run pays the full cost.
        cold()
        extractor._correction_cache.clear()

    figures["fuzzy"] = _median_ms(
        lambda: analyzer.analyze(resume_text=resume, posting_text=posting, fuzzy=True),
        100,
        before=fuzzy_cold_start,
    )
    return figures


def _speed(analyzer: Analyzer, documents: list[LabelledDocument]) -> None:
    resume, posting = _texts(documents)
    print(
        f"\nOne analysis: a {len(resume.split())}-word resume against a "
        f"{len(posting.split())}-word posting; taxonomy of {len(analyzer.extractor.terms)} terms, "
        f"{len(analyzer.extractor.taxonomy.forms)} written forms (plain Python)."
    )
    extractor = analyzer.extractor
    load_before = _load()
    figures = _engine_figures(analyzer, resume, posting)
    # The automaton runs over the documents' coded words (two characters per token).
    coded = extractor._read(resume).string + extractor._read(posting).string
    scan = _median_ms(lambda: list(extractor.automaton.iter(coded)), 300)
    naive = NaiveMatcher(analyzer)
    baseline = _median_ms(lambda: naive.analyze(resume, posting), 15)
    print(
        f"  (machine load average {load_before:.1f} before, {_load():.1f} after, on "
        f"{os.cpu_count()} cores: wall times include waiting for a core, CPU times do not)"
    )
    print(
        "  What is cached: 'cold' clears the posting-profile cache before every run, so both\n"
        "  texts are read afresh; the per-word caches (raw token -> normalized word and word\n"
        "  code) stay warm, as in a running server that has read other documents; the fuzzy\n"
        "  line also clears the per-word typo corrections."
    )
    lines = [
        ("exact", "engine, exact + synonym, both texts, cold: ", "   (target <= 2 ms)"),
        ("repeated", "engine, exact + synonym, posting repeated: ", "   (profile kept)"),
        ("cached", "engine, exact + synonym, posting given:    ", ""),
        ("fuzzy", "engine, with the fuzzy pass (cold):        ", "   (target < 5 ms)"),
    ]
    for name, label, note in lines:
        print(f"  {label}{_fmt(figures[name])}{note}")
    print(f"  Aho-Corasick scan alone (coded words):     {_fmt(scan)}")
    print(f"  naive baseline, one regex per form:        {_fmt(baseline)}")
    print(
        f"  speed-up over the baseline (CPU): {baseline[1] / figures['exact'][1]:.0f}x "
        f"exact+synonym, {baseline[1] / figures['fuzzy'][1]:.0f}x with fuzzy (target >= 100x)"
    )


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def _ranking(analyzer: Analyzer, documents: list[LabelledDocument]) -> None:
    rng = random.Random(5)
    lines = [line for d in documents if d.kind == "posting" for line in d.text.split("\n") if line]
    texts = ["\n".join(rng.sample(lines, 14)) for _ in range(2_000)]
    started = time.perf_counter()
    distinct: list[PostingProfile] = [analyzer.posting_profile(text) for text in texts]
    extract_s = time.perf_counter() - started
    profiles = [distinct[i % len(distinct)] for i in range(10_000)]
    resume = next(d.text for d in documents if d.id == "iv-r1")
    rank = _median_ms(lambda: analyzer.rank_postings(resume, profiles), 9)
    print(
        f"\nRanking one resume against 10,000 postings (one core): {_fmt(rank)} "
        f"(target < 200 ms; load average {_load():.1f}).\n"
        f"  Postings are extracted once and cached, not part of ranking: "
        f"{1000 * extract_s / len(texts):.2f} ms per posting here ({len(texts)} distinct "
        f"synthetic postings from the evaluation lines, each used 5 times)."
    )
    top = analyzer.rank_postings(resume, profiles, limit=3)
    print(f"  top scores: {[r.score for r in top]}")


def run() -> None:
    started = time.perf_counter()
    analyzer = default_analyzer()
    print(
        f"Engine built in {time.perf_counter() - started:.2f} s (taxonomy, automaton, word list)."
    )
    documents = load_documents()
    _quality(analyzer, documents)
    _fresh_quality(analyzer)
    _speed(analyzer, documents)
    _ranking(analyzer, documents)
    # Keep the posting parser honest about what it reads from the IV-room posting.
    iv = next(d.text for d in documents if d.id == "iv-p1")
    experience = ats_years.parse_experience(iv)
    print(
        f"\niv-p1 read as: {experience.years_required} years required; shifts "
        f"{ats_posting.parse_shifts(iv)}; settings {ats_posting.parse_settings(iv)}"
    )
