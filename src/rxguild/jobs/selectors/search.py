"""Job search (pages and API share `job_search`): filters checked against the catalog, the
backend's candidates ordered and counted (cached per search), one page of hits for the viewer;
and postings as a viewer may see them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from rxguild.accounts.viewer import Viewer
from rxguild.catalog.models import Credential, PracticeSetting
from rxguild.jobs import geo
from rxguild.jobs.eligibility import (
    credential_status,
    credentials_open_to,
    held_credential_codes,
)
from rxguild.jobs.models import JobPosting
from rxguild.jobs.search import find_candidates, search_generation
from rxguild.jobs.search.query import DEFAULT_CAP, SearchArea, SearchFilters
from rxguild.jobs.search_params import SearchParams
from rxguild.jobs.selectors.facets import posting_requirements, search_facets
from rxguild.jobs.selectors.results import (
    CatalogRefs,
    CredentialRef,
    FacetValue,
    JobHit,
    JobSearchResult,
    Requirements,
)
from rxguild.jobs.wording import credential_codes_as_names, credential_label

PAGE_SIZE = 20
_NEVER = datetime.min.replace(tzinfo=UTC)


CATALOG_REFS_CACHE_KEY = "jobs:catalog-refs:v1"
CATALOG_REFS_TTL = 300  # reference data changes only when staff reload the catalog


def catalog_refs() -> CatalogRefs:
    """Credential and setting codes/names for search, from the cache (a few dozen rows).

    Every search needs them (filters by code, facet labels, met/missing badges); caching
    saves four queries per search. A catalog reload shows up within CATALOG_REFS_TTL.
    """
    refs = cache.get(CATALOG_REFS_CACHE_KEY)
    if refs is None:
        refs = catalog_refs_read(Credential, PracticeSetting)
        cache.set(CATALOG_REFS_CACHE_KEY, refs, CATALOG_REFS_TTL)
    return refs


def catalog_refs_read(credential_model: Any, setting_model: Any) -> CatalogRefs:
    """The refs read from these models: the app's, or a migration's historical ones (which
    must not go through the cache, whose table may not exist yet while migrating)."""
    credentials = [
        CredentialRef(pk, code, name, abbreviation, url)
        for pk, code, name, abbreviation, url in credential_model.objects.values_list(
            "id", "code", "name", "abbreviation", "url"
        )
    ]
    settings_rows = list(setting_model.objects.values_list("id", "code", "name"))
    return CatalogRefs(
        credentials_by_code={c.code: c for c in credentials},
        credentials_by_id={c.id: c for c in credentials},
        settings_by_code={code: (pk, name) for pk, code, name in settings_rows},
        settings_by_id={pk: (code, name) for pk, code, name in settings_rows},
    )


def credential_labels() -> dict[str, str]:
    """Catalog code -> how pages name it ("Certified Pharmacy Technician (CPhT)")."""
    return {
        code: credential_label(c.name, c.abbreviation)
        for code, c in catalog_refs().credentials_by_code.items()
    }


def posting_description_text(posting: JobPosting) -> str:
    """The description as members read it: catalog codes written into it (an import,
    an old demo posting) shown as the credentials' names."""
    return credential_codes_as_names(posting.description, credential_labels())


def _empty(params: SearchParams, errors: list[str]) -> JobSearchResult:
    return JobSearchResult(params, [], 0, False, {}, 1, 1, None, errors)


def job_search(
    params: SearchParams, *, viewer: Viewer | None = None, errors: list[str] | None = None
) -> JobSearchResult:
    """Search published postings: text, filters, radius, sort, facets, one page of hits.

    Candidates come from the backend (the full-text index drives, capped; see search.base)
    or, with no text, from the newest live postings. Exact distance, sorting, paging and
    facet counts then run in Python over at most DEFAULT_CAP rows.
    """
    errors = list(errors or [])
    refs = catalog_refs()
    setting_id = None
    credential_ids: tuple[int, ...] = ()
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
            # Postings open to a holder of it: those requiring it or one it meets.
            credential_ids = tuple(
                sorted(
                    refs.credentials_by_code[code].id
                    for code in credentials_open_to(credential.code)
                    if code in refs.credentials_by_code
                )
            )
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

    now = timezone.now()
    area = None
    if origin is not None:
        box = geo.bounding_box(origin.latitude, origin.longitude, params.radius)
        area = SearchArea(box=box, cells=tuple(geo.cells_for_box(box)))
    filters = SearchFilters(
        live_at=now,
        setting_id=setting_id,
        employment_type=params.employment_type,
        shift=params.shift,
        required_credential_ids=credential_ids,
        pay_min=float(params.pay_min) if params.pay_min is not None else None,
        posted_since=now - timedelta(days=params.posted_within) if params.posted_within else None,
        internships_only=params.internship,
        area=area,
    )
    ordered, requirements = _ordered_cached(params, filters, origin, refs)
    total = len(ordered.entries)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(params.page, pages)
    page_entries = ordered.entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    hits = _hits(page_entries, viewer, refs, requirements)
    return JobSearchResult(
        params=params,
        hits=hits,
        total=total,
        total_is_capped=ordered.capped,
        facets=ordered.facets,
        page=page,
        pages=pages,
        origin=origin,
        errors=errors,
        knows_credentials=viewer is not None and viewer.is_authenticated,
        ignored_terms=ordered.ignored_terms,
    )


