"""The engine over the repository's real data files: taxonomy, evaluation set, quality gate."""

from __future__ import annotations

from collections import Counter

import pytest

from rxguild.resumes.ats import FUZZY, default_analyzer
from rxguild.resumes.ats_eval import evaluate, load_documents


@pytest.fixture(scope="module")
def real():
    return default_analyzer()


def test_every_written_form_finds_its_own_term_and_others_only_inside_it(real):
    """A form finds its own term; another term is found only as a skill nested inside it
    ("USP <797> sterile compounding standard" holds sterile compounding)."""
    taxonomy = real.extractor.taxonomy
    wrong = []
    for form in taxonomy.forms.values():
        own = taxonomy.terms[form.term_index].code
        text = f"Skills: {form.written}."
        hits = real.extract(text)
        outer = [hit for hit in hits if hit.code == own]
        others_outside = [
            hit.code
            for hit in hits
            if hit.code != own and not (hit.kind == "skill" and _strictly_inside(hit, outer))
        ]
        if not outer or others_outside:
            wrong.append((form.written, own, [hit.code for hit in hits]))
    assert wrong == []


def _strictly_inside(hit, outer) -> bool:
    return any(
        o.start <= hit.start and hit.end <= o.end and (o.start, o.end) != (hit.start, hit.end)
        for o in outer
    )


def test_fuzzy_never_turns_a_real_term_into_another(real):
    taxonomy = real.extractor.taxonomy
    for form in taxonomy.forms.values():
        fuzzy_codes = {h.code for h in real.extract(form.written) if h.matched_by == FUZZY}
        assert fuzzy_codes == set(), form.written


def test_evaluation_set_is_complete_and_labelled_with_known_codes(real):
    documents = load_documents()
    assert Counter(d.kind for d in documents) == {"posting": 40, "resume": 20}
    assert set(Counter(d.category for d in documents)) == {
        "retail", "hospital_iv", "nuclear", "mail_order", "long_term_care", "specialty",
        "billing", "informatics",
    }  # fmt: skip
    known = set(real.extractor.taxonomy.by_code)
    assert {code for d in documents for code in d.labels} - known == set()
    assert len({d.id for d in documents}) == 60


def test_extraction_quality_gate(real):
    # The target: precision and recall of at least 0.9 on the evaluation set.
    result = evaluate(real, load_documents())
    assert (result.overall.precision >= 0.9, result.overall.recall >= 0.9) == (True, True)


def test_a_span_closes_the_bracket_it_opens(real):
    """The literal-form hint quotes the posting: "(New York)", not "(New York"."""
    text = "Must hold a Registered Pharmacy Technician (New York); USP <797>; (IV room) a plus."
    spans = {hit.code: hit.text for hit in real.extract(text)}
    assert spans["state-ny-technician"] == "Registered Pharmacy Technician (New York)"
    assert spans["usp-797"] == "USP <797>"
    assert spans["sterile-compounding"] == "IV room"  # a bracket before the span stays out


def test_the_fresh_set_is_labelled_with_known_codes_and_credits_nothing_wanted(real):
    from rxguild.resumes.ats_eval import DEVELOPMENT, HELD_OUT, load_fresh

    known = {term.code for term in real.extractor.terms}
    halves = {half: load_fresh(half) for half in (DEVELOPMENT, HELD_OUT)}
    for half, documents in halves.items():
        for document in documents:
            assert (document.labels | document.wanted) - known == set(), document.id
            assert document.labels & document.wanted == set(), document.id
        result = evaluate(real, documents)
        assert result.wanted_total > 0
        if half == DEVELOPMENT:  # the held-out half is measured, not asserted on
            assert result.wanted_credited == 0
    # The size: 120 postings and 60 resumes, split in two halves of alike make-up.
    everything = halves[DEVELOPMENT] + halves[HELD_OUT]
    assert len({d.id for d in everything}) == len(everything)
    kinds = Counter(d.kind for d in everything)
    assert kinds["posting"] >= 120 and kinds["resume"] >= 60
    for half in halves.values():
        assert Counter(d.kind for d in half)["resume"] == 30
        assert abs(Counter(d.kind for d in half)["posting"] - 60) <= 1


def test_the_alternate_rule_splits_each_kind_in_turn():
    from rxguild.resumes.ats_eval import DEVELOPMENT, HELD_OUT, LabelledDocument, alternate_half

    def doc(id_: str, kind: str) -> LabelledDocument:
        return LabelledDocument(id=id_, kind=kind, category="retail", text="", labels=frozenset())

    documents = [doc("p1", "posting"), doc("r1", "resume"), doc("p2", "posting"),
                 doc("p3", "posting"), doc("r2", "resume")]  # fmt: skip
    assert [d.id for d in alternate_half(documents, DEVELOPMENT)] == ["p1", "r1", "p3"]
    assert [d.id for d in alternate_half(documents, HELD_OUT)] == ["p2", "r2"]
