"""The shapes a job search reads and returns: catalog references, hits with their met and
missing credentials, facet counts and the result page."""

from __future__ import annotations

from dataclasses import dataclass, field

from rxguild.jobs import geo
from rxguild.jobs.eligibility import CredentialStatus
from rxguild.jobs.models import JobPosting
from rxguild.jobs.search_params import SearchParams

# (credential_id, required) per posting id.
Requirements = dict[int, list[tuple[int, bool]]]


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
