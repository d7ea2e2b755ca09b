"""How a posting's pay compares with the catalog's wage reference. Pure Python, no Django.

The reference is `data/catalog/wages.toml` (BLS OEWS figures, each with its period, source and
confidence). Nothing here invents a number: the posting's own pay is compared with the one
figure chosen for its state, or the national one when the catalog has none for the state, and
the result says which it used and why. Yearly amounts are read as 2,080 hours (BLS's own
convention for turning hourly wages into annual ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HOURS_PER_YEAR = Decimal(2080)
CONFIDENCE_ORDER = ("high", "medium", "low", "unverified")
LOW_CONFIDENCES = frozenset({"low", "unverified"})
CENT = Decimal("0.01")


@dataclass(frozen=True)
class WageFigure:
    code: str
    area: str  # "US" or a state code
    setting: str  # "" for all industries
    period: str
    hourly_median: Decimal | None
    annual_median: Decimal | None
    hourly_mean: Decimal | None
    annual_mean: Decimal | None
    source: str
    confidence: str


@dataclass(frozen=True)
class Reference:
    """One hourly figure taken from a WageFigure, and how it was read."""

    figure: WageFigure
    measure: str  # "median" or "mean"
    hourly: Decimal
    from_annual: bool  # an annual figure divided by 2,080

    @property
    def needs_confirmation(self) -> bool:
        return self.figure.confidence in LOW_CONFIDENCES

    @property
    def source_url(self) -> str:
        found = re.search(r"https?://\S+", self.figure.source)
        return found.group(0).rstrip(".,;)") if found else ""


@dataclass(frozen=True)
class PayComparison:
    state: str
    status: str  # "unpaid", "no_pay", "no_reference", "below", "within", "above"
    low: Decimal | None = None  # the posting's hourly range (yearly / 2,080)
    high: Decimal | None = None
    reference: Reference | None = None
    state_has_figure: bool = False  # False: the national figure stands in for the state's
    difference_percent: int | None = None  # midpoint of the range vs the reference

    @property
    def compared(self) -> bool:
        return self.status in {"below", "within", "above"}


def _year(period: str) -> int:
    years = re.findall(r"\d{4}", period)
    return int(years[-1]) if years else 0


def _readings(figure: WageFigure) -> list[Reference]:
    readings = []
    for measure, hourly, annual in (
        ("median", figure.hourly_median, figure.annual_median),
        ("mean", figure.hourly_mean, figure.annual_mean),
    ):
        if hourly is not None:
            readings.append(Reference(figure, measure, hourly.quantize(CENT), False))
        elif annual is not None:
            value = (annual / HOURS_PER_YEAR).quantize(CENT, ROUND_HALF_UP)
            readings.append(Reference(figure, measure, value, True))
    return readings


def choose_reference(figures: list[WageFigure], area: str) -> Reference | None:
    """The surest all-industries figure for `area`: higher confidence first, a median before
    a mean (a mean is pulled up by the best paid), a stated hourly figure before one derived
    from an annual amount, then the newest period."""
    readings = [
        reading
        for figure in figures
        if figure.area == area and not figure.setting
        for reading in _readings(figure)
    ]
    if not readings:
        return None
    return min(
        readings,
        key=lambda r: (
            CONFIDENCE_ORDER.index(r.figure.confidence)
            if r.figure.confidence in CONFIDENCE_ORDER
            else len(CONFIDENCE_ORDER),
            r.measure != "median",
            r.from_annual,
            -_year(r.figure.period),
            r.figure.code,
        ),
    )


def _hourly(amount: Decimal | None, unit: str) -> Decimal | None:
    if amount is None:
        return None
    return (amount if unit == "HOUR" else amount / HOURS_PER_YEAR).quantize(CENT, ROUND_HALF_UP)


def compare_pay(
    *,
    state: str,
    pay_min: Decimal | None,
    pay_max: Decimal | None,
    pay_unit: str,
    unpaid: bool,
    figures: list[WageFigure],
) -> PayComparison:
    state = (state or "").upper()
    reference = choose_reference(figures, state) if state else None
    state_has_figure = reference is not None
    if reference is None:
        reference = choose_reference(figures, "US")
    if unpaid:
        return PayComparison(
            state, "unpaid", reference=reference, state_has_figure=state_has_figure
        )
    low, high = _hourly(pay_min, pay_unit), _hourly(pay_max, pay_unit)
    if pay_unit not in {"HOUR", "YEAR"} or (low is None and high is None):
        return PayComparison(
            state, "no_pay", reference=reference, state_has_figure=state_has_figure
        )
    low, high = low if low is not None else high, high if high is not None else low
    assert low is not None and high is not None
    if reference is None:
        return PayComparison(state, "no_reference", low, high)
    if high < reference.hourly:
        status = "below"
    elif low > reference.hourly:
        status = "above"
    else:
        status = "within"
    midpoint = (low + high) / 2
    difference = int(
        ((midpoint - reference.hourly) / reference.hourly * 100).to_integral_value(ROUND_HALF_UP)
    )
    return PayComparison(state, status, low, high, reference, state_has_figure, difference)
