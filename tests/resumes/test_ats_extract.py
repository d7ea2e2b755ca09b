"""Extraction: exact, synonym and fuzzy matching, spans, negation and the hard cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.resumes.ats import EXACT, FUZZY, SYNONYM


def _found(analyzer, text, **kwargs):
    return [(hit.code, hit.text, hit.matched_by) for hit in analyzer.extract(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Prepared IV admixtures daily.",
            [("sterile-compounding", "IV admixtures", SYNONYM)],
            id="iv-admixture-is-sterile-compounding",
        ),
        pytest.param(
            "USP 797, USP <797> and USP Chapter 797",
            [
                ("usp-797", "USP 797", EXACT),
                # Normalized, these are the canonical name itself, so "exact".
                ("usp-797", "USP <797>", EXACT),
                ("usp-797", "USP Chapter 797", EXACT),
            ],
            id="usp-797-three-ways",
        ),
        pytest.param(
            "Restocked Pyxis and Omnicell ADCs",
            [
                ("automated-dispensing-cabinets", "Pyxis", SYNONYM),
                ("automated-dispensing-cabinets", "Omnicell", SYNONYM),
                ("automated-dispensing-cabinets", "ADCs", SYNONYM),
            ],
            id="cabinet-brands",
        ),
        pytest.param(
            "non-sterile compounding of creams",
            [("nonsterile-compounding", "non-sterile compounding", SYNONYM)],
            id="non-sterile-is-not-sterile",
        ),
        pytest.param(
            "Nonsterile compounding",
            [("nonsterile-compounding", "Nonsterile compounding", EXACT)],
            id="nonsterile-one-word",
        ),
        pytest.param("Pittsburgh, PA 15213", [], id="state-after-city-is-not-prior-auth"),
        pytest.param(
            "Submitted PA requests",
            [("prior-authorization", "PA", SYNONYM)],
            id="capital-pa-is-prior-auth",
        ),
        pytest.param("a pa system", [], id="lower-case-pa-is-not-prior-auth"),
        pytest.param(
            "did med recs in the ED",
            [("medication-reconciliation", "med recs", SYNONYM)],
            id="med-rec-plural",
        ),
        pytest.param(
            "LASA lists and look-alike sound-alike medications",
            [("lasa", "LASA", SYNONYM), ("lasa", "look-alike sound-alike medications", EXACT)],
            id="lasa",
        ),
        pytest.param(
            "Holds CPhT and C.Ph.T. and Certified Pharmacy Technician",
            [
                ("ptcb-cpht", "CPhT", SYNONYM),
                ("ptcb-cpht", "C.Ph.T.", SYNONYM),
                ("ptcb-cpht", "Certified Pharmacy Technician", EXACT),
            ],
            id="credential-forms",
        ),
        pytest.param(
            "Registered with the Texas State Board of Pharmacy; TX pharmacy technician license; "
            "Pennsylvania registered technician",
            [
                (
                    "state-tx-technician",
                    "Registered with the Texas State Board of Pharmacy",
                    SYNONYM,
                ),
                ("state-tx-technician", "TX pharmacy technician license", SYNONYM),
            ],
            id="state-credential",
        ),
    ],
)
def test_hard_cases(analyzer, text, expected):
    assert _found(analyzer, text) == expected


def test_hit_reports_canonical_skill_category_and_span(analyzer):
    text = "Skilled in IV compounding."
    (hit,) = analyzer.extract(text)
    assert (hit.code, hit.name, hit.kind, hit.category) == (
        "sterile-compounding",
        "Sterile compounding",
        "skill",
        "sterile_compounding",
    )
    assert (hit.start, hit.end, text[hit.start : hit.end]) == (11, 25, "IV compounding")


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        pytest.param("No prior authorization experience required.", True, id="no-before"),
        pytest.param("Prior authorization not required.", True, id="not-required-after"),
        pytest.param("Prior authorization experience is not required.", True, id="is-not-required"),
        pytest.param(
            "Filled orders without errors using prior authorization.", False, id="without-far"
        ),
        pytest.param("Prior authorization required; no weekends.", False, id="other-clause"),
        pytest.param("Prior authorization experience a plus.", False, id="plain"),
    ],
)
def test_negation(analyzer, text, negated):
    (hit,) = analyzer.extract(text)
    assert hit.negated is negated


@pytest.mark.parametrize(
    ("text", "code", "written"),
    [
        pytest.param(
            "Sterile compunding in a cleanroom",
            "sterile-compounding",
            "Sterile compunding",
            id="typo-in-second-word",
        ),
        pytest.param(
            "inventroy management",
            "inventory-management",
            "inventroy management",
            id="transposition",
        ),
    ],
)
def test_fuzzy_finds_typos(analyzer, text, code, written):
    hits = analyzer.extract(text)
    assert [(h.code, h.text, h.matched_by) for h in hits] == [(code, written, FUZZY)]
    assert analyzer.extract(text, fuzzy=False) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("prescription filling", id="filling-is-not-billing"),
        pytest.param("sterility testing", id="short-stems-stay"),
        pytest.param("Pyx", id="too-short"),
        pytest.param("Pyxsi cabinets", id="typos-under-six-letters-are-left"),
    ],
)
def test_fuzzy_leaves_other_words_alone(analyzer, text):
    assert analyzer.extract(text) == []


def test_fuzzy_never_turns_a_real_term_into_another(analyzer, small_taxonomy):
    # Every written form of every term, alone and in a sentence, finds only its own term.
    for normalized, form in small_taxonomy.forms.items():
        own = small_taxonomy.terms[form.term_index].code
        for text in (form.written, f"Experience: {form.written}; also inventory."):
            codes = {hit.code for hit in analyzer.extract(text) if hit.matched_by == FUZZY}
            assert codes <= {own}, (normalized, codes)


# Plain words only: punctuation and line breaks carry context rules of their own ("Pittsburgh,
# PA" is a state, not prior authorization), which the table tests below cover.
_filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), before=_filler, after=_filler)
def test_any_form_is_found_with_its_span(analyzer, small_taxonomy, data, before, after):
    form = data.draw(
        st.sampled_from(sorted(small_taxonomy.forms.values(), key=lambda f: f.written))
    )
    text = f"{before} {form.written} {after}"
    start = len(before) + 1
    code = small_taxonomy.terms[form.term_index].code
    found = [h for h in analyzer.extract(text) if h.start == start]
    assert [(h.code, h.end - h.start >= len(form.written.rstrip(">")) - 1) for h in found] == [
        (code, True)
    ]
    for hit in analyzer.extract(text):
        assert text[hit.start : hit.end] == hit.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Two years in OR pharmacy", [("or-pharmacy", "OR pharmacy")], id="caps-or"),
        pytest.param("laboratory or pharmacy experience", [], id="everyday-or"),
        pytest.param(
            "DEA Schedule II-V records",
            [("schedule-ii", "Schedule II"), ("schedules-iii-v", "V")],
            id="schedule-range",
        ),
        pytest.param(
            "controlled substances (CII-CV)",
            [("schedule-ii", "CII"), ("schedules-iii-v", "CV")],
            id="c-range",
        ),
        pytest.param(
            "set the weekly schedule\n2. Manage CII orders",
            [("schedule-ii", "CII")],
            id="list-break",
        ),
        pytest.param(
            "knowledge of inventory\nmanagement and USP\n797",
            [("inventory-management", "inventory\nmanagement"), ("usp-797", "USP\n797")],
            id="hard-wrapped-line",
        ),
        pytest.param(
            "fills 1,800 prescriptions; <797> rules", [("usp-797", "<797>")], id="bare-number"
        ),
        pytest.param("Corner Drug, Protect coordination", [], id="english-words-are-not-typos"),
    ],
)
def test_context_rules(analyzer, text, expected):
    assert [(h.code, h.text) for h in analyzer.extract(text)] == expected


@pytest.mark.parametrize(
    ("text", "code", "written"),
    [
        pytest.param(
            "restocked Omnicel daily", "automated-dispensing-cabinets", "Omnicel", id="brand-typo"
        ),
        pytest.param(
            "medication reconcilation",
            "medication-reconciliation",
            "medication reconcilation",
            id="dropped-letter",
        ),
    ],
)
def test_typos_that_keep_the_stem_are_found_without_the_fuzzy_pass(analyzer, text, code, written):
    """ "Omnicel" and "Omnicell" share the stem "omnicel"; "reconcilation" and "reconciliation"
    the stem "reconcil": the stems match before any typo correction is tried."""
    hits = analyzer.extract(text, fuzzy=False)
    assert [(h.code, h.text) for h in hits] == [(code, written)]
