"""How people write the work, read as the taxonomy's skills (issue #15's second round, from the
development half of the fresh evaluation set): one case per phrasing class."""

from __future__ import annotations

import pytest

from rxguild.resumes.ats import Analyzer
from rxguild.resumes.ats_taxonomy import SKILL, Taxonomy, Term, load_taxonomy


@pytest.fixture(scope="module")
def real() -> Analyzer:
    return Analyzer(load_taxonomy())


def test_two_one_word_forms_of_one_skill_each_count_as_its_own_word():
    taxonomy = Taxonomy()
    index = taxonomy.add_term(Term("garbing", "Garbing", SKILL, "sterile"))
    taxonomy.add_form(index, "garbing", canonical=True)
    taxonomy.add_form(index, "garbed", canonical=False)  # the same stem, "garb"
    (form,) = taxonomy.forms.values()
    assert form.canonical and form.whole_words == ("garbing", "garbed")


def test_a_second_word_form_does_not_open_the_stem_to_other_words(real):
    assert "garbing" in {hit.code for hit in real.extract("Garbed per policy")}
    assert {hit.code for hit in real.extract("Reviewed orders")} == set()  # not "ordering"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Run the register and answer the phone", "phone-skills"),
        ("follow up by phone within 72 hours", "phone-skills"),
        ("Compound oral liquids, capsules and topicals", "oral-liquid-compounding"),
        ("Compound oral liquids, capsules and topicals", "topical-compounding"),
        ("Work denials from PBMs", "rejected-claims"),
        ("post remittances from 835 files", "remittance-reconciliation"),
        ("POC testing for strep", "point-of-care-testing"),
        ("blood pressure checks at the kiosk", "blood-pressure-screening"),
        ("Ran the weekly controlled substance inventory", "controlled-substance-records"),
        ("Maintain the pharmacy dictionary in MEDITECH", "order-set-build"),
        ("Load the robot and clear jams", "robotic-dispensing"),
        ("Load the robot and clear jams", "automation-troubleshooting"),
        ("Took patient payments and set up payment plans", "payment-collection"),
        ("Prepare Tc-99m kits aseptically", "aseptic-technique"),
        ("wear dosimeters", "radiation-safety"),
        ("deliver medications to the floors", "nursing-unit-delivery"),
        ("Rotated stock by expiration date", "stocking"),
        ("Pack weekly pill packs", "adherence-packaging"),
        ("helping with our fall flu shot clinics", "vaccine-clinics"),
    ],
)  # fmt: skip
def test_common_phrasings_of_the_work_are_read(real, text, code):
    assert code in {hit.code for hit in real.extract(text)}


@pytest.mark.parametrize(
    ("text", "code", "not_code"),
    [
        ("receive wholesaler deliveries", "receiving-orders", "prescription-delivery"),
        ("keep accountability logs", "pharmacy-recordkeeping", "accountability"),
        ("review the sterile compounding competency records", "sterile-competency",
         "sterile-compounding"),
        ("flu shot clinics", "vaccine-clinics", "immunization-administration"),
    ],
)  # fmt: skip
def test_a_longer_phrase_names_the_narrower_skill(real, text, code, not_code):
    codes = {hit.code for hit in real.extract(text)}
    assert code in codes and not_code not in codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Precepted technician students", "precepting"),
        ("Interpreted for Spanish-speaking patients", "interpreter-services"),
        ("stocking chemicals", "stocking"),
        ("Worked the register on weekends", "point-of-sale"),
        ("Background check, drug screen and MVR", "drivers-license"),
        ("compounded BHRT creams", "hormone-compounding"),
    ],
)
def test_more_phrasings_of_the_work_are_read(real, text, code):
    assert code in {hit.code for hit in real.extract(text)}
