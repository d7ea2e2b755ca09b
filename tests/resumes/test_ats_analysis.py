"""Resume vs posting: score and its computation, matches, gaps, literal hints, checks, ranking."""

from __future__ import annotations

from datetime import date

import pytest

from rxguild.resumes.ats import resume_checks

TODAY = date(2026, 11, 26)

POSTING = """Requirements:
- CPhT required
- 2 years of hospital experience
- Aseptic technique and USP 797
Preferred:
- CSPT
- Pyxis
"""

RESUME = """Jane Doe
jane@example.com | 555-123-4567

Experience
IV Technician, Mercy Hospital, Jan 2023 - Dec 2023
Compounded IV admixtures with aseptic technique; restocked Omnicell.

Certifications
Certified Pharmacy Technician

Skills
Aseptic technique

Education
Pharmacy Technician Certificate, 2022
"""


def test_analysis_scores_with_its_computation(analyzer):
    result = analyzer.analyze(resume_text=RESUME, posting_text=POSTING, today=TODAY)
    assert [(c.name, c.weight, c.matched, c.total, c.points) for c in result.components] == [
        ("required_credentials", 35, 1.0, 1.0, 35.0),
        ("required_skills", 35, 1.0, 2.0, 17.5),
        ("preferred", 15, 1.0, 2.0, 7.5),
        ("experience", 15, 1.0, 2.0, 7.5),
    ]
    assert result.score == 68  # 35 + 17.5 + 7.5 + 7.5 = 67.5, rounded half to even
    assert [c.max_points for c in result.components] == [35.0, 35.0, 15.0, 15.0]
    assert result.components[0].label == "Required credentials"
    assert result.computation.startswith("required credentials: 1 of 1, weight 35 = 35 points;")
    assert result.resume_years == 1.0


def test_matches_show_both_forms_and_literal_hints(analyzer):
    result = analyzer.analyze(resume_text=RESUME, posting_text=POSTING, today=TODAY)
    assert [(m.code, m.importance, m.posting_text, m.resume_text) for m in result.matched] == [
        ("ptcb-cpht", "required", "CPhT", "Certified Pharmacy Technician"),
        ("aseptic-technique", "required", "Aseptic technique", "aseptic technique"),
        ("automated-dispensing-cabinets", "preferred", "Pyxis", "Omnicell"),
    ]
    assert [(h.code, h.posting_text, h.resume_text) for h in result.literal_hints] == [
        ("ptcb-cpht", "CPhT", "Certified Pharmacy Technician"),
        ("automated-dispensing-cabinets", "Pyxis", "Omnicell"),
    ]
    assert result.literal_hints[0].message == (
        "The posting writes “CPhT”; your resume says “Certified Pharmacy Technician”. "
        "Some ATS search for the exact words: write both, e.g. "
        "“Certified Pharmacy Technician (CPhT)”."
    )


def test_missing_items_by_importance_never_invent_experience(analyzer):
    result = analyzer.analyze(resume_text=RESUME, posting_text=POSTING, today=TODAY)
    assert [(m.code, m.importance) for m in result.missing] == [
        ("usp-797", "required"),
        ("ptcb-cspt", "preferred"),
    ]
    assert result.missing[0].suggestion == (
        "If you have USP 797 experience, add it in your own words (where, how often, with what), "
        "using the posting's term “USP 797”. Add only what you have."
    )
    assert result.missing[1].suggestion.endswith("If you don't, don't add it.")


def test_a_posting_without_requirements_shares_the_weights(analyzer):
    result = analyzer.analyze(
        resume_text=RESUME, posting_text="We use Pyxis and Omnicell.", today=TODAY
    )
    assert [(c.name, c.points) for c in result.components] == [("required_skills", 100.0)]
    # The page and the API say "100 of 100 points", not "100 of 35".
    assert [(c.weight, c.max_points) for c in result.components] == [(35, 100.0)]
    assert result.score == 100


def test_nothing_recognised_scores_zero_and_says_why(analyzer):
    result = analyzer.analyze(resume_text=RESUME, posting_text="Friendly team!", today=TODAY)
    assert (result.score, result.components) == (0, ())
    assert result.computation.startswith("The posting names no skills")


def test_resume_checks_flag_what_ats_parsers_trip_on():
    checks = resume_checks("Jane Doe\nI fill prescriptions.", ["tables", "images"])
    assert [c.code for c in checks] == [
        "tables",
        "images",
        "missing_email",
        "missing_phone",
        "missing_dates",
        "missing_heading_experience",
        "missing_heading_education",
        "missing_heading_skills",
        "missing_heading_certifications",
    ]


def test_unextractable_file_is_an_error():
    checks = resume_checks("", ["unextractable_text"])
    assert [(c.code, c.severity) for c in checks] == [
        ("unextractable_text", "error"),
        ("empty", "error"),
    ]


def test_a_complete_resume_passes_the_checks():
    assert resume_checks(RESUME) == []


@pytest.mark.parametrize(
    "heading",
    ["EXPERIENCE", "Work History", "Professional Experience:", "Licenses & Certifications"],
)
def test_heading_variants_are_recognised(heading):
    codes = {c.code for c in resume_checks(f"a@b.co 555-123-4567 2020\n{heading}\n")}
    assert len(codes) == 3


def test_ranking_orders_postings_by_score(analyzer):
    postings = [
        analyzer.posting_profile("Requirements: CSPT, USP 797"),
        analyzer.posting_profile("Requirements: CPhT, aseptic technique"),
        analyzer.posting_profile("Requirements: Prior authorization"),
    ]
    ranked = analyzer.rank_postings(RESUME, postings, today=TODAY)
    assert [(r.index, r.score) for r in ranked] == [(1, 100), (0, 0), (2, 0)]
    assert [r.index for r in analyzer.rank_postings(RESUME, postings, today=TODAY, limit=1)] == [1]
