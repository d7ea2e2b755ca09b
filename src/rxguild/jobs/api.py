"""JSON API for the jobs capability, mounted under /api/v1/ by rxguild.api."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from rxguild.jobs.search_params import search_params_parse
from rxguild.jobs.selectors import JobSearchResult, job_search

router = Router(tags=["jobs"])

# --- Part A: search ---------------------------------------------------------------------


class JobSearchQuery(Schema):
    """The same parameters as the search page (/jobs/?...)."""

    q: str = ""
    setting: str = ""
    employment_type: str = ""
    shift: str = ""
    credential: str = ""
    pay_min: str = ""
    posted_within: str = ""
    internship: str = ""
    zip: str = ""
    radius: str = "25"
    sort: str = "relevance"
    page: str = "1"


class FacetOut(Schema):
    value: str
    label: str
    count: int


class CredentialOut(Schema):
    code: str
    name: str
    required: bool
    met: bool | None  # None when the caller is anonymous (we don't know what they hold)


class JobHitOut(Schema):
    id: str
    url: str
    title: str
    employer: str
    city: str
    state: str
    zip_code: str
    remote: bool
    employment_type: str
    shift: str
    practice_setting: str | None
    internship: bool
    pay_min: float | None
    pay_max: float | None
    pay_unit: str
    date_posted: str | None
    valid_through: str
    distance_miles: float | None
    score: float
    qualifies: bool | None
    credentials: list[CredentialOut]


class JobSearchOut(Schema):
    total: int
    total_is_capped: bool
    page: int
    pages: int
    facets: dict[str, list[FacetOut]]
    results: list[JobHitOut]


def _search_out(request: HttpRequest, result: JobSearchResult) -> dict[str, Any]:
    known = result.knows_credentials
    results = []
    for hit in result.hits:
        p = hit.posting
        credentials = [
            {"code": c.code, "name": c.name, "required": True, "met": True if known else None}
            for c in hit.required_met
        ]
        credentials += [
            {"code": c.code, "name": c.name, "required": True, "met": False if known else None}
            for c in hit.required_missing
        ]
        credentials += [
            {"code": c.code, "name": c.name, "required": False, "met": True if known else None}
            for c in hit.preferred_met
        ]
        credentials += [
            {"code": c.code, "name": c.name, "required": False, "met": False if known else None}
            for c in hit.preferred_missing
        ]
        results.append(
            {
                "id": str(p.public_id),
                "url": request.build_absolute_uri(f"/jobs/{p.public_id}/"),
                "title": p.title,
                "employer": p.employer.name,
                "city": p.city,
                "state": p.state,
                "zip_code": p.zip_code,
                "remote": p.location_type == p.LocationType.REMOTE,
                "employment_type": p.employment_type,
                "shift": p.shift,
                "practice_setting": p.practice_setting.code if p.practice_setting else None,
                "internship": p.is_internship,
                "pay_min": float(p.pay_min) if p.pay_min is not None else None,
                "pay_max": float(p.pay_max) if p.pay_max is not None else None,
                "pay_unit": p.pay_unit,
                "date_posted": p.date_posted.isoformat() if p.date_posted else None,
                "valid_through": p.valid_through.isoformat(),
                "distance_miles": round(hit.distance_miles, 1)
                if hit.distance_miles is not None
                else None,
                "score": round(hit.score, 4),
                "qualifies": hit.qualifies if known else None,
                "credentials": credentials,
            }
        )
    return {
        "total": result.total,
        "total_is_capped": result.total_is_capped,
        "page": result.page,
        "pages": result.pages,
        "facets": {name: [vars(f) for f in values] for name, values in result.facets.items()},
        "results": results,
    }


@router.get(
    "",
    auth=None,
    response={200: JobSearchOut, 422: dict},
    summary="Search published jobs",
    description="Full-text search with filters, radius (zip + radius miles), sort, facets and "
    "pagination (20 per page). Signed-in callers get met/missing credentials per result.",
)
def search_jobs(request: HttpRequest, filters: Query[JobSearchQuery]) -> Any:
    params, errors = search_params_parse(filters.dict())
    result = job_search(params, viewer=request.user, errors=errors)
    if result.errors:
        return 422, {"detail": result.errors}
    return 200, _search_out(request, result)


# Saved searches keep the path they had beside the tracker: /api/v1/jobs/tracker/saved-searches.
# The tracker's own router is mounted at /api/v1/jobs/tracker/ by rxguild.api.main.
from rxguild.jobs.alerts.api import router as alerts_router  # noqa: E402

router.add_router("/tracker", alerts_router)
