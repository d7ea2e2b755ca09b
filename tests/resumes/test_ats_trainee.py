"""A state's trainee registration named after its main one without the state again."""

from __future__ import annotations

import pytest

from rxguild.resumes.ats import default_analyzer


@pytest.fixture(scope="module")
def real():
    """The repository's catalog: Ohio has both a registration and a trainee registration."""
    return default_analyzer()


@pytest.mark.parametrize(
    ("text", "trainee_text"),
    [
        pytest.param(
            "Must hold an Ohio pharmacy technician registration (trainees considered).",
            "trainees",
            id="bracketed",
        ),
        pytest.param(
            "Registered with the Ohio Board of Pharmacy or technician in training",
            "technician in training",
            id="or-in-training",
        ),
        pytest.param(
            "Ohio pharmacy technician license or trainee registration",
            "trainee registration",
            id="or-trainee-registration",
        ),
    ],
)
def test_trainee_words_in_the_clause_of_a_state_registration(real, text, trainee_text):
    hits = {hit.code: hit.text for hit in real.extract(text)}
    assert hits.get("state-oh-technician-trainee") == trainee_text
    assert "state-oh-technician" in hits


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ohio pharmacy technician registration. Trainees welcome", id="next-sentence"),
        pytest.param(
            "Ohio pharmacy technician registration (trainees not considered)", id="turned-away"
        ),
        pytest.param("Trainees welcome; we train on site", id="no-state-registration"),
    ],
)
def test_trainee_words_elsewhere_name_no_state(real, text):
    assert "state-oh-technician-trainee" not in {hit.code for hit in real.extract(text)}
