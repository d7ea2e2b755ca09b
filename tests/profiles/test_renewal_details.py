"""Renewal details: birth month/day (never a year) and CE situations, private to the member."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.profiles.models import Profile

pytestmark = pytest.mark.django_db


def test_saving_renewal_details(client, member, profile) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:renewal"),
        {"birth_month": "2", "birth_day": "29", "ce_conditions": ["compounds_sterile"]},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.birth_month, profile.birth_day, profile.ce_conditions) == (
        2,
        29,
        ["compounds_sterile"],
    )
    page = client.get(reverse("profiles:edit")).content.decode()
    assert "Renewal details (private)" in page
    assert "We never ask for the year you were born." in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        pytest.param(
            {"birth_month": "4", "birth_day": "31"},
            "birth_day",
            "April has no day 31.",
            id="april-31",
        ),
        pytest.param(
            {"birth_day": "12"},
            "birth_day",
            "Choose the month too, or leave the day empty.",
            id="day-without-month",
        ),
        pytest.param(
            {"birth_month": "13"},
            "birth_month",
            "Select a valid choice. 13 is not one of the available choices.",
            id="month-13",
        ),
        pytest.param(
            {"ce_conditions": ["juggles"]},
            "ce_conditions",
            "Select a valid choice. juggles is not one of the available choices.",
            id="unknown-situation",
        ),
    ],
)
def test_bad_renewal_details_change_nothing(client, member, profile, data, field, message) -> None:
    profile.birth_month, profile.birth_day = 7, 4
    profile.save()
    client.force_login(member)
    response = client.post(reverse("profiles:renewal"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert message in response.content.decode()
    stored = Profile.objects.get(pk=profile.pk)
    assert (stored.birth_month, stored.birth_day, stored.ce_conditions) == (7, 4, [])


def test_renewal_details_are_not_on_the_public_page(client, member, profile) -> None:
    profile.is_public, profile.birth_month, profile.birth_day = True, 3, 14
    profile.save()
    page = client.get(f"/p/{profile.handle}/").content.decode()
    assert "March" not in page
    assert "Renewal details" not in page
