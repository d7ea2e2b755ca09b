# ruff: noqa: E501 - the bad-edit table reads best one case per line
"""The shipped requirements file: every fact sourced, dated and rated; references resolve;
bad edits are refused with the entry and field named."""

from __future__ import annotations

import datetime as dt

import pytest

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR, read_catalog
from rxguild.roadmap.requirements import (
    CONFIDENCES,
    RequirementsDataError,
    load_requirements,
    parse_requirements,
)

DATA = load_requirements()
CATALOG = read_catalog(DEFAULT_DATA_DIR)


def test_shipped_file_loads_with_its_targets():
    assert {"ptcb-cspt", "ptcb-cpht-adv", "ptcb-cpht", "nha-excpt"} <= set(DATA.targets)
    assert len([t for t in DATA.targets.values() if t.kind == "credential"]) == 15
    assert DATA.version == "2026.12.1"


def _facts():
    yield from (("fee", f) for f in DATA.fees.values())
    yield from (("requirement", r) for r in DATA.requirements.values())
    yield from (("target", t) for t in DATA.targets.values())


@pytest.mark.parametrize(("what", "fact"), list(_facts()), ids=lambda v: getattr(v, "code", v))
def test_every_fact_has_source_date_and_confidence(what, fact):
    assert fact.source.strip(), f"{what} {fact.code} has no source"
    assert fact.checked >= dt.date(2026, 11, 1)
    assert fact.confidence in CONFIDENCES


def test_course_hours_carry_their_own_source():
    with_hours = [r for r in DATA.requirements.values() if r.course_hours is not None]
    assert [r.code for r in with_hours] == ["cspt-program"]
    assert with_hours[0].course_hours_source.startswith("https://elearning.ashp.org/")
    assert with_hours[0].course_hours_confidence == "medium"


def test_fees_match_ptcb_pages():
    # PTCB refund policy and the CSPT fee page (stored copies, checked 2026-12-03).
    assert {code: int(fee.amount) for code, fee in DATA.fees.items()} == {
        "ptcb-cpht-exam": 129,
        "ptcb-cspt-application": 50,
        "ptcb-cspt-exam": 149,
        "ptcb-abc-exam": 89,
        "ptcb-cpht-adv-claim": 0,
        # NYSED's license-requirements page (reference §6), in registrations.toml.
        "ny-registration-fee": 175,
    }
    assert all(f.confidence in ("medium", "high") for f in DATA.fees.values())


def test_every_credential_code_is_in_the_catalog():
    catalog_codes = {entry.code for entry in CATALOG.credentials.entries}
    assert DATA.credential_codes() - catalog_codes == set()


def test_every_specialty_and_setting_is_in_the_catalog():
    assert DATA.specialty_codes() - {e.code for e in CATALOG.specializations.entries} == set()
    assert DATA.setting_codes() - {e.code for e in CATALOG.practice_settings.entries} == set()


def test_credential_targets_name_their_own_credential():
    for target in DATA.targets.values():
        if target.kind == "credential":
            assert target.credential == target.code


def test_unverified_eligibility_is_marked_so():
    # State registrations the reference did not research are unverified too
    # (tests/roadmap/test_registrations.py).
    unverified = {
        t.code
        for t in DATA.targets.values()
        if t.confidence == "unverified" and t.kind != "registration"
    }
    assert unverified == {
        "ptcb-abc-point-of-care-testing",
        "ptcb-abc-mtm",
        "ptcb-abc-regulatory-compliance",
        "ptcb-abc-supply-chain",
        "specialty-pediatrics",
        "specialty-long-term-care",
    }
    assert DATA.requirements["csdp-program"].confidence == "low"


GOOD = """
version = "1"
updated = 2026-12-01
[[fees]]
code = "exam-fee"
label = "Exam"
amount = 10
source = "https://example.org/fee"
checked = 2026-12-01
confidence = "high"
[[requirements]]
code = "exam"
label = "Pass the exam"
kind = "exam"
fees = ["exam-fee"]
source = "https://example.org/exam"
checked = 2026-12-01
confidence = "high"
[[targets]]
code = "cred"
kind = "credential"
credential = "cred"
name = "A credential"
requirements = ["exam"]
source = "https://example.org/cred"
checked = 2026-12-01
confidence = "medium"
"""


def test_a_minimal_file_parses():
    data = parse_requirements(GOOD)
    assert data.targets["cred"].requirements[0].fees[0].amount == 10


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (('source = "https://example.org/exam"\n', ""), "requirement exam, field 'source': is required"),
        (("checked = 2026-12-01\nconfidence = \"high\"\n[[targets]]", "confidence = \"high\"\n[[targets]]"), "requirement exam, field 'checked': is required as a date"),
        (('confidence = "medium"', 'confidence = "sure"'), "target cred, field 'confidence': 'sure' is not one of"),
        (('requirements = ["exam"]', 'requirements = ["exma"]'), "target cred, field 'requirements': unknown requirement 'exma'"),
        (('fees = ["exam-fee"]', 'fees = ["nope"]'), "requirement exam, field 'fees': unknown fee 'nope'"),
        (('kind = "exam"', 'kind = "quiz"'), "requirement exam, field 'kind': 'quiz' is not one of"),
        (('amount = 10', 'amount = -1'), "fee exam-fee, field 'amount': must not be negative"),
        (('name = "A credential"', 'name = "A credential"\nincludes = ["cred"]'), "target cred, field 'includes': includes itself"),
        (('label = "Pass the exam"', 'label = "Pass the exam"\ncolour = "red"'), "requirement exam, field 'colour': unknown field"),
    ],
    ids=["no-source", "no-checked-date", "bad-confidence", "unknown-requirement", "unknown-fee",
         "unknown-kind", "negative-fee", "include-cycle", "unknown-field"],
)  # fmt: skip
def test_bad_edits_are_refused_with_entry_and_field(edit, problem):
    old, new = edit
    assert old in GOOD
    with pytest.raises(RequirementsDataError) as raised:
        parse_requirements(GOOD.replace(old, new, 1))
    assert any(p.startswith(problem) for p in raised.value.problems), raised.value.problems


def test_credential_count_cannot_ask_for_more_than_it_lists():
    text = GOOD.replace(
        'kind = "exam"\nfees = ["exam-fee"]',
        'kind = "credential_count"\ncount = 3\ncredentials = ["a", "b"]',
    )
    with pytest.raises(RequirementsDataError) as raised:
        parse_requirements(text)
    assert raised.value.problems == [
        "requirement exam, field 'count': asks for 3 of only 2 credentials"
    ]


def test_not_toml_is_one_clear_problem():
    with pytest.raises(RequirementsDataError) as raised:
        parse_requirements("version = ", name="requirements.toml")
    assert raised.value.problems[0].startswith("requirements.toml: is not valid TOML")
