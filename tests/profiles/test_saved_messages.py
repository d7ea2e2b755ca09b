"""A page says "saved" only when something was saved: the same values again say "Nothing
changed." and write nothing; invalid input shows errors and keeps what the member typed.
Credentials are named by their full name, never a bare code or abbreviation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from tests.profiles.test_pages import _basics

from rxguild.profiles import services
from rxguild.profiles.forms import CredentialHeldForm
from rxguild.profiles.models import OpenTo, Profile, ProfileSkill, WorkExperience

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _messages(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_basics_saved_then_the_same_again_is_nothing_changed(client: Any, member: Any) -> None:
    client.force_login(member)
    first = client.post(reverse("profiles:edit"), _basics(), follow=True)
    assert _messages(first) == ["Profile saved."]
    stamp = Profile.objects.get(user=member).updated_at
    again = client.post(reverse("profiles:edit"), _basics(), follow=True)
    assert _messages(again) == ["Nothing changed."]
    assert Profile.objects.get(user=member).updated_at == stamp


def test_basics_with_htmx_says_nothing_changed(client: Any, member: Any) -> None:
    client.force_login(member)
    client.post(reverse("profiles:edit"), _basics(), **HTMX)
    html = client.post(reverse("profiles:edit"), _basics(), **HTMX).content.decode()
    assert '<p class="section-status" role="status">Nothing changed.</p>' in html
    assert "Profile saved." not in html


def test_practice_settings_alone_count_as_a_change(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    client.post(reverse("profiles:edit"), _basics(), follow=True)
    response = client.post(
        reverse("profiles:edit"), _basics(practice_settings=[cat["hospital"].pk]), follow=True
    )
    assert _messages(response) == ["Profile saved."]
    assert list(
        Profile.objects.get(user=member).practice_settings.values_list("code", flat=True)
    ) == ["hospital"]


def test_invalid_basics_keep_what_was_typed(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:edit"), _basics(headline="IV room lead", zip_code="90210"), **HTMX
    )
    html = response.content.decode()
    assert 'value="IV room lead"' in html
    assert "Profile saved." not in html and "Nothing changed." not in html
    assert Profile.objects.get(user=member).headline == ""


def test_open_to_unchanged_says_so(client: Any, member: Any) -> None:
    client.force_login(member)
    signals = {"jobs": "recruiters", "mentoring": "", "mentee": "", "info_interviews": ""}
    assert _messages(client.post(reverse("profiles:open_to"), signals, follow=True)) == [
        "Signals saved."
    ]
    assert _messages(client.post(reverse("profiles:open_to"), signals, follow=True)) == [
        "Nothing changed."
    ]
    assert list(OpenTo.objects.values_list("kind", "audience")) == [("jobs", "recruiters")]


def test_item_edit_without_a_change_says_so(client: Any, member: Any, profile: Profile) -> None:
    work = services.work_experience_add(
        profile=profile, employer="Memorial", title="Technician", start_date=dt.date(2020, 1, 1)
    )
    client.force_login(member)
    data = {"employer": "Memorial", "title": "Technician", "start_date": "2020-01-01"}
    url = reverse("profiles:work_edit", args=[work.pk])
    assert _messages(client.post(url, data, follow=True)) == ["Nothing changed."]
    data["title"] = "Lead technician"
    assert _messages(client.post(url, data, follow=True)) == ["Saved."]
    assert WorkExperience.objects.get(pk=work.pk).title == "Lead technician"


def test_skill_level_unchanged_and_skill_already_listed(
    client: Any, member: Any, profile: Profile, cat: dict
) -> None:
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 2})
    row = ProfileSkill.objects.get()
    client.force_login(member)
    html = client.post(
        reverse("profiles:skill_level", args=[row.pk]), {"level": "2"}, **HTMX
    ).content.decode()
    assert '<p class="section-status" role="status">Nothing changed.</p>' in html
    html = client.post(reverse("profiles:skill_add"), {"skill": cat["iv"].pk}, **HTMX).content
    assert "IV admixtures is already on your list." in html.decode()
    html = client.post(reverse("profiles:skills"), {"add": [cat["iv"].pk]}, **HTMX).content
    assert "Nothing changed." in html.decode()
    html = client.post(
        reverse("profiles:skills"), {"add": [cat["iv"].pk, cat["hipaa"].pk]}, **HTMX
    ).content
    assert "Added HIPAA privacy." in html.decode()
    assert ProfileSkill.objects.count() == 2


def test_update_services_report_what_changed(profile: Profile, cat: dict) -> None:
    held = services.credential_held_add(profile=profile, credential=cat["cpht"], number="1")
    assert services.credential_held_update(credential_held=held, number="1").nothing_changed
    assert services.credential_held_update(credential_held=held, number="2").changed == {"number"}
    assert services.profile_update(profile=profile, changes={"headline": ""}).nothing_changed
    assert services.open_to_set(profile=profile, signals={}).nothing_changed


def test_credentials_are_offered_and_listed_by_name(
    client: Any, member: Any, profile: Profile, cat: dict
) -> None:
    labels = [label for _value, label in CredentialHeldForm().fields["credential"].choices]
    assert labels == [
        "---------",
        "Certified Compounded Sterile Preparation Technician (CSPT)",
        "Certified Pharmacy Technician (CPhT)",
        "Texas Registered Pharmacy Technician",
    ]
    services.credential_held_add(profile=profile, credential=cat["cpht"])
    client.force_login(member)
    html = client.get(reverse("profiles:edit")).content.decode()
    assert "<strong>Certified Pharmacy Technician</strong>" in html
    assert "ptcb-cpht" not in html
