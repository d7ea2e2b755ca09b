"""Inflection, word order, nested skills, products counting for their kind, one hit per span:
the per-class guards of the ATS engine on the real taxonomy. Sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from rxguild.resumes.ats import Analyzer
from rxguild.resumes.ats_taxonomy import load_taxonomy
from rxguild.resumes.ats_text import normalize_word

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def real() -> Analyzer:
    return Analyzer(load_taxonomy())


def _codes(analyzer: Analyzer, text: str) -> list[str]:
    return [hit.code for hit in analyzer.extract(text) if not hit.negated]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Compounded sterile preparations for the oncology floor", "sterile-compounding"),
        ("Compounding of sterile products in a cleanroom", "sterile-compounding"),
        ("Reconciled medications for new admissions", "medication-reconciliation"),
        ("Reconciliation of medication lists at discharge", "medication-reconciliation"),
        ("Managed the inventories of two stores", "inventory-management"),
        ("Dispensed medications to long-term care residents", "prescription-filling"),
        ("Filled prescriptions for a busy store", "prescription-filling"),
    ],
    ids=["compounded", "compounding-of", "reconciled", "reconciliation-of", "inventories",
         "dispensed", "filled"],
)  # fmt: skip
def test_a_skill_is_found_whatever_form_its_words_take(real, text, code):
    assert code in _codes(real, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Took phone orders from clinics", "drug-ordering"),
        ("Write clear notes", "writing"),
        ("An excellent team player", "microsoft-excel"),
        ("Built schedules, staff rotations and checklists", "staff-scheduling"),
    ],
    ids=["orders", "write", "excellent", "comma-between"],
)
def test_stems_do_not_turn_everyday_words_into_skills(real, text, code):
    assert code not in _codes(real, text)


def test_stemming_folds_inflections_alike():
    assert {normalize_word(w) for w in ("compounded", "compounding", "compounds")} == {"compound"}
    assert normalize_word("reconciliation") == normalize_word("reconciled")
    assert normalize_word("medical") != normalize_word("medication")
    assert normalize_word("ADCs") == "adc"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("USP <797> sterile compounding standard", {"usp-797", "sterile-compounding"}),
        ("USP 797 sterile compounding", {"usp-797", "sterile-compounding"}),
        ("Led monthly inventory counts", {"cycle-counts"}),
    ],
    ids=["standard-name", "side-by-side", "inventory-counts"],
)
def test_a_longer_match_does_not_swallow_a_skill_inside_it(real, text, codes):
    assert codes <= set(_codes(real, text))


def test_a_credential_name_does_not_count_the_words_inside_it(real):
    codes = _codes(real, "Texas pharmacy technician registration, active")
    assert codes == ["state-tx-technician"]


def test_the_same_skill_is_never_reported_twice_on_one_span(real):
    for text in (
        "USP <797> sterile compounding standard",
        "Compounded sterile preparations under USP 797",
        "Pyxis MedStation restocking",
    ):
        hits = real.extract(text)
        spans = [(hit.code, hit.start, hit.end) for hit in hits]
        for code, start, end in spans:
            assert not [
                other
                for other in spans
                if other[0] == code and other != (code, start, end)
                and other[1] < end and start < other[2]
            ], (text, spans)  # fmt: skip


ADC = "automated dispensing cabinet experience"
SOFTWARE = "pharmacy software experience"
WHOLESALER = "Wholesaler ordering portals"


@pytest.mark.parametrize(
    ("resume", "posting_wants", "through"),
    [
        ("Restocked Omnicell XT cabinets", ADC, "Omnicell"),
        ("Daily restock of Pyxis machines", ADC, "BD Pyxis MedStation"),
        ("Entered orders in PioneerRx", SOFTWARE, "PioneerRx"),
        ("Processed fills in EnterpriseRx", SOFTWARE, "McKesson EnterpriseRx"),
        ("Input 300 scripts a day in Rx30", SOFTWARE, "Rx30"),
        ("Data entry in PrimeRx", SOFTWARE, "PrimeRx"),
        ("Order entry in FrameworkLTC", SOFTWARE, "FrameworkLTC"),
        ("Placed the daily order in McKesson Connect", "inventory control", WHOLESALER),
    ],
    ids=["omnicell", "pyxis", "pioneerrx", "enterpriserx", "rx30", "primerx", "frameworkltc",
         "wholesaler"],
)  # fmt: skip
def test_a_product_counts_for_its_kind_and_says_through_what(real, resume, posting_wants, through):
    analysis = real.analyze(
        resume_text=resume, posting_text=f"Requirements:\n- {posting_wants}\n", today=TODAY
    )
    assert [(item.through, item.importance) for item in analysis.matched] == [(through, "required")]
    assert analysis.missing == ()
    assert analysis.score == 100


def test_a_kind_does_not_count_for_a_product(real):
    analysis = real.analyze(
        resume_text="Restocked automated dispensing cabinets",
        posting_text="Requirements:\n- Omnicell experience\n",
        today=TODAY,
    )
    assert analysis.matched == ()
    assert analysis.score == 0


def test_one_product_does_not_count_for_another(real):
    profile = real.posting_profile("Requirements:\n- Omnicell\n")
    assert real.rank_postings("Pyxis every day", [profile], today=TODAY)[0].score == 0
    assert real.rank_postings("Omnicell every day", [profile], today=TODAY)[0].score == 100


def test_ranking_counts_a_product_for_its_kind(real):
    profile = real.posting_profile("Requirements:\n- automated dispensing cabinets\n")
    assert real.rank_postings("Omnicell every day", [profile], today=TODAY)[0].score == 100


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Must be registered with the Ohio Board of Pharmacy", "state-oh-technician"),
        ("Holds a Texas technician trainee license", "state-tx-technician-trainee"),
        ("RPhT in good standing", "technician-registration"),
        ("Passed the PTCE on the first attempt", "ptcb-cpht"),
        ("Sat the ExCPT exam in May", "nha-excpt"),
        ("Offer depends on a criminal background check", "background-check"),
        ("A pre-employment drug screen is part of hiring", "drug-screen"),
        ("A valid driver's license for courier runs", "drivers-license"),
        ("Proof of immunization and a TB test before the first shift", "employee-immunizations"),
        ("High school diploma or GED", "high-school-diploma"),
    ],
    ids=["board", "trainee", "rpht", "ptce", "excpt", "background", "drug-screen", "license",
         "immunizations", "diploma"],
)  # fmt: skip
def test_registrations_exams_and_conditions_of_employment(real, text, code):
    assert code in _codes(real, text)


def test_the_employees_immunizations_are_not_giving_immunizations(real):
    assert "immunization-administration" not in _codes(real, "Current immunizations required")
    assert "immunization-administration" in _codes(real, "Gave flu shots to walk-in patients")


def test_conditions_of_employment_are_read_but_not_scored(real):
    posting = "Requirements:\n- CPhT\n- Background check and drug screen\n"
    analysis = real.analyze(resume_text="CPhT since 2020", posting_text=posting, today=TODAY)
    assert {item.code for item in analysis.posting.items} == {
        "ptcb-cpht",
        "background-check",
        "drug-screen",
    }
    assert [item.code for item in analysis.matched] == ["ptcb-cpht"]
    assert analysis.missing == ()
    assert analysis.score == 100


def test_settings_are_read_in_resumes_as_in_postings(real):
    resume = "Inpatient technician at a medical center, then two years in long-term care"
    analysis = real.analyze(resume_text=resume, posting_text="CPhT required", today=TODAY)
    assert analysis.resume_settings == ("hospital", "long_term_care")
    assert real.posting_profile(resume).settings == analysis.resume_settings


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Must register with the Tennessee Board of Pharmacy", "state-tn-technician"),
        ("North Dakota pharmacy technician registration required", "state-nd-technician"),
        ("Oklahoma pharmacy technician permit (we sponsor it)", "state-ok-technician"),
        ("Louisiana technician certificate", "state-la-technician"),
        ("Colorado certified pharmacy technician", "state-co-technician"),
        ("Iowa certified pharmacy technician registration", "state-ia-technician"),
        ("Nevada pharmaceutical technician registration", "state-nv-technician"),
        ("Pharmacy Technician II (Rhode Island)", "state-ri-technician-ii"),
        ("Illinois Registered Certified Pharmacy Technician", "state-il-certified-technician"),
        ("Registered Pharmacy Technician (TN)", "state-tn-technician"),
        ("Montana technician in training permit", "state-mt-technician-in-training"),
        ("Arizona pharmacy technician trainee license", "state-az-technician-trainee"),
    ],
)  # fmt: skip
def test_every_state_registration_is_read_as_postings_write_it(real, text, code):
    codes = {hit.code for hit in real.extract(text)}
    assert code in codes
    # The state's own credential, not the generic "technician registration" nor the CPhT.
    assert codes & {"technician-registration", "ptcb-cpht"} == set()


def test_a_state_abbreviation_that_is_a_word_stays_a_word(real):
    codes = {hit.code for hit in real.extract("CURRENT LICENSE OR REGISTRATION IN GOOD STANDING")}
    assert not any(code.startswith("state-") for code in codes)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PTCB Nonsterile Compounding certificate is a plus", "ptcb-abc-nonsterile-compounding"),
        ("PTCB Advanced Certified Pharmacy Technician", "ptcb-cpht-adv"),
    ],
)
def test_the_issuer_before_a_certificate_is_part_of_it(real, text, code):
    assert {hit.code for hit in real.extract(text)} == {code}


def test_the_boards_short_names_stand_for_their_certification(real):
    codes = {hit.code for hit in real.extract("PTCB or NHA certification preferred")}
    assert codes == {"ptcb-cpht", "nha-excpt"}
