"""Reads: job search (pages and API share `job_search`), and postings as a viewer may see them."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from rxguild.accounts.viewer import Viewer
from rxguild.catalog.models import Credential, PracticeSetting
from rxguild.jobs import geo
from rxguild.jobs.eligibility import (
    CredentialStatus,
    credential_status,
    credentials_open_to,
    held_credential_codes,
)
from rxguild.jobs.models import EmploymentType, JobPosting, Shift
from rxguild.jobs.search import find_candidates, search_generation
from rxguild.jobs.search.query import DEFAULT_CAP, CandidateRow, SearchArea, SearchFilters
from rxguild.jobs.search_params import SearchParams
from rxguild.jobs.wording import credential_codes_as_names, credential_label

PAGE_SIZE = 20


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
    required_met: list[CredentialStatus] = field(default_factory=list)
    required_missing: list[CredentialStatus] = field(default_factory=list)
    preferred_met: list[CredentialStatus] = field(default_factory=list)
    preferred_missing: list[CredentialStatus] = field(default_factory=list)

    @property
    def qualifies(self) -> bool:
        return not self.required_missing

    @property
    def met_through_others(self) -> list[CredentialStatus]:
        """Requirements met by another credential the viewer holds (CPhT-Adv for CPhT)."""
        return [c for c in [*self.required_met, *self.preferred_met] if not c.direct]

    def add(self, status: CredentialStatus, *, required: bool) -> None:
        if required:
            (self.required_met if status.met else self.required_missing).append(status)
        else:
            (self.preferred_met if status.met else self.preferred_missing).append(status)


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

    requirements = _requirements([r.posting_id for r in rows])
    facets = _facets(rows, requirements, refs)
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


_NEVER = datetime.min.replace(tzinfo=UTC)
# (credential_id, required) per posting id.
Requirements = dict[int, list[tuple[int, bool]]]


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
    rows: list[CandidateRow], requirements: dict[int, list[tuple[int, bool]]], refs: CatalogRefs
) -> dict[str, list[FacetValue]]:
    settings_count = Counter(r.setting_id for r in rows if r.setting_id is not None)
    types = Counter(r.employment_type for r in rows)
    shifts = Counter(r.shift for r in rows if r.shift)
    internships = sum(1 for r in rows if r.kind != JobPosting.Kind.JOB)
    credential_counts = _credential_counts(rows, requirements, refs)
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


def _credential_counts(
    rows: list[CandidateRow], requirements: dict[int, list[tuple[int, bool]]], refs: CatalogRefs
) -> dict[int, int]:
    """Per credential some candidate requires, how many candidates a holder of it could
    apply to: the count the `credential` filter then returns (it includes the requirements
    that credential meets, e.g. a trainee registration for a registered technician)."""
    required_by_row = [
        {cid for cid, required in requirements.get(r.posting_id, ()) if required} for r in rows
    ]
    counts: dict[int, int] = {}
    for pk in set().union(*required_by_row) if required_by_row else ():
        credential = refs.credentials_by_id.get(pk)
        if credential is None:
            continue
        opens = {
            refs.credentials_by_code[code].id
            for code in credentials_open_to(credential.code)
            if code in refs.credentials_by_code
        }
        counts[pk] = sum(1 for ids in required_by_row if ids & opens)
    return counts


def _hits(
    page_entries: list[tuple[int, float, float | None]],
    viewer: Viewer | None,
    refs: CatalogRefs,
    requirements: Requirements | None,
) -> list[JobHit]:
    ids = [posting_id for posting_id, _score, _distance in page_entries]
    if requirements is None:
        requirements = _requirements(ids)
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
