"""Rule-set data files, their validation, cycles and dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rxguild.ce.compliance import (
    RuleSetError,
    add_months,
    cpe_monitor_deadline,
    cycle_for,
    load_rule_sets,
    rule_set_for,
)

from .helpers import rule_sets

STATES = ["ca", "tx", "fl", "ny", "pa", "il", "oh", "ga", "nc", "mi", "nj", "va", "wa"]
# Issue #19: the remaining jurisdictions, added batch by batch.
NEW_JURISDICTIONS = ["al", "ak", "az", "ar", "co", "ct", "dc", "hi", "wy"]
NEW_JURISDICTIONS += ["in", "ia", "ks", "ky", "la", "me", "md", "ma", "mn"]
NEW_JURISDICTIONS += ["ms", "mo", "mt", "ne", "nv", "nh", "nm", "nd", "ok"]
NEW_JURISDICTIONS += ["id", "pr", "ri", "sc", "sd", "tn", "ut", "vt", "wv", "wi"]


def test_every_required_rule_set_ships() -> None:
    expected = {"ptcb-cpht", "ptcb-cpht-adv", "ptcb-cspt", "nha-excpt"}
    expected |= {f"state-{state}-technician" for state in STATES + NEW_JURISDICTIONS}
    expected |= {"state-oh-certified-technician", "state-il-certified-technician"}
    expected |= {"state-nh-certified-technician", "state-or-certified-technician"}
    expected |= {"state-ri-technician-ii"}
    assert set(rule_sets()) == expected


def test_every_rule_set_requirement_and_cap_cites_a_source() -> None:
    for rule_set in rule_sets().values():
        assert rule_set.sources, rule_set.code
        assert all(s.startswith("http") for s in rule_set.sources), rule_set.code
        for requirement in rule_set.requirements:
            assert requirement.source.startswith("http"), (rule_set.code, requirement.code)
            for cap in requirement.caps:
                assert cap.source.startswith("http"), (rule_set.code, cap.code)
        for cap in rule_set.caps:
            assert cap.source.startswith("http"), (rule_set.code, cap.code)


def test_unverified_and_low_confidence_rule_sets_are_flagged_with_a_note() -> None:
    flagged = {code for code, rs in rule_sets().items() if rs.is_low_confidence}
    assert flagged == {
        "ptcb-cspt",
        "state-ny-technician",
        "state-pa-technician",
        "state-ga-technician",
        "state-il-technician",
        "state-il-certified-technician",
        "state-ar-technician",
        "state-hi-technician",
        "state-in-technician",
        "state-ky-technician",
        "state-la-technician",
        "state-me-technician",
        "state-ma-technician",
        "state-ms-technician",
        "state-mo-technician",
        "state-mt-technician",
        "state-nh-technician",
        "state-nd-technician",
        "state-ok-technician",
        "state-or-certified-technician",
        "state-id-technician",
        "state-pr-technician",
        "state-ri-technician",
        "state-sd-technician",
        "state-tn-technician",
        "state-vt-technician",
        "state-wv-technician",
        "state-wi-technician",
    }
    for code in flagged:
        assert any(
            "confirm" in note.lower() or "check" in note.lower() for note in rule_sets()[code].notes
        ), code


@pytest.mark.parametrize(
    ("code", "months"),
    [
        ("ptcb-cpht", 24),
        ("ptcb-cspt", 12),
        ("state-nc-technician", 12),
        ("state-va-technician", 12),
        ("state-ny-technician", 36),
        ("state-tx-technician", 24),
    ],
)
def test_cycle_lengths(code: str, months: int) -> None:
    assert rule_sets()[code].cycle_months == months


def test_states_without_ce_ship_rule_sets_that_say_so() -> None:
    for code in ("state-nc-technician", "state-nj-technician"):
        assert rule_sets()[code].requirements == ()
        assert any("no CE" in note for note in rule_sets()[code].notes)
    ca = rule_sets()["state-ca-technician"]
    assert [r.code for r in ca.requirements] == ["cultural_competency"]


def test_rule_set_for_uses_effective_dates() -> None:
    all_sets = rule_sets()
    assert rule_set_for(all_sets, "ptcb-cpht", date(2025, 1, 1)) is all_sets["ptcb-cpht"]
    assert rule_set_for(all_sets, "ptcb-cpht", date(2019, 1, 1)) is None
    assert rule_set_for(all_sets, "state-ca-technician", date(2023, 12, 31)) is None
    assert rule_set_for(all_sets, "no-such-credential", date(2025, 1, 1)) is None


def test_rule_set_for_prefers_the_latest_version() -> None:
    base = rule_sets()["ptcb-cpht"]
    from dataclasses import replace

    newer = replace(base, code="ptcb-cpht@2026", effective_from=date(2026, 1, 1))
    older = replace(base, effective_to=date(2025, 12, 31))
    assert rule_set_for([older, newer], "ptcb-cpht", date(2026, 3, 1)) is newer
    assert rule_set_for([older, newer], "ptcb-cpht", date(2025, 3, 1)) is older


@pytest.mark.parametrize(
    ("expires_on", "start"),
    [
        (date(2026, 5, 31), date(2024, 6, 1)),
        (date(2026, 2, 28), date(2024, 2, 29)),
        (date(2024, 2, 29), date(2022, 3, 1)),
        (date(2026, 12, 31), date(2025, 1, 1)),
    ],
)
def test_cycle_for_two_year_credential(expires_on: date, start: date) -> None:
    cycle = cycle_for(rule_sets()["ptcb-cpht"], expires_on=expires_on)
    assert (cycle.start, cycle.end) == (start, expires_on)


def test_cycle_for_annual_and_triennial() -> None:
    nc = cycle_for(rule_sets()["state-nc-technician"], expires_on=date(2026, 12, 31))
    assert (nc.start, nc.end) == (date(2026, 1, 1), date(2026, 12, 31))
    ny = cycle_for(rule_sets()["state-ny-technician"], expires_on=date(2027, 6, 30))
    assert ny.start == date(2024, 7, 1)


def test_cycle_for_shortened_by_issue_date_and_flags() -> None:
    cycle = cycle_for(
        rule_sets()["ptcb-cpht"],
        expires_on=date(2026, 5, 31),
        issued_on=date(2025, 3, 10),
        reinstatement=True,
    )
    assert cycle.start == date(2025, 3, 10)
    assert cycle.reinstatement is True
    assert cycle.first_cycle is False
    # An issue date before the normal start does not lengthen the cycle.
    long_ago = cycle_for(
        rule_sets()["ptcb-cpht"], expires_on=date(2026, 5, 31), issued_on=date(2020, 1, 1)
    )
    assert long_ago.start == date(2024, 6, 1)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert add_months(date(2025, 1, 15), -13) == date(2023, 12, 15)


def test_cpe_monitor_deadline_is_60_days() -> None:
    assert cpe_monitor_deadline(date(2026, 1, 1)) == date(2026, 3, 2)
    assert cpe_monitor_deadline(date(2025, 12, 31)) == date(2026, 3, 1)


RULE_SET_HEAD = """
code = "x"
name = "X"
credential_code = "x"
version = "1"
effective_from = 2024-01-01
confidence = "high"
checked = 2026-12-03
cycle_months = 24
sources = ["https://example.org"]
"""

REQUIREMENT = """
[[requirements]]
code = "total"
label = "Total"
kind = "total_hours"
required = 20
source = "https://example.org"
checked = 2026-12-03
confidence = "high"
"""


def _write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_minimal_file_loads(tmp_path: Path) -> None:
    loaded = load_rule_sets(_write(tmp_path, RULE_SET_HEAD + REQUIREMENT))
    assert loaded["x"].requirements[0].required == Decimal(20)
    assert loaded["x"].requirements[0].unit == "hours"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            RULE_SET_HEAD + REQUIREMENT.replace('kind = "total_hours"', 'kind = "hourz"'),
            "x.toml: requirement 'total': field 'kind' is 'hourz'",
        ),
        (
            RULE_SET_HEAD + REQUIREMENT.replace('source = "https://example.org"\n', ""),
            "x.toml: requirement 'total': field 'source' is missing",
        ),
        (
            RULE_SET_HEAD + REQUIREMENT.replace("required = 20", "required = -1"),
            "x.toml: requirement 'total': field 'required' must be zero or more",
        ),
        (
            RULE_SET_HEAD + REQUIREMENT + 'match = { tags = ["astrology"] }\n',
            "x.toml: requirement 'total'.match: field 'tags' has unknown tag 'astrology'",
        ),
        (
            RULE_SET_HEAD + REQUIREMENT + 'match = { topics = ["3"] }\n',
            "x.toml: requirement 'total'.match: field 'topics' has '3'",
        ),
        (
            RULE_SET_HEAD.replace("cycle_months = 24", "cycle_months = 18") + REQUIREMENT,
            "x.toml: rule set: field 'cycle_months' must be 12, 24 or 36",
        ),
        (
            RULE_SET_HEAD.replace('sources = ["https://example.org"]', "sources = []"),
            "x.toml: rule set: field 'sources' must list at least one entry",
        ),
        (
            RULE_SET_HEAD + REQUIREMENT + REQUIREMENT,
            "x.toml: requirement 'total' is defined twice",
        ),
        (
            RULE_SET_HEAD
            + REQUIREMENT
            + '[[requirements.caps]]\ncode = "c"\nlabel = "C"\nmax_hours = 5\nreason = "r"\n',
            "x.toml: requirement 'total' cap 'c': field 'source' is missing",
        ),
        (
            RULE_SET_HEAD
            + REQUIREMENT
            + '[reinstatement]\nrequired = { law = 2 }\nnote = "n"\nsource = "s"\n',
            "x.toml: reinstatement: field 'required' names unknown requirement 'law'",
        ),
        ("code = ", "x.toml: is not valid TOML"),
    ],
    ids=[
        "bad-kind",
        "no-source",
        "negative",
        "unknown-tag",
        "bad-topic",
        "cycle",
        "no-sources",
        "duplicate",
        "cap-source",
        "reinstatement",
        "toml",
    ],
)
def test_validation_errors_name_file_requirement_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(RuleSetError) as caught:
        load_rule_sets(_write(tmp_path, text))
    assert str(caught.value).startswith(message)


def test_duplicate_codes_across_files_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, RULE_SET_HEAD, "a.toml")
    _write(tmp_path, RULE_SET_HEAD, "b.toml")
    with pytest.raises(RuleSetError, match=r"b.toml: rule set code 'x' is already used by a.toml"):
        load_rule_sets(tmp_path)
