"""The search page (full and htmx partial) and GET /api/v1/jobs."""

from __future__ import annotations

from tests.jobs.factories import member_with, publish


def _board(employer):
    near = publish(
        employer, title="CPhT Technician", zip_code="77030",
        required_credentials=["ptcb-cpht", "state-tx-technician"], days_ago=1,
    )  # fmt: skip
    far = publish(employer, title="Dallas Technician", zip_code="75201", days_ago=2)
    return near, far


def test_search_page_and_htmx_partial(client, catalog, employer):
    _board(employer)
    full = client.get("/jobs/", {"q": "technician", "zip": "77002", "radius": "25"})
    assert full.status_code == 200
    assert "<h1>Pharmacy technician jobs</h1>" in full.content.decode()
    partial = client.get(
        "/jobs/",
        {"q": "technician", "zip": "77002", "radius": "25"},
        headers={"HX-Request": "true", "HX-Target": "job-results"},
    )
    html = partial.content.decode()
    assert "<h1>" not in html
    assert "1 job within 25 miles of Houston, TX 77002" in html
    assert "CPhT Technician" in html and "Dallas Technician" not in html


def test_search_page_shows_a_clear_message_for_a_bad_zip(client, catalog, employer):
    _board(employer)
    response = client.get("/jobs/", {"zip": "1234"})
    assert response.status_code == 200
    assert "“1234” is not a 5-digit US ZIP code." in response.content.decode()
    assert response.context["result"].hits == []


def test_search_page_query_count_is_bounded(
    client, catalog, employer, django_assert_max_num_queries
):
    for n in range(25):
        publish(employer, title=f"Technician {n}", required_credentials=["ptcb-cpht"])
    member = member_with(catalog["cpht"])
    client.force_login(member)
    client.get("/jobs/", {"q": "technician"})  # warm the catalog cache
    # 7 for the session and middleware, 5 for the search, 2 for the filter options;
    # none per result.
    with django_assert_max_num_queries(14):
        response = client.get("/jobs/", {"q": "technician"})
    assert len(response.context["result"].hits) == 20


def test_api_search_with_total_facets_and_credentials(client, catalog, employer):
    near, _far = _board(employer)
    member = member_with(catalog["cpht"])
    client.force_login(member)
    response = client.get("/api/v1/jobs", {"q": "technician", "zip": "77002", "radius": "25"})
    assert response.status_code == 200
    data = response.json()
    assert (data["total"], data["total_is_capped"], data["page"], data["pages"]) == (1, False, 1, 1)
    assert data["facets"]["credential"] == [
        {"value": "ptcb-cpht", "label": "CPhT", "count": 1},
        {"value": "state-tx-technician", "label": "TX RPhT", "count": 1},
    ]
    [hit] = data["results"]
    assert hit["id"] == str(near.public_id)
    assert hit["qualifies"] is False
    assert [(c["code"], c["required"], c["met"]) for c in hit["credentials"]] == [
        ("ptcb-cpht", True, True),
        ("state-tx-technician", True, False),
    ]
    assert hit["distance_miles"] == 4.6


def test_api_search_is_public_and_validates(client, catalog, employer):
    _board(employer)
    anonymous = client.get("/api/v1/jobs", {"q": "technician"})
    assert anonymous.status_code == 200
    assert anonymous.json()["total"] == 2
    assert anonymous.json()["results"][0]["qualifies"] is None
    bad = client.get("/api/v1/jobs", {"zip": "00000"})
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": ["We don't know ZIP code 00000. Check it, or try a nearby one."]
    }
