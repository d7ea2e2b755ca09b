"""The pure reader/validator (no database): the real files are valid and complete, and every kind
of mistake is reported with its file, entry and field."""

from __future__ import annotations

import dataclasses
import tomllib
from collections import Counter

import pytest

from rxguild.catalog import datafiles
from rxguild.catalog.datafiles import (
    DEFAULT_DATA_DIR,
    FILE_NAMES,
    US_STATES,
    CatalogDataError,
    normalize_term,
    read_catalog,
)
from rxguild.catalog.models import Confidence, Credential, Skill
from rxguild.catalog.selectors import ONET_ATTRIBUTION
from rxguild.ce.jurisdictions import load_jurisdictions

RESEARCHED_STATES = ["ca", "tx", "fl", "ny", "pa", "il", "oh", "ga", "nc", "mi", "nj", "va", "wa"]


@pytest.fixture(scope="module")
def catalog_data() -> datafiles.CatalogData:
    return read_catalog(DEFAULT_DATA_DIR)


def test_real_files_validate_with_expected_sizes(catalog_data):
    sizes = {f.name: len(f.entries) for f in catalog_data.files()}
    assert sizes == {
        "credentials.toml": 85,
        "practice_settings.toml": 15,
        "specializations.toml": 18,
        "skills.toml": 346,
        "wages.toml": 47,
    }
    assert len(catalog_data.skills.entries) >= 300


@pytest.mark.parametrize("name", FILE_NAMES)
def test_every_file_is_versioned_and_every_entry_sourced(name):
    document = tomllib.loads((DEFAULT_DATA_DIR / name).read_text(encoding="utf-8"))
    # credentials.toml gained the issue #19 jurisdictions in December, wages.toml metro areas.
    expected = {
        "credentials.toml": ("2026.12.1", "2026-12-03"),
        "wages.toml": ("2026.12.1", "2026-12-06"),
    }.get(name, ("2026.11.1", "2026-11-26"))
    assert (document["version"], str(document["updated"])) == expected
    entries = document[name.removesuffix(".toml")]
    missing = [e["code"] for e in entries if not e.get("source", "").strip()]
    bad = [e["code"] for e in entries if e.get("confidence") not in Confidence.values]
    assert missing == []
    assert bad == []


def test_fixed_credential_codes_exist(catalog_data):
    codes = {e.code for e in catalog_data.credentials.entries}
    national = {"ptcb-cpht", "ptcb-cpht-adv", "ptcb-cspt", "nha-excpt"}
    states = {f"state-{st}-technician" for st in RESEARCHED_STATES}
    tiers = {
        "state-oh-certified-technician",
        "state-il-certified-technician",
        "state-tx-technician-trainee",
        "state-pa-technician-trainee",
        "state-oh-technician-trainee",
        "state-va-technician-trainee",
    }
    assert national <= codes
    assert states <= codes
    assert tiers <= codes
    certificates = sorted(c for c in codes if c.startswith("ptcb-abc-"))
    assert len(certificates) == 11
    # The 13 researched first, then the jurisdictions of issue #19 that issue a credential.
    with_credentials = {code for code, j in load_jurisdictions().items() if j.regulates_technicians}
    states_in_catalog = {e.state for e in catalog_data.credentials.entries if e.state}
    assert states_in_catalog == {s.upper() for s in RESEARCHED_STATES} | with_credentials


def test_cspt_and_certificates_require_cpht(catalog_data):
    by_code = {e.code: e for e in catalog_data.credentials.entries}
    assert by_code["ptcb-cspt"].requires == ("ptcb-cpht",)
    assert by_code["ptcb-cpht-adv"].requires == ("ptcb-cpht",)
    assert all(
        e.requires == ("ptcb-cpht",) for c, e in by_code.items() if c.startswith("ptcb-abc-")
    )


def test_no_phrase_belongs_to_two_skills(catalog_data):
    owners: Counter[str] = Counter()
    for skill in catalog_data.skills.entries:
        for phrase in {normalize_term(t) for t in (skill.name, *skill.synonyms)}:
            owners[phrase] += 1
    assert [phrase for phrase, count in owners.items() if count > 1] == []


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Pyxis", "bd-pyxis"),
        ("Omnicell", "omnicell"),
        ("ADC", "automated-dispensing-cabinets"),
        ("automated dispensing cabinet", "automated-dispensing-cabinets"),
        ("IV admixture", "sterile-compounding"),
        ("IV compounding", "sterile-compounding"),
        ("USP 797", "usp-797"),
        ("USP <797>", "usp-797"),
        ("USP Chapter 797", "usp-797"),
        ("med rec", "medication-reconciliation"),
        ("prior auth", "prior-authorization"),
        ("PA", "prior-authorization"),
        ("TPN", "parenteral-nutrition"),
        ("chemo", "chemotherapy-compounding"),
        ("LASA", "lasa"),
        ("look-alike sound-alike", "lasa"),
        ("DSCSA", "dscsa"),
        ("CII", "schedule-ii"),
        ("third party billing", "third-party-billing"),
        ("NDC", "ndc"),
        ("sig codes", "sig-codes"),
        ("tech-check-tech", "technician-product-verification"),
    ],
)
def test_real_world_phrases_map_to_one_skill(catalog_data, phrase, code):
    owners = [
        s.code
        for s in catalog_data.skills.entries
        if normalize_term(phrase) in {normalize_term(t) for t in (s.name, *s.synonyms)}
    ]
    assert owners == [code]


