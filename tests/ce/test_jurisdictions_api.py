"""Issue #19: one met and one not-met worked scenario per jurisdiction, from its own rule text,
through POST /api/v1/ce/compliance/evaluate (the rule set file cites the text).

Jurisdictions whose rule set has no requirements (no state CE, or CE not confirmed) cannot be
"not met": their scenario checks that an empty transcript is met and that the result says why
(no state CE) or tells the member to confirm with the board.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from rxguild.core.human_dates import human_date

pytestmark = pytest.mark.django_db

CONFIRM = (
    "We could not confirm these rules from an official source. Confirm them with the board "
    "before you rely on them."
)
NO_STATE_CE = "No state CE required to renew this credential."


def _post(
    client, rule_set: str, cycle: dict[str, Any], records: list[dict[str, Any]], **member: Any
):
    payload = {"rule_sets": [rule_set], "cycle": cycle, "records": records} | member
    response = client.post(
        "/api/v1/ce/compliance/evaluate", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    [result] = response.json()
    assert result["rule_set"] == rule_set
    return result


def _record(record_id: str, completed_on: str, hours: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": record_id,
        "title": f"Course {record_id}",
        "completed_on": completed_on,
        "hours": hours,
        "audience": "T",
        "topic_code": "01",
        "format": "H",
    } | fields


def _remaining(result: dict[str, Any]) -> dict[str, str]:
    return {r["code"]: r["remaining"] for r in result["requirements"]}


SCENARIOS = [
    # Alabama 680-X-2-.37: 6 hours per renewal, at least 2 live.
    pytest.param(
        "state-al-technician",
        {"start": "2026-01-01", "end": "2027-12-31"},
        [_record("live", "2026-03-01", "2", format="L"), _record("home", "2026-04-01", "4")],
        [_record("home", "2026-04-01", "6")],
        {"total": "0", "live": "2"},
        id="AL",
    ),
    # Alaska: 10 contact hours per licensing period.
    pytest.param(
        "state-ak-technician",
        {"start": "2024-07-01", "end": "2026-06-30"},
        [_record("a", "2025-01-10", "6"), _record("b", "2026-02-01", "4")],
        [_record("a", "2025-01-10", "6"), _record("b", "2026-02-01", "2")],
        {"total": "2"},
        id="AK",
    ),
    # Arizona R4-23-1106: 20 hours in the two years before renewal; earlier hours do not count.
    pytest.param(
        "state-az-technician",
        {"start": "2024-11-02", "end": "2026-11-01"},
        [_record("a", "2025-02-01", "10"), _record("b", "2026-05-01", "10")],
        [_record("old", "2024-10-15", "5"), _record("a", "2025-02-01", "15")],
        {"total": "5"},
        id="AZ",
    ),
    # District of Columbia 17 DCMR 9907: 20 hours with 2 law, 2 medication safety and 2 LGBTQ
    # cultural competency; a general cultural-competency course does not meet the last.
    pytest.param(
        "state-dc-technician",
        {"start": "2025-03-01", "end": "2027-02-28"},
        [
            _record("law", "2025-04-01", "2", topic_code="03"),
            _record("safety", "2025-05-01", "2", topic_code="05"),
            _record(
                "lgbtq",
                "2025-06-01",
                "2",
                kind="non_acpe",
                audience="",
                topic_code="",
                tags=["lgbtq_cultural_competency"],
            ),
            _record("other", "2026-01-10", "14"),
        ],
        [
            _record("law", "2025-04-01", "2", topic_code="03"),
            _record("safety", "2025-05-01", "2", topic_code="05"),
            _record(
                "cc",
                "2025-06-01",
                "2",
                kind="non_acpe",
                audience="",
                topic_code="",
                tags=["cultural_competency"],
            ),
            _record("other", "2026-01-10", "14"),
        ],
        {
            "total": "0",
            "pharmacy_law": "0",
            "medication_safety": "0",
            "lgbtq_cultural_competency": "2",
        },
        id="DC",
    ),
    # Wyoming: 6 contact hours during the calendar year; last year's hours do not count.
    pytest.param(
        "state-wy-technician",
        {"start": "2026-01-01", "end": "2026-12-31"},
        [_record("a", "2026-02-01", "3"), _record("b", "2026-09-01", "3")],
        [_record("last-year", "2025-12-20", "3"), _record("a", "2026-02-01", "5")],
        {"total": "1"},
        id="WY",
    ),
    # Kansas K.A.R. 68-5-18: 20 board-approved hours; in-service hours do not count.
    pytest.param(
        "state-ks-technician",
        {"start": "2024-11-01", "end": "2026-10-31"},
        [_record("a", "2025-01-10", "12"), _record("b", "2026-03-01", "8")],
        [_record("a", "2025-01-10", "12"), _record("ins", "2026-03-01", "8", kind="in_service")],
        {"total": "8"},
        id="KS",
    ),
    # Maryland COMAR 10.34.34.10: 20 hours in the two years before renewal.
    pytest.param(
        "state-md-technician",
        {"start": "2024-06-01", "end": "2026-05-31"},
        [_record("a", "2024-09-01", "10"), _record("b", "2025-09-01", "10")],
        [_record("a", "2024-09-01", "10"), _record("old", "2024-05-15", "10")],
        {"total": "10"},
        id="MD",
    ),
    # Minnesota: 20 technician-specific hours; pharmacist-only (P) programs do not count.
    pytest.param(
        "state-mn-technician",
        {"start": "2025-08-01", "end": "2027-07-31"},
        [_record("a", "2025-09-01", "12"), _record("b", "2026-02-01", "8")],
        [_record("a", "2025-09-01", "12"), _record("p", "2026-02-01", "8", audience="P")],
        {"technician_hours": "8"},
        id="MN",
    ),
    # Louisiana (hours low confidence): 10 ACPE hours in the renewal year.
    pytest.param(
        "state-la-technician",
        {"start": "2025-07-01", "end": "2026-06-30"},
        [_record("a", "2025-08-01", "10")],
        [_record("a", "2025-08-01", "6")],
        {"total": "4"},
        id="LA",
    ),
    # Massachusetts (hours low confidence): 20 hours with 1 law and 1 patient safety.
    pytest.param(
        "state-ma-technician",
        {"start": "2025-04-10", "end": "2027-04-09"},
        [
            _record("law", "2025-05-01", "1", topic_code="03"),
            _record("safety", "2025-06-01", "1", topic_code="05"),
            _record("other", "2026-01-01", "18"),
        ],
        [_record("law", "2025-05-01", "1", topic_code="03"), _record("other", "2026-01-01", "19")],
        {"total": "0", "pharmacy_law": "0", "patient_safety": "1"},
        id="MA",
    ),
    # Nevada board notice: a 1-hour Nevada law program and 12 hours of in-service training.
    pytest.param(
        "state-nv-technician",
        {"start": "2024-11-01", "end": "2026-10-31"},
        [
            _record(
                "law",
                "2025-01-10",
                "1",
                kind="training",
                audience="",
                topic_code="",
                tags=["state_law:nv"],
            ),
            _record("ins", "2025-06-01", "12", kind="in_service", audience="", topic_code=""),
        ],
        [
            _record("law", "2025-01-10", "1", topic_code="03"),
            _record("ins", "2025-06-01", "12", kind="in_service", audience="", topic_code=""),
        ],
        {"nevada_law": "1", "in_service": "0"},
        id="NV",
    ),
    # New Hampshire Ph 806.04: 1.0 CEU in the 12 months before renewal, 0.1 live, 0.1 safety;
    # hours from the first year of the two-year certification do not count.
    pytest.param(
        "state-nh-certified-technician",
        {"start": "2024-04-01", "end": "2026-03-31"},
        [
            _record("live", "2025-05-01", "1", format="L"),
            _record("safety", "2025-06-01", "1", topic_code="05"),
            _record("other", "2025-09-01", "8"),
        ],
        [
            _record("live", "2025-05-01", "1", format="L"),
            _record("safety", "2025-06-01", "1", topic_code="05"),
            _record("early", "2024-09-01", "8"),
        ],
        {"total": "8", "live": "0", "patient_safety": "0"},
        id="NH",
    ),
    # North Dakota (hours low confidence): 10 hours a registration year.
    pytest.param(
        "state-nd-technician",
        {"start": "2026-01-01", "end": "2026-12-31"},
        [_record("a", "2026-02-01", "10")],
        [_record("a", "2026-02-01", "7")],
        {"total": "3"},
        id="ND",
    ),
    # Oregon (low confidence): law, patient safety and cultural competency hours.
    pytest.param(
        "state-or-certified-technician",
        {"start": "2024-07-01", "end": "2026-06-30"},
        [
            _record("law", "2025-01-10", "1", topic_code="03"),
            _record("safety", "2025-02-10", "1", topic_code="05"),
            _record(
                "cc",
                "2025-03-10",
                "1",
                kind="non_acpe",
                audience="",
                topic_code="",
                tags=["cultural_competency"],
            ),
        ],
        [_record("law", "2025-01-10", "1", topic_code="03")],
        {"pharmacy_law": "0", "patient_safety": "1", "cultural_competency": "1"},
        id="OR",
    ),
    # Rhode Island (RIDOH): Pharmacy Technician II, 10 hours each calendar year.
    pytest.param(
        "state-ri-technician-ii",
        {"start": "2026-01-01", "end": "2026-12-31"},
        [_record("a", "2026-03-01", "10")],
        [_record("last-year", "2025-11-01", "4"), _record("a", "2026-03-01", "6")],
        {"total": "4"},
        id="RI",
    ),
    # South Carolina 40-43-130(G): 10 ACPE hours each registration year (1 July to 30 June).
    pytest.param(
        "state-sc-technician",
        {"start": "2025-07-01", "end": "2026-06-30"},
        [_record("a", "2025-08-01", "10")],
        [
            _record("a", "2025-08-01", "7"),
            _record("non", "2025-09-01", "3", kind="non_acpe", audience="", topic_code=""),
        ],
        {"total": "3"},
        id="SC",
    ),
    # Utah R156-17b-309: 20 hours with 6 live and 1 law or ethics.
    pytest.param(
        "state-ut-technician",
        {"start": "2024-10-01", "end": "2026-09-30"},
        [
            _record("live", "2025-01-10", "6", format="L"),
            _record("law", "2025-02-10", "1", topic_code="03"),
            _record("other", "2025-03-10", "13"),
        ],
        [_record("law", "2025-02-10", "1", topic_code="03"), _record("other", "2025-03-10", "19")],
        {"total": "0", "live": "6", "law_ethics": "0"},
        id="UT",
    ),
    # Vermont (low confidence): 6 hours per two-year period under the 2026 rules.
    pytest.param(
        "state-vt-technician",
        {"start": "2025-08-01", "end": "2027-07-31"},
        [_record("a", "2026-03-01", "6")],
        [_record("a", "2026-03-01", "5")],
        {"total": "1"},
        id="VT",
    ),
    # West Virginia (hours low confidence): 20 hours per two years.
    pytest.param(
        "state-wv-technician",
        {"start": "2024-07-01", "end": "2026-06-30"},
        [_record("a", "2025-01-10", "20")],
        [_record("a", "2025-01-10", "15")],
        {"total": "5"},
        id="WV",
    ),
]


@pytest.mark.parametrize(("rule_set", "cycle", "met_records", "unmet_records", "unmet"), SCENARIOS)
def test_worked_scenarios(
    member_client, fixed_today, rule_set, cycle, met_records, unmet_records, unmet
) -> None:
    met = _post(member_client, rule_set, cycle, met_records)
    assert met["met"] is True
    assert all(r["remaining"] == "0" for r in met["requirements"])
    not_met = _post(member_client, rule_set, cycle, unmet_records)
    assert not_met["met"] is False
    assert _remaining(not_met) == unmet


def test_arizona_hour_before_the_cycle_is_explained(member_client, fixed_today) -> None:
    result = _post(
        member_client,
        "state-az-technician",
        {"start": "2024-11-02", "end": "2026-11-01"},
        [_record("old", "2024-10-15", "5")],
    )
    [total] = result["requirements"]
    assert total["excluded"] == [
        {
            "record_id": "old",
            "reason": "completed Oct 15, 2024, before this cycle began on Nov 2, 2024",
        }
    ]


@pytest.mark.parametrize(
    ("rule_set", "cycle"),
    [
        pytest.param("state-az-technician", {"start": "2025-06-01", "end": "2026-11-01"}, id="AZ"),
        pytest.param("state-dc-technician", {"start": "2025-08-01", "end": "2027-08-31"}, id="DC"),
        pytest.param("state-al-technician", {"start": "2027-03-01", "end": "2027-12-31"}, id="AL"),
    ],
)
def test_first_renewal_exemptions(member_client, fixed_today, rule_set, cycle) -> None:
    result = _post(member_client, rule_set, cycle | {"first_cycle": True}, [])
    assert result["met"] is True
    assert {r["required"] for r in result["requirements"]} == {"0"}


def test_kansas_short_period_is_prorated(member_client, fixed_today) -> None:
    cycle = {"start": "2025-11-01", "end": "2026-10-31"}
    result = _post(member_client, "state-ks-technician", cycle, [_record("a", "2026-01-10", "9")])
    [total] = result["requirements"]
    assert (total["required"], total["remaining"], result["met"]) == ("9.60", "0.60", False)


def test_maryland_first_renewal_needs_ten_hours(member_client, fixed_today) -> None:
    cycle = {"start": "2025-03-10", "end": "2026-05-31", "first_cycle": True}
    met = _post(member_client, "state-md-technician", cycle, [_record("a", "2025-09-01", "10")])
    assert met["met"] is True
    unmet = _post(member_client, "state-md-technician", cycle, [_record("a", "2025-09-01", "9")])
    assert _remaining(unmet) == {"total": "1"}


def test_alabama_full_calendar_year_first_renewal(member_client, fixed_today) -> None:
    cycle = {"start": "2025-01-01", "end": "2025-12-31", "first_cycle": True}
    unmet = _post(member_client, "state-al-technician", cycle, [_record("h", "2025-03-01", "3")])
    assert unmet["met"] is False
    assert _remaining(unmet) == {"total": "0", "live": "1"}
    met = _post(
        member_client,
        "state-al-technician",
        cycle,
        [_record("h", "2025-03-01", "2"), _record("l", "2025-04-01", "1", format="L")],
    )
    assert met["met"] is True


@pytest.mark.parametrize(
    ("rule_set", "note"),
    [
        pytest.param("state-ct-technician", NO_STATE_CE, id="CT"),
        pytest.param("state-ar-technician", CONFIRM, id="AR"),
        pytest.param("state-hi-technician", CONFIRM, id="HI"),
        pytest.param("state-in-technician", CONFIRM, id="IN"),
        pytest.param("state-ky-technician", CONFIRM, id="KY"),
        pytest.param("state-me-technician", CONFIRM, id="ME"),
        pytest.param("state-ms-technician", CONFIRM, id="MS"),
        pytest.param("state-mo-technician", CONFIRM, id="MO"),
        pytest.param("state-mt-technician", CONFIRM, id="MT"),
        pytest.param("state-nh-technician", CONFIRM, id="NH-registered"),
        pytest.param("state-ok-technician", CONFIRM, id="OK"),
        pytest.param("state-pr-technician", CONFIRM, id="PR"),
        pytest.param("state-ri-technician", CONFIRM, id="RI-level-I"),
        pytest.param("state-sd-technician", CONFIRM, id="SD"),
        pytest.param("state-tn-technician", CONFIRM, id="TN"),
        pytest.param("state-wi-technician", CONFIRM, id="WI"),
    ],
)
def test_rule_sets_without_requirements_say_why(member_client, fixed_today, rule_set, note) -> None:
    result = _post(member_client, rule_set, {"start": "2025-01-01", "end": "2026-12-31"}, [])
    assert result["met"] is True
    assert result["requirements"] == []
    assert note in result["notes"]


@pytest.mark.parametrize(
    ("rule_set", "note"),
    [
        # C.R.S. 12-280-115.5: obtain and maintain a national certification.
        pytest.param("state-co-technician", NO_STATE_CE, id="CO"),
        # Iowa Code 155A.6A: renewal requires proof of current national certification.
        pytest.param("state-ia-technician", NO_STATE_CE, id="IA"),
        # Neb. Rev. Stat. 38-2890: a board-approved certification, held and kept.
        pytest.param("state-ne-technician", NO_STATE_CE, id="NE"),
        # 16.19.22.14 NMAC: documentation of current national certification at renewal.
        pytest.param("state-nm-technician", NO_STATE_CE, id="NM"),
        # Idaho's board page: certified technicians hold and keep PTCB or NHA certification.
        pytest.param("state-id-technician", CONFIRM, id="ID"),
        # OAC 4729:3-5-02: Ohio certified technicians keep PTCB or ExCPT.
        pytest.param("state-oh-certified-technician", "", id="OH-certified"),
    ],
)
def test_renewal_that_requires_national_certification(
    member_client, fixed_today, rule_set, note
) -> None:
    cycle = {"start": "2025-01-01", "end": "2026-12-31"}
    without = _post(member_client, rule_set, cycle, [])
    assert without["met"] is False
    assert _remaining(without) == {"national_certification": "1"}
    [requirement] = without["requirements"]
    assert requirement["kind"] == "certification"
    assert "We did not find one among your credentials" in requirement["explanation"]
    held = _post(member_client, rule_set, cycle, [], certifications=["nha-excpt"])
    assert held["met"] is True
    assert [r["satisfied_by"] for r in held["requirements"]] == ["nha-excpt"]
    if note:
        assert note in held["notes"]


def test_utah_current_certification_fulfils_the_ce(member_client, fixed_today) -> None:
    cycle = {"start": "2024-10-01", "end": "2026-09-30"}
    records = [_record("a", "2025-03-10", "4")]
    without = _post(member_client, "state-ut-technician", cycle, records)
    assert _remaining(without) == {"total": "16", "live": "6", "law_ethics": "1"}
    assert (
        "A current PTCB or NHA ExCPT certification fulfils this CE. We did not find one among "
        "your credentials, so the hours below apply."
    ) in without["notes"]
    held = _post(member_client, "state-ut-technician", cycle, records, certifications=["ptcb-cpht"])
    assert held["met"] is True
    assert [(r["code"], r["satisfied_by"], r["counted"]) for r in held["requirements"]] == [
        ("total", "ptcb-cpht", "4"),
        ("live", "ptcb-cpht", "0"),
        ("law_ethics", "ptcb-cpht", "0"),
    ]
    # A certification Utah does not name changes nothing.
    other = _post(member_client, "state-ut-technician", cycle, records, certifications=["cspt"])
    assert _remaining(other) == _remaining(without)


def test_south_carolina_carries_extra_hours_one_year(member_client, fixed_today) -> None:
    # 14 ACPE hours in 2024-25 (4 beyond the 10), 6 in 2025-26: the 4 carry over.
    cycle = {"start": "2025-07-01", "end": "2026-06-30"}
    records = [_record("last", "2024-09-01", "14"), _record("this", "2025-09-01", "6")]
    result = _post(member_client, "state-sc-technician", cycle, records)
    [total] = result["requirements"]
    assert (total["counted"], total["carried_over"], total["met"]) == ("10", "4", True)
    assert total["counted_records"] == ["this"]
    assert "Includes 4 h carried over from the cycle that ended 2025-06-30" in total["explanation"]
    # Two years back does not carry; a first registration year has nothing to carry from.
    two_back = [_record("old", "2023-09-01", "14"), _record("this", "2025-09-01", "6")]
    assert _remaining(_post(member_client, "state-sc-technician", cycle, two_back)) == {
        "total": "4"
    }
    first = _post(member_client, "state-sc-technician", cycle | {"first_cycle": True}, records)
    assert first["requirements"][0]["carried_over"] == "0"


def test_texas_sterile_compounding_hours_only_for_those_who_compound(
    member_client, fixed_today
) -> None:
    cycle = {"start": "2024-12-01", "end": "2026-11-30"}
    records = [
        _record("law", "2025-01-10", "1", tags=["state_law:tx"]),
        _record("ht", "2025-02-10", "1", tags=["human_trafficking"]),
        _record("sterile", "2025-03-10", "1", tags=["sterile_compounding"]),
        _record("rest", "2025-04-10", "17"),
    ]
    plain = _post(member_client, "state-tx-technician", cycle, records)
    sterile = {r["code"]: r for r in plain["requirements"]}["sterile_compounding"]
    assert (plain["met"], sterile["applies"], sterile["required"]) == (True, False, "0")
    assert sterile["explanation"].startswith(
        "Applies only if you compound sterile preparations. You have not told us you do"
    )
    compounding = _post(
        member_client, "state-tx-technician", cycle, records, conditions=["compounds_sterile"]
    )
    assert compounding["met"] is False
    assert _remaining(compounding)["sterile_compounding"] == "1"
    trafficking = {r["code"]: r for r in compounding["requirements"]}["human_trafficking"]
    assert trafficking["explanation"].endswith(
        "check that your course is on it (https://www.pharmacy.texas.gov/licensees/ce-tech-faq.asp)."
    )


def test_unknown_condition_is_refused(member_client, fixed_today) -> None:
    payload = {
        "rule_sets": ["state-tx-technician"],
        "cycle": {"start": "2024-12-01", "end": "2026-11-30"},
        "records": [],
        "conditions": ["juggles"],
    }
    response = member_client.post(
        "/api/v1/ce/compliance/evaluate", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Unknown condition(s): juggles. Known: compounds_sterile, administers_vaccines."
    )


def test_florida_hiv_hour_only_at_the_first_renewal(member_client, fixed_today) -> None:
    cycle = {"start": "2024-10-01", "end": "2026-09-30"}
    records = [
        _record("live", "2025-01-10", "4", format="L"),
        _record("me", "2025-02-10", "2", tags=["medication_errors"]),
        _record("ht", "2025-03-10", "1", tags=["human_trafficking"]),
        _record("rest", "2025-04-10", "13"),
    ]
    later = _post(member_client, "state-fl-technician", cycle, records)
    assert later["met"] is True
    hiv = {r["code"]: r for r in later["requirements"]}["hiv_aids"]
    assert hiv["applies"] is False
    first = _post(member_client, "state-fl-technician", cycle | {"first_cycle": True}, records)
    assert _remaining(first)["hiv_aids"] == "1"
    with_hiv = [*records, _record("hiv", "2025-05-10", "1", topic_code="02")]
    assert (
        _post(member_client, "state-fl-technician", cycle | {"first_cycle": True}, with_hiv)["met"]
        is True
    )


def _hold_without_expiry(member, code: str, state: str, **fields):
    from rxguild.profiles.models import CredentialHeld, Profile

    from .conftest import credential

    profile, _ = Profile.objects.get_or_create(user=member)
    return CredentialHeld.objects.create(
        profile=profile, credential=credential(code, code, state), state=state, **fields
    )


@pytest.mark.parametrize(
    ("code", "state", "fields", "expires_on"),
    [
        # North Carolina: 31 December every year (fixed today is 26 November 2026).
        ("state-nc-technician", "NC", {}, "2026-12-31"),
        # Alabama: 31 December of odd-numbered years.
        ("state-al-technician", "AL", {}, "2027-12-31"),
        # Arizona: 1 November, by the licence number's last digit.
        ("state-az-technician", "AZ", {"number": "T-100"}, "2028-11-01"),
    ],
    ids=["NC", "AL", "AZ"],
)
def test_expiry_is_worked_out_from_the_board_rule_when_not_entered(
    member, member_client, fixed_today, code, state, fields, expires_on
) -> None:
    _hold_without_expiry(member, code, state, **fields)
    [status] = member_client.get("/api/v1/ce/compliance").json()
    assert status["problem"] == ""
    assert status["expires_on"] == expires_on
    assert status["result"]["cycle_end"] == expires_on
    assert (
        "Expiry worked out from the board's renewal rule "
        f"({human_date(date.fromisoformat(expires_on))}); add your own expiry "
        "date to your profile if it differs."
    ) in status["result"]["notes"]


def test_expiry_still_asked_for_when_the_rule_needs_more(member, member_client, fixed_today):
    # Arizona without a licence number, and a birth-month rule (DC) without a birth date.
    _hold_without_expiry(member, "state-az-technician", "AZ")
    _hold_without_expiry(member, "state-dc-technician", "DC")
    statuses = member_client.get("/api/v1/ce/compliance").json()
    assert [s["problem"] for s in statuses] == [
        "Add the expiry date to your profile, or your licence number so we can work it out "
        "from the board's rule, to see this cycle's status.",
        "Add the expiry date to your profile, or your birth month so we can work it out from "
        "the board's rule, to see this cycle's status.",
    ]
    assert [s["result"] for s in statuses] == [None, None]


def test_birth_month_on_the_profile_works_out_a_birth_month_expiry(
    member, member_client, fixed_today
) -> None:
    # DC: expires on the last day of the birth month; first term from the first birth month
    # after issue (issued 1 July 2025, born in March: 31 March 2026, then every two years).
    held = _hold_without_expiry(member, "state-dc-technician", "DC", issued_on=date(2025, 7, 1))
    held.profile.birth_month = 3
    held.profile.save()
    [status] = member_client.get("/api/v1/ce/compliance").json()
    assert (status["problem"], status["expires_on"]) == ("", "2028-03-31")
