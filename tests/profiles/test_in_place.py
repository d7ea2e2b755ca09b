"""Editing one section at a time: each section is read-only with an Edit control; with htmx
Edit swaps in that section's form and saving swaps the section back (read-only, with what
happened); without JavaScript the same links and forms work as plain pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from tests.profiles.test_pages import _basics

from rxguild.profiles import services
from rxguild.profiles.models import Profile, ProfileSkill, WorkExperience

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_basics_are_read_only_with_an_edit_control(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    html = client.get(reverse("profiles:edit")).content.decode()
    basics = html[html.index('<section id="basics"') : html.index('<section id="handle"')]
    assert "<dt>Display name</dt><dd>Maria Alvarez</dd>" in basics
    assert "data-section-form" not in basics
    assert f'hx-get="{reverse("profiles:section", args=["basics"])}?edit=1"' in basics
    assert f'href="{reverse("profiles:edit")}?edit=basics#basics"' in basics


def test_a_new_member_starts_with_the_basics_form(client: Any, other_member: Any) -> None:
    client.force_login(other_member)  # no name yet: nothing to show read-only
    html = client.get(reverse("profiles:edit")).content.decode()
    assert ">Display name</label>" in html


def test_edit_fetches_the_form_and_cancel_the_view(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    url = reverse("profiles:section", args=["basics"])
    html = client.get(url, {"edit": "1"}, **HTMX).content.decode()
    assert html.startswith('<section id="basics"')
    assert 'value="Maria Alvarez"' in html and "data-section-form" in html
    assert ">Cancel</a>" in html
    html = client.get(url, **HTMX).content.decode()
    assert "data-section-form" not in html and "<dt>Headline</dt>" in html


def test_without_htmx_edit_is_the_page_with_that_section_open(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    response = client.get(reverse("profiles:section", args=["open_to"]), {"edit": "1"})
    assert response.status_code == 302
    assert response.url == reverse("profiles:edit") + "?edit=open_to#open_to"
    html = client.get(response.url).content.decode()
    assert ">Update signals</button>" in html


def test_unknown_sections_are_404_and_signing_in_is_needed(
    client: Any, member: Any, profile: Profile
) -> None:
    assert client.get(reverse("profiles:section", args=["basics"]), **HTMX).status_code == 302
    client.force_login(member)
    assert client.get(reverse("profiles:section", args=["secrets"]), **HTMX).status_code == 404


def test_saving_swaps_back_the_read_only_section(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    data = _basics(headline="CPhT · IV room lead")
    html = client.post(reverse("profiles:edit"), data, **HTMX).content.decode()
    section = html[: html.index("</section>")]
    assert "Profile saved." in section
    assert "<dt>Headline</dt><dd>CPhT · IV room lead</dd>" in section
    assert "data-section-form" not in section


def test_an_invalid_save_keeps_the_form_and_what_was_typed(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    data = _basics(headline="Lead tech", zip_code="90210")
    html = client.post(reverse("profiles:edit"), data, **HTMX).content.decode()
    assert "data-section-form" in html
    assert 'value="Lead tech"' in html
    assert "ZIP code 90210 is in CA, not TX." in html
    assert Profile.objects.get(pk=profile.pk).headline == ""


def _work(profile: Profile) -> WorkExperience:
    return services.work_experience_add(
        profile=profile, employer="Memorial", title="Technician", start_date=dt.date(2020, 1, 1)
    )


def test_an_item_is_edited_in_its_place(client: Any, member: Any, profile: Profile) -> None:
    work = _work(profile)
    client.force_login(member)
    url = reverse("profiles:work_edit", args=[work.pk])
    html = client.get(url, **HTMX).content.decode()
    assert html.startswith('<li class="item-editing">')
    assert 'id="item_employer"' in html and 'value="Memorial"' in html
    data = {"employer": "Memorial", "title": "Lead technician", "start_date": "2020-01-01"}
    response = client.post(url, data, **HTMX)
    assert response["HX-Retarget"] == "#work"
    assert response["HX-Reswap"] == "outerHTML"
    assert "Saved." in response.content.decode()
    assert WorkExperience.objects.get(pk=work.pk).title == "Lead technician"


def test_an_invalid_item_edit_stays_in_place_and_changes_nothing(
    client: Any, member: Any, profile: Profile
) -> None:
    work = _work(profile)
    client.force_login(member)
    data = {"employer": "Memorial", "title": "", "start_date": "2020-01-01"}
    response = client.post(reverse("profiles:work_edit", args=[work.pk]), data, **HTMX)
    html = response.content.decode()
    assert "HX-Retarget" not in response
    assert html.startswith('<li class="item-editing">')
    assert "This field is required." in html
    assert WorkExperience.objects.get(pk=work.pk).title == "Technician"


def test_another_members_item_form_is_404_and_unchanged(
    client: Any, other_member: Any, profile: Profile
) -> None:
    work = _work(profile)
    client.force_login(other_member)
    url = reverse("profiles:work_edit", args=[work.pk])
    assert client.get(url, **HTMX).status_code == 404
    data = {"employer": "Hacked", "title": "x", "start_date": "2020-01-01"}
    assert client.post(url, data, **HTMX).status_code == 404
    assert WorkExperience.objects.get(pk=work.pk).employer == "Memorial"


def test_skill_combobox_options(client: Any, member: Any, profile: Profile, cat: dict) -> None:
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 2})
    client.force_login(member)
    html = client.get(reverse("profiles:skill_options"), {"q": "entry"}, **HTMX).content.decode()
    assert html.strip() == (
        f'<li role="option" data-value="{cat["data_entry"].pk}" '
        'data-label="Prescription data entry">Prescription data entry</li>'
    )
    html = client.get(reverse("profiles:skill_options"), {"q": "iv"}, **HTMX).content.decode()
    assert 'aria-disabled="true">IV admixtures <span class="muted">(on your list)</span>' in html
    page = client.get(reverse("profiles:edit")).content.decode()
    assert 'role="combobox"' in page and 'aria-controls="skill-search-listbox"' in page
    assert '<script src="/static/profiles/combobox.js" defer></script>' in page


def test_skill_add_from_the_combobox(client: Any, member: Any, profile: Profile, cat: dict) -> None:
    client.force_login(member)
    html = client.post(reverse("profiles:skill_add"), {"skill": cat["hipaa"].pk}, **HTMX)
    assert "Added HIPAA privacy." in html.content.decode()
    assert list(ProfileSkill.objects.values_list("skill__code", flat=True)) == ["hipaa"]


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_renewal_details_read_only_once_saved_then_edit_in_place(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    empty = _section(client.get(reverse("profiles:edit")).content.decode(), "renewal")
    assert "data-section-form" in empty  # nothing saved yet: the form itself
    saved = client.post(
        reverse("profiles:renewal"),
        {"birth_month": "5", "ce_conditions": ["compounds_sterile"]},
        **HTMX,
    ).content.decode()
    renewal = _section(saved, "renewal")
    assert "Renewal details saved." in renewal
    assert "data-section-form" not in renewal
    assert "<dt>Birth month</dt><dd>May</dd>" in renewal
    assert "I compound sterile preparations" in renewal
    editing = client.get(reverse("profiles:section", args=["renewal"]) + "?edit=1", **HTMX)
    assert "data-section-form" in editing.content.decode()
    assert "Cancel" in editing.content.decode()


def test_photo_section_offers_change_once_a_photo_exists(
    client: Any, member: Any, profile: Profile
) -> None:
    client.force_login(member)
    without = _section(client.get(reverse("profiles:edit")).content.decode(), "photo")
    assert "data-section-form" in without and "members see your initials" in without
    profile.photo = "profile_photos/x.webp"
    profile.save(update_fields=["photo"])
    with_photo = _section(client.get(reverse("profiles:edit")).content.decode(), "photo")
    assert "data-section-form" not in with_photo
    assert "Change photo" in with_photo and "Remove photo" in with_photo


@pytest.mark.parametrize(
    ("url_name", "anchor"),
    [
        ("profiles:renewal", "renewal"),
        ("profiles:handle", "handle"),
        ("profiles:photo", "photo"),
        ("profiles:skills", "skills"),
        ("profiles:import", "json-resume"),
    ],
)
def test_a_get_of_a_section_form_address_returns_to_its_section(
    client: Any, member: Any, profile: Profile, url_name: str, anchor: str
) -> None:
    client.force_login(member)
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('profiles:edit')}#{anchor}"
    assert client.put(reverse(url_name)).status_code == 405


@pytest.mark.parametrize(
    ("section", "label", "field"),
    [
        ("work", "Add a job", "Employer"),
        ("education", "Add education or training", "School or institution"),
        ("credentials", "Add a credential", "License or certificate number"),
    ],
)
def test_add_forms_come_on_demand_once_a_list_has_entries(
    client: Any, member: Any, profile: Profile, cat: dict, section: str, label: str, field: str
) -> None:
    services.work_experience_add(
        profile=profile, employer="Acme", title="Tech", start_date=dt.date(2020, 1, 1)
    )
    services.education_add(profile=profile, institution="HCC", program="Tech program")
    services.credential_held_add(profile=profile, credential=cat["cpht"])
    client.force_login(member)
    page = _section(client.get(reverse("profiles:edit")).content.decode(), section)
    assert "data-section-form" not in page  # the list, and a control to add to it
    assert f'hx-get="{reverse("profiles:section", args=[section])}?edit=1"' in page
    assert f'role="button" class="secondary">{label}</a>' in page
    opened = client.get(reverse("profiles:section", args=[section]) + "?edit=1", **HTMX)
    assert f">{field}</label>" in opened.content.decode()
    assert "Cancel" in opened.content.decode()
    # Without JavaScript the same control is a link to the page with that form open.
    plain = client.get(reverse("profiles:edit") + f"?edit={section}").content.decode()
    assert f">{field}</label>" in _section(plain, section)