def test_every_category_is_used_and_mirrors_the_model(catalog_data):
    assert set(datafiles.SKILL_CATEGORIES) == set(Skill.Category.values)
    assert set(datafiles.CREDENTIAL_KINDS) == set(Credential.Kind.values)
    used = {s.category for s in catalog_data.skills.entries}
    assert used == set(Skill.Category.values)


def test_onet_terms_carry_the_cc_by_attribution(catalog_data):
    assert catalog_data.skills.attribution == ONET_ATTRIBUTION
    onet = [s for s in catalog_data.skills.entries if "O*NET" in s.source]
    assert len(onet) >= 60
    with_ids = {s.code: s.onet_element_id for s in onet if s.onet_element_id}
    assert with_ids["active-listening"] == "2.A.1.b"
    assert with_ids["reading-comprehension"] == "2.A.1.a"


def test_wages_cover_us_and_the_13_states(catalog_data):
    areas = {w.area for w in catalog_data.wages.entries if not w.msa_code}
    assert areas == {s.upper() for s in RESEARCHED_STATES} | {"US"}
    us_2023 = next(w for w in catalog_data.wages.entries if w.code == "us-oews-2023")
    assert str(us_2023.annual_median) == "40300"
    assert str(us_2023.hourly_median) == "19.37"
    assert us_2023.employment == 463900
    assert us_2023.confidence == "high"


# ---------------------------------------------------------------- mistakes are named precisely


def _contents() -> dict[str, bytes]:
    return {name: (DEFAULT_DATA_DIR / name).read_bytes() for name in FILE_NAMES}


def _replace(contents: dict[str, bytes], name: str, old: str, new: str) -> dict[str, bytes]:
    text = contents[name].decode()
    assert text.count(old) == 1, old
    return {**contents, name: text.replace(old, new).encode()}


SKILL_ADC = 'code = "automated-dispensing-cabinets"'


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        pytest.param(
            "skills.toml",
            'code = "lasa"\nname = "Look-alike/sound-alike medications"\ncategory = "dispensing"',
            'code = "lasa"\nname = "Look-alike/sound-alike medications"\ncategory = "safety"',
            "skills.toml, entry #33 'lasa', field 'category': unknown category 'safety' "
            "(expected one of: dispensing, sterile_compounding, nonsterile_compounding, "
            "hazardous_drugs, inventory, billing, regulatory, software_automation, "
            "clinical_support, soft_skills)",
            id="unknown-category",
        ),
        pytest.param(
            "practice_settings.toml",
            'confidence = "high"\n\n[[practice_settings]]\ncode = "compounding-nonsterile"',
            'confidence = "certain"\n\n[[practice_settings]]\ncode = "compounding-nonsterile"',
            "practice_settings.toml, entry #6 'compounding-sterile', field 'confidence': "
            "unknown confidence 'certain' (expected one of: high, medium, low, unverified)",
            id="bad-confidence",
        ),
        pytest.param(
            "wages.toml",
            'source = "RxGuild reference §8 (New York figures not retrieved)"\n',
            "",
            "wages.toml, entry #18 'ny-not-retrieved', field 'source': is required",
            id="missing-source",
        ),
        pytest.param(
            "specializations.toml",
            'code = "pediatrics"',
            'code = "nuclear"',
            "specializations.toml, entry #6 'nuclear', field 'code': "
            "duplicate code (first used by entry #4)",
            id="duplicate-code",
        ),
        pytest.param(
            "skills.toml",
            'synonyms = ["Omnicell XT", "Omnicell cabinets", "Omnicell automation"]',
            'synonyms = ["Omnicell XT", "Omnicell cabinets", "ADC"]',
            "skills.toml, entry #236 'omnicell', field 'synonyms': duplicate synonym 'ADC' "
            "(already used by skill 'automated-dispensing-cabinets')",
            id="duplicate-synonym",
        ),
        pytest.param(
            "practice_settings.toml",
            'typical_credentials = ["ptcb-cpht", "ptcb-abc-nonsterile-compounding"]',
            'typical_credentials = ["ptcb-cpht", "ptcb-abc-nonsterile"]',
            "practice_settings.toml, entry #7 'compounding-nonsterile', "
            "field 'typical_credentials': unknown credential 'ptcb-abc-nonsterile'",
            id="unknown-credential-reference",
        ),
        pytest.param(
            "credentials.toml",
            'code = "ptcb-cspt"\nname',
            'code = "ptcb-cspt"\ncolour = "blue"\nname',
            "credentials.toml, entry #2 'ptcb-cspt', field 'colour': unknown field (allowed: "
            "abbreviation, code, confidence, description, issuer, kind, name, requires, "
            "source, state, url)",
            id="unknown-field",
        ),
        pytest.param(
            "credentials.toml",
            'version = "2026.12.1"',
            "version = 3",
            "credentials.toml, field 'version': top-level text 'version' is required",
            id="bad-version",
        ),
        pytest.param(
            "skills.toml",
            'name = "Active listening"',
            'name = "' + "Active listening " * 8 + '"',
            "skills.toml, entry #308 'active-listening', field 'name': is 135 characters "
            "long (at most 120)",
            id="too-long-for-the-column",
        ),
        pytest.param(
            "wages.toml",
            '[[wages]]\ncode = "us-oews-2023"\n',
            '[[wages\ncode = "us-oews-2023"\n',
            None,
            id="invalid-toml",
        ),
    ],
)
def test_mistakes_are_reported_by_file_entry_and_field(name, old, new, message):
    contents = _replace(_contents(), name, old, new)
    with pytest.raises(CatalogDataError) as caught:
        datafiles.parse_catalog(contents)
    problems = [str(p) for p in caught.value.problems]
    if message is None:
        assert len(problems) == 1
        assert problems[0].startswith("wages.toml: is not valid TOML: ")
    else:
        assert problems == [message]


