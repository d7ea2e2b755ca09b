"""The public, read-only catalog API: exact shapes, filters and errors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1/catalog"


def test_credential_detail_is_public_and_exact(client, catalog):
    response = client.get(f"{API}/credentials/ptcb-cspt")
    assert response.status_code == 200
    assert response.json() == {
        "source": "https://www.ptcb.org/credentials/certified-compounded-sterile-preparation-technician"
        " ; https://ptcb.zendesk.com/hc/en-us/articles/115003215911",
        "confidence": "high",
        "data_version": "2026.12.1",
        "code": "ptcb-cspt",
        "name": "Certified Compounded Sterile Preparation Technician",
        "abbreviation": "CSPT",
        "kind": "certification",
        "issuer": "Pharmacy Technician Certification Board (PTCB)",
        "state": "",
        "description": (
            "For CPhTs in sterile compounding: a PTCB-recognized sterile-compounding program "
            "plus 1 year of full-time compounded-sterile-preparation work, or 3 years of such "
            "work; then the CSPT exam and a supervisor's competency attestation within a 1-year "
            "candidacy window. Sterile-compounding CE needed to renew is not confirmed: check "
            "with PTCB."
        ),
        "url": "https://www.ptcb.org/credentials/certified-compounded-sterile-preparation-technician",
        "requires": ["ptcb-cpht"],
    }


def test_unknown_credential_is_404(client, catalog):
    response = client.get(f"{API}/credentials/ptcb-nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        pytest.param(
            "?state=oh",
            [
                "state-oh-certified-technician",
                "state-oh-technician",
                "state-oh-technician-trainee",
            ],
            id="state-lowercase",
        ),
        pytest.param(
            "?kind=certification",
            ["nha-excpt", "ptcb-cpht-adv", "ptcb-cspt", "ptcb-cpht"],
            id="kind",
        ),
        pytest.param("?kind=certificate&state=TX", [], id="kind-and-state"),
    ],
)
def test_credential_filters(client, catalog, query, codes):
    response = client.get(f"{API}/credentials{query}")
    assert response.status_code == 200
    assert sorted(item["code"] for item in response.json()) == sorted(codes)


def test_all_credentials_listed_with_few_queries(client, catalog, django_assert_num_queries):
    with django_assert_num_queries(2):  # rows + prefetched requirements
        response = client.get(f"{API}/credentials")
    assert len(response.json()) == 85


def test_bad_filter_is_422(client, catalog):
    response = client.get(f"{API}/credentials?kind=diploma")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


@pytest.mark.parametrize(
    ("q", "codes"),
    [
        ("pyxis", ["adc-restocking", "bd-pyxis", "pyxis-cii-safe"]),
        ("USP <797>", ["usp-797"]),
        ("med rec", ["medication-reconciliation"]),
        ("  prior   auth ", ["prior-authorization"]),
        ("DSCSA", ["dscsa", "tracelink"]),
    ],
)
def test_skill_search_over_names_and_synonyms(client, catalog, q, codes):
    response = client.get(f"{API}/skills", {"q": q})
    assert response.status_code == 200
    body = response.json()
    assert sorted(item["code"] for item in body["items"]) == codes
    assert body["count"] == len(codes)


def test_skill_item_shape(client, catalog):
    body = client.get(f"{API}/skills", {"q": "active listening"}).json()
    assert body == {
        "items": [
            {
                "source": "O*NET Content Model (Skills element) — "
                "https://www.onetcenter.org/content.html ; occupation summary "
                "https://www.onetonline.org/link/summary/29-2052.00",
                "confidence": "medium",
                "data_version": "2026.11.1",
                "code": "active-listening",
                "name": "Active listening",
                "category": "soft_skills",
                "synonyms": ["listening", "listening skills"],
                "description": "",
                "onet_element_id": "2.A.1.b",
            }
        ],
        "count": 1,
    }


def test_skills_are_paginated(client, catalog, django_assert_num_queries):
    with django_assert_num_queries(2):  # count + page
        body = client.get(f"{API}/skills", {"category": "billing", "limit": 5, "offset": 30}).json()
    assert body["count"] == 32
    assert len(body["items"]) == 2
    default_page = client.get(f"{API}/skills").json()
    assert (default_page["count"], len(default_page["items"])) == (346, 100)


def test_skill_page_size_is_bounded(client, catalog):
    assert client.get(f"{API}/skills", {"limit": 501}).status_code == 422
    assert client.get(f"{API}/skills", {"category": "cooking"}).status_code == 422


def test_practice_settings_and_specializations(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        settings = client.get(f"{API}/practice-settings").json()
    assert len(settings) == 15
    sterile = next(s for s in settings if s["code"] == "compounding-sterile")
    # Credential order: kind, state, name (certificates sort before certifications).
    assert sterile["typical_credentials"] == [
        "ptcb-abc-hazardous-drug-management",
        "ptcb-cspt",
        "ptcb-cpht",
    ]
    with django_assert_max_num_queries(3):
        specializations = client.get(f"{API}/specializations").json()
    assert len(specializations) == 18
    pediatrics = next(s for s in specializations if s["code"] == "pediatrics")
    assert (pediatrics["confidence"], pediatrics["typical_credentials"]) == ("unverified", [])


def test_wages_filter_by_area(client, catalog):
    body = client.get(f"{API}/wages", {"area": "us"}).json()
    assert len(body) == 11
    median = body[0]
    assert {k: v for k, v in median.items() if k not in ("source", "note")} == {
        "confidence": "high",
        "data_version": "2026.12.1",
        "code": "us-oews-2023",
        "area": "US",
        "msa_code": "",
        "msa_name": "",
        "setting": "",
        "occupation_code": "29-2052",
        "period": "May 2023",
        "hourly_median": "19.37",
        "annual_median": "40300",
        "hourly_mean": None,
        "annual_mean": None,
        "hourly_p10": None,
        "hourly_p90": None,
        "annual_p10": None,
        "annual_p90": None,
        "employment": 463900,
    }
    assert median["source"] == (
        "BLS Occupational Outlook Handbook, Pharmacy Technicians — "
        "https://www.bls.gov/ooh/healthcare/pharmacy-technicians.htm"
    )
    california = client.get(f"{API}/wages", {"area": "CA"}).json()
    # The state's own rows first, then its metropolitan areas' rows (issue #13).
    assert [w["code"] for w in california[:2]] == ["ca-employment-2022", "ca-oews-2023-mean"]
    assert california[2] | {"source": ""} == california[2] | {
        "code": "msa-17020-oews-2019-mean",
        "area": "CA",
        "msa_code": "17020",
        "msa_name": "Chico, CA",
        "period": "May 2019",
        "employment": 240,
        "annual_mean": "44590",
        "confidence": "medium",
        "source": "",
    }
    assert len(california) == 2 + 15 and all(w["msa_code"] for w in california[2:])


def test_api_is_read_only(client, catalog):
    assert client.post(f"{API}/credentials", {}).status_code == 405
