"""Profile pages through the test client, with and without htmx."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.profiles.conftest import image_bytes

from rxguild.profiles import services
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    OpenTo,
    Profile,
    ProfileSkill,
    WorkExperience,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _basics(**overrides: Any) -> dict[str, Any]:
    data = {
        "display_name": "Maria Alvarez",
        "headline": "CPhT",
        "brand_statement": "",
        "years_experience": "",
        "zip_code": "77030",
        "state": "TX",
        "location_audience": "members",
        "photo_audience": "members",
        "work_audience": "public",
        "education_audience": "members",
        "credentials_audience": "members",
        "skills_audience": "members",
    }
    data.update(overrides)
    return data


def test_pages_need_sign_in(client: Any) -> None:
    response = client.get(reverse("profiles:edit"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_edit_page_has_the_labelled_fields(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    # A member with a name sees basics read-only; ?edit=basics opens them (no JavaScript).
    response = client.get(reverse("profiles:edit"), {"edit": "basics"})
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        ">Display name</label>",
        ">Headline</label>",
        ">ZIP code</label>",
        ">State</label>",
        ">Credential</label>",
        ">Skills</label>",
        "Make my profile public",
        ">Save</button>",
    ):
        assert label in html
    assert "<script>" not in html  # CSP: no inline script
    assert 'style="' not in html
    assert '<meter id="completeness-meter"' in html


def test_saving_basics_without_htmx_redirects(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:edit"), _basics(is_public="on"))
    assert response.status_code == 302
    assert response.url == reverse("profiles:edit") + "#basics"
    profile = Profile.objects.get(user=member)
    assert (profile.zip_code, profile.state, profile.is_public) == ("77030", "TX", True)
    assert profile.work_audience == Audience.PUBLIC


def test_saving_basics_with_htmx_returns_the_section(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:edit"), _basics(is_public="on"), **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "profiles/sections/_basics.html"
    html = response.content.decode()
    assert '<section id="basics"' in html
    assert "Profile saved." in html
    assert "/p/" in html  # the public URL is shown once public
    # The completeness meter outside the section is refreshed out of band.
    assert '<section id="completeness"' in html
    assert 'hx-swap-oob="true"' in html
    assert "Your profile is 30% complete" in html


def test_bad_zip_shows_the_error_next_to_the_field_and_saves_nothing(
    client: Any, member: Any
) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:edit"), _basics(zip_code="90210"), **HTMX)
    assert response.status_code == 200
    form = response.context["basics_form"]
    assert form.errors["zip_code"] == [
        "ZIP code 90210 is in CA, not TX. Check the ZIP code or the state."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert Profile.objects.get(user=member).zip_code == ""


def test_overlong_headline_is_refused_on_the_page(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(reverse("profiles:edit"), _basics(headline="x" * 161))
    assert response.status_code == 200
    assert response.context["basics_form"].errors["headline"] == [
        "Ensure this value has at most 160 characters (it has 161)."
    ]
    assert Profile.objects.get(user=member).headline == ""


def test_open_to_signals(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:open_to"), {"jobs": "recruiters", "mentoring": "", "mentee": "members"}
    )
    assert response.status_code == 302
    assert sorted(OpenTo.objects.values_list("kind", "audience")) == [
        ("jobs", "recruiters"),
        ("mentee", "members"),
    ]


def test_work_add_and_delete_with_htmx(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:work_add"),
        {
            "employer": "Bayou City Medical",
            "title": "IV tech",
            "practice_setting": cat["hospital"].pk,
            "state": "TX",
            "start_date": "2021-03-01",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "IV tech" in response.content.decode()
    work = WorkExperience.objects.get()
    response = client.post(reverse("profiles:work_delete", args=[work.pk]), **HTMX)
    assert response.status_code == 200
    assert WorkExperience.objects.count() == 0


def test_work_with_end_before_start_is_refused(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:work_add"),
        {"employer": "A", "title": "B", "start_date": "2022-01-01", "end_date": "2021-01-01"},
        **HTMX,
    )
    assert response.context["work_form"].errors["end_date"] == [
        "The end date must be after the start date."
    ]
    assert WorkExperience.objects.count() == 0


def test_work_edit_page(client: Any, member: Any, profile: Profile) -> None:
    work = services.work_experience_add(
        profile=profile, employer="A", title="B", start_date=dt.date(2020, 1, 1)
    )
    client.force_login(member)
    assert client.get(reverse("profiles:work_edit", args=[work.pk])).status_code == 200
    response = client.post(
        reverse("profiles:work_edit", args=[work.pk]),
        {"employer": "A2", "title": "B", "start_date": "2020-01-01"},
    )
    assert response.status_code == 302
    assert WorkExperience.objects.get(pk=work.pk).employer == "A2"


def test_credential_add_via_page(client: Any, member: Any, cat: dict) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:credential_add"),
        {"credential": cat["tx"].pk, "number": "123", "issued_on": "2020-01-01"},
        **HTMX,
    )
    assert response.status_code == 200
    held = CredentialHeld.objects.get()
    assert (held.credential.code, held.state) == ("state-tx-technician", "TX")


def test_education_add_via_page(client: Any, member: Any) -> None:
    client.force_login(member)
    response = client.post(
        reverse("profiles:education_add"),
        {
            "institution": "HCC",
            "program": "Tech",
            "kind": "training_program",
            "externship_hours": "9999",
        },
        **HTMX,
    )
    assert response.context["education_form"].errors["externship_hours"] == [
        "Ensure this value is less than or equal to 5000."
    ]


def test_skills_search_and_save(client: Any, member: Any, profile: Profile, cat: dict) -> None:
    services.profile_skills_set(profile=profile, skill_levels={cat["hipaa"]: 3})
    client.force_login(member)
    response = client.get(reverse("profiles:skills_search"), {"q": "insurance"}, **HTMX)
    html = response.content.decode()
    assert '<label for="skill-results">Search results</label>' in html
    assert f'<option value="{cat["billing"].pk}">Third-party billing</option>' in html
    # Without JavaScript the same results come with the page.
    page = client.get(reverse("profiles:edit"), {"q": "admixture"}).content.decode()
    assert f'<option value="{cat["iv"].pk}">IV admixtures</option>' in page
    response = client.post(reverse("profiles:skills"), {"add": [cat["iv"].pk, cat["billing"].pk]})
    assert response.status_code == 302
    levels = {r.skill.code: r.level for r in ProfileSkill.objects.select_related("skill")}
    assert levels == {"hipaa": 3, "iv-additives": 2, "third-party-billing": 2}
    response = client.post(reverse("profiles:skills"), {"add": ["999999"]}, **HTMX)
    assert "Select a valid choice." in response.content.decode()
    assert ProfileSkill.objects.count() == 3
    response = client.post(reverse("profiles:skill_add"), {"skill": cat["data_entry"].pk}, **HTMX)
    assert response.status_code == 200
    assert ProfileSkill.objects.count() == 4


def test_labels_the_member_journey_relies_on_are_unique(
    client: Any, member: Any, cat: dict
) -> None:
    # Playwright's get_by_label matches substrings: these must name exactly one field.
    services.profile_skills_set(
        profile=services.profile_get_or_create_for_user(user=member), skill_levels={cat["iv"]: 2}
    )
    client.force_login(member)
    html = client.get(reverse("profiles:edit"), {"edit": "basics"}).content.decode()
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, flags=re.S)
    texts = [re.sub(r"<[^>]+>", "", label).strip().lower() for label in labels]
    for name in ("display name", "headline", "zip code", "state", "credential", "skills"):
        assert [t for t in texts if name in t] == [name], name
    assert [t for t in texts if "make my profile public" in t] == ["make my profile public"]


def test_photo_upload_and_serving_respects_the_audience(
    client: Any, member: Any, other_member: Any, profile: Profile
) -> None:
    client.force_login(member)
    upload = SimpleUploadedFile("me.png", image_bytes("PNG", (900, 900)), "image/png")
    response = client.post(reverse("profiles:photo"), {"photo": upload}, **HTMX)
    assert response.status_code == 200
    profile.refresh_from_db()
    photo_url = reverse("profiles_public:photo", args=[profile.handle])
    response = client.get(photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    # members may see it; anonymous may not (photo audience = members).
    client.force_login(other_member)
    assert client.get(photo_url).status_code == 200
    client.logout()
    services.profile_update(profile=profile, changes={"is_public": True})
    assert client.get(photo_url).status_code == 404
    services.profile_update(profile=profile, changes={"photo_audience": Audience.PUBLIC})
    assert client.get(photo_url).status_code == 200


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4", "cv.jpg", "That file is not a JPEG, PNG or WebP image."),
        (image_bytes("JPEG")[:300], "cut.jpg", "That image is damaged or could not be read."),
        (b"GIF89a....", "a.gif", "Upload a JPEG, PNG or WebP image (.jpg, .png or .webp)."),
        (b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024), "huge.jpg", "That image is too large"),
    ],
    ids=["wrong-type", "corrupt", "gif", "too-large"],
)
def test_bad_photo_uploads_show_a_message_and_change_nothing(
    client: Any, member: Any, profile: Profile, data: bytes, name: str, message: str
) -> None:
    client.force_login(member)
    upload = SimpleUploadedFile(name, data, "image/jpeg")
    response = client.post(reverse("profiles:photo"), {"photo": upload}, **HTMX)
    assert response.status_code == 200
    assert response.context["photo_form"].errors["photo"][0].startswith(message)
    assert Profile.objects.get(pk=profile.pk).photo.name == ""


def test_another_member_cannot_touch_my_items(
    client: Any, member: Any, other_member: Any, profile: Profile, cat: dict
) -> None:
    work = services.work_experience_add(
        profile=profile, employer="Mine", title="Tech", start_date=dt.date(2020, 1, 1)
    )
    held = services.credential_held_add(profile=profile, credential=cat["cpht"])
    client.force_login(other_member)
    assert client.post(reverse("profiles:work_delete", args=[work.pk])).status_code == 404
    assert client.get(reverse("profiles:work_edit", args=[work.pk])).status_code == 404
    assert (
        client.post(
            reverse("profiles:work_edit", args=[work.pk]),
            {"employer": "Hacked", "title": "x", "start_date": "2020-01-01"},
        ).status_code
        == 404
    )
    assert client.post(reverse("profiles:credential_delete", args=[held.pk])).status_code == 404
    assert WorkExperience.objects.get(pk=work.pk).employer == "Mine"
    assert CredentialHeld.objects.filter(pk=held.pk).count() == 1


def test_public_page_shows_only_public_sections_to_anonymous(
    client: Any, profile: Profile, cat: dict
) -> None:
    services.profile_update(
        profile=profile,
        changes={
            "headline": "CPhT · IV room",
            "brand_statement": "Hello <script>alert(1)</script> **world**",
            "is_public": True,
            "work_audience": Audience.PUBLIC,
            "credentials_audience": Audience.RECRUITERS,
        },
    )
    services.work_experience_add(
        profile=profile, employer="Public Employer", title="Tech", start_date=dt.date(2020, 1, 1)
    )
    services.credential_held_add(profile=profile, credential=cat["cpht"], number="SECRET-NO")
    response = client.get(reverse("profiles_public:detail", args=[profile.handle]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Public Employer" in html
    assert "Certified Pharmacy Technician" not in html
    assert "SECRET-NO" not in html
    assert "<strong>world</strong>" in html
    assert "<script>alert" not in html
    assert "X-Robots-Tag" not in response


def test_private_profile_is_404_for_anonymous_but_shown_to_members(
    client: Any, profile: Profile, other_member: Any
) -> None:
    url = reverse("profiles_public:detail", args=[profile.handle])
    assert client.get(url).status_code == 404
    client.force_login(other_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


def test_public_page_query_count_is_bounded(
    client: Any, profile: Profile, cat: dict, django_assert_max_num_queries: Any
) -> None:
    services.profile_update(
        profile=profile,
        changes={"is_public": True, **{f"{s}_audience": "public" for s in ("work", "skills")}},
    )
    for year in range(2000, 2012):
        services.work_experience_add(
            profile=profile,
            employer=f"E{year}",
            title="T",
            practice_setting=cat["hospital"],
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 1),
        )
    services.profile_skills_set(
        profile=profile, skill_levels={cat["iv"]: 1, cat["billing"]: 2, cat["hipaa"]: 3}
    )
    # 9: one of them is growth's approved recommendations (none here).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("profiles_public:detail", args=[profile.handle]))
    assert response.content.decode().count("E20") == 12


def test_edit_page_query_count_is_bounded(
    client: Any, member: Any, profile: Profile, cat: dict, django_assert_max_num_queries: Any
) -> None:
    for year in range(2000, 2010):
        services.work_experience_add(
            profile=profile, employer=f"E{year}", title="T", start_date=dt.date(year, 1, 1)
        )
    services.credential_held_add(profile=profile, credential=cat["cpht"])
    services.credential_held_add(profile=profile, credential=cat["tx"])
    client.force_login(member)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("profiles:edit"))
    assert response.status_code == 200


def test_dashboard_shows_profile_next_steps(client: Any, member: Any, profile: Profile) -> None:
    client.force_login(member)
    response = client.get(reverse("core:dashboard"))
    html = response.content.decode()
    assert "Add your work history" in html
    assert "Your profile is 10% complete." in html


def test_education_and_credential_edit_pages(
    client: Any, member: Any, profile: Profile, cat: dict
) -> None:
    education = services.education_add(profile=profile, institution="HCC", program="Tech")
    held = services.credential_held_add(profile=profile, credential=cat["cpht"], number="1")
    client.force_login(member)
    page = client.get(reverse("profiles:credential_edit", args=[held.pk]))
    assert page.status_code == 200
    assert page.context["form"].initial["credential"] == cat["cpht"]
    response = client.post(
        reverse("profiles:credential_edit", args=[held.pk]),
        {
            "credential": cat["cpht"].pk,
            "number": "2",
            "issued_on": "2024-01-01",
            "expires_on": "2023-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"] == [
        "The expiry date must be after the issue date."
    ]
    assert CredentialHeld.objects.get(pk=held.pk).number == "1"
    response = client.post(
        reverse("profiles:education_edit", args=[education.pk]),
        {"institution": "HCC", "program": "Pharmacy Technician", "kind": "training_program"},
    )
    assert response.status_code == 302
    assert profile.education.get().program == "Pharmacy Technician"


def test_skill_level_and_remove(
    client: Any, member: Any, other_member: Any, profile: Profile, cat: dict
) -> None:
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 2, cat["hipaa"]: 2})
    row = ProfileSkill.objects.get(skill=cat["iv"])
    client.force_login(member)
    html = client.get(reverse("profiles:edit")).content.decode()
    assert f'<label for="skill-level-{row.pk}">IV admixtures</label>' in html
    response = client.post(reverse("profiles:skill_level", args=[row.pk]), {"level": "4"}, **HTMX)
    assert "Level saved for IV admixtures." in response.content.decode()
    assert ProfileSkill.objects.get(pk=row.pk).level == 4
    response = client.post(reverse("profiles:skill_level", args=[row.pk]), {"level": "9"}, **HTMX)
    assert "Choose a level for IV admixtures." in response.content.decode()
    assert ProfileSkill.objects.get(pk=row.pk).level == 4
    client.force_login(other_member)
    assert client.post(reverse("profiles:skill_remove", args=[row.pk])).status_code == 404
    client.force_login(member)
    client.post(reverse("profiles:skill_remove", args=[row.pk]), **HTMX)
    assert list(ProfileSkill.objects.values_list("skill__code", flat=True)) == ["hipaa"]


def test_skill_add_over_the_limit_shows_an_alert(
    client: Any, member: Any, profile: Profile, cat: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.skills, "MAX_SKILLS", 1)
    services.profile_skills_set(profile=profile, skill_levels={cat["iv"]: 2})
    client.force_login(member)
    response = client.post(reverse("profiles:skill_add"), {"skill": cat["hipaa"].pk}, **HTMX)
    assert (
        '<p class="section-error" role="alert">You can list at most 1 skills.</p>'
        in response.content.decode()
    )
    assert ProfileSkill.objects.count() == 1
