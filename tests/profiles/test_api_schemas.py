"""The profiles API's output schemas read rows by attribute; a registration number is shown only
for rows the owner's endpoints mark (numbers_shown), never by default."""

from __future__ import annotations

from typing import Any

import pytest

from rxguild.profiles import services
from rxguild.profiles.api.schemas import CredentialOut, numbers_shown
from rxguild.profiles.models import Profile

pytestmark = pytest.mark.django_db


def test_a_credential_row_is_read_with_its_number_hidden_unless_shown_to_its_owner(
    profile: Profile, cat: dict[str, Any]
) -> None:
    held = services.credential_held_add(profile=profile, credential=cat["cpht"], number="SECRET")

    hidden = CredentialOut.model_validate(held)
    shown = CredentialOut.model_validate(numbers_shown([held], to_owner=True)[0])

    assert (hidden.credential, hidden.name, hidden.number) == (
        cat["cpht"].code,
        cat["cpht"].name,
        None,
    )
    assert shown.number == "SECRET"
    assert numbers_shown([held], to_owner=False)[0].number_shown is False
