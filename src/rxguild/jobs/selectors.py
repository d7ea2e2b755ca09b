"""Reads: job search (pages and API share `job_search`), and postings as a viewer may see them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting
from rxguild.jobs import geo
from rxguild.jobs.models import EmploymentType, JobPosting, PostingCredential, Shift
from rxguild.jobs.permissions import can_manage_employer, can_review_postings
from rxguild.jobs.search import get_backend
from rxguild.jobs.search.base import (
    DEFAULT_CAP,
    FilterSQL,
    fetch_with_late_filters,
    parse_text,
)

PAGE_SIZE = 20
RADIUS_CHOICES = (5, 10, 25, 50, 100)
POSTED_WITHIN_CHOICES = (1, 3, 7, 14, 30)
SORTS = ("relevance", "date", "distance", "pay")

# Columns the selector needs from each candidate, after (id, score).
_COLUMNS = (
    "p.latitude, p.longitude, p.date_posted, p.pay_hourly_min, p.practice_setting_id, "
    "p.employment_type, p.shift, p.kind"
)


@dataclass(frozen=True)
class CredentialRef:
    id: int
    code: str
    name: str
    abbreviation: str
    url: str


@dataclass(frozen=True)
class CatalogRefs:
    credentials_by_code: dict[str, CredentialRef]
    credentials_by_id: dict[int, CredentialRef]
    settings_by_code: dict[str, tuple[int, str]]
    settings_by_id: dict[int, tuple[str, str]]


CATALOG_REFS_CACHE_KEY = "jobs:catalog-refs:v1"
CATALOG_REFS_TTL = 300  # reference data changes only when staff reload the catalog


def catalog_refs() -> CatalogRefs:
    """Credential and setting codes/names for search, from the cache (a few dozen rows).

    Every search needs them (filters by code, facet labels, met/missing badges); caching
    saves four queries per search. A catalog reload shows up within CATALOG_REFS_TTL.
    """
    refs = cache.get(CATALOG_REFS_CACHE_KEY)
    if refs is None:
        credentials = [
            CredentialRef(pk, code, name, abbreviation, url)
            for pk, code, name, abbreviation, url in Credential.objects.values_list(
                "id", "code", "name", "abbreviation", "url"
            )
        ]
        settings_rows = list(PracticeSetting.objects.values_list("id", "code", "name"))
        refs = CatalogRefs(
            credentials_by_code={c.code: c for c in credentials},
            credentials_by_id={c.id: c for c in credentials},
            settings_by_code={code: (pk, name) for pk, code, name in settings_rows},
            settings_by_id={pk: (code, name) for pk, code, name in settings_rows},
        )
        cache.set(CATALOG_REFS_CACHE_KEY, refs, CATALOG_REFS_TTL)
    return refs


@dataclass
class SearchParams:
    q: str = ""
    setting: str = ""
    employment_type: str = ""
    shift: str = ""
    credential: str = ""
    pay_min: Decimal | None = None
    posted_within: int | None = None
    internship: bool = False
    zip: str = ""
    radius: int = 25
    sort: str = "relevance"
    page: int = 1

    def as_query(self) -> dict[str, str]:
        """The non-default parameters, for links that keep the search (URL, pagination)."""
        values = {
            "q": self.q,
            "setting": self.setting,
            "employment_type": self.employment_type,
            "shift": self.shift,
            "credential": self.credential,
            "pay_min": str(self.pay_min) if self.pay_min is not None else "",
            "posted_within": str(self.posted_within or ""),
            "internship": "1" if self.internship else "",
            "zip": self.zip,
            "radius": str(self.radius) if self.zip else "",
            "sort": self.sort if self.sort != "relevance" else "",
        }
        return {k: v for k, v in values.items() if v}


def search_params_parse(data: Mapping[str, Any]) -> tuple[SearchParams, list[str]]:
    """Parse query parameters leniently: a bad value is dropped with a message for the member."""
    errors: list[str] = []
    params = SearchParams(q=str(data.get("q") or "").strip()[:200])

    def choice(name: str, allowed: list[str], label: str) -> str:
        value = str(data.get(name) or "").strip()
        if value and value not in allowed:
            errors.append(f"Unknown {label} “{value}”.")
            return ""
        return value

    params.employment_type = choice("employment_type", EmploymentType.values, "employment type")
    params.shift = choice("shift", Shift.values, "shift")
    params.setting = str(data.get("setting") or "").strip()[:60]
    params.credential = str(data.get("credential") or "").strip()[:60]
    pay = str(data.get("pay_min") or "").strip()
    if pay:
        try:
            params.pay_min = Decimal(pay)
            if not params.pay_min.is_finite() or not 0 <= params.pay_min <= 500:
                raise InvalidOperation
        except InvalidOperation:
            errors.append("Minimum pay must be an hourly amount between 0 and 500.")
            params.pay_min = None
    within = str(data.get("posted_within") or "").strip()
    if within:
        if within.isdigit() and int(within) in POSTED_WITHIN_CHOICES:
            params.posted_within = int(within)
        else:
            errors.append("“Posted within” must be 1, 3, 7, 14 or 30 days.")
    params.internship = str(data.get("internship") or "").lower() in {"1", "true", "on", "yes"}
    params.zip = str(data.get("zip") or "").strip()[:10]
    radius = str(data.get("radius") or "25").strip()
    if radius.isdigit() and int(radius) in RADIUS_CHOICES:
        params.radius = int(radius)
    else:
        errors.append("The radius must be 5, 10, 25, 50 or 100 miles.")
    sort = str(data.get("sort") or "relevance").strip()
    if sort not in SORTS:
        errors.append(f"Unknown sort “{sort}”.")
        sort = "relevance"
    params.sort = sort
    page = str(data.get("page") or "1").strip()
    params.page = int(page) if page.isdigit() and 0 < int(page) < 10000 else 1
    return params, errors


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class JobHit:
    posting: JobPosting
    score: float
    distance_miles: float | None
    required_met: list[Any] = field(default_factory=list)  # Credential or CredentialRef
    required_missing: list[Any] = field(default_factory=list)
    preferred_met: list[Any] = field(default_factory=list)
    preferred_missing: list[Any] = field(default_factory=list)

    @property
    def qualifies(self) -> bool:
        return not self.required_missing


@dataclass
class JobSearchResult:
    params: SearchParams
    hits: list[JobHit]
    total: int
    total_is_capped: bool
    facets: dict[str, list[FacetValue]]
    page: int
    pages: int
    origin: geo.ZipCentroid | None = None
    errors: list[str] = field(default_factory=list)
    knows_credentials: bool = False  # the viewer is signed in with a profile
    ignored_terms: tuple[str, ...] = ()  # in nearly every posting, so not used to narrow

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _empty(params: SearchParams, errors: list[str]) -> JobSearchResult:
    return JobSearchResult(params, [], 0, False, {}, 1, 1, None, errors)


def _held_credential_ids(viewer: Any) -> set[int] | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    from rxguild.profiles.models import CredentialHeld

    return set(
        CredentialHeld.objects.filter(profile__user=viewer).values_list("credential_id", flat=True)
    )


def job_search(
    params: SearchParams, *, viewer: Any = None, errors: list[str] | None = None
) -> JobSearchResult:
    """Search published postings: text, filters, radius, sort, facets, one page of hits.

    Candidates come from the backend (the full-text index drives, capped; see search.base)
    or, with no text, from the newest live postings. Exact distance, sorting, paging and
    facet counts then run in Python over at most DEFAULT_CAP rows.
    """
    errors = list(errors or [])
    now = timezone.now()
    where = ["p.status = 'published'", "p.valid_through > %s"]
    adapt = connection.ops.adapt_datetimefield_value  # the backend's own datetime format
    sql_params: list[Any] = [adapt(now)]

    refs = catalog_refs()
    setting_id = credential_id = None
    if params.setting:
        setting = refs.settings_by_code.get(params.setting)
        if setting is None:
            errors.append(f"Unknown practice setting “{params.setting}”.")
        else:
            setting_id = setting[0]
    if params.credential:
        credential = refs.credentials_by_code.get(params.credential)
        if credential is None:
            errors.append(f"Unknown credential “{params.credential}”.")
        else:
            credential_id = credential.id
    origin = None
    if params.zip:
        try:
            origin = geo.zip_centroid(params.zip)
        except geo.UnknownZipError as error:
            errors.append(str(error))
    if params.sort == "distance" and origin is None and not errors:
        errors.append("Enter a ZIP code to sort by distance.")
    if errors:
        return _empty(params, errors)

    if setting_id is not None:
        # The column is a bigint: an integer parameter would compare across types, which
        # PostgreSQL's GIN index (cell, facets, text; jobs 0009) cannot serve.
        where.append("p.practice_setting_id = CAST(%s AS bigint)")
        sql_params.append(setting_id)
    if params.employment_type:
        where.append("p.employment_type = %s")
        sql_params.append(params.employment_type)
    if params.shift:
        where.append("p.shift = %s")
        sql_params.append(params.shift)
    late: tuple[str, ...] = ()
    late_params: list[Any] = []
    if credential_id is not None:
        late = (
            "EXISTS (SELECT 1 FROM jobs_postingcredential pc WHERE pc.posting_id = {posting_id} "
            "AND pc.credential_id = %s AND pc.required)",
        )
        late_params.append(credential_id)
    if params.pay_min is not None:
        where.append("p.pay_hourly_min >= %s")
        sql_params.append(float(params.pay_min))
    if params.posted_within:
        where.append("p.date_posted >= %s")
        sql_params.append(adapt(now - timedelta(days=params.posted_within)))
    if params.internship:
        where.append("p.kind <> 'job'")
    if origin is not None:
        box = geo.bounding_box(origin.latitude, origin.longitude, params.radius)
        cells = geo.cells_for_box(box)
        where.append(
            f"p.geo_cell IN ({','.join(['%s'] * len(cells))}) "
            "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s"
        )
        sql_params += [*cells, box.min_latitude, box.max_latitude]
        sql_params += [box.min_longitude, box.max_longitude]
    if origin is not None and connection.vendor == "sqlite":
        # With a radius, the grid-cell index is the one to read. SQLite's planner prefers the
        # status/date and latitude indexes (which scan a whole band of the country); a unary
        # plus is SQLite's documented way to take a term out of index selection.
        where = [
            re.sub(r"^p\.(?!geo_cell)", "+p.", clause)
            .replace("AND p.latitude", "AND +p.latitude")
            .replace("AND p.longitude", "AND +p.longitude")
            for clause in where
        ]
    filters = FilterSQL(" AND ".join(where), sql_params, late, late_params)

    text = parse_text(params.q)
    ignored_terms: tuple[str, ...] = ()
    if text.is_empty:
        rows, capped = _browse(filters)
        ranked = False
    else:
        # A radius (a few grid cells) makes the filtered set small: broad terms are then
        # checked per filtered posting instead of streaming every match.
        candidates = get_backend().candidates(
            text, filters, _COLUMNS, DEFAULT_CAP, selective_filters=origin is not None
        )
        rows, capped, ranked = candidates.rows, candidates.capped, candidates.ranked
        ignored_terms = candidates.ignored_terms
        if candidates.text_ignored:
            rows, capped = _browse(filters)

    # (id, score, lat, lon, date_posted, pay_hourly_min, setting_id, employment_type, shift, kind)
    distances: dict[int, float] = {}
    if origin is not None:
        distances = geo.within_radius(
            (origin.latitude, origin.longitude),
            [(r[0], r[2], r[3]) for r in rows if r[2] is not None],
            params.radius,
        )
        rows = [r for r in rows if r[0] in distances]

    requirements = _requirements([r[0] for r in rows])
    facets = _facets(rows, requirements, refs)
    total = len(rows)
    # A broad term's candidates are the newest matches (search.base): show them by date.
    if params.sort == "date" or (params.sort == "relevance" and not ranked):
        rows.sort(key=lambda r: (_as_ts(r[4]), r[0]), reverse=True)
    elif params.sort == "distance":
        rows.sort(key=lambda r: (distances[r[0]], -r[0]))
    elif params.sort == "pay":
        rows.sort(key=lambda r: (r[5] is not None, r[5] or 0, r[0]), reverse=True)
    else:
        rows.sort(key=lambda r: (r[1], r[0]), reverse=True)

    pages = max(1, -(-total // PAGE_SIZE))
    page = min(params.page, pages)
    page_rows = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    hits = _hits(page_rows, distances, viewer, requirements, refs)
    return JobSearchResult(
        params=params,
        hits=hits,
        total=total,
        total_is_capped=capped,
        facets=facets,
        page=page,
        pages=pages,
        origin=origin,
        errors=errors,
        knows_credentials=viewer is not None and viewer.is_authenticated,
        ignored_terms=ignored_terms,
    )


def _as_ts(value: Any) -> float:
    # SQLite returns text for raw datetime columns, PostgreSQL a datetime; normalise.
    if value is None:
        return 0.0
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        parsed = parse_datetime(value)
        return parsed.timestamp() if parsed else 0.0
    return float(value.timestamp())


def _browse(filters: FilterSQL) -> tuple[list[tuple], bool]:
    inner = (
        f"SELECT p.id AS cid, 0.0 AS cscore, {_COLUMNS} FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
        f"WHERE {filters.where}"
    )
    rows = fetch_with_late_filters(
        inner, filters.params, "date_posted DESC, cid DESC", filters, DEFAULT_CAP
    )
    return rows, len(rows) >= DEFAULT_CAP


def _requirements(ids: list[int]) -> dict[int, list[tuple[int, bool]]]:
    """(credential_id, required) per candidate posting: one query for facets and badges."""
    found: dict[int, list[tuple[int, bool]]] = {}
    if not ids:
        return found
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array parameter: a thousand literals cost PostgreSQL more to parse and
            # plan than the look-ups themselves.
            cursor.execute(
                "SELECT posting_id, credential_id, required FROM jobs_postingcredential "
                "WHERE posting_id = ANY(%s)",
                [ids],
            )
            for posting_id, credential_id, required in cursor.fetchall():
                found.setdefault(posting_id, []).append((credential_id, bool(required)))
            return found
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(
                "SELECT posting_id, credential_id, required FROM jobs_postingcredential "  # noqa: S608 - placeholders only
                f"WHERE posting_id IN ({marks})",
                chunk,
            )
            for posting_id, credential_id, required in cursor.fetchall():
                found.setdefault(posting_id, []).append((credential_id, bool(required)))
    return found


def _by_count(values: list[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda f: (-f.count, f.label))


def _facets(
    rows: list[tuple], requirements: dict[int, list[tuple[int, bool]]], refs: CatalogRefs
) -> dict[str, list[FacetValue]]:
    settings_count = Counter(r[6] for r in rows if r[6] is not None)
    types = Counter(r[7] for r in rows)
    shifts = Counter(r[8] for r in rows if r[8])
    internships = sum(1 for r in rows if r[9] != JobPosting.Kind.JOB)
    credential_counts = Counter(
        credential_id
        for r in rows
        for credential_id, required in requirements.get(r[0], ())
        if required
    )
    return {
        "setting": _by_count(
            [
                FacetValue(refs.settings_by_id[pk][0], refs.settings_by_id[pk][1], n)
                for pk, n in settings_count.items()
                if pk in refs.settings_by_id
            ]
        ),
        "employment_type": _by_count(
            [FacetValue(v, EmploymentType(v).label, n) for v, n in types.items()]
        ),
        "shift": _by_count([FacetValue(v, Shift(v).label, n) for v, n in shifts.items()]),
        "credential": _by_count(
            [
                FacetValue(
                    refs.credentials_by_id[pk].code,
                    refs.credentials_by_id[pk].abbreviation or refs.credentials_by_id[pk].name,
                    n,
                )
                for pk, n in credential_counts.items()
                if pk in refs.credentials_by_id
            ]
        ),
        "internship": [FacetValue("1", "Internships and externships", internships)]
        if internships
        else [],
    }


def _hits(
    page_rows: list[tuple],
    distances: dict[int, float],
    viewer: Any,
    requirements: dict[int, list[tuple[int, bool]]],
    refs: CatalogRefs,
) -> list[JobHit]:
    ids = [r[0] for r in page_rows]
    postings = {
        p.pk: p
        for p in JobPosting.objects.filter(pk__in=ids)
        .select_related("employer", "practice_setting")
        .defer("search_document", "search_vector", "description")
    }
    held = _held_credential_ids(viewer) if ids else None
    hits = []
    for row in page_rows:
        posting = postings.get(row[0])
        if posting is None:
            continue
        hit = JobHit(posting=posting, score=float(row[1]), distance_miles=distances.get(row[0]))
        for credential_id, required in sorted(
            requirements.get(row[0], ()), key=lambda item: (not item[1], item[0])
        ):
            credential = refs.credentials_by_id.get(credential_id)
            if credential is None:
                continue
            met = held is not None and credential_id in held
            if required:
                (hit.required_met if met else hit.required_missing).append(credential)
            else:
                (hit.preferred_met if met else hit.preferred_missing).append(credential)
        hits.append(hit)
    return hits


def posting_visible_queryset() -> QuerySet[JobPosting]:
    return JobPosting.objects.filter(
        status=JobPosting.Status.PUBLISHED, valid_through__gt=timezone.now()
    )


def posting_get_for_viewer(viewer: Any, public_id: Any) -> JobPosting:
    """A posting as this viewer may see it: live ones for everyone; others only for the
    employer's recruiters and reviewers. Anything else is a 404 (no existence leak)."""
    try:
        posting = (
            JobPosting.objects.select_related("employer", "practice_setting")
            .prefetch_related(
                Prefetch(
                    "credential_requirements",
                    queryset=PostingCredential.objects.select_related("credential"),
                ),
                "skills",
            )
            .get(public_id=public_id)
        )
    except (JobPosting.DoesNotExist, ValueError) as error:
        raise Http404("No such posting.") from error
    if posting.is_live:
        return posting
    if can_manage_employer(viewer, posting.employer) or can_review_postings(viewer):
        return posting
    raise Http404("No such posting.")


def posting_get_for_editor(user: Any, public_id: Any) -> JobPosting:
    posting = posting_get_for_viewer(user, public_id)
    if not can_manage_employer(user, posting.employer):
        raise Http404("No such posting.")
    return posting


def credential_check_for_viewer(viewer: Any, posting: JobPosting) -> JobHit:
    """Met / missing credentials for one posting (the detail page)."""
    held = _held_credential_ids(viewer)
    hit = JobHit(posting=posting, score=0.0, distance_miles=None)
    for requirement in posting.credential_requirements.all():
        met = held is not None and requirement.credential_id in held
        if requirement.required:
            (hit.required_met if met else hit.required_missing).append(requirement.credential)
        else:
            (hit.preferred_met if met else hit.preferred_missing).append(requirement.credential)
    return hit


def postings_for_review() -> QuerySet[JobPosting]:
    return (
        JobPosting.objects.filter(status=JobPosting.Status.IN_REVIEW)
        .select_related("employer")
        .order_by("updated_at")
    )


def postings_for_employers(employer_ids: list[int]) -> QuerySet[JobPosting]:
    return (
        JobPosting.objects.filter(employer_id__in=employer_ids)
        .select_related("employer")
        .order_by("-updated_at")
    )
