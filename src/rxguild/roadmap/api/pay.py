"""Pay: BLS figures and member reports in groups of at least 5; reporting one's own pay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from rxguild.roadmap import access, pay_area_selectors, pay_selectors, services
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


class AreaWageOut(WageOut):
    msa_code: str
    msa_name: str
    employment: int | None


class MetroOptionOut(Schema):
    code: str
    name: str
    state: str


class AreaPayOut(Schema):
    state: str
    metro_code: str  # "" when no metro figure applies: then `figures` are the state's own
    metro_name: str
    how: str  # "chosen" (the metro asked for), "matched" (from the profile's ZIP city), or ""
    zip_city: str
    figures: list[AreaWageOut]
    note: str
    metros: list[MetroOptionOut]


class PayOut(Schema):
    minimum_reports: int
    official: list[WageOut]
    area: AreaPayOut
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


def _wage(w: Any) -> dict[str, Any]:
    return {
        "area": w.area,
        "setting": w.setting,
        "period": w.period,
        "annual_median": w.annual_median,
        "hourly_median": w.hourly_median,
        "annual_mean": w.annual_mean,
        "source": w.source,
        "confidence": w.confidence,
    }


def _area(area: pay_area_selectors.AreaPay) -> dict[str, Any]:
    rows = area.metro_rows or area.state_rows
    if area.metro_rows:
        note = "Metro-area figure; confirm against BLS unless its confidence is high."
    elif area.state:
        note = (
            f"No metro-area figure in our data for this member; the state figure for {area.state}."
        )
    else:
        note = "No metro-area figure and no state on the profile."
    return {
        "state": area.state,
        "metro_code": area.choice.metro_code,
        "metro_name": area.metro_name,
        "how": area.choice.how,
        "zip_city": area.choice.city,
        "figures": [
            _wage(w) | {"msa_code": w.msa_code, "msa_name": w.msa_name, "employment": w.employment}
            for w in rows
        ],
        "note": note,
        "metros": [{"code": o.code, "name": o.name, "state": o.state} for o in area.options],
    }


@router.get("/pay", response={200: PayOut, 422: ErrorOut})
def pay_overview(
    request: HttpRequest, state: str = "", setting: str = "", credential: str = "", metro: str = ""
) -> Any:
    """BLS figures and member reports in groups of at least 5 (smaller groups never appear).

    `area` is the member's area figure: `metro` (a code from `area.metros`) when given, else the
    metro whose title names the profile ZIP's city, else the state's own figures (`state`, or
    the profile's state)."""
    metro = metro.strip()
    if metro and metro not in pay_area_selectors.metro_codes():
        return 422, {"detail": f"No figure in our data for metro area '{metro[:10]}'."}
    state = state.strip().upper()[:2]
    overview = pay_selectors.pay_overview(
        state=state, setting=setting[:60], credential=credential[:60]
    )
    home_state, zip_code = pay_area_selectors.member_location(request.user)
    area = pay_area_selectors.area_pay(state=state or home_state, zip_code=zip_code, metro=metro)
    comparison = overview.comparison
    return {
        "minimum_reports": MIN_REPORTS,
        "area": _area(area),
        "official": [_wage(w) for w in overview.wages],
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
