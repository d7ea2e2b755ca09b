"""Which held credentials meet a requirement (pure; no database)."""

from __future__ import annotations

import pytest

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR, CatalogDataError, read_catalog
from rxguild.jobs.credential_match import (
    DATA_FILE,
    CredentialMatch,
    Equivalence,
    EquivalenceTable,
    equivalence_table,
    parse_equivalences,
)


def _entry(holder: str, meets: str, confidence: str = "high") -> Equivalence:
    return Equivalence(
        f"{holder}-{meets}", holder, meets, "note", "https://example.org", confidence
    )


TABLE = EquivalenceTable(
    [
        _entry("ptcb-cpht-adv", "ptcb-cpht"),
        _entry("state-oh-certified-technician", "state-oh-technician", "low"),
        _entry("state-oh-technician", "state-oh-technician-trainee", "medium"),
        _entry("state-tx-technician", "state-tx-technician-trainee", "low"),
    ]
)


@pytest.mark.parametrize(
    ("held", "required", "met_with", "chain", "confidence"),
    [
        ({"ptcb-cpht"}, "ptcb-cpht", "ptcb-cpht", 0, "high"),
        ({"ptcb-cpht-adv"}, "ptcb-cpht", "ptcb-cpht-adv", 1, "high"),
        ({"ptcb-cpht"}, "ptcb-cpht-adv", "", 0, "high"),
        ({"state-tx-technician"}, "state-tx-technician-trainee", "state-tx-technician", 1, "low"),
        ({"state-tx-technician-trainee"}, "state-tx-technician", "", 0, "high"),
        ({"state-tx-technician"}, "state-oh-technician-trainee", "", 0, "high"),
        (
            {"state-oh-certified-technician"},
            "state-oh-technician-trainee",
            "state-oh-certified-technician",
            2,
            "low",
        ),
        (
            {"state-oh-technician"},
            "state-oh-technician-trainee",
            "state-oh-technician",
            1,
            "medium",
        ),
        (set(), "ptcb-cpht", "", 0, "high"),
    ],
    ids=[
        "held-directly",
        "adv-meets-cpht",
        "cpht-does-not-meet-adv",
        "registered-meets-trainee",
        "trainee-does-not-meet-registered",
        "other-state-does-not-count",
        "chain-takes-least-sure-link",
        "one-step-medium",
        "nothing-held",
    ],
)
def test_match(held, required, met_with, chain, confidence):
    match = TABLE.match(held, required)
    assert (match.held, len(match.via), match.confidence) == (met_with, chain, confidence)
    assert match.met is bool(met_with)


def test_the_shortest_chain_wins_over_a_longer_one():
    table = EquivalenceTable(
        [_entry("a", "b", "low"), _entry("b", "c", "low"), _entry("d", "c", "medium")]
    )
    match = table.match({"a", "d"}, "c")
    assert (match.held, [e.code for e in match.via]) == ("d", ["d-c"])


def test_a_low_link_asks_for_confirmation():
    assert TABLE.match({"state-tx-technician"}, "state-tx-technician-trainee").needs_confirmation
    assert not TABLE.match({"ptcb-cpht-adv"}, "ptcb-cpht").needs_confirmation
    assert not CredentialMatch(required="x", held="x").needs_confirmation


@pytest.mark.parametrize(
    ("holder", "expected"),
    [
        ("ptcb-cpht-adv", {"ptcb-cpht-adv", "ptcb-cpht"}),
        ("ptcb-cpht", {"ptcb-cpht"}),
        (
            "state-oh-certified-technician",
            {
                "state-oh-certified-technician",
                "state-oh-technician",
                "state-oh-technician-trainee",
            },
        ),
    ],
    ids=["adv", "cpht-alone", "ohio-chain"],
)
def test_met_by(holder, expected):
    assert TABLE.met_by(holder) == expected


def test_the_shipped_file_names_only_catalog_credentials_and_sources_every_fact():
    catalog_codes = {c.code for c in read_catalog(DEFAULT_DATA_DIR).credentials.entries}
    table = parse_equivalences(DATA_FILE.read_bytes(), known_credentials=catalog_codes)
    assert len(table.equivalences) == 19
    assert all(e.source and e.note and e.confidence for e in table.equivalences)
    assert table.match({"ptcb-cpht-adv"}, "ptcb-cpht").confidence == "high"
    assert equivalence_table().met_by("state-tx-technician") == {
        "state-tx-technician",
        "state-tx-technician-trainee",
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'code = "x"\nholder = "ptcb-cpht"\nmeets = "ptcb-cpht"\nnote = "n"\n'
            'source = "s"\nconfidence = "high"',
            "trivially meets itself",
        ),
        (
            'code = "x"\nholder = "ptcb-cpht"\nmeets = "nope-x"\nnote = "n"\n'
            'source = "s"\nconfidence = "high"',
            "unknown credential 'nope-x'",
        ),
        (
            'code = "x"\nholder = "ptcb-cpht-adv"\nmeets = "ptcb-cpht"\nnote = "n"\n'
            'confidence = "sure"',
            "source",
        ),
        (
            'code = "x"\nholder = "ptcb-cpht-adv"\nmeets = "ptcb-cpht"\nnote = "n"\n'
            'source = "s"\nconfidence = "high"\nextra = 1',
            "unknown field",
        ),
    ],
    ids=["self", "unknown-code", "no-source", "unknown-field"],
)
def test_bad_entries_are_named(body, message):
    content = f'version = "1"\nupdated = 2026-12-04\n[[equivalences]]\n{body}\n'.encode()
    with pytest.raises(CatalogDataError) as error:
        parse_equivalences(content, known_credentials={"ptcb-cpht", "ptcb-cpht-adv"})
    assert message in str(error.value)
    assert "credential_equivalences.toml, entry #1 'x'" in str(error.value)
