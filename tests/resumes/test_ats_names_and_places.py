"""A product named inside a short skill form, and a state abbreviation after its city."""

from __future__ import annotations

import pytest

from rxguild.resumes.ats import default_analyzer


@pytest.fixture(scope="module")
def real():
    """The repository's taxonomy: the examples name its skills and products."""
    return default_analyzer()


def _codes(analyzer, text):
    return [(hit.code, hit.text) for hit in analyzer.extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Clinic notes: we document in Epic daily",
            [
                ("clinical-documentation", "document in Epic"),
                ("epic", "Epic"),
            ],
            id="product-inside-a-task-form",
        ),
        pytest.param(
            "Epic Willow build",
            [("epic-willow", "Epic Willow")],
            id="no-second-product-inside-a-product-name",
        ),
    ],
)
def test_a_product_inside_a_short_form_counts(real, text, expected):
    assert _codes(real, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Harbor Drug, Allentown PA\nFull time", id="city-then-line-end"),
        pytest.param("Technician — Scranton PA", id="city-after-a-dash"),
        pytest.param("Erie PA 16501", id="city-then-zip"),
        pytest.param("Allentown PA | Days", id="city-then-separator"),
        pytest.param("Night shift in Reading PA (weekends)", id="city-then-bracket"),
    ],
)
def test_a_state_after_its_city_is_no_prior_authorization(real, text):
    assert "prior-authorization" not in {hit.code for hit in real.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Handled PA requests for two clinics", id="verb-then-pa-then-noun"),
        pytest.param("Handled PA.", id="sentence-opening-verb-then-end"),
        pytest.param("Faxed PA forms", id="verb-then-pa-then-object"),
    ],
)
def test_pa_after_a_capitalised_verb_is_still_prior_authorization(real, text):
    assert "prior-authorization" in {hit.code for hit in real.extract(text)}
