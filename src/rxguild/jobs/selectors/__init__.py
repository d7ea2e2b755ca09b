"""Reads of jobs: job search and postings as a viewer may see them.

- ``search``: `job_search` (pages, API and alerts share it), the cached catalog references
  it checks filters against, the page's hits, and postings for review and for employers;
- ``facets``: the candidates' credential requirements and facet counts;
- ``results``: the shapes returned (`JobSearchResult`, `JobHit`, `FacetValue`, ...).
"""

from rxguild.jobs.selectors.results import (
    CatalogRefs,
    CredentialRef,
    FacetValue,
    JobHit,
    JobSearchResult,
)
from rxguild.jobs.selectors.search import (
    CATALOG_REFS_CACHE_KEY,
    PAGE_SIZE,
    catalog_refs,
    catalog_refs_read,
    credential_check_for_viewer,
    credential_labels,
    job_search,
    posting_description_text,
    postings_for_employers,
    postings_for_review,
)

__all__ = [
    "CATALOG_REFS_CACHE_KEY",
    "PAGE_SIZE",
    "CatalogRefs",
    "CredentialRef",
    "FacetValue",
    "JobHit",
    "JobSearchResult",
    "catalog_refs",
    "catalog_refs_read",
    "credential_check_for_viewer",
    "credential_labels",
    "job_search",
    "posting_description_text",
    "postings_for_employers",
    "postings_for_review",
]
