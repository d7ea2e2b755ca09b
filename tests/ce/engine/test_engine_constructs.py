"""The issue #19 constructs, each table-tested with a worked case from the state's own text (the
rule set file cites it): conditional requirements, approved course lists, carry-over of hours,
national certification. Plus their validation and engine properties."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.ce.compliance import ZERO, Cycle, MemberFacts, evaluate
from rxguild.ce.rules import RULE_SETS_DIR, ApprovedList, RuleSetError, parse_rule_set

from .helpers import rec, rule_sets

TX_CYCLE = Cycle(start=date(2024, 12, 1), end=date(2026, 11, 30))
FL_CYCLE = Cycle(start=date(2024, 10, 1), end=date(2026, 9, 30))
SC_CYCLE = Cycle(start=date(2025, 7, 1), end=date(2026, 6, 30))
UT_CYCLE = Cycle(start=date(2024, 10, 1), end=date(2026, 9, 30))
STERILE = MemberFacts(conditions=frozenset({"compounds_sterile"}))


def _by_code(result):
    return {r.code: r for r in result.requirements}


# --- conditional requirements (applies_if) ----------------------------------------------------


@pytest.mark.parametrize(
    ("member", "records", "applies", "remaining"),
    [
        # Texas (board CE FAQ): 2 h ACPE sterile-compounding CE for those who compound.
        pytest.param(MemberFacts(), [], False, ZERO, id="TX-not-compounding"),
        pytest.param(STERILE, [], True, Decimal(2), id="TX-compounding-none-yet"),
        pytest.param(
            STERILE,
            [rec("s", date(2025, 3, 1), 2, tags=("sterile_compounding",))],
            True,
            ZERO,
            id="TX-compounding-met",
        ),
        # A general compounding course (topic 07) without the tag is not counted.
        pytest.param(
            STERILE, [rec("c", date(2025, 3, 1), 2, topic="07")], True, Decimal(2), id="TX-07-only"
        ),
        # Non-ACPE sterile training does not count: the board asks for ACPE CE.
        pytest.param(
            STERILE,
            [rec("n", date(2025, 3, 1), 2, kind="non_acpe", tags=("sterile_compounding",))],
            True,
            Decimal(2),
            id="TX-non-acpe",
        ),
    ],
)
def test_texas_sterile_compounding_applies_only_when_compounding(
    member, records, applies, remaining
) -> None:
    result = evaluate(rule_sets()["state-tx-technician"], records, TX_CYCLE, member=member)
    sterile = _by_code(result)["sterile_compounding"]
    assert (sterile.applies, sterile.remaining) == (applies, remaining)
    assert sterile.met == (remaining == ZERO)


@pytest.mark.parametrize(
    ("first_cycle", "records", "applies", "remaining"),
    [
        # Florida board help center: 1 h HIV/AIDS for the first renewal only.
        pytest.param(False, [], False, ZERO, id="FL-later-renewal"),
        pytest.param(True, [], True, Decimal(1), id="FL-first-renewal-missing"),
        pytest.param(
            True, [rec("h", date(2025, 5, 1), 1, topic="02")], True, ZERO, id="FL-first-renewal-met"
        ),
    ],
)
def test_florida_hiv_hour_applies_only_at_the_first_renewal(
    first_cycle, records, applies, remaining
) -> None:
    cycle = replace(FL_CYCLE, first_cycle=first_cycle)
    hiv = _by_code(evaluate(rule_sets()["state-fl-technician"], records, cycle))["hiv_aids"]
    assert (hiv.applies, hiv.remaining) == (applies, remaining)


def test_first_renewal_only_hours_are_not_waived_by_a_first_cycle_exemption() -> None:
    # Texas waives CE in the initial period; a first-renewal-only requirement still applies.
    texas = rule_sets()["state-tx-technician"]
    law = next(r for r in texas.requirements if r.code == "texas_law")
    only_first = replace(law, code="first_only", applies_if="first_renewal")
    rule_set = replace(texas, requirements=(*texas.requirements, only_first))
    result = evaluate(rule_set, [], replace(TX_CYCLE, first_cycle=True))
    outcome = _by_code(result)["first_only"]
    assert (outcome.exempt, outcome.required, outcome.met) == (False, Decimal(1), False)
    assert _by_code(result)["total"].exempt is True


# --- approved course lists ---------------------------------------------------------------------


def _texas_with_list(**entries: frozenset[str]):
    texas = rule_sets()["state-tx-technician"]
    approved = ApprovedList(
        name="the test list",
        url="https://example.org/list",
        source="https://example.org/list",
        checked=date(2026, 12, 3),
        confidence="high",
        **entries,
    )
    requirements = tuple(
        replace(r, approved=approved) if r.code == "human_trafficking" else r
        for r in texas.requirements
    )
    return replace(texas, requirements=requirements)


def _ht(record_id: str, uan: str | None):
    return replace(rec(record_id, date(2025, 2, 1), 1, tags=("human_trafficking",)), uan=uan)


@pytest.mark.parametrize(
    ("entries", "record", "counted", "reason"),
    [
        pytest.param({}, _ht("a", None), True, None, id="no-entries-counts"),
        pytest.param(
            {"providers": frozenset({"0669"})},
            _ht("a", "0669-0000-23-023-H03-T"),
            True,
            None,
            id="provider-on-list",
        ),
        pytest.param(
            {"uans": frozenset({"0204-0000-20-001-L01-T"})},
            _ht("a", "0204-0000-20-001-L01-T"),
            True,
            None,
            id="uan-on-list",
        ),
        pytest.param(
            {"providers": frozenset({"0669"})},
            _ht("a", "0202-0000-18-269-H04-T"),
            False,
            "not on the test list (https://example.org/list)",
            id="provider-not-on-list",
        ),
        pytest.param(
            {"providers": frozenset({"0669"})},
            _ht("a", None),
            False,
            "no ACPE activity number, so we cannot tell whether it is on the test list",
            id="no-uan",
        ),
    ],
)
def test_approved_lists(entries, record, counted, reason) -> None:
    result = evaluate(_texas_with_list(**entries), [record], TX_CYCLE)
    trafficking = _by_code(result)["human_trafficking"]
    assert trafficking.met is counted
    assert [e.reason for e in trafficking.excluded] == ([] if reason is None else [reason])
    if entries:
        assert trafficking.explanation.endswith(
            "Only courses on the test list count (https://example.org/list)."
        )
    else:
        assert "we do not have the list, so check that your course is on it" in (
            trafficking.explanation
        )


# --- carry-over ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("records", "max_hours", "carried", "met"),
    [
        # South Carolina (CE provider's summary): hours beyond the 10 carry one year.
        pytest.param(
            [rec("p", date(2024, 9, 1), 14), rec("c", date(2025, 9, 1), 6)],
            None,
            Decimal(4),
            True,
            id="SC-4-carried",
        ),
        pytest.param(
            [rec("p", date(2024, 9, 1), 10), rec("c", date(2025, 9, 1), 6)],
            None,
            ZERO,
            False,
            id="SC-nothing-extra",
        ),
        # Only what is still needed is carried.
        pytest.param(
            [rec("p", date(2024, 9, 1), 25), rec("c", date(2025, 9, 1), 8)],
            None,
            Decimal(2),
            True,
            id="SC-only-what-is-needed",
        ),
        # A rule that limits carry-over (no state in our data does yet).
        pytest.param(
            [rec("p", date(2024, 9, 1), 14), rec("c", date(2025, 9, 1), 6)],
            Decimal(2),
            Decimal(2),
            False,
            id="limit-2",
        ),
        # Hours two cycles back never carry.
        pytest.param(
            [rec("pp", date(2023, 9, 1), 20), rec("c", date(2025, 9, 1), 6)],
            None,
            ZERO,
            False,
            id="two-cycles-back",
        ),
        # P-specific hours count in South Carolina, so their excess carries too.
        pytest.param(
            [rec("p", date(2024, 9, 1), 12, audience="P"), rec("c", date(2025, 9, 1), 8)],
            None,
            Decimal(2),
            True,
            id="SC-P-hours",
        ),
    ],
)
def test_carry_over(records, max_hours, carried, met) -> None:
    rule_set = rule_sets()["state-sc-technician"]
    if max_hours is not None:
        assert rule_set.carry_over is not None
        rule_set = replace(rule_set, carry_over=replace(rule_set.carry_over, max_hours=max_hours))
    [total] = evaluate(rule_set, records, SC_CYCLE).requirements
    assert (total.carried_over, total.met) == (carried, met)
    assert total.counted_records == ("c",)


def test_no_carry_over_into_a_first_or_reinstatement_cycle() -> None:
    records = [rec("p", date(2024, 9, 1), 14), rec("c", date(2025, 9, 1), 6)]
    rule_set = rule_sets()["state-sc-technician"]
    for cycle in (replace(SC_CYCLE, first_cycle=True), replace(SC_CYCLE, reinstatement=True)):
        [total] = evaluate(rule_set, records, cycle).requirements
        assert total.carried_over == ZERO


# --- national certification ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certifications", "met", "satisfied_by"),
    [
        # Utah R156-17b-309: current PTCB or ExCPT certification fulfils the CE.
        pytest.param({"ptcb-cpht"}, True, "ptcb-cpht", id="UT-PTCB"),
        pytest.param({"nha-excpt"}, True, "nha-excpt", id="UT-NHA"),
        pytest.param({"ptcb-cpht-adv", "nha-excpt"}, True, "nha-excpt", id="UT-both"),
        pytest.param(set(), False, "", id="UT-none"),
        pytest.param({"cspt"}, False, "", id="UT-other-credential"),
    ],
)
def test_utah_certification_fulfils_the_ce(certifications, met, satisfied_by) -> None:
    member = MemberFacts(certifications=frozenset(certifications))
    result = evaluate(rule_sets()["state-ut-technician"], [], UT_CYCLE, member=member)
    assert result.met is met
    assert {r.satisfied_by for r in result.requirements} == {satisfied_by}


@pytest.mark.parametrize(
    ("code", "certifications", "met"),
    [
        # Iowa Code 155A.6A: renewal requires current national certification.
        pytest.param("state-ia-technician", {"ptcb-cpht"}, True, id="IA-held"),
        pytest.param("state-ia-technician", set(), False, id="IA-not-held"),
        pytest.param("state-nm-technician", {"nha-excpt"}, True, id="NM-held"),
        pytest.param("state-co-technician", set(), False, id="CO-not-held"),
    ],
)
def test_required_national_certification(code, certifications, met) -> None:
    member = MemberFacts(certifications=frozenset(certifications))
    result = evaluate(rule_sets()[code], [], UT_CYCLE, member=member)
    [requirement] = result.requirements
    assert (requirement.code, requirement.kind, requirement.met, result.met) == (
        "national_certification",
        "certification",
        met,
        met,
    )


# --- validation ----------------------------------------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    with (RULE_SETS_DIR / name).open("rb") as handle:
        return tomllib.load(handle, parse_float=Decimal)


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "state-tx-technician.toml",
            lambda d: d["requirements"][3].update(applies_if="juggles"),
            "requirement 'sterile_compounding': field 'applies_if' is 'juggles'; expected one of "
            "compounds_sterile, administers_vaccines, first_renewal",
        ),
        (
            "state-tx-technician.toml",
            lambda d: d["requirements"][2]["approved"].update(providers=["669"]),
            "requirement 'human_trafficking'.approved: field 'providers' has '669'; ACPE provider "
            "numbers are 4 digits",
        ),
        (
            "state-tx-technician.toml",
            lambda d: d["requirements"][2]["approved"].update(url="pharmacy.texas.gov"),
            "requirement 'human_trafficking'.approved: field 'url' must be a URL starting with "
            "https:// or http://",
        ),
        (
            "state-sc-technician.toml",
            lambda d: d["carry_over"].update(requirement="live"),
            "carry_over: field 'requirement' names unknown requirement 'live'",
        ),
        (
            "state-ut-technician.toml",
            lambda d: d["national_certification"].update(except_requirements=["vaccines"]),
            "national_certification: field 'except_requirements' names unknown requirement "
            "'vaccines'",
        ),
        (
            "state-ia-technician.toml",
            lambda d: d["national_certification"].update(effect="satisfies_ce"),
            "national_certification: field 'effect' is 'satisfies_ce' but the rule set lists no "
            "requirements",
        ),
        (
            "state-ia-technician.toml",
            lambda d: d["national_certification"].pop("source"),
            "national_certification: field 'source' is missing or not text",
        ),
    ],
    ids=[
        "unknown-condition",
        "bad-provider-number",
        "list-url-not-a-url",
        "carry-unknown-requirement",
        "except-unknown-requirement",
        "satisfies-nothing",
        "certification-without-source",
    ],
)
def test_constructs_are_validated(name: str, change, message: str) -> None:
    data = _load(name)
    change(data)
    with pytest.raises(RuleSetError) as error:
        parse_rule_set(data, filename=name)
    assert str(error.value) == f"{name}: {message}"


# --- properties ----------------------------------------------------------------------------------

hours = st.integers(0, 40).map(lambda quarter: Decimal(quarter) / 4)
dates = st.dates(min_value=date(2023, 7, 1), max_value=date(2026, 6, 30))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(dates, hours), max_size=12))
def test_carry_over_never_exceeds_the_previous_excess_or_what_is_needed(entries) -> None:
    records = [rec(f"r{i:02d}", day, amount) for i, (day, amount) in enumerate(entries)]
    rule_set = rule_sets()["state-sc-technician"]
    [total] = evaluate(rule_set, records, SC_CYCLE).requirements
    previous = sum(
        (r.hours for r in records if date(2024, 7, 1) <= r.completed_on <= date(2025, 6, 30)), ZERO
    )
    current = sum((r.hours for r in records if SC_CYCLE.start <= r.completed_on), ZERO)
    assert total.carried_over == min(max(ZERO, previous - 10), max(ZERO, 10 - current))
    assert total.counted == current + total.carried_over


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(dates, hours), max_size=10),
    st.frozensets(st.sampled_from(["compounds_sterile", "administers_vaccines"])),
    st.frozensets(st.sampled_from(["ptcb-cpht", "nha-excpt", "cspt"])),
)
def test_member_facts_only_ever_help(entries, conditions, certifications) -> None:
    # Holding a certification never makes a result worse; a situation only adds requirements,
    # and requirements outside the member's situation are always met.
    records = [
        rec(f"r{i:02d}", day, amount, tags=("sterile_compounding",))
        for i, (day, amount) in enumerate(entries)
    ]
    for code, cycle in (("state-ut-technician", UT_CYCLE), ("state-tx-technician", TX_CYCLE)):
        rule_set = rule_sets()[code]
        bare = evaluate(rule_set, records, cycle, member=MemberFacts(conditions=conditions))
        held = evaluate(
            rule_set,
            records,
            cycle,
            member=MemberFacts(certifications=certifications, conditions=conditions),
        )
        assert not bare.met or held.met
        assert all(r.met for r in bare.requirements if not r.applies)
