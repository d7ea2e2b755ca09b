"""Cycle dates, first-renewal tiers and "no state CE": each construct with a worked case from a
board's own text (the rule set file cites it), plus validation of the new fields."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.ce.compliance import (
    Cycle,
    MemberFacts,
    evaluate,
    first_renewal_tier,
    months_registered,
)
from rxguild.ce.cycles import ExpiryInputMissing, describe_expiry, next_expiry
from rxguild.ce.rules import RULE_SETS_DIR, Expiry, RuleSetError, parse_rule_set

from .helpers import rec, rule_sets

CHECKED = date(2026, 12, 3)


def _expiry(rule: str, **fields: Any) -> Expiry:
    return Expiry(
        rule=rule, source="https://example.org", checked=CHECKED, confidence="high", **fields
    )


def _with_expiry(code: str, expiry: Expiry):
    return replace(rule_sets()[code], expiry=expiry)


# --- expiry dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "on", "extra", "expected"),
    [
        # Alabama: "renew on odd-numbered years ... deadline December 31 of odd-numbered years";
        # a registration issued in an even year still runs to 31 December of the next odd year.
        ("state-al-technician", date(2026, 12, 3), {}, date(2027, 12, 31)),
        ("state-al-technician", date(2027, 1, 1), {}, date(2027, 12, 31)),
        ("state-al-technician", date(2027, 12, 31), {}, date(2027, 12, 31)),
        ("state-al-technician", date(2028, 1, 1), {}, date(2029, 12, 31)),
        # North Carolina: registrations expire 31 December every year.
        ("state-nc-technician", date(2026, 12, 3), {}, date(2026, 12, 31)),
        ("state-nc-technician", date(2027, 1, 1), {}, date(2027, 12, 31)),
        # Arizona (A.R.S. 32-1925): even-numbered licences renew by 1 November of even years,
        # odd-numbered ones by 1 November of odd years.
        (
            "state-az-technician",
            date(2026, 12, 3),
            {"license_number": "T012344"},
            date(2028, 11, 1),
        ),
        (
            "state-az-technician",
            date(2026, 12, 3),
            {"license_number": "T012345"},
            date(2027, 11, 1),
        ),
        ("state-az-technician", date(2026, 10, 1), {"license_number": "T-2"}, date(2026, 11, 1)),
        # DC Health: issued on or after 16 June 2024, expires on the last day of the birth
        # month; two-year terms counted from the first birth month after issue.
        (
            "state-dc-technician",
            date(2024, 7, 1),
            {"issued_on": date(2024, 7, 1), "birth_date": date(1990, 2, 14)},
            date(2025, 2, 28),
        ),
        (
            "state-dc-technician",
            date(2025, 3, 1),
            {"issued_on": date(2024, 7, 1), "birth_date": date(1990, 2, 14)},
            date(2027, 2, 28),
        ),
        (
            "state-dc-technician",
            date(2024, 7, 1),
            {"issued_on": date(2024, 7, 1), "birth_date": date(1990, 9, 3)},
            date(2024, 9, 30),
        ),
        # Hawaii (reported, low confidence): valid through 31 December of an odd year.
        ("state-hi-technician", date(2026, 1, 1), {}, date(2027, 12, 31)),
        # Maryland COMAR 10.34.34.08: registered 10 March 2026, born in May: the first expiry
        # is the last day of the birth month following 1 year after registration.
        (
            "state-md-technician",
            date(2026, 3, 10),
            {"issued_on": date(2026, 3, 10), "birth_date": date(1995, 5, 20)},
            date(2027, 5, 31),
        ),
        (
            "state-md-technician",
            date(2026, 3, 10),
            {"issued_on": date(2026, 3, 10), "birth_date": date(1995, 2, 1)},
            date(2028, 2, 29),
        ),
        (
            "state-md-technician",
            date(2027, 6, 1),
            {"issued_on": date(2026, 3, 10), "birth_date": date(1995, 5, 20)},
            date(2029, 5, 31),
        ),
        # Massachusetts 247 CMR 8.07: every two years on the birthday.
        (
            "state-ma-technician",
            date(2026, 12, 3),
            {"issued_on": date(2025, 1, 5), "birth_date": date(1990, 4, 9)},
            date(2027, 4, 9),
        ),
        # Minnesota: CE reported by 31 July of odd years.
        ("state-mn-technician", date(2026, 12, 3), {}, date(2027, 7, 31)),
        # Louisiana: certificates expire 30 June every year.
        ("state-la-technician", date(2026, 12, 3), {}, date(2027, 6, 30)),
    ],
    ids=[
        "al-even-year",
        "al-odd-year-start",
        "al-on-the-day",
        "al-after-expiry",
        "nc-this-year",
        "nc-next-year",
        "az-even-licence",
        "az-odd-licence",
        "az-even-before-november",
        "dc-birth-month-feb",
        "dc-second-term",
        "dc-birth-month-later-same-year",
        "hi-odd-year",
        "md-birth-month-after-a-year",
        "md-birth-month-before-the-anniversary",
        "md-second-term",
        "ma-birthday-biennial",
        "mn-ce-reporting",
        "la-annual",
    ],
)
def test_next_expiry_worked_cases(code: str, on: date, extra: dict, expected: date) -> None:
    assert next_expiry(rule_sets()[code], on=on, **extra) == expected


@pytest.mark.parametrize(
    ("code", "extra", "needed"),
    [
        ("state-az-technician", {}, "your licence number"),
        ("state-az-technician", {"license_number": "T-A"}, "your licence number"),
        ("state-dc-technician", {"issued_on": date(2024, 7, 1)}, "your birth month"),
        # Massachusetts renews on the birthday: a month alone is not enough.
        (
            "state-ma-technician",
            {"issued_on": date(2025, 1, 5), "birth_month": 4},
            "your birthday (month and day)",
        ),
        (
            "state-dc-technician",
            {"birth_date": date(1990, 2, 14)},
            "the date your credential was first issued",
        ),
    ],
    ids=[
        "az-no-number",
        "az-no-digits",
        "dc-no-birth-month",
        "ma-month-without-day",
        "dc-biennial-no-issue-date",
    ],
)
def test_next_expiry_asks_for_what_it_needs(code: str, extra: dict, needed: str) -> None:
    assert next_expiry(rule_sets()[code], on=date(2026, 12, 3), **extra) == ExpiryInputMissing(
        needed
    )


@pytest.mark.parametrize(
    ("code", "extra", "expected"),
    [
        # Members give a month (and a day) but never a year: the same dates as a full date.
        ("state-dc-technician", {"birth_month": 2}, date(2025, 2, 28)),
        ("state-md-technician", {"birth_month": 5, "birth_day": 20}, date(2029, 5, 31)),
        ("state-ma-technician", {"birth_month": 4, "birth_day": 9}, date(2027, 4, 9)),
        # A 29 February birthday is the 28th in a common year.
        ("state-ma-technician", {"birth_month": 2, "birth_day": 29}, date(2027, 2, 28)),
    ],
    ids=["dc-month-only", "md-month-and-day", "ma-birthday", "ma-leap-day"],
)
def test_next_expiry_from_birth_month_and_day(code: str, extra: dict, expected: date) -> None:
    issued = {
        "state-dc-technician": date(2024, 7, 1),
        "state-md-technician": date(2026, 3, 10),
        "state-ma-technician": date(2025, 1, 5),
    }[code]
    on = date(2027, 6, 1) if code == "state-md-technician" else date(2024, 7, 1)
    if code == "state-ma-technician":
        on = date(2026, 12, 3)
    assert next_expiry(rule_sets()[code], on=on, issued_on=issued, **extra) == expected


def test_unstated_expiry_gives_no_date() -> None:
    assert next_expiry(rule_sets()["state-ar-technician"], on=date(2026, 12, 3)) is None
    assert next_expiry(rule_sets()["ptcb-cpht"], on=date(2026, 12, 3)) is None


@pytest.mark.parametrize(
    ("expiry", "issued_on", "on", "expected"),
    [
        (
            _expiry("issue_anniversary", every_years=2),
            date(2025, 3, 15),
            date(2026, 12, 3),
            date(2027, 3, 15),
        ),
        (
            _expiry("issue_anniversary", every_years=1),
            date(2024, 2, 29),
            date(2025, 1, 1),
            date(2025, 2, 28),
        ),
        (_expiry("birthday", every_years=1), None, date(2026, 12, 3), date(2027, 2, 28)),
    ],
    ids=["anniversary-biennial", "anniversary-leap-day", "birthday-leap-day"],
)
def test_anniversary_and_birthday_rules(expiry, issued_on, on, expected) -> None:
    rule_set = _with_expiry("state-nc-technician", expiry)
    assert (
        next_expiry(rule_set, on=on, issued_on=issued_on, birth_date=date(2000, 2, 29)) == expected
    )


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("state-al-technician", "Expires 31 December of odd-numbered years."),
        ("state-nc-technician", "Expires 31 December every year."),
        ("state-dc-technician", "Expires on the last day of your birth month, every 2 years."),
        (
            "state-az-technician",
            "Expires 1 November of even years for even-numbered licences, odd years for odd.",
        ),
        (
            "state-ar-technician",
            "Expiry rule not stated in the sources we found: confirm with the board.",
        ),
    ],
)
def test_describe_expiry(code: str, text: str) -> None:
    assert describe_expiry(rule_sets()[code].expiry) == text


fixed_expiries = st.builds(
    lambda month, day, every, years: _expiry(
        "fixed_date", month=month, day=day, every_years=every, years=years if every == 2 else "any"
    ),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from([1, 2]),
    st.sampled_from(["any", "even", "odd", "license_number"]),
)


@settings(max_examples=200, deadline=None)
@given(
    expiry=fixed_expiries,
    on=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    licence=st.integers(0, 99999).map(lambda n: f"T{n}"),
)
def test_fixed_date_expiry_properties(expiry: Expiry, on: date, licence: str) -> None:
    rule_set = _with_expiry("state-al-technician", expiry)
    found = next_expiry(rule_set, on=on, license_number=licence)
    assert isinstance(found, date)
    assert found >= on
    assert (found.month, found.day) == (expiry.month, expiry.day)
    assert (found - on).days < 366 * expiry.every_years
    if expiry.every_years == 2 and expiry.years in ("even", "odd"):
        assert found.year % 2 == (0 if expiry.years == "even" else 1)
    if expiry.every_years == 2 and expiry.years == "license_number":
        assert found.year % 2 == int(licence[-1]) % 2
    # The expiry date itself is the next expiry on that day (reminders ask on any day).
    assert next_expiry(rule_set, on=found, license_number=licence) == found


@settings(max_examples=200, deadline=None)
@given(
    birth=st.dates(min_value=date(1950, 1, 1), max_value=date(2005, 12, 31)),
    issued=st.dates(min_value=date(2024, 6, 16), max_value=date(2027, 12, 31)),
    later=st.integers(0, 2000),
)
def test_birth_month_expiry_properties(birth: date, issued: date, later: int) -> None:
    rule_set = rule_sets()["state-dc-technician"]
    on = date.fromordinal(issued.toordinal() + later)
    found = next_expiry(rule_set, on=on, issued_on=issued, birth_date=birth)
    assert isinstance(found, date)
    assert found >= on
    assert found.month == birth.month
    assert (found.replace(day=28) + (found - found.replace(day=28))).month == birth.month
    assert date.fromordinal(found.toordinal() + 1).month != birth.month  # last day of the month
    first = next_expiry(rule_set, on=issued, issued_on=issued, birth_date=birth)
    assert isinstance(first, date)
    assert (found.year - first.year) % 2 == 0


# --- first renewal ---------------------------------------------------------------------------


def _req(result, code: str):
    return next(r for r in result.requirements if r.code == code)


@pytest.mark.parametrize(
    ("start", "months", "total", "live", "exempt"),
    [
        # Alabama 680-X-2-.37(2): registered in 2023 (less than a full calendar year before the
        # 31 December 2023 renewal), no CE.
        (date(2023, 3, 10), 9, Decimal(0), Decimal(0), True),
        (date(2023, 1, 2), 11, Decimal(0), Decimal(0), True),
        # Registered since 1 January 2023: one full calendar year, 3 hours with 1 live.
        (date(2023, 1, 1), 12, Decimal(3), Decimal(1), False),
        # Registered in 2022, first renewal 31 December 2023: also 3 hours (1 live).
        (date(2022, 6, 1), 19, Decimal(3), Decimal(1), False),
    ],
    ids=["al-nine-months", "al-one-day-short", "al-full-calendar-year", "al-registered-2022"],
)
def test_alabama_first_renewal(start, months, total, live, exempt) -> None:
    rule_set = rule_sets()["state-al-technician"]
    cycle = Cycle(start=start, end=date(2023, 12, 31), first_cycle=True)
    assert months_registered(cycle) == months
    result = evaluate(rule_set, [], cycle)
    assert (_req(result, "total").required, _req(result, "live").required) == (total, live)
    assert _req(result, "total").exempt is exempt
    assert result.met is exempt


def test_alabama_reduced_first_renewal_met_with_three_hours_one_live() -> None:
    rule_set = rule_sets()["state-al-technician"]
    cycle = Cycle(start=date(2022, 6, 1), end=date(2023, 12, 31), first_cycle=True)
    records = [
        rec("live", date(2023, 4, 1), 1, fmt="L"),
        rec("home", date(2023, 5, 1), 2, fmt="H"),
    ]
    result = evaluate(rule_set, records, cycle)
    assert result.met is True
    assert first_renewal_tier(rule_set, cycle) is rule_set.first_renewal_tiers[0]
    assert any("reduced first-renewal" in note for note in result.notes)


def test_alabama_later_renewals_need_six_hours_two_live() -> None:
    rule_set = rule_sets()["state-al-technician"]
    cycle = Cycle(start=date(2024, 1, 1), end=date(2025, 12, 31))
    records = [rec("live", date(2024, 4, 1), 1, fmt="L"), rec("home", date(2024, 5, 1), 5, fmt="H")]
    result = evaluate(rule_set, records, cycle)
    assert (_req(result, "total").remaining, _req(result, "live").remaining) == (
        Decimal(0),
        Decimal(1),
    )
    assert result.met is False
    assert first_renewal_tier(rule_set, cycle) is None


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 12, 31)),
    days=st.integers(0, 1100),
)
def test_first_renewal_amounts_never_exceed_the_usual_ones(start: date, days: int) -> None:
    rule_set = rule_sets()["state-al-technician"]
    end = date.fromordinal(start.toordinal() + days)
    first = evaluate(rule_set, [], Cycle(start=start, end=end, first_cycle=True))
    usual = evaluate(rule_set, [], Cycle(start=start, end=end))
    for reduced, normal in zip(first.requirements, usual.requirements, strict=True):
        assert reduced.required <= normal.required
    tier = first_renewal_tier(rule_set, Cycle(start=start, end=end, first_cycle=True))
    assert (tier is not None) == (months_registered(Cycle(start=start, end=end)) >= 12)


# --- proration (Kansas) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "required"),
    [
        # K.A.R. 68-5-18(b): 20 clock-hours per registration period, prorated at 0.8 an hour per
        # month when the period is shorter than two years.
        (date(2025, 11, 1), date(2026, 10, 31), Decimal("9.60")),
        (date(2026, 5, 1), date(2026, 10, 31), Decimal("4.80")),
        (date(2024, 11, 1), date(2026, 10, 31), Decimal(20)),
    ],
    ids=["ks-twelve-months", "ks-six-months", "ks-full-period"],
)
def test_kansas_prorated_hours(start: date, end: date, required: Decimal) -> None:
    result = evaluate(rule_sets()["state-ks-technician"], [], Cycle(start=start, end=end))
    assert _req(result, "total").required == required


def test_kansas_refuses_in_service_hours() -> None:
    cycle = Cycle(start=date(2024, 11, 1), end=date(2026, 10, 31))
    records = [rec("ins", date(2025, 1, 1), 5, kind="in_service"), rec("a", date(2025, 2, 1), 15)]
    total = _req(evaluate(rule_sets()["state-ks-technician"], records, cycle), "total")
    assert (total.counted, total.remaining) == (Decimal(15), Decimal(5))
    assert [e.reason for e in total.excluded] == [
        "Kansas does not accept in-service programs or on-the-job training as CE"
    ]


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 1, 1)),
    days=st.integers(0, 800),
)
def test_prorated_hours_never_exceed_the_full_amount(start: date, days: int) -> None:
    end = date.fromordinal(start.toordinal() + days)
    cycle = Cycle(start=start, end=end)
    required = _req(evaluate(rule_sets()["state-ks-technician"], [], cycle), "total").required
    assert Decimal(0) <= required <= Decimal(20)
    held = months_registered(cycle)
    expected = Decimal(20) if held >= 24 else min(Decimal(20), Decimal("0.8") * held)
    assert required == expected


# --- no state CE -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "state-nc-technician",
        "state-nj-technician",
        "state-co-technician",
        "state-ct-technician",
        "state-ia-technician",
        "state-ne-technician",
        "state-nm-technician",
    ],
)
def test_no_state_ce_rule_sets_are_met_with_an_empty_transcript_and_say_so(code: str) -> None:
    rule_set = rule_sets()[code]
    assert rule_set.no_state_ce is True
    assert rule_set.requirements == ()
    # Where renewal requires a national certification instead (CO, IA, NE, NM), it is held.
    member = MemberFacts(certifications=frozenset({"ptcb-cpht"}))
    cycle = Cycle(start=date(2025, 1, 1), end=date(2026, 12, 31))
    result = evaluate(rule_set, [], cycle, member=member)
    assert result.met is True
    assert "No state CE required to renew this credential." in result.notes


# --- validation ------------------------------------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    with (RULE_SETS_DIR / name).open("rb") as handle:
        return tomllib.load(handle, parse_float=Decimal)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(no_state_ce=True),
            "al.toml: rule set: field 'no_state_ce' is true but the rule set lists requirements",
        ),
        (
            lambda d: d["expiry"].update(years="any", every_years=1),
            "al.toml: rule set: field 'expiry' every_years does not match cycle_months 24",
        ),
        (
            lambda d: d["expiry"].update(day=31, month=2),
            "al.toml: expiry: field 'day' must be a day that month has every year",
        ),
        (
            lambda d: d["expiry"].update(rule="birth_month"),
            "al.toml: expiry: field 'month' month, day and years apply only to fixed_date, "
            "not birth_month",
        ),
        (
            lambda d: d["first_renewal"][0]["required"].update(nope=1),
            "al.toml: first_renewal #1: field 'required' names unknown requirement 'nope'",
        ),
        (
            lambda d: d["first_renewal"][0].update(registered_months_at_least=0),
            "al.toml: first_renewal #1: field 'registered_months_at_least' "
            "must be between 1 and 36",
        ),
        (
            lambda d: d.pop("checked"),
            "al.toml: rule set: field 'checked' must be a date like 2020-09-01",
        ),
        (
            lambda d: d["requirements"][0].update(checked=date(2019, 12, 31)),
            "al.toml: requirement 'total': field 'checked' is 2019-12-31; "
            "expected 2020-01-01 or later",
        ),
        (
            lambda d: d["expiry"].pop("confidence"),
            "al.toml: expiry: field 'confidence' is missing or not text",
        ),
    ],
    ids=[
        "no-ce-with-requirements",
        "expiry-years-mismatch",
        "expiry-bad-day",
        "birth-month-with-day",
        "tier-unknown-requirement",
        "tier-zero-months",
        "no-checked-date",
        "checked-too-old",
        "expiry-no-confidence",
    ],
)
def test_new_fields_are_validated(change, message: str) -> None:
    data = _load("state-al-technician.toml")
    change(data)
    with pytest.raises(RuleSetError) as error:
        parse_rule_set(data, filename="al.toml")
    assert str(error.value) == message


def test_every_shipped_rule_set_file_still_parses() -> None:
    for path in sorted(Path(RULE_SETS_DIR).glob("*.toml")):
        assert parse_rule_set(_load(path.name), filename=path.name).code == path.stem
