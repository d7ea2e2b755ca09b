"""Reads of the reference catalog, shared by the pages and the JSON API.

The catalog is public reference data: anyone, signed in or not, may read every row, so these
selectors take no viewer. Staff change it through the data files or the Django admin.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from rxguild.catalog.models import (
    Confidence,
    Credential,
    DataFileLoad,
    PracticeSetting,
    Skill,
    Specialization,
    Wage,
)

# Kept word for word in data/catalog/skills.toml (`attribution`); a test checks the two agree.
# Wording from the O*NET database licence page (https://www.onetcenter.org/license_db.html).
ONET_ATTRIBUTION = (
    "This page includes information from the O*NET 29.2 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA. RxGuild has modified all or some of this information. "
    "USDOL/ETA has not approved, endorsed, or tested these modifications."
)

# Members are told to confirm these with the issuing body before relying on them.
UNSURE_CONFIDENCES = frozenset({Confidence.LOW.value, Confidence.UNVERIFIED.value})

_CODE_ONLY = Credential.objects.only("id", "code", "abbreviation", "name")


def credential_list(*, kind: str | None = None, state: str | None = None) -> QuerySet[Credential]:
    credentials = Credential.objects.prefetch_related(Prefetch("requires", queryset=_CODE_ONLY))
    if kind:
        credentials = credentials.filter(kind=kind)
    if state:
        credentials = credentials.filter(state=state.upper())
    return credentials


def credential_get(*, code: str) -> Credential:
    return get_object_or_404(credential_list(), code=code)


def practice_setting_list() -> QuerySet[PracticeSetting]:
    return PracticeSetting.objects.prefetch_related(
        Prefetch("typical_credentials", queryset=_CODE_ONLY)
    )


def specialization_list() -> QuerySet[Specialization]:
    return Specialization.objects.prefetch_related(
        Prefetch("typical_credentials", queryset=_CODE_ONLY),
        Prefetch("settings", queryset=PracticeSetting.objects.only("id", "code", "name")),
    )


def skill_search(*, category: str | None = None, q: str | None = None) -> QuerySet[Skill]:
    """Skills by category and/or a phrase found in the name or any synonym (case-insensitive).

    Synonyms live in a JSON list; `icontains` on a JSONField compares against its text form on
    both SQLite and PostgreSQL, which is enough for ~350 short rows and keeps one code path.
    """
    skills = Skill.objects.all()
    if category:
        skills = skills.filter(category=category)
    phrase = " ".join((q or "").split())
    if phrase:
        skills = skills.filter(Q(name__icontains=phrase) | Q(synonyms__icontains=phrase))
    return skills


def wage_list(*, area: str | None = None) -> QuerySet[Wage]:
    wages = Wage.objects.all()
    if area:
        wages = wages.filter(area=area.upper())
    return wages


def data_file_versions() -> list[DataFileLoad]:
    return list(DataFileLoad.objects.order_by("name"))
