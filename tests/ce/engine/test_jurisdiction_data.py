"""Jurisdiction data files (data/ce/jurisdictions/) and the facts they and the rule sets carry:
every fact has a source URL, a checked date and a confidence."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from rxguild.ce.jurisdictions import (
    JURISDICTION_NAMES,
    JURISDICTIONS_DIR,
    facts,
    load_jurisdictions,
    parse_jurisdiction,
    stale_facts,
)
from rxguild.ce.rules import CONFIDENCES, RuleSetError

from .helpers import rule_sets

CATALOG_CREDENTIALS = Path(__file__).resolve().parents[3] / "data" / "catalog" / "credentials.toml"
TODAY = date(2026, 12, 3)


def jurisdictions():
    return load_jurisdictions(rule_sets=rule_sets())


def test_jurisdiction_names_cover_50_states_dc_and_puerto_rico() -> None:
    assert len(JURISDICTION_NAMES) == 52
    assert {"DC", "PR"} <= set(JURISDICTION_NAMES)


def test_every_fact_has_a_source_url_a_checked_date_and_a_confidence() -> None:
    all_facts = list(facts(jurisdictions(), rule_sets()))
    assert len(all_facts) >= 10 * 3
    for fact in all_facts:
        assert re.match(r"https?://\S+$", fact.source), (fact.jurisdiction, fact.where)
        assert date(2020, 1, 1) <= fact.checked <= TODAY, (fact.jurisdiction, fact.where)
        assert fact.confidence in CONFIDENCES, (fact.jurisdiction, fact.where)


def test_every_rule_set_fact_is_dated_and_rated() -> None:
    for rule_set in rule_sets().values():
        assert rule_set.checked <= TODAY, rule_set.code
        for requirement in rule_set.requirements:
            assert requirement.checked <= TODAY, (rule_set.code, requirement.code)
            for cap in requirement.caps:
                assert cap.confidence in CONFIDENCES, (rule_set.code, cap.code)
        if rule_set.expiry is not None:
            assert rule_set.expiry.source.startswith("http"), rule_set.code


def test_every_state_credential_is_in_the_catalog_and_every_rule_set_is_reachable() -> None:
    with CATALOG_CREDENTIALS.open("rb") as handle:
        catalog = {c["code"]: c for c in tomllib.load(handle)["credentials"]}
    for code, jurisdiction in jurisdictions().items():
        for credential in jurisdiction.credentials:
            assert credential.code in catalog, credential.code
            assert catalog[credential.code]["state"] == code, credential.code
    reachable = {c.rule_set for j in jurisdictions().values() for c in j.credentials}
    new_state_rule_sets = {
        rs.code
        for rs in rule_sets().values()
        if rs.code.startswith("state-") and rs.checked >= date(2026, 12, 3)
    }
    assert new_state_rule_sets <= reachable


def test_jurisdictions_without_a_credential_say_so_with_a_source() -> None:
    delaware = jurisdictions()["DE"]
    assert delaware.regulates_technicians is False
    assert delaware.credentials == ()
    assert delaware.regulation_source.startswith("https://dpr.delaware.gov/")


def test_low_confidence_rule_sets_tell_members_to_confirm_with_the_board() -> None:
    for rule_set in rule_sets().values():
        if rule_set.is_low_confidence:
            assert any("confirm" in n.lower() or "check" in n.lower() for n in rule_set.notes), (
                rule_set.code
            )


def test_stale_facts_are_oldest_first() -> None:
    stale = stale_facts(facts(jurisdictions(), rule_sets()), today=TODAY, older_than_days=0)
    assert [f.checked for f in stale] == sorted(f.checked for f in stale)
    assert stale_facts(facts(jurisdictions(), rule_sets()), today=TODAY, older_than_days=365) == []


def _raw(code: str) -> dict:
    with (JURISDICTIONS_DIR / f"{code}.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(code="XX"),
            "al.toml: jurisdiction: field 'code' is 'XX'; expected a state code, DC or PR",
        ),
        (
            lambda d: d.update(code="AK"),
            "al.toml: jurisdiction: field 'code' is 'AK' but the file is al.toml",
        ),
        (
            lambda d: d["board"].update(url="albop.com"),
            "al.toml: board: field 'url' must be a URL starting with https:// or http://",
        ),
        (
            lambda d: d["board"].pop("checked"),
            "al.toml: board: field 'checked' must be a date like 2020-09-01",
        ),
        (
            lambda d: d["regulation"].update(kind="none"),
            "al.toml: regulation: field 'kind' is 'none' but [[credentials]] are listed",
        ),
        (
            lambda d: d.update(credentials=[]),
            "al.toml: regulation: field 'kind' is 'credential' but no [[credentials]] are listed",
        ),
        (
            lambda d: d["credentials"][0].update(code="state-ga-technician"),
            "al.toml: credential 'state-ga-technician': field 'code' must start with 'state-al-'",
        ),
        (
            lambda d: d["credentials"][0].update(kind="badge"),
            "al.toml: credential 'state-al-technician': field 'kind' is 'badge'; expected one of "
            "registration, license, certification, trainee, permit",
        ),
    ],
    ids=[
        "unknown-code",
        "wrong-file",
        "board-url",
        "board-checked",
        "none-with-credentials",
        "credential-without-any",
        "credential-prefix",
        "credential-kind",
    ],
)
def test_jurisdiction_validation(change, message: str) -> None:
    data = _raw("al")
    change(data)
    with pytest.raises(RuleSetError) as error:
        parse_jurisdiction(data, filename="al.toml")
    assert str(error.value) == message


def test_a_credential_pointing_at_another_credentials_rule_set_is_refused(tmp_path: Path) -> None:
    text = (JURISDICTIONS_DIR / "al.toml").read_text()
    (tmp_path / "al.toml").write_text(
        text.replace('rule_set = "state-al-technician"', 'rule_set = "state-nc-technician"')
    )
    with pytest.raises(RuleSetError) as error:
        load_jurisdictions(tmp_path, rule_sets=rule_sets())
    assert str(error.value) == (
        "al.toml: credential 'state-al-technician': rule set 'state-nc-technician' is for "
        "'state-nc-technician'"
    )
