"""Worked scenarios: what a member with this transcript is told, requirement by requirement."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from rxguild.ce.compliance import (
    ComplianceResult,
    Cycle,
    Exclusion,
    RequirementResult,
    cycle_for,
    evaluate,
    reinstatement_cycle,
    reinstatement_deadline,
)

from .helpers import rec, rule_sets

D = Decimal
# A CPhT whose certification expires 31 May 2026: cycle 1 Jun 2024 - 31 May 2026.
CPHT_CYCLE = Cycle(start=date(2024, 6, 1), end=date(2026, 5, 31))


def by_code(result: ComplianceResult) -> dict[str, RequirementResult]:
    return {r.code: r for r in result.requirements}


def cpht_core(prefix: str = "t", hours: int = 18) -> list:
    """T-specific hours with 1 h law (03) and 1 h patient safety (05) among them."""
    records = [
        rec(f"{prefix}-law", date(2024, 9, 1), 1, topic="03"),
        rec(f"{prefix}-safety", date(2024, 10, 1), 1, topic="05"),
    ]
    records += [
        rec(f"{prefix}-{i:02d}", date(2025, 1, 1 + i), 1, topic="01") for i in range(hours - 2)
    ]
    return records


def test_cpht_met_with_two_p_hours() -> None:
    records = [*cpht_core(hours=18), rec("p1", date(2025, 3, 1), 2, audience="P")]
    result = evaluate(rule_sets()["ptcb-cpht"], records, CPHT_CYCLE)
    reqs = by_code(result)
    assert result.met is True
    assert (reqs["total"].counted, reqs["total"].remaining) == (D(20), D(0))
    assert reqs["technician"].counted == D(18)
    assert reqs["law"].counted_records == ("t-law",)
    assert reqs["patient_safety"].counted_records == ("t-safety",)
    assert reqs["technician"].excluded == (
        Exclusion(
            "p1",
            "pharmacist-specific (P) activity; this requirement counts only "
            "technician-specific (T) hours",
        ),
    )
    assert result.deadline == date(2026, 5, 1)
    assert result.renewal_window_opens == date(2026, 4, 1)
    assert result.confidence == "high"
    assert result.sources[0] == "https://ptcb.zendesk.com/hc/en-us/articles/206879047"


def test_cpht_short_on_law() -> None:
    records = [rec(f"r{i}", date(2025, 2, 1 + i), 1, topic="01") for i in range(19)]
    records.append(rec("safety", date(2025, 3, 1), 1, topic="05"))
    result = evaluate(rule_sets()["ptcb-cpht"], records, CPHT_CYCLE)
    reqs = by_code(result)
    assert result.met is False
    assert reqs["total"].met is True
    assert (reqs["law"].required, reqs["law"].counted, reqs["law"].remaining) == (D(1), 0, D(1))
    assert reqs["law"].met is False
    assert reqs["law"].explanation == "0 of 1 hour counted; 1 to go."


def test_cpht_too_many_p_hours_counts_only_five_in_date_order() -> None:
    records = [
        *cpht_core(hours=12),
        rec("p-early", date(2024, 7, 1), 3, audience="P"),
        rec("p-mid", date(2024, 8, 1), 3, audience="P"),
        rec("p-late", date(2025, 6, 1), 2, audience="P"),
    ]
    result = evaluate(rule_sets()["ptcb-cpht"], records, CPHT_CYCLE)
    total = by_code(result)["total"]
    assert total.counted == D(17)
    assert total.remaining == D(3)
    assert "p-late" not in total.counted_records
    assert (
        Exclusion(
            "p-mid",
            "only 2 of 3 hours counted: "
            "PTCB accepts at most 5 pharmacist-specific (P) hours per cycle",
        )
        in total.excluded
    )
    assert (
        Exclusion(
            "p-late", "over a cap: PTCB accepts at most 5 pharmacist-specific (P) hours per cycle"
        )
        in total.excluded
    )
    assert by_code(result)["technician"].remaining == D(3)
    assert result.met is False


def test_cpht_in_service_refused_and_college_capped() -> None:
    records = [
        *cpht_core(hours=8),
        rec(
            "inservice", date(2025, 4, 1), 3, audience=None, topic=None, fmt=None, kind="in_service"
        ),
        rec("college", date(2025, 5, 1), 12, audience=None, topic=None, fmt=None, kind="college"),
    ]
    result = evaluate(rule_sets()["ptcb-cpht"], records, CPHT_CYCLE)
    total = by_code(result)["total"]
    assert total.counted == D(18)
    assert total.excluded == (
        Exclusion("inservice", "PTCB has not accepted in-service hours since 1 January 2018"),
        Exclusion(
            "college",
            "only 10 of 12 hours counted: PTCB counts at most 10 hours from one college course",
        ),
    )
    assert "inservice" not in total.counted_records
    assert "college" in total.counted_records


def test_cpht_records_outside_the_cycle_are_explained() -> None:
    records = [
        *cpht_core(hours=20),
        rec("old", date(2024, 5, 31), 5),
        rec("future", date(2026, 6, 1), 5),
    ]
    total = by_code(evaluate(rule_sets()["ptcb-cpht"], records, CPHT_CYCLE))["total"]
    assert total.counted == D(20)
    assert total.excluded == (
        Exclusion("old", "completed May 31, 2024, before this cycle began on Jun 1, 2024"),
        Exclusion("future", "completed Jun 1, 2026, after this cycle ended on May 31, 2026"),
    )


def test_cpht_reinstatement_needs_two_law_hours() -> None:
    cycle = Cycle(start=date(2024, 6, 1), end=date(2026, 5, 31), reinstatement=True)
    result = evaluate(rule_sets()["ptcb-cpht"], cpht_core(hours=20), cycle)
    law = by_code(result)["law"]
    assert (law.required, law.counted, law.remaining, law.met) == (D(2), D(1), D(1), False)
    assert result.met is False
    assert any(note.startswith("Reinstatement (up to 1 year") for note in result.notes)
    extra_law = rec("law2", date(2025, 12, 1), 1, topic="03")
    again = evaluate(rule_sets()["ptcb-cpht"], [*cpht_core(hours=20), extra_law], cycle)
    assert again.met is True


def test_cpht_adv_needs_25_hours() -> None:
    adv = rule_sets()["ptcb-cpht-adv"]
    short = evaluate(adv, cpht_core(hours=20), CPHT_CYCLE)
    assert by_code(short)["total"].remaining == D(5)
    assert short.met is False
    extra = [rec(f"x{i}", date(2025, 8, 1 + i), 1, audience="P") for i in range(5)]
    met = evaluate(adv, [*cpht_core(hours=20), *extra], CPHT_CYCLE)
    assert by_code(met)["total"].counted == D(25)
    assert met.met is True


TX_CYCLE = Cycle(start=date(2024, 9, 1), end=date(2026, 8, 31))


def tx_records(*, texas_law: bool = True, trafficking: bool = True) -> list:
    records = [rec(f"g{i}", date(2025, 1, 1 + i), 1, topic="01") for i in range(18)]
    law_tags = ("state_law:tx",) if texas_law else ()
    records.append(rec("law", date(2025, 2, 1), 1, topic="03", tags=law_tags))
    if trafficking:
        records.append(
            rec("ht", date(2025, 3, 1), 1, topic="04", kind="training", tags=("human_trafficking",))
        )
    else:
        records.append(rec("g-extra", date(2025, 3, 1), 1))
    return records


def test_texas_met_with_texas_law_and_trafficking_course() -> None:
    result = evaluate(rule_sets()["state-tx-technician"], tx_records(), TX_CYCLE)
    reqs = by_code(result)
    assert result.met is True
    assert reqs["total"].counted == D(20)
    assert reqs["texas_law"].counted_records == ("law",)
    assert reqs["texas_law"].explanation.startswith("Met: 1 hour counted, 1 needed.")
    assert (reqs["human_trafficking"].unit, reqs["human_trafficking"].counted) == (
        "completion",
        D(1),
    )


def test_texas_generic_law_hour_does_not_count_and_trafficking_missing() -> None:
    records = tx_records(texas_law=False, trafficking=False)
    result = evaluate(rule_sets()["state-tx-technician"], records, TX_CYCLE)
    reqs = by_code(result)
    assert reqs["total"].met is True
    assert reqs["texas_law"].met is False
    assert reqs["human_trafficking"].met is False
    assert reqs["human_trafficking"].explanation.startswith(
        "Not done yet: 1 completion needed between Sep 1, 2024 and Aug 31, 2026."
    )


def test_texas_in_service_capped_at_five() -> None:
    records = [
        *[rec(f"g{i}", date(2025, 1, 1 + i), 1) for i in range(10)],
        rec("is1", date(2025, 4, 1), 4, audience=None, topic=None, fmt=None, kind="in_service"),
        rec("is2", date(2025, 5, 1), 4, audience=None, topic=None, fmt=None, kind="in_service"),
    ]
    total = by_code(evaluate(rule_sets()["state-tx-technician"], records, TX_CYCLE))["total"]
    assert total.counted == D(15)
    assert total.excluded == (
        Exclusion(
            "is2", "only 1 of 4 hours counted: Texas counts at most 5 in-service hours per renewal"
        ),
    )


def test_texas_first_cycle_is_exempt() -> None:
    cycle = Cycle(start=date(2024, 9, 1), end=date(2026, 8, 31), first_cycle=True)
    result = evaluate(rule_sets()["state-tx-technician"], [], cycle)
    assert result.met is True
    applying = [r for r in result.requirements if r.applies]
    assert all(r.exempt and r.required == 0 for r in applying)
    # Sterile-compounding hours apply only to those who compound (not said here).
    assert [r.code for r in result.requirements if not r.applies] == ["sterile_compounding"]
    assert by_code(result)["total"].explanation == "Not required in your first renewal period."
    assert "First renewal period" in result.notes[-1]
    # A board without the exemption is not affected by the flag.
    cpht = evaluate(rule_sets()["ptcb-cpht"], [], Cycle(CPHT_CYCLE.start, CPHT_CYCLE.end, True))
    assert cpht.met is False


FL_CYCLE = Cycle(start=date(2025, 1, 1), end=date(2026, 12, 31))


def fl_records(live_hours: int = 4) -> list:
    records = [
        rec("me", date(2025, 2, 1), 2, topic="05", tags=("medication_errors",)),
        rec("ht", date(2025, 3, 1), 1, kind="training", tags=("human_trafficking",)),
    ]
    records += [rec(f"live{i}", date(2025, 4, 1 + i), 1, fmt="L") for i in range(live_hours)]
    records += [rec(f"h{i}", date(2025, 6, 1 + i), 1) for i in range(17 - live_hours)]
    return records


def test_florida_met() -> None:
    result = evaluate(rule_sets()["state-fl-technician"], fl_records(), FL_CYCLE)
    reqs = by_code(result)
    assert result.met is True
    assert reqs["total"].counted == D(20)
    assert reqs["live"].counted == D(4)
    assert reqs["medication_errors"].counted_records == ("me",)
    assert reqs["human_trafficking"].counted == D(1)
    assert result.confidence == "medium"


def test_florida_short_on_live_hours() -> None:
    reqs = by_code(evaluate(rule_sets()["state-fl-technician"], fl_records(3), FL_CYCLE))
    assert (reqs["live"].counted, reqs["live"].remaining, reqs["live"].met) == (D(3), D(1), False)
    assert reqs["total"].met is True


OH_CYCLE = Cycle(start=date(2024, 4, 1), end=date(2026, 3, 31))


def test_ohio_registered_met_and_p_law_hours_refused() -> None:
    records = [
        rec("law1", date(2024, 5, 1), 2, topic="03"),
        rec("safe", date(2024, 6, 1), 2, topic="05"),
        *[rec(f"g{i}", date(2025, 1, 1 + i), 1) for i in range(6)],
        rec("plaw", date(2025, 2, 1), 2, topic="03", audience="P"),
    ]
    result = evaluate(rule_sets()["state-oh-technician"], records, OH_CYCLE)
    reqs = by_code(result)
    assert result.met is True
    assert reqs["technician"].counted == D(10)
    assert reqs["law"].counted == D(2)
    assert reqs["law"].excluded == (
        Exclusion(
            "plaw",
            "pharmacist-specific (P) activity; this requirement counts only "
            "technician-specific (T) hours",
        ),
    )


def test_ohio_registered_short_on_safety() -> None:
    records = [
        rec("law1", date(2024, 5, 1), 2, topic="03"),
        rec("safe", date(2024, 6, 1), 1, topic="05"),
        *[rec(f"g{i}", date(2025, 1, 1 + i), 1) for i in range(7)],
    ]
    reqs = by_code(evaluate(rule_sets()["state-oh-technician"], records, OH_CYCLE))
    assert reqs["patient_safety"].remaining == D(1)
    assert reqs["technician"].met is True


MI_CYCLE = Cycle(start=date(2024, 7, 1), end=date(2026, 6, 30))


def test_michigan_day_cap_one_time_trafficking_and_implicit_bias() -> None:
    records = [
        # 14 hours on one day: Michigan counts 12.
        rec("big1", date(2025, 3, 1), 8, topic="01"),
        rec("big2", date(2025, 3, 1), 6, topic="01"),
        rec("law", date(2025, 4, 1), 1, topic="03"),
        rec("pain", date(2025, 4, 2), 1, topic="08"),
        rec("safe", date(2025, 4, 3), 1, topic="05"),
        rec("bias", date(2025, 5, 1), 1, topic="04", tags=("implicit_bias",)),
        # One-time training done years before this cycle still counts.
        rec("ht", date(2021, 2, 1), 0, kind="training", topic=None, tags=("human_trafficking",)),
    ]
    result = evaluate(rule_sets()["state-mi-technician"], records, MI_CYCLE)
    reqs = by_code(result)
    assert reqs["total"].counted == D(16)
    assert reqs["total"].remaining == D(4)
    assert reqs["total"].excluded == (
        Exclusion(
            "big2",
            "only 4 of 6 hours counted: Michigan counts at most 12 hours in one 24-hour period",
        ),
    )
    for code in ("ethics_law", "pain_management", "patient_safety", "implicit_bias"):
        assert reqs[code].met is True, code
    assert reqs["human_trafficking"].counted_records == ("ht",)
    assert result.met is False


def test_michigan_implicit_bias_from_an_earlier_cycle_does_not_count() -> None:
    records = [rec("bias", date(2023, 5, 1), 1, tags=("implicit_bias",))]
    reqs = by_code(evaluate(rule_sets()["state-mi-technician"], records, MI_CYCLE))
    assert reqs["implicit_bias"].met is False
    assert reqs["implicit_bias"].excluded == (
        Exclusion("bias", "completed May 1, 2023, before this cycle began on Jul 1, 2024"),
    )


def test_illinois_certified_counts_only_the_last_twelve_months() -> None:
    cycle = Cycle(start=date(2024, 8, 1), end=date(2026, 7, 31))
    records = [
        rec("early", date(2025, 7, 31), 5, topic="03"),
        *[rec(f"r{i}", date(2025, 9, 1 + i), 1, topic="05") for i in range(8)],
    ]
    result = evaluate(rule_sets()["state-il-certified-technician"], records, cycle)
    reqs = by_code(result)
    assert reqs["total"].counted == D(8)
    assert reqs["total"].excluded == (
        Exclusion(
            "early",
            "completed Jul 31, 2025, more than 12 months before the cycle ends on "
            "Jul 31, 2026 (only hours from Aug 1, 2025 count)",
        ),
    )
    assert reqs["law"].met is False
    assert result.is_low_confidence is True
    assert "This rule is not confirmed" in reqs["total"].explanation


def test_virginia_annual_five_hours() -> None:
    rs = rule_sets()["state-va-technician"]
    cycle = cycle_for(rs, expires_on=date(2026, 12, 31))
    records = [rec(f"r{i}", date(2026, 2, 1 + i), 1) for i in range(5)]
    result = evaluate(rs, records, cycle)
    assert result.met is True
    assert by_code(result)["total"].counted == D(5)


def test_north_carolina_needs_no_ce() -> None:
    rs = rule_sets()["state-nc-technician"]
    result = evaluate(rs, [], cycle_for(rs, expires_on=date(2026, 12, 31)))
    assert result.met is True
    assert result.requirements == ()
    assert result.renewal_window_opens == date(2026, 11, 1)


def test_california_cultural_competency_hour() -> None:
    rs = rule_sets()["state-ca-technician"]
    cycle = Cycle(start=date(2024, 3, 1), end=date(2026, 2, 28))
    missing = evaluate(rs, [rec("r", date(2025, 1, 1), 5)], cycle)
    assert missing.met is False
    done = evaluate(rs, [rec("cc", date(2025, 1, 1), 1, tags=("cultural_competency",))], cycle)
    assert done.met is True


def test_unverified_state_tells_member_to_confirm() -> None:
    rs = rule_sets()["state-ga-technician"]
    result = evaluate(rs, [], cycle_for(rs, expires_on=date(2027, 6, 30)))
    assert result.is_low_confidence is True
    assert result.confidence == "unverified"
    assert result.notes[-1] == (
        "We could not confirm these rules from an official source. Confirm them with the board "
        "before you rely on them."
    )


def test_one_record_counts_toward_several_requirements() -> None:
    law = rec("law", date(2025, 1, 1), 1, topic="03")
    result = evaluate(rule_sets()["ptcb-cpht"], [law], CPHT_CYCLE)
    counted_in = [r.code for r in result.requirements if "law" in r.counted_records]
    assert counted_in == ["total", "technician", "law"]


def test_cpht_reinstatement_counts_ce_done_after_expiry() -> None:
    rs = rule_sets()["ptcb-cpht"]
    assert reinstatement_deadline(rs, expires_on=date(2026, 5, 31)) == date(2027, 5, 31)
    cycle = reinstatement_cycle(rs, expires_on=date(2026, 5, 31), applying_on=date(2026, 9, 15))
    assert (cycle.start, cycle.end, cycle.reinstatement) == (
        date(2024, 6, 1),
        date(2026, 9, 15),
        True,
    )
    late_law = [rec("law2", date(2026, 8, 1), 1, topic="03")]
    result = evaluate(rs, [*cpht_core(hours=19), *late_law], cycle)
    assert by_code(result)["law"].counted_records == ("t-law", "law2")
    assert result.met is True


def test_reinstatement_outside_its_year_is_refused() -> None:
    rs = rule_sets()["ptcb-cpht"]
    with pytest.raises(ValueError, match="between 2026-06-01 and 2027-05-31"):
        reinstatement_cycle(rs, expires_on=date(2026, 5, 31), applying_on=date(2027, 6, 1))
    state = rule_sets()["state-va-technician"]
    assert reinstatement_deadline(state, expires_on=date(2026, 5, 31)) is None
    with pytest.raises(ValueError, match="states no reinstatement period"):
        reinstatement_cycle(state, expires_on=date(2026, 5, 31), applying_on=date(2026, 7, 1))


def test_cspt_is_low_confidence_and_counts_sterile_compounding_tags() -> None:
    rs = rule_sets()["ptcb-cspt"]
    cycle = cycle_for(rs, expires_on=date(2026, 5, 31))
    assert (cycle.start, cycle.end) == (date(2025, 6, 1), date(2026, 5, 31))
    records = [
        rec("usp797", date(2025, 9, 1), 2, topic="07", tags=("sterile_compounding",)),
        rec("nonsterile", date(2025, 9, 2), 2, topic="07"),
    ]
    result = evaluate(rs, records, cycle)
    assert result.met is True
    assert by_code(result)["sterile_compounding"].counted_records == ("usp797",)
    assert result.is_low_confidence is True
    assert by_code(result)["sterile_compounding"].confidence == "low"


def test_nha_excpt_counts_any_audience_and_needs_law_and_safety() -> None:
    rs = rule_sets()["nha-excpt"]
    records = [rec(f"p{i}", date(2025, 1, 1 + i), 1, audience="P") for i in range(18)]
    records += [
        rec("law", date(2025, 2, 1), 1, topic="03", audience=None, kind="non_acpe"),
        rec("safe", date(2025, 2, 2), 1, topic="05", audience="P"),
    ]
    result = evaluate(rs, records, CPHT_CYCLE)
    assert result.met is True
    assert by_code(result)["total"].counted == D(20)


def test_washington_counts_only_acpe_hours_and_asks_for_health_equity() -> None:
    rs = rule_sets()["state-wa-technician"]
    cycle = Cycle(start=date(2024, 7, 1), end=date(2026, 6, 30))
    records = [rec(f"a{i}", date(2025, 1, 1 + i), 1) for i in range(19)]
    records.append(rec("local", date(2025, 3, 1), 3, audience=None, topic=None, kind="non_acpe"))
    reqs = by_code(evaluate(rs, records, cycle))
    assert (reqs["total"].counted, reqs["total"].remaining) == (D(19), D(1))
    assert reqs["health_equity"].met is False
    assert reqs["health_equity"].unit == "completion"


def test_cpht_in_service_law_session_is_explained_not_silently_ignored() -> None:
    session = rec(
        "law-inservice",
        date(2025, 4, 1),
        1,
        audience=None,
        topic=None,
        fmt=None,
        kind="in_service",
        tags=("pharmacy_law",),
    )
    law = by_code(evaluate(rule_sets()["ptcb-cpht"], [session], CPHT_CYCLE))["law"]
    assert law.counted == 0
    assert law.excluded == (
        Exclusion("law-inservice", "PTCB has not accepted in-service hours since 1 January 2018"),
    )


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.mark.parametrize("code", sorted(rule_sets()), ids=str)
def test_no_rule_explains_itself_with_an_iso_date(code: str) -> None:
    """Members read these sentences on the CE page: dates as "Sep 1, 2024", never codes."""
    result = evaluate(rule_sets()[code], tx_records(trafficking=False), TX_CYCLE)
    for requirement in result.requirements:
        assert not ISO_DATE.search(requirement.explanation), requirement.explanation
