"""CE hours are checked once, by the service (validation.record_clean), whichever door they
come through: the page shows that check's message beside the field, the API gives the same
message, and nothing is saved."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rxguild.ce.models import CeRecord

pytestmark = pytest.mark.django_db

BAD_HOURS = [
    ("abc", "“abc” is not a number of hours."),
    ("-1", "Hours cannot be negative."),
    ("0", "Hours must be more than 0 (only a required training may have 0)."),
    ("1.255", "Use at most two decimals for hours."),
    ("99", "99 hours for one activity is not plausible (max 60)."),
]


def _page_data(hours: str) -> dict[str, str]:
    return {
        "title": "Sterile compounding update",
        "completed_on": "2026-10-01",
        "hours": hours,
        "format": "H",
        "kind": "acpe",
    }


@pytest.mark.parametrize(("hours", "message"), BAD_HOURS, ids=[h for h, _ in BAD_HOURS])
def test_the_page_shows_the_services_message_once_beside_the_field(
    member_client, fixed_today, hours, message
):
    response = member_client.post(reverse("ce:record_add"), _page_data(hours))
    assert response.status_code == 200
    assert response.context["form"].errors == {"hours": [message]}
    assert CeRecord.objects.count() == 0


@pytest.mark.parametrize(("hours", "message"), BAD_HOURS[1:], ids=[h for h, _ in BAD_HOURS[1:]])
def test_the_api_gives_the_same_message(member_client, fixed_today, hours, message):
    response = member_client.post(
        "/api/v1/ce/records",
        json.dumps({"title": "X", "completed_on": "2026-10-01", "hours": hours}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"]["hours"] == [message]
    assert CeRecord.objects.count() == 0


@pytest.mark.parametrize("hours", ["1.25", 1.25], ids=["text", "number"])
def test_good_hours_are_saved_as_the_decimal_typed(member_client, fixed_today, hours):
    response = member_client.post(
        "/api/v1/ce/records",
        json.dumps({"title": "X", "completed_on": "2026-10-01", "hours": hours}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert str(CeRecord.objects.get().hours) == "1.25"