@dataclass(frozen=True)
class _Ordered:
    """A search's viewer-independent answer: every result in order as (posting id, score,
    distance or None), the facet counts, and the flags the page shows."""

    entries: list[tuple[int, float, float | None]]
    facets: dict[str, list[FacetValue]]
    capped: bool
    ignored_terms: tuple[str, ...]


def _ordered_cached(
    params: SearchParams, filters: SearchFilters, origin: geo.ZipCentroid | None, refs: CatalogRefs
) -> tuple[_Ordered, Requirements | None]:
    """`_ordered`, kept SEARCH_CACHE_SECONDS per search (every parameter but the page) and
    index generation (search.generation: any posting change starts a new one). Candidates,
    requirements and facets over up to DEFAULT_CAP rows are most of a search's cost, and
    the same for every viewer; the page's postings and met/missing badges are read fresh.
    The requirements come back only when computed here (not from the cache)."""
    seconds = settings.JOBS_SEARCH_CACHE_SECONDS
    if not seconds:
        return _ordered(params, filters, origin, refs)
    query = sorted((k, v) for k, v in params.as_query().items() if k != "page")
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    key = f"jobs:search:v1:{search_generation()}:{digest}"
    found = cache.get(key)
    if found is not None:
        return found, None
    ordered, requirements = _ordered(params, filters, origin, refs)
    cache.set(key, ordered, seconds)
    return ordered, requirements


def _ordered(
    params: SearchParams, filters: SearchFilters, origin: geo.ZipCentroid | None, refs: CatalogRefs
) -> tuple[_Ordered, Requirements]:
    candidates = find_candidates(params.q, filters, cap=DEFAULT_CAP)
    rows = candidates.rows
    distances: dict[int, float] = {}
    if origin is not None:
        distances = geo.within_radius(
            (origin.latitude, origin.longitude),
            [
                (r.posting_id, r.latitude, r.longitude)
                for r in rows
                if r.latitude is not None and r.longitude is not None
            ],
            params.radius,
        )
        rows = [r for r in rows if r.posting_id in distances]

    requirements = posting_requirements([r.posting_id for r in rows])
    facets = search_facets(rows, requirements, refs)
    # A broad term's candidates are the newest matches (search.base): show them by date.
    if params.sort == "date" or (params.sort == "relevance" and not candidates.ranked):
        rows.sort(key=lambda r: (r.date_posted or _NEVER, r.posting_id), reverse=True)
    elif params.sort == "distance":
        rows.sort(key=lambda r: (distances[r.posting_id], -r.posting_id))
    elif params.sort == "pay":
        rows.sort(
            key=lambda r: (r.pay_hourly_min is not None, r.pay_hourly_min or 0, r.posting_id),
            reverse=True,
        )
    else:
        rows.sort(key=lambda r: (r.score, r.posting_id), reverse=True)
    ordered = _Ordered(
        entries=[(r.posting_id, r.score, distances.get(r.posting_id)) for r in rows],
        facets=facets,
        capped=candidates.capped,
        ignored_terms=candidates.ignored_terms,
    )
    return ordered, requirements


def _hits(
    page_entries: list[tuple[int, float, float | None]],
    viewer: Viewer | None,
    refs: CatalogRefs,
    requirements: Requirements | None,
) -> list[JobHit]:
    ids = [posting_id for posting_id, _score, _distance in page_entries]
    if requirements is None:
        requirements = posting_requirements(ids)
    postings = {
        p.pk: p
        for p in JobPosting.objects.filter(pk__in=ids)
        .select_related("employer", "practice_setting")
        .defer("search_document", "search_vector", "description")
    }
    held = held_credential_codes(viewer) if ids else None
    names = {code: c.name for code, c in refs.credentials_by_code.items()}
    hits = []
    for posting_id, score, distance in page_entries:
        posting = postings.get(posting_id)
        if posting is None:
            continue
        hit = JobHit(posting=posting, score=score, distance_miles=distance)
        for credential_id, required in sorted(
            requirements.get(posting_id, ()), key=lambda item: (not item[1], item[0])
        ):
            credential = refs.credentials_by_id.get(credential_id)
            if credential is None:
                continue
            hit.add(credential_status(credential, held, names), required=required)
        hits.append(hit)
    return hits


def credential_check_for_viewer(viewer: Viewer | None, posting: JobPosting) -> JobHit:
    """Met / missing credentials for one posting (the detail page)."""
    held = held_credential_codes(viewer)
    names = {code: c.name for code, c in catalog_refs().credentials_by_code.items()}
    hit = JobHit(posting=posting, score=0.0, distance_miles=None)
    for requirement in posting.credential_requirements.all():
        hit.add(
            credential_status(requirement.credential, held, names), required=requirement.required
        )
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
