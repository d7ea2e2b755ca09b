"""Query-count guards on the accounts lists: as many queries for 3 tokens as for 10."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from rxguild.accounts.models import User
from rxguild.accounts.tokens import token_create


@pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])
@pytest.mark.parametrize(
    ("url", "marker", "queries"),
    [
        # Session, user, allauth's session tracking (read, touch, in savepoints), the tokens.
        pytest.param("/account/tokens/", "<td>Active</td>", 8, id="/account/tokens/"),
        pytest.param("/api/v1/accounts/tokens", "Pharmacy sync ", 8, id="/api/v1/accounts/tokens"),
    ],
)
def test_token_lists_cost_the_same_for_any_number_of_tokens(
    client: Client,
    member: User,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    marker: str,
    queries: int,
) -> None:
    for n in range(rows):
        token_create(user=member, name=f"Pharmacy sync {n}")
    client.force_login(member)
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(marker) == rows