def test_all_problems_are_collected_in_one_pass():
    contents = _replace(
        _contents(),
        "skills.toml",
        'code = "ndc"\nname = "National Drug Code (NDC)"\ncategory = "dispensing"',
        'code = "ndc"\nname = "National Drug Code (NDC)"\ncategory = "x"',
    )
    contents = _replace(contents, "skills.toml", SKILL_ADC, 'code = "bd-pyxis"')
    with pytest.raises(CatalogDataError) as caught:
        datafiles.parse_catalog(contents)
    assert [str(p) for p in caught.value.problems] == [
        "skills.toml, entry #24 'ndc', field 'category': unknown category 'x' (expected one of: "
        "dispensing, sterile_compounding, nonsterile_compounding, hazardous_drugs, inventory, "
        "billing, regulatory, software_automation, clinical_support, soft_skills)",
        "skills.toml, entry #234 'bd-pyxis', field 'code': duplicate code (first used by entry "
        "#233)",
    ]


def test_missing_file_is_named():
    contents = _contents()
    del contents["wages.toml"]
    with pytest.raises(CatalogDataError) as caught:
        datafiles.parse_catalog(contents)
    assert [str(p) for p in caught.value.problems] == ["wages.toml: file is missing"]


# Metropolitan-area pay (issue #13): every row is checked, since a wrong figure would be shown to
# members as their area's official pay.
_MEASURES = tuple(
    f.name
    for f in dataclasses.fields(datafiles.WageEntry)
    if f.name.startswith(("hourly_", "annual_")) or f.name == "employment"
)


def test_every_wage_row_has_a_source_url_a_valid_confidence_and_positive_numbers(catalog_data):
    for w in catalog_data.wages.entries:
        assert w.confidence in Confidence.values, w.code
        if w.period != "not retrieved":  # the listed-but-missing rows cite the reference
            assert "https://" in w.source, w.code
        numbers = [getattr(w, name) for name in _MEASURES if getattr(w, name) is not None]
        assert all(n > 0 for n in numbers), w.code
        if w.period != "not retrieved":
            assert numbers, f"{w.code} has no figure"


def test_metro_rows_name_their_area_period_and_source(catalog_data):
    metros = [w for w in catalog_data.wages.entries if w.msa_code]
    assert len(metros) == 21
    assert len({w.msa_code for w in metros}) == 21  # one row per metro and period here
    for w in metros:
        assert len(w.msa_code) == 5 and w.msa_code.isdigit(), w.code
        assert w.msa_name and w.area in US_STATES and w.period.startswith("May 20"), w.code
        assert w.source.startswith(f"BLS OEWS {w.period} as restated at https://"), w.code
        # Third-party restatements: never "high" (only a bls.gov page would be).
        assert w.confidence == "medium", w.code
    seattle = next(w for w in metros if w.msa_code == "42660")
    assert (seattle.msa_name, seattle.area, seattle.period) == (
        "Seattle-Tacoma-Bellevue",
        "WA",
        "May 2019",
    )
    assert (seattle.employment, str(seattle.annual_mean)) == (3960, "44940")
    grand_rapids = next(w for w in metros if w.msa_code == "24340")
    assert (str(grand_rapids.hourly_median), str(grand_rapids.annual_median)) == ("20.69", "43040")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ('msa_code = "42660"', "'4266' is not a 5-digit metropolitan area code"),
        ('msa_name = "Seattle-Tacoma-Bellevue"', "a metro figure needs msa_name"),
    ],
)
def test_a_malformed_metro_row_is_a_named_problem(edit, message):
    text = (DEFAULT_DATA_DIR / "wages.toml").read_text(encoding="utf-8")
    broken = text.replace(edit, 'msa_code = "4266"' if "code" in edit else 'msa_name = ""')
    problems: list = []
    datafiles.parse_file("wages.toml", broken.encode(), problems)
    assert any(message in str(p) for p in problems), problems
