"""Read-only JSON API for the reference catalog, mounted at /api/v1/catalog/.

Public (auth=None): the catalog is reference data anyone may read. Every item carries its
source and confidence so clients can show "confirm with the board" where it is low.
"""

from decimal import Decimal
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from rxguild.api.pagination import LimitOffset
from rxguild.catalog import selectors
from rxguild.catalog.models import Credential, PracticeSetting, Skill, Specialization, Wage

router = Router(tags=["catalog"])

ConfidenceLiteral = Literal["high", "medium", "low", "unverified"]
KindLiteral = Literal["certification", "certificate", "state_registration"]
CategoryLiteral = Literal[
    "dispensing",
    "sterile_compounding",
    "nonsterile_compounding",
    "hazardous_drugs",
    "inventory",
    "billing",
    "regulatory",
    "software_automation",
    "clinical_support",
    "soft_skills",
]


class SourcedOut(Schema):
    source: str
    confidence: ConfidenceLiteral
    data_version: str


class CredentialOut(SourcedOut):
    code: str
    name: str
    abbreviation: str
    kind: KindLiteral
    issuer: str
    state: str
    description: str
    url: str
    requires: list[str]

    @staticmethod
    def resolve_requires(obj: Credential) -> list[str]:
        return [c.code for c in obj.requires.all()]


class PracticeSettingOut(SourcedOut):
    code: str
    name: str
    description: str
    typical_credentials: list[str]

    @staticmethod
    def resolve_typical_credentials(obj: PracticeSetting) -> list[str]:
        return [c.code for c in obj.typical_credentials.all()]


class SpecializationOut(SourcedOut):
    code: str
    name: str
    description: str
    typical_training: str
    settings: list[str]
    typical_credentials: list[str]

    @staticmethod
    def resolve_settings(obj: Specialization) -> list[str]:
        return [s.code for s in obj.settings.all()]

    @staticmethod
    def resolve_typical_credentials(obj: Specialization) -> list[str]:
        return [c.code for c in obj.typical_credentials.all()]


class SkillOut(SourcedOut):
    code: str
    name: str
    category: CategoryLiteral
    synonyms: list[str]
    description: str
    onet_element_id: str


class WageOut(SourcedOut):
    code: str
    area: str
    msa_code: str  # a metropolitan area's figure; "" for national and state rows
    msa_name: str
    setting: str
    occupation_code: str
    period: str
    hourly_median: Decimal | None
    annual_median: Decimal | None
    hourly_mean: Decimal | None
    annual_mean: Decimal | None
    hourly_p10: Decimal | None
    hourly_p90: Decimal | None
    annual_p10: Decimal | None
    annual_p90: Decimal | None
    employment: int | None
    note: str


@router.get("/credentials", response=list[CredentialOut], auth=None)
def list_credentials(
    request: HttpRequest,
    kind: KindLiteral | None = None,
    state: str | None = Query(None, min_length=2, max_length=2, description="e.g. TX"),
) -> QuerySet[Credential]:
    return selectors.credential_list(kind=kind, state=state)


@router.get("/credentials/{code}", response=CredentialOut, auth=None)
def get_credential(request: HttpRequest, code: str) -> Credential:
    return selectors.credential_get(code=code)


@router.get("/practice-settings", response=list[PracticeSettingOut], auth=None)
def list_practice_settings(request: HttpRequest) -> QuerySet[PracticeSetting]:
    return selectors.practice_setting_list()


@router.get("/specializations", response=list[SpecializationOut], auth=None)
def list_specializations(request: HttpRequest) -> QuerySet[Specialization]:
    return selectors.specialization_list()


@router.get("/skills", response=list[SkillOut], auth=None)
@paginate(LimitOffset)
def list_skills(
    request: HttpRequest,
    category: CategoryLiteral | None = None,
    q: str | None = Query(None, max_length=100, description="Phrase in the name or a synonym"),
) -> QuerySet[Skill]:
    return selectors.skill_search(category=category, q=q)


@router.get("/wages", response=list[WageOut], auth=None)
def list_wages(
    request: HttpRequest,
    area: str | None = Query(None, min_length=2, max_length=2, description="'US' or a state"),
) -> QuerySet[Wage]:
    return selectors.wage_list(area=area)
