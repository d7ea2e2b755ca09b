"""Words between a form's first word and the rest (verb and object, coordinated words), and
the pharmacy's short words (med, Rx, tech) read as the words they stand for."""

from __future__ import annotations

import pytest

from rxguild.resumes.ats import default_analyzer
from rxguild.resumes.ats_gaps import task_verbs


@pytest.fixture(scope="module")
def real():
    """The repository's taxonomy: the examples name its skills."""
    return default_analyzer()


def _found(analyzer, text):
    return [(hit.code, hit.text) for hit in analyzer.extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Filled retail and clinic prescriptions for two stores",
            [("prescription-filling", "Filled retail and clinic prescriptions")],
            id="modifiers-between-verb-and-object",
        ),
        pytest.param(
            "Entered faxed prescriptions daily",
            [("prescription-data-entry", "Entered faxed prescriptions")],
            id="one-word-between",
        ),
        pytest.param(
            "Trained three new technicians",
            [("precepting", "Trained three new technicians")],
            id="three-word-form-with-a-number-between",
        ),
        pytest.param(
            "Billed commercial and Medicaid insurance",
            [
                ("third-party-billing", "Billed commercial and Medicaid insurance"),
                ("medicaid", "Medicaid"),
            ],
            id="coordinated-words-between",
        ),
    ],
)
def test_words_between_verb_and_object(real, text, expected):
    assert _found(real, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("fill out intake forms for new prescriptions", id="preposition-between"),
        pytest.param("Filled\n- prescriptions", id="list-item-between"),
        pytest.param("billing dates, and quality checks", id="comma-between-list-items"),
        pytest.param("Compounding Technician - Health System", id="dash-between"),
        pytest.param("filled and prescriptions", id="gap-ending-in-a-conjunction"),
    ],
)
def test_gaps_that_join_nothing(real, text):
    assert [hit.code for hit in real.extract(text)] == []


def test_a_word_inside_a_longer_form_stays_with_it(real):
    # "environmental monitoring" is the object: no second, generic "perform ... monitoring".
    assert _found(real, "perform environmental monitoring weekly") == [
        ("environmental-monitoring", "environmental monitoring")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "delivered meds to the clinic",
            [("prescription-delivery", "delivered meds")],
            id="meds-are-medications",
        ),
        pytest.param(
            "Input new Rxs", [("prescription-data-entry", "Input new Rxs")], id="rx-plural"
        ),
        pytest.param(
            "Courteous, with strong phone skills",
            [("phone-skills", "phone skills")],
            id="phone-is-telephone",
        ),
        pytest.param(
            "Answered prescriber calls all day",
            [("phone-skills", "Answered prescriber calls")],
            id="answering-calls-with-a-word-between",
        ),
    ],
)
def test_short_words_read_as_what_they_stand_for(real, text, expected):
    assert _found(real, text) == expected


def test_only_forms_that_start_with_a_verb_take_words_between():
    # "-ing" and "-ed" words are the forms' verbs; the nouns of a name are not.
    assert task_verbs(
        ["filling prescriptions", "Restocked shelves", "pharmacy technician", "Wyoming license"]
    ) == frozenset({"fill"})
