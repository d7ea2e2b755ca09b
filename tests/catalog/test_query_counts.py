"""Query-count guards on the catalog's list pages and API lists: the same number of queries
for 3 rows as for 10, so an N+1 (a query per row) fails here before it reaches a member."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.profiles.factories import CredentialFactory, PracticeSettingFactory, SkillFactory

from rxguild.catalog.models import Confidence, Specialization, Wage


def _catalog_rows(rows: int) -> dict[str, str]:
    """`rows` of each kind, each linked to others so every relation a page shows is there;
    returns the name of the last row of each kind, which the page must show."""
    base = CredentialFactory(code="base-credential")
    last: dict[str, str] = {}
    for n in range(rows):
        credential = CredentialFactory()
        credential.requires.add(base)
        setting = PracticeSettingFactory()
        setting.typical_credentials.add(base, credential)
        specialization = Specialization.objects.create(
            code=f"specialization-{n}",
            name=f"Specialization {n}",
            source="test fixture",
            confidence=Confidence.HIGH,
        )
        specialization.settings.add(setting)
        specialization.typical_credentials.add(credential)
        skill = SkillFactory()
        wage = Wage.objects.create(
            code=f"wage-{n}",
            area="TX",
            setting=f"Wage setting {n}",
            period="May 2024",
            hourly_median="19.50",
            source="test fixture",
            confidence=Confidence.HIGH,
        )
        last = {
            "credential": credential.name,
            "setting": setting.name,
            "specialization": specialization.name,
            "skill": skill.name,
            "wage": wage.setting,
        }
    return last


def case(url: str, kind: str, queries: int) -> Any:
    return pytest.param(url, kind, queries, id=url)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])
@pytest.mark.parametrize(
    ("url", "kind", "queries"),
    [
        case("/catalog/credentials/", "credential", 2),
        case("/catalog/practice-settings/", "setting", 2),
        case("/catalog/specializations/", "specialization", 3),
        case("/catalog/skills/", "skill", 1),
        case("/catalog/wages/", "wage", 1),
        case("/api/v1/catalog/credentials", "credential", 2),
        case("/api/v1/catalog/practice-settings", "setting", 2),
        case("/api/v1/catalog/specializations", "specialization", 3),
        case("/api/v1/catalog/skills", "skill", 2),
        case("/api/v1/catalog/wages", "wage", 1),
    ],
)
def test_catalog_lists_cost_the_same_for_any_number_of_rows(
    client: Client,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    kind: str,
    queries: int,
) -> None:
    last = _catalog_rows(rows)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert last[kind] in response.content.decode()
