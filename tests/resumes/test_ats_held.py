"""Held versus wanted: what a resume names as an aim, a plan or study in progress is reported
as such and never scores (`ats_held`). The sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.resumes.ats import Analyzer
from rxguild.resumes.ats_held import is_wanted
from rxguild.resumes.ats_taxonomy import load_taxonomy

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def real() -> Analyzer:
    return Analyzer(load_taxonomy())


def _states(analyzer: Analyzer, text: str) -> dict[str, str]:
    """code -> "held" | "wanted" | "negated" for every hit (the last hit of a code wins)."""
    return {
        hit.code: "negated" if hit.negated else "wanted" if hit.wanted else "held"
        for hit in analyzer.extract(text)
    }


@pytest.mark.parametrize(
    ("text", "code", "state"),
    [
        ("Hoping to grow into a CSPT role within two years.", "ptcb-cspt", "wanted"),
        ("Looking to grow into a CSPT position at a children's hospital", "ptcb-cspt", "wanted"),
        ("Currently pursuing the CSPT credential through PTCB", "ptcb-cspt", "wanted"),
        ("Working toward my CPhT; exam booked for March", "ptcb-cpht", "wanted"),
        ("Working towards CPhT certification", "ptcb-cpht", "wanted"),
        (
            "Enrolled in a sterile compounding course at the community college",
            "sterile-compounding",
            "wanted",
        ),
        ("CSPT (in progress)", "ptcb-cspt", "wanted"),
        ("CSPT - in progress, expected spring 2027", "ptcb-cspt", "wanted"),
        (
            "Certified Compounded Sterile Preparation Technician: expected June 2027",
            "ptcb-cspt",
            "wanted",
        ),
        ("Texas pharmacy technician registration pending", "state-tx-technician", "wanted"),
        ("Eligible for the CPhT exam after my externship", "ptcb-cpht", "wanted"),
        ("Plan to sit for the CSPT next year", "ptcb-cspt", "wanted"),
        ("Studying for the CPhT on weekends", "ptcb-cpht", "wanted"),
        ("CSPT since 2022, recertified 2024", "ptcb-cspt", "held"),
        ("CPhT, active through 2027", "ptcb-cpht", "held"),
        ("Pursuing the CSPT while working as a CPhT at a retail store", "ptcb-cpht", "held"),
        ("Pursuing the CSPT while working as a CPhT at a retail store", "ptcb-cspt", "wanted"),
        ("Led training for new hires on Pyxis cabinets", "bd-pyxis", "held"),
        ("Looking to grow into a CSPT role.\nCPhT, 2019 to present", "ptcb-cpht", "held"),
    ],
    ids=lambda value: value if len(str(value)) < 30 else str(value)[:28],
)
def test_held_or_wanted(real, text, code, state):
    assert _states(real, text)[code] == state


def test_a_cue_does_not_cross_a_sentence():
    text = "My goal is a hospital role. Sterile compounding for 3 years."
    start = text.index("Sterile")
    assert is_wanted(text, start, start + len("Sterile compounding")) is False


POSTING = """Pharmacy Technician, hospital
Requirements:
- CSPT required
- Active CPhT
"""


def test_a_wanted_credential_never_scores_and_is_reported(real):
    resume = (
        "Kim Tran\nkim@example.net | 555-201-3344\n\nExperience\n"
        "Technician, Lakeview Hospital, 2021 - Present\n\nCertifications\n"
        "CPhT\nLooking to grow into a CSPT role\n"
    )
    analysis = real.analyze(resume_text=resume, posting_text=POSTING, today=TODAY)
    assert [item.code for item in analysis.matched] == ["ptcb-cpht"]
    assert [item.code for item in analysis.missing] == ["ptcb-cspt"]
    assert [(item.code, item.resume_text) for item in analysis.wanted] == [("ptcb-cspt", "CSPT")]
    assert "working toward" in analysis.missing[0].suggestion
    required = next(c for c in analysis.components if c.name == "required_credentials")
    assert (required.matched, required.total) == (1.0, 2.0)


def test_ranking_does_not_count_a_wanted_credential(real):
    profile = real.posting_profile("Requirements:\n- CSPT required\n")
    wanted = real.rank_postings("Pursuing the CSPT this year", [profile], today=TODAY)
    held = real.rank_postings("CSPT since 2023", [profile], today=TODAY)
    assert (wanted[0].score, held[0].score) == (0, 100)


@settings(max_examples=40, deadline=None)
@given(
    cue=st.sampled_from(
        ["Pursuing", "Working toward", "Looking to grow into", "Enrolled in", "Eligible for"]
    ),
    filler=st.sampled_from(["", "the ", "a ", "my "]),
)
def test_an_aim_before_a_credential_never_raises_the_score(real, cue, filler):
    profile = real.posting_profile("Requirements:\n- CSPT required\n- CPhT required\n")
    resume = f"{cue} {filler}CSPT\nCPhT since 2020\n"
    ranked = real.rank_postings(resume, [profile], today=TODAY)
    assert ranked[0].score == 50


_CUE_WORDS = st.sampled_from(
    ["Pursuing", "in pursuit of", "working toward", "Looking to", "grow into", "enrolled in",
     "registered for the", "Studying for", "scheduled to sit", "eligible for", "aspiring",
     "goal is to", "currently completing", "CSPT", "CPhT", "while", "the", ".", "\n", "plans to"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_CUE_WORDS, max_size=12).map(" ".join))
def test_cues_are_found_where_the_pattern_finds_them(text):
    from rxguild.resumes import ats_held

    expected = [(m.start(), m.end()) for m in ats_held._BEFORE_RE.finditer(text)]
    assert ats_held.Aspirations(text).cues() == expected
