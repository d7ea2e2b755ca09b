"""Staff can browse, search and filter every catalog model in the admin; members cannot."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user(
        email="staff@example.com", password="x" * 14, is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("credential", {"kind": "certificate"}, "11 credentials"),
        ("credential", {"state": "OH"}, "3 credentials"),
        ("credential", {"q": "CSPT"}, "2 credentials"),
        ("practicesetting", {"confidence": "low"}, "7 practice settings"),
        ("specialization", {"confidence": "unverified"}, "2 specializations"),
        ("skill", {"category": "hazardous_drugs"}, "22 skills"),
        ("skill", {"q": "Pyxis"}, "3 skills"),
        ("wage", {"area": "US"}, "11 wages"),
        ("datafileload", {}, "5 data file loads"),
    ],
)
def test_staff_filter_and_search(staff_client, catalog, model, query, expected):
    response = staff_client.get(reverse(f"admin:catalog_{model}_changelist"), query)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_members_cannot_open_the_catalog_admin(client, catalog):
    user = get_user_model().objects.create_user(email="m@example.com", password="x" * 14)
    client.force_login(user)
    response = client.get(reverse("admin:catalog_skill_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
