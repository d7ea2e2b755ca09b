"""Pay: BLS figures and member reports in groups of at least 5; reporting one's own pay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rxguild.roadmap import access, pay_selectors, services
from rxguild.roadmap.api.schemas import ErrorOut
from rxguild.roadmap.pay import MIN_REPORTS

router = Router()


class BucketOut(Schema):
    key: list[str]
    count: int
    median_hourly: Decimal


class ComparisonSideOut(Schema):
    count: int
    median_hourly: Decimal


class PayComparisonOut(Schema):
    credential: str
    with_credential: ComparisonSideOut | None
    without_credential: ComparisonSideOut | None
    difference: Decimal | None


class WageOut(Schema):
    area: str
    setting: str
    period: str
    annual_median: Decimal | None
    hourly_median: Decimal | None
    annual_mean: Decimal | None
    source: str
    confidence: str


class PayOut(Schema):
    minimum_reports: int
    official: list[WageOut]
    by_state_setting: list[BucketOut]
    by_years: list[BucketOut]
    comparison: PayComparisonOut | None


class PayReportIn(Schema):
    job_id: int
    hourly_pay: Decimal
    shift: str = ""
    credentials: list[str] = []


class PayReportOut(Schema):
    id: int
    job_id: int
    hourly_pay: Decimal
    status: str


def _bucket(bucket: Any) -> dict[str, Any]:
    return {"key": list(bucket.key), "count": bucket.count, "median_hourly": bucket.median}


def _side(bucket: Any) -> dict[str, Any] | None:
    return None if bucket is None else {"count": bucket.count, "median_hourly": bucket.median}


@router.get("/pay", response=PayOut)
def pay_overview(
    request: HttpRequest, state: str = "", setting: str = "", credential: str = ""
) -> dict[str, Any]:
    """BLS figures and member reports in groups of at least 5 (smaller groups never appear)."""
    overview = pay_selectors.pay_overview(
        state=state.strip().upper()[:2], setting=setting[:60], credential=credential[:60]
    )
    comparison = overview.comparison
    return {
        "minimum_reports": MIN_REPORTS,
        "official": [
            {
                "area": w.area,
                "setting": w.setting,
                "period": w.period,
                "annual_median": w.annual_median,
                "hourly_median": w.hourly_median,
                "annual_mean": w.annual_mean,
                "source": w.source,
                "confidence": w.confidence,
            }
            for w in overview.wages
        ],
        "by_state_setting": [_bucket(b) for b in overview.by_state_setting],
        "by_years": [_bucket(b) for b in overview.by_years],
        "comparison": None
        if comparison is None
        else {
            "credential": comparison.credential,
            "with_credential": _side(comparison.with_credential),
            "without_credential": _side(comparison.without_credential),
            "difference": comparison.difference,
        },
    }


@router.post("/pay/reports", response={201: PayReportOut, 422: ErrorOut})
def pay_report_create(request: HttpRequest, payload: PayReportIn) -> Any:
    """Report the pay of one of your jobs (`job_id` from your profile's work history)."""
    job = access.job_get_for_pay_report(request.user, payload.job_id)
    report = services.pay_report_submit(
        member=request.user,
        job=job,
        hourly_pay=payload.hourly_pay,
        shift=payload.shift,
        credentials=payload.credentials,
    )
    return 201, {
        "id": report.pk,
        "job_id": report.job_id,
        "hourly_pay": report.hourly_pay,
        "status": report.status,
    }
