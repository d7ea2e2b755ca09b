"""The browsable catalog: public pages, filters, htmx search, badges and attribution."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.catalog.selectors import ONET_ATTRIBUTION

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "heading", "max_queries"),
    [
        ("catalog:index", "<h1>Reference catalog</h1>", 2),
        ("catalog:credentials", "<h1>Credentials</h1>", 3),
        ("catalog:practice_settings", "<h1>Practice settings</h1>", 3),
        ("catalog:specializations", "<h1>Specializations</h1>", 4),
        ("catalog:skills", "<h1>Pharmacy technician skills</h1>", 2),
        ("catalog:wages", "<h1>Pay and employment</h1>", 2),
    ],
)
def test_pages_render_for_anyone_with_bounded_queries(
    client, catalog, django_assert_max_num_queries, name, heading, max_queries
):
    with django_assert_max_num_queries(max_queries):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_credentials_page_flags_unsure_entries(client, catalog):
    page = client.get(reverse("catalog:credentials"), {"state": "tx"}).content.decode()
    assert page.count("<article>") == 2
    assert "Pharmacy Technician Trainee (Texas)" in page
    assert page.count("Medium confidence") == 1
    assert page.count("High confidence") == 1


def test_low_confidence_badge_says_confirm_with_the_board(client, catalog):
    page = client.get(reverse("catalog:specializations")).content.decode()
    # Pediatrics and long-term care are unverified in the reference.
    assert page.count("Unverified confidence — confirm with the board") == 2


def test_credential_filter_ignores_bad_values(client, catalog):
    page = client.get(reverse("catalog:credentials"), {"kind": "diploma", "state": "ZZ"})
    assert page.status_code == 200
    assert "85 credentials." in page.content.decode()


def test_credential_detail_and_404(client, catalog):
    page = client.get(reverse("catalog:credential", args=["ptcb-cpht-adv"])).content.decode()
    assert "Advanced Certified Pharmacy Technician (CPhT-Adv)" in page
    assert 'href="/catalog/credentials/ptcb-cpht/"' in page
    assert client.get(reverse("catalog:credential", args=["nope"])).status_code == 404


def test_skill_search_full_page_and_htmx_partial(client, catalog):
    full = client.get(reverse("catalog:skills"), {"q": "omnicell"}).content.decode()
    assert "1 skill matching “omnicell”." in full
    assert ONET_ATTRIBUTION in full
    partial = client.get(
        reverse("catalog:skills"), {"q": "tpn"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert partial.startswith('<p role="status">3 skills matching “tpn”.</p>')
    assert "<html" not in partial
    assert 'id="parenteral-nutrition"' in partial


def test_skill_category_filter(client, catalog):
    page = client.get(reverse("catalog:skills"), {"category": "hazardous_drugs"}).content.decode()
    assert "22 skills." in page
    assert page.count('class="skill-list"') == 1


def test_index_shows_data_versions_and_attribution(client, catalog):
    page = client.get(reverse("catalog:index")).content.decode()
    # (cells carry data-label so the table stacks on a phone)
    assert page.count('<td data-label="Version">2026.11.1</td>') == 3
    assert page.count('<td data-label="Version">2026.12.1</td>') == 2
    assert ONET_ATTRIBUTION in page


def test_index_before_loading_says_so(client):
    page = client.get(reverse("catalog:index")).content.decode()
    assert "The catalog has not been loaded yet." in page


def test_wages_page_shows_missing_figures_as_dashes(client, catalog):
    page = client.get(reverse("catalog:wages")).content.decode()
    assert "$40,300" in page
    assert "463,900" in page
    assert "No New York pay or employment figure was retrieved" in page


def test_footer_links_to_the_catalog(client):
    page = client.get(reverse("core:home")).content.decode()
    assert 'href="/catalog/">Reference catalog</a>' in page


def test_pages_are_read_only(client, catalog):
    assert client.post(reverse("catalog:skills")).status_code == 405
