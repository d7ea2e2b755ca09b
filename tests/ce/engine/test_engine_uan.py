"""UAN parser: real numbers from public pages (reference §4.3), pastes, and every bad part."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxguild.ce.uan import (
    UanError,
    load_providers,
    load_topics,
    normalize_uan_text,
    parse_uan,
    year_from_two_digits,
)

# (uan, provider, provider_name, jointly, year, sequence, format, topic, audience)
REAL_UANS = [
    ("0204-0000-20-001-L01-P", "0204", "ASHP", False, 2020, "001", "L", "01", "P"),
    ("0197-0000-17-001-L05-T", "0197", None, False, 2017, "001", "L", "05", "T"),
    ("0175-0000-14-105-L05-T", "0175", "Pharmacy Society", False, 2014, "105", "L", "05", "T"),
    ("0202-0000-18-269-H04-P", "0202", "APhA", False, 2018, "269", "H", "04", "P"),
    ("0202-0000-17-137-H01-P", "0202", "APhA", False, 2017, "137", "H", "01", "P"),
    ("0430-0000-17-017-H03-P", "0430", "PowerPak", False, 2017, "017", "H", "03", "P"),
    ("0669-0000-23-023-H03-T", "0669", "RxCe", False, 2023, "023", "H", "03", "T"),
    ("0669-0000-23-022-H03-P", "0669", "RxCe", False, 2023, "022", "H", "03", "P"),
    ("0669-0000-22-089-H07-T", "0669", "RxCe", False, 2022, "089", "H", "07", "T"),
    ("0009-0000-25-005-H03-T", "0009", "Connecticut", False, 2025, "005", "H", "03", "T"),
    ("0798-9999-18-246-H04-P", "0798", None, True, 2018, "246", "H", "04", "P"),
]


@pytest.mark.parametrize(
    ("text", "provider", "name_part", "jointly", "year", "sequence", "fmt", "topic", "audience"),
    REAL_UANS,
    ids=[row[0] for row in REAL_UANS],
)
def test_real_uans_decode(
    text: str,
    provider: str,
    name_part: str | None,
    jointly: bool,
    year: int,
    sequence: str,
    fmt: str,
    topic: str,
    audience: str,
) -> None:
    uan = parse_uan(text)
    assert uan.normalized == text
    assert uan.provider == provider
    if name_part is None:
        assert uan.provider_name is None
    else:
        assert uan.provider_name is not None
        assert name_part in uan.provider_name
    assert uan.jointly_provided is jointly
    assert uan.joint_provider == ("9999" if jointly else "0000")
    assert uan.year == year
    assert uan.sequence == sequence
    assert uan.format == fmt
    assert uan.topic_code == topic
    assert uan.topic_name == load_topics()[topic]
    assert uan.audience == audience
    assert uan.legacy is False


def test_legacy_number_from_nc_board() -> None:
    uan = parse_uan("312-000-06-011-L03")
    assert uan.legacy is True
    assert uan.audience is None
    assert uan.provider == "312"
    assert uan.joint_provider == "000"
    assert uan.year == 2006
    assert uan.topic_name == "Law related to pharmacy practice"
    assert uan.normalized == "312-000-06-011-L03"


@pytest.mark.parametrize(
    "pasted",
    [
        "0669-0000-23-023-h03-t",
        "  0669-0000-23-023-H03-T\n",
        "0669 0000 23 023 H03 T",
        "0669 - 0000 - 23 - 023 - H03 - T",
        "0669\u20130000\u201323\u2013023\u2013H03\u2013T",  # en dashes
        "0669\u20140000\u201423\u2014023\u2014H03\u2014T",  # em dashes
        "0669\u22120000\u221223\u2212023\u2212H03\u2212T",  # minus signs
        "0669000023023H03T",  # 17 characters, no separators
    ],
    ids=["lower", "padded", "spaces", "spaced-hyphens", "en-dash", "em-dash", "minus", "compact"],
)
def test_tolerates_what_people_paste(pasted: str) -> None:
    assert parse_uan(pasted).normalized == "0669-0000-23-023-H03-T"


@pytest.mark.parametrize(
    ("text", "part", "fragment"),
    [
        ("", "shape", "not shaped like"),
        ("hello", "shape", "not shaped like"),
        ("0204-0000-20-001", "shape", "PPPP-JJJJ-YY-SSS-FTT-A"),
        ("0204-0000-20-001-L01-P-X", "shape", "not shaped like"),
        ("02A4-0000-20-001-L01-P", "provider", "“02A4”"),
        ("204-0000-20-001-L01-P", "provider", "4 digits"),
        ("0204-0123-20-001-L01-P", "joint_provider", "0000 (provided alone) or 9999"),
        ("312-123-06-011-L03", "joint_provider", "000 (provided alone) or 999"),
        ("0204-0000-2O-001-L01-P", "year", "“2O”"),
        ("0204-0000-2020-001-L01-P", "year", "two digits"),
        ("0204-0000-20-01-L01-P", "sequence", "three digits"),
        ("0204-0000-20-001-X01-P", "format", "“X”"),
        ("0204-0000-20-001-101-P", "format", "“1”"),
        ("0204-0000-20-001-L1-P", "topic", "“L1”"),
        ("0204-0000-20-001-L09-P", "topic", "“09”"),
        ("0204-0000-20-001-L99-T", "topic", "“99”"),
        ("0204-0000-20-001-L00-T", "topic", "“00”"),
        ("0204-0000-20-001-L01-Q", "audience", "“Q”"),
        ("0204-0000-20-001-L01", "audience", "missing the audience letter"),
    ],
)
def test_invalid_numbers_name_the_bad_part(text: str, part: str, fragment: str) -> None:
    with pytest.raises(UanError) as caught:
        parse_uan(text)
    assert caught.value.part == part
    assert fragment in str(caught.value)


def test_b_format_is_accepted_but_described() -> None:
    uan = parse_uan("0204-0000-20-001-B01-T")
    assert uan.format == "B"
    assert uan.format_name == "Live and home study"


def test_explicit_provider_mapping_overrides_data() -> None:
    uan = parse_uan("0798-9999-18-246-H04-P", providers={"0798": "Example Provider"})
    assert uan.provider_name == "Example Provider"
    assert parse_uan("0204-0000-20-001-L01-P", providers={}).provider_name is None


@pytest.mark.parametrize(
    ("two", "four"), [(0, 2000), (6, 2006), (25, 2025), (68, 2068), (69, 1969), (99, 1999)]
)
def test_year_pivot(two: int, four: int) -> None:
    assert year_from_two_digits(two) == four


def test_normalize_only_changes_separators_and_case() -> None:
    assert normalize_uan_text(" a \u2013 b--c ") == "A-B-C"


def test_provider_and_topic_data_are_sourced() -> None:
    providers = load_providers()
    assert len(providers) == 8
    assert providers["0204"].startswith("American Society of Health-System Pharmacists")
    assert sorted(load_topics()) == ["01", "02", "03", "04", "05", "06", "07", "08"]


def test_provider_file_without_source_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "providers.toml"
    bad.write_text('[providers."0204"]\nname = "ASHP"\nconfidence = "high"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"provider '0204': field 'source' is missing"):
        load_providers(bad)


separators = st.sampled_from(["-", " ", " - ", "\u2013", "\u2014", "  "])


@given(
    provider=st.from_regex(r"\A[0-9]{4}\Z"),
    jointly=st.booleans(),
    year=st.integers(0, 99),
    sequence=st.integers(0, 999),
    fmt=st.sampled_from("LHB"),
    topic=st.integers(1, 8),
    audience=st.sampled_from("PT"),
    separator=separators,
    lower=st.booleans(),
)
def test_any_valid_number_round_trips(
    provider: str,
    jointly: bool,
    year: int,
    sequence: int,
    fmt: str,
    topic: int,
    audience: str,
    separator: str,
    lower: bool,
) -> None:
    parts = [
        provider,
        "9999" if jointly else "0000",
        f"{year:02d}",
        f"{sequence:03d}",
        f"{fmt}{topic:02d}",
        audience,
    ]
    pasted = separator.join(parts)
    uan = parse_uan(pasted.lower() if lower else pasted)
    assert uan.normalized == "-".join(parts)
    assert uan.year == year_from_two_digits(year)
    assert uan.jointly_provided is jointly
    assert parse_uan(uan.normalized) == uan


@given(st.text(max_size=30))
def test_arbitrary_text_either_parses_or_raises_uan_error(text: str) -> None:
    try:
        uan = parse_uan(text)
    except UanError as error:
        assert error.part in UanError.PARTS
        assert str(error)
    else:
        assert parse_uan(uan.normalized) == uan


def test_non_ascii_digits_are_refused() -> None:
    # "\d" would accept Arabic-Indic digits; a UAN is ASCII only.
    with pytest.raises(UanError) as caught:
        parse_uan("\u0660204-0000-20-001-L01-P")
    assert caught.value.part == "provider"
