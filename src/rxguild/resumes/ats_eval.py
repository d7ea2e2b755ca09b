"""Precision and recall of extraction on the hand-labelled evaluation set (`data/ats/eval/`).

Pure Python. A document's predicted set is the codes of its non-negated hits; its gold set is
its `skills` plus `credentials` labels. Counts are micro-averaged per category and overall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rxguild.core.factfiles import read_toml
from rxguild.resumes.ats import Analyzer
from rxguild.resumes.ats_taxonomy import ATS_DATA_DIR, REQUIREMENT

EVAL_DIR = ATS_DATA_DIR / "eval"
# The set written fresh for issue #15: `dev` may be tuned on, `test` is held out; the files of
# `alternate` are split by the rule they record (see `load_fresh`).
FRESH_DIR = ATS_DATA_DIR / "eval_fresh"
FRESH_DEV_DIR = FRESH_DIR / "dev"
FRESH_TEST_DIR = FRESH_DIR / "test"
FRESH_ALTERNATE_DIR = FRESH_DIR / "alternate"
DEVELOPMENT, HELD_OUT = "dev", "test"


@dataclass(frozen=True, slots=True)
class LabelledDocument:
    id: str
    kind: str  # posting | resume
    category: str
    text: str
    labels: frozenset[str]
    # Whether the file labels conditions of employment (background check, driver's license);
    # in a file that does not, such hits are left out rather than counted as wrong.
    requirements_labelled: bool = False
    # What a resume names as wanted, planned or in progress (never a label).
    wanted: frozenset[str] = frozenset()


@dataclass(slots=True)
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    documents: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


@dataclass(slots=True)
class Evaluation:
    overall: Counts = field(default_factory=Counts)
    by_category: dict[str, Counts] = field(default_factory=dict)
    by_kind: dict[str, Counts] = field(default_factory=dict)
    errors: list[tuple[str, frozenset[str], frozenset[str]]] = field(default_factory=list)
    # Wanted-not-held credentials and skills of resumes, and how many were credited as held.
    wanted_total: int = 0
    wanted_credited: int = 0


def load_file(path: Path) -> list[LabelledDocument]:
    document_file = read_toml(path)
    requirements_labelled = bool(document_file.get("requirements_labelled", False))
    return [
        LabelledDocument(
            id=entry["id"],
            kind=entry["kind"],
            category=entry["category"],
            text=entry["text"],
            labels=frozenset(entry["skills"])
            | frozenset(entry["credentials"])
            | frozenset(entry.get("requirements", ())),
            requirements_labelled=requirements_labelled,
            wanted=frozenset(entry.get("wanted", ())),
        )
        for entry in document_file["documents"]
    ]


def load_documents(directory: Path = EVAL_DIR) -> list[LabelledDocument]:
    return [document for path in sorted(directory.glob("*.toml")) for document in load_file(path)]


def alternate_half(documents: list[LabelledDocument], half: str) -> list[LabelledDocument]:
    """The rule the `alternate` files record, fixed before any run: among a file's postings the
    1st, 3rd, 5th... are development and the others held out; the same for its resumes."""
    position: Counter[str] = Counter()
    chosen = []
    for document in documents:
        if (position[document.kind] % 2 == 0) == (half == DEVELOPMENT):
            chosen.append(document)
        position[document.kind] += 1
    return chosen


def load_fresh(half: str) -> list[LabelledDocument]:
    """One half of the fresh set: `dev/` or `test/` whole, plus that half of every file in
    `alternate/`."""
    if half not in (DEVELOPMENT, HELD_OUT):
        raise ValueError(f"half must be {DEVELOPMENT!r} or {HELD_OUT!r}, not {half!r}")
    documents = load_documents(FRESH_DIR / half)
    for path in sorted(FRESH_ALTERNATE_DIR.glob("*.toml")):
        rule = read_toml(path).get("split")
        if rule != "alternate-by-kind":
            raise ValueError(f"{path.name}: unknown split rule {rule!r}")
        documents += alternate_half(load_file(path), half)
    return documents


def evaluate(
    analyzer: Analyzer, documents: Iterable[LabelledDocument], *, fuzzy: bool = True
) -> Evaluation:
    result = Evaluation()
    for document in documents:
        # A resume claims what it holds, not what it is working toward; a posting asks for
        # what it names ("enrolled in a technician program" is its requirement).
        predicted = frozenset(
            hit.code
            for hit in analyzer.extract(document.text, fuzzy=fuzzy)
            if not hit.negated
            and not (hit.wanted and document.kind == "resume")
            and (document.requirements_labelled or hit.kind != REQUIREMENT)
        )
        extra, missed = predicted - document.labels, document.labels - predicted
        for counts in (
            result.overall,
            result.by_category.setdefault(document.category, Counts()),
            result.by_kind.setdefault(document.kind, Counts()),
        ):
            counts.true_positives += len(predicted & document.labels)
            counts.false_positives += len(extra)
            counts.false_negatives += len(missed)
            counts.documents += 1
        if extra or missed:
            result.errors.append((document.id, extra, missed))
        result.wanted_total += len(document.wanted)
        result.wanted_credited += len(document.wanted & predicted)
    return result
