"""Reading postings: required vs preferred, years, shifts, settings; resume dates."""

from __future__ import annotations

from datetime import date

import pytest

from rxguild.resumes import ats_posting, ats_years
from rxguild.resumes.ats_posting import PREFERRED, REQUIRED

POSTING = """IV Room Technician

Responsibilities
- Prepare IV admixtures using aseptic technique

Requirements:
- CPhT required
- 2+ years of hospital pharmacy experience
- Knowledge of USP 797

Preferred Qualifications
- CSPT
- Pyxis experience
- Inventory management is a plus

Night shift, every other weekend. Prior authorization not required.
"""


def test_posting_profile_sorts_required_and_preferred(analyzer):
    profile = analyzer.posting_profile(POSTING)
    assert {(i.code, i.importance, i.written) for i in profile.items} == {
        ("sterile-compounding", REQUIRED, "IV admixtures"),
        ("aseptic-technique", REQUIRED, "aseptic technique"),
        ("ptcb-cpht", REQUIRED, "CPhT"),
        ("usp-797", REQUIRED, "USP 797"),
        ("ptcb-cspt", PREFERRED, "CSPT"),
        ("automated-dispensing-cabinets", PREFERRED, "Pyxis"),
        ("inventory-management", PREFERRED, "Inventory management"),
        ("prior-authorization", "not_required", "Prior authorization"),
    }
    assert profile.required_credentials == {"ptcb-cpht"}
    assert profile.required_skills == {"sterile-compounding", "aseptic-technique", "usp-797"}
    assert profile.preferred == {
        "ptcb-cspt",
        "automated-dispensing-cabinets",
        "inventory-management",
    }
    assert (profile.years_required, profile.no_experience_required) == (2.0, False)
    assert profile.shifts == ("overnight", "weekend")
    assert profile.settings == ("hospital",)


@pytest.mark.parametrize(
    ("text", "required", "preferred", "none_required"),
    [
        pytest.param("2+ years of retail pharmacy experience.", 2.0, None, False, id="plus"),
        pytest.param("Two years of experience required.", 2.0, None, False, id="words"),
        pytest.param(
            "Minimum of 1 year experience as a technician.", 1.0, None, False, id="minimum"
        ),
        pytest.param("1-3 years experience", 1.0, None, False, id="range"),
        pytest.param("6 months of IV room experience", 0.5, None, False, id="months"),
        pytest.param("3 years of experience preferred", None, 3.0, False, id="preferred"),
        pytest.param("No experience required, we will train!", 0.0, None, True, id="no-experience"),
        pytest.param("Pharmacy experience is not required.", 0.0, None, True, id="not-required"),
        pytest.param(
            "Paid time off after two years of service.", None, None, False, id="not-experience"
        ),
        pytest.param(
            "Prior authorization experience not required.",
            None,
            None,
            False,
            id="skill-negation-is-not-years",
        ),
    ],
)
def test_years_of_experience(text, required, preferred, none_required):
    found = ats_years.parse_experience(text)
    assert (found.years_required, found.years_preferred, found.no_experience_required) == (
        required,
        preferred,
        none_required,
    )


@pytest.mark.parametrize(
    ("text", "importance"),
    [
        pytest.param("Pyxis experience is a plus", PREFERRED, id="a-plus"),
        pytest.param("Pyxis experience desired", PREFERRED, id="desired"),
        pytest.param("Must know Pyxis", REQUIRED, id="must"),
        pytest.param("CPhT required, Pyxis preferred", PREFERRED, id="nearest-cue"),
        pytest.param("Pyxis required; CSPT preferred", REQUIRED, id="clause-ends-at-semicolon"),
        pytest.param("Uses Pyxis daily", None, id="no-cue"),
    ],
)
def test_clause_cues(text, importance):
    start = text.index("Pyxis")
    assert ats_posting.clause_importance(text, start, start + 5) == importance


@pytest.mark.parametrize(
    ("heading", "importance"),
    [
        pytest.param("Requirements:", REQUIRED, id="requirements"),
        pytest.param("MINIMUM QUALIFICATIONS", REQUIRED, id="caps"),
        pytest.param("Preferred Qualifications", PREFERRED, id="preferred-wins"),
        pytest.param("Nice to have", PREFERRED, id="nice-to-have"),
        pytest.param("What you'll do", None, id="duties"),
    ],
)
def test_section_headings(heading, importance):
    text = f"Intro line.\n{heading}\n- Pyxis\n"
    sections = ats_posting.parse_sections(text)
    assert ats_posting.section_at(sections, text.index("Pyxis")).importance == importance


def test_shifts_and_settings():
    text = "PRN weekend nights in our long-term care and mail order pharmacy; 12-hour shifts."
    assert ats_posting.parse_shifts(text) == ["overnight", "weekend", "12_hour", "prn"]
    assert ats_posting.parse_settings(text) == ["long_term_care", "mail_order"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        pytest.param("Technician, Jan 2020 - Dec 2021", 2.0, id="months"),
        pytest.param("2019 - present", 7.9, id="present"),
        pytest.param("2018 \u2013 2020\n2019 \u2013 2021", 4.0, id="overlap-once-en-dash"),
        pytest.param("03/2024 to 08/2024", 0.5, id="numeric-months"),
        pytest.param("Graduated 2015", 0.0, id="no-range"),
    ],
)
def test_resume_years(text, years):
    assert ats_years.resume_experience_years(text, date(2026, 11, 26)) == years
