"""A posting's pay against the catalog's wage reference: the pure engine, then the job page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from tests.jobs.factories import publish

from rxguild.catalog.models import Wage
from rxguild.jobs.pay_compare import WageFigure, choose_reference, compare_pay


def _figure(code, area, *, setting="", period="May 2023", confidence="high", **numbers):
    values = dict.fromkeys(("hourly_median", "annual_median", "hourly_mean", "annual_mean"))
    values.update({k: Decimal(str(v)) for k, v in numbers.items()})
    return WageFigure(code, area, setting, period, source="https://www.bls.gov/x",
                      confidence=confidence, **values)  # fmt: skip


# As in data/catalog/wages.toml.
FIGURES = [
    _figure("us-oews-2023", "US", hourly_median=19.37, annual_median=40300),
    _figure(
        "us-oews-2023-mean",
        "US",
        setting="All industries (mean)",
        confidence="medium",
        hourly_mean=20.83,
    ),
    _figure("us-oews-2024", "US", period="May 2024", confidence="low", annual_median=43460),
    _figure("ca-oews-2023-mean", "CA", confidence="medium", annual_mean=55710),
    _figure(
        "us-2019-hospitals-median",
        "US",
        setting="Hospitals",
        period="May 2019",
        confidence="low",
        annual_median=38310,
    ),
]


@pytest.mark.parametrize(
    ("state", "pay", "status", "reference", "state_figure", "percent"),
    [
        ("TX", ("18.00", "22.00", "HOUR"), "within", ("us-oews-2023", "19.37"), False, 3),
        ("TX", ("15.00", "17.00", "HOUR"), "below", ("us-oews-2023", "19.37"), False, -17),
        ("TX", ("45000", "50000", "YEAR"), "above", ("us-oews-2023", "19.37"), False, 18),
        ("CA", ("30.00", "34.00", "HOUR"), "above", ("ca-oews-2023-mean", "26.78"), True, 19),
        ("CA", ("20.00", None, "HOUR"), "below", ("ca-oews-2023-mean", "26.78"), True, -25),
        ("TX", (None, None, ""), "no_pay", ("us-oews-2023", "19.37"), False, None),
    ],
    ids=["tx-around-national", "tx-below", "yearly-above", "ca-state-mean", "only-min", "no-pay"],
)
def test_compare(state, pay, status, reference, state_figure, percent):
    low, high, unit = pay
    result = compare_pay(
        state=state,
        pay_min=Decimal(low) if low else None,
        pay_max=Decimal(high) if high else None,
        pay_unit=unit,
        unpaid=False,
        figures=FIGURES,
    )
    assert result.status == status
    assert (result.reference.figure.code, str(result.reference.hourly)) == reference
    assert (result.state_has_figure, result.difference_percent) == (state_figure, percent)


def test_unpaid_and_no_reference():
    unpaid = compare_pay(
        state="TX", pay_min=None, pay_max=None, pay_unit="", unpaid=True, figures=FIGURES
    )
    assert (unpaid.status, unpaid.compared) == ("unpaid", False)
    nothing = compare_pay(
        state="TX", pay_min=Decimal(18), pay_max=None, pay_unit="HOUR", unpaid=False, figures=[]
    )
    assert (nothing.status, nothing.low, nothing.high) == ("no_reference", Decimal(18), Decimal(18))


def test_setting_figures_and_low_confidence_give_way_to_the_surest_all_industries_one():
    reference = choose_reference(FIGURES, "US")
    assert (reference.figure.code, reference.measure, reference.from_annual) == (
        "us-oews-2023",
        "median",
        False,
    )
    assert choose_reference(FIGURES, "NY") is None


@pytest.fixture
def wages(db):
    Wage.objects.create(
        code="us-oews-2023", area="US", period="May 2023", hourly_median=Decimal("19.37"),
        annual_median=40300, confidence="high",
        source="BLS Occupational Outlook Handbook, Pharmacy Technicians — "
        "https://www.bls.gov/ooh/healthcare/pharmacy-technicians.htm",
    )  # fmt: skip
    Wage.objects.create(
        code="ca-oews-2023-mean", area="CA", period="May 2023", annual_mean=55710,
        confidence="medium", source="BLS OEWS May 2023 as restated at https://example.org/ca",
    )  # fmt: skip
    Wage.objects.create(
        code="tx-employment-2022", area="TX", period="2022", employment=35610,
        confidence="high", source="https://cloudfront.careeronestop.org/x",
    )  # fmt: skip


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_job_page_compares_with_the_national_figure_when_the_state_has_none(
    client, catalog, employer, wages
):
    posting = publish(employer, pay_min="18.00", pay_max="22.00", pay_unit="HOUR")
    text = _text(client.get(f"/jobs/{posting.public_id}/"))
    assert (
        "$18.00\u2013$22.00 an hour is around the national median for pharmacy technicians, "
        "$19.37 an hour : the middle of its range is 3% higher." in text
    )
    assert "The catalog has no pay figure for Texas; the national figure is shown instead." in text
    assert "Reference: May 2023, all industries. Source:" in text
    assert "(confidence: high)" in text


def test_a_metro_row_never_stands_in_for_its_state(client, catalog, employer, wages):
    # A metropolitan area's figure is listed under its state (issue #13); the posting still
    # compares with the state, and Texas has no state pay figure.
    Wage.objects.create(
        code="msa-99999-test", area="TX", msa_code="99999", msa_name="Test metro, TX",
        period="May 2023", hourly_median=Decimal("30.00"), confidence="medium",
        source="test fixture https://example.org/metro",
    )  # fmt: skip
    posting = publish(employer, pay_min="18.00", pay_max="22.00", pay_unit="HOUR")
    text = _text(client.get(f"/jobs/{posting.public_id}/"))
    assert "The catalog has no pay figure for Texas; the national figure is shown instead." in text
    assert "$30.00" not in text


def test_the_job_page_uses_the_state_figure_and_says_how_sure_it_is(
    client, catalog, employer, wages
):
    posting = publish(employer, zip_code="94110", pay_min="30.00", pay_max="34.00")
    text = _text(client.get(f"/jobs/{posting.public_id}/"))
    assert (
        "$30.00\u2013$34.00 an hour is above the California mean for pharmacy technicians, "
        "$26.78 an hour ($55,710 a year ÷ 2,080): the middle of its range is 19% higher." in text
    )
    assert "(a mean is pulled up by the best paid)" in text
    assert "no pay figure for" not in text


def test_the_job_page_says_when_there_is_no_pay_or_no_reference(client, catalog, employer, db):
    silent = publish(employer, pay_min=None, pay_max=None, pay_unit="")
    assert "This posting states no pay. Ask the employer before you apply." in _text(
        client.get(f"/jobs/{silent.public_id}/")
    )
    paid = publish(employer)
    assert "The catalog has no wage figure to compare this posting's pay with." in _text(
        client.get(f"/jobs/{paid.public_id}/")
    )
