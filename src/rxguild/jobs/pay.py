"""A posting's pay against the catalog's wage reference, for the job page (the rule is the pure
`pay_compare` engine; this reads the figures, a few dozen rows, cached like catalog_refs)."""

from __future__ import annotations

from django.core.cache import cache

from rxguild.catalog.models import Wage
from rxguild.jobs.models import JobPosting
from rxguild.jobs.pay_compare import PayComparison, WageFigure, compare_pay

WAGE_FIGURES_CACHE_KEY = "jobs:wage-figures:v2"
WAGE_FIGURES_TTL = 300  # reference data changes only when staff reload the catalog


def wage_figures() -> list[WageFigure]:
    figures = cache.get(WAGE_FIGURES_CACHE_KEY)
    if figures is None:
        figures = [
            WageFigure(
                code=w.code,
                area=w.area,
                setting=w.setting,
                period=w.period,
                hourly_median=w.hourly_median,
                annual_median=w.annual_median,
                hourly_mean=w.hourly_mean,
                annual_mean=w.annual_mean,
                source=w.source,
                confidence=w.confidence,
            )
            # National and state rows only: a posting is compared with its state's figure, and
            # a metro row listed under that state must not stand in for it.
            for w in Wage.objects.filter(msa_code="")
        ]
        cache.set(WAGE_FIGURES_CACHE_KEY, figures, WAGE_FIGURES_TTL)
    return figures


def pay_comparison_for(posting: JobPosting) -> PayComparison:
    return compare_pay(
        state=posting.state,
        pay_min=posting.pay_min,
        pay_max=posting.pay_max,
        pay_unit=posting.pay_unit,
        unpaid=posting.unpaid,
        figures=wage_figures(),
    )
