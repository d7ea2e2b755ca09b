"""Pay where the member works (issue #13): their metro area's official figure, else their
state's, on the pay page, on target pages and in the API, on the real catalog data."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from rxguild.profiles.models import Profile
from rxguild.roadmap.pay_area import (
    CHOSEN,
    MATCHED,
    NONE,
    choose_area,
    match_metro,
    metro_options,
    principal_cities,
)
from rxguild.roadmap.services import target_add

API = "/api/v1/roadmap/pay"
SEATTLE_SOURCE = "https://commentary.healthguideusa.org/2021/03/20-best-metro-areas-for-pharmacy-technician-pay.html"


@dataclass(frozen=True)
class Row:
    msa_code: str
    msa_name: str
    area: str


ROWS = [
    Row("42660", "Seattle-Tacoma-Bellevue", "WA"),
    Row("40900", "Sacramento--Roseville--Arden-Arcade", "CA"),
    Row("24340", "Grand Rapids-Kentwood, MI", "MI"),
    Row("24340", "Grand Rapids-Kentwood, MI", "MI"),  # two periods of one metro: one option
]


@pytest.mark.parametrize(
    ("name", "cities"),
    [
        ("Seattle-Tacoma-Bellevue", ("Seattle", "Tacoma", "Bellevue")),
        ("Grand Rapids-Kentwood, MI", ("Grand Rapids", "Kentwood")),
        ("Sacramento--Roseville--Arden-Arcade", ("Sacramento", "Roseville", "Arden-Arcade")),
        ("Cincinnati, OH-KY-IN", ("Cincinnati",)),
    ],
)
def test_principal_cities_come_from_the_metro_title(name, cities):
    assert principal_cities(name) == cities


def test_a_zip_city_matches_only_a_metro_of_its_own_state():
    assert match_metro(ROWS, state="WA", city="tacoma") == "42660"
    assert match_metro(ROWS, state="OR", city="Tacoma") == ""  # same name, other state
    assert match_metro(ROWS, state="WA", city="Spokane") == ""
    assert match_metro(ROWS, state="CA", city="Arden-Arcade") == "40900"
    assert match_metro(ROWS, state="", city="Seattle") == ""


def test_choice_order_is_pick_then_zip_then_state():
    options = metro_options(ROWS, state="MI")
    assert [o.code for o in options] == ["24340", "40900", "42660"]  # the member's state first
    picked = choose_area(options, state="WA", chosen="24340", city="Seattle", rows=ROWS)
    assert (picked.metro_code, picked.how) == ("24340", CHOSEN)
    matched = choose_area(options, state="WA", chosen="", city="Seattle", rows=ROWS)
    assert (matched.metro_code, matched.how) == ("42660", MATCHED)
    unknown = choose_area(options, state="WA", chosen="99999", city="Spokane", rows=ROWS)
    assert (unknown.metro_code, unknown.how, unknown.city) == ("", NONE, "Spokane")


# --- pages and API ----------------------------------------------------------------------------


def _lives(member, state: str, zip_code: str) -> None:
    Profile.objects.filter(user=member).update(state=state, zip_code=zip_code)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_pay_page_shows_the_members_metro_figure_with_period_source_and_confirm_note(
    member, member_client
):
    _lives(member, "WA", "98101")  # Seattle
    response = member_client.get(reverse("roadmap:pay"))
    body, text = response.content.decode(), _text(response)
    assert "Pay where you work: Seattle-Tacoma-Bellevue" in text
    assert "Matched from your profile's ZIP code (Seattle is named in this metro area's title)" in (
        text
    )
    assert (
        "Seattle-Tacoma-Bellevue (metro area 42660, WA) , May 2019: mean $44,940 a year; "
        "3,960 employed" in text
    )
    assert f'href="{SEATTLE_SOURCE}"' in body
    assert "confidence medium · a restatement of BLS: confirm against BLS's page" in text
    assert 'href="https://www.bls.gov/oes/current/oes_42660.htm"' in body
    assert '<option value="42660" selected>Seattle-Tacoma-Bellevue</option>' in body
    # The member's state's metros come first in the list.
    assert body.index('<optgroup label="WA">') < body.index('<optgroup label="CA">')


@pytest.mark.django_db
def test_a_member_whose_metro_has_no_figure_sees_the_state_figure_and_is_told(
    member, member_client
):
    _lives(member, "CA", "93701")  # Fresno: no Fresno metro figure in the data
    text = _text(member_client.get(reverse("roadmap:pay")))
    assert "No metro-area figure in our data for Fresno; here is the state figure for CA." in text
    assert "CA , May 2023: mean $55,710 a year" in text
    assert "CA , 2022 (projections base): 41,300 employed, no pay figure" in text
    _lives(member, "TX", "77030")  # Houston: neither a metro nor a state pay figure
    text = _text(member_client.get(reverse("roadmap:pay")))
    assert "No metro-area figure in our data for Houston; here is the state figure for TX." in text
    assert "Our data has no pay figure for TX either" in text


@pytest.mark.django_db
def test_the_member_picks_a_metro_and_bad_picks_are_explained(member, member_client):
    _lives(member, "TX", "77030")
    url = reverse("roadmap:pay")
    picked = member_client.get(url, {"metro": "24340"})
    text = _text(picked)
    assert "The metro area you picked." in text
    assert "Grand Rapids-Kentwood, MI (metro area 24340, MI) , May 2023: median $43,040 a year" in (
        text
    )
    assert "($20.69 an hour)" in text
    for bad in ("99999", "abc", "<script>"):
        response = member_client.get(url, {"metro": bad})
        assert response.status_code == 200
        text = _text(response)
        assert "Our data has no figure for metro area" in text
        assert "here is the state figure for TX" in text
    assert "<script>" not in member_client.get(url, {"metro": "<script>"}).content.decode()


@pytest.mark.django_db
def test_a_target_page_shows_the_members_area_figure(member, member_client):
    _lives(member, "CA", "94110")  # San Francisco
    target = target_add(member=member, code="ptcb-cspt")
    text = _text(member_client.get(reverse("roadmap:target", args=[target.pk])))
    assert "Official pay where you are" in text
    assert (
        "San Francisco-Oakland-Hayward (metro area 41860, CA) , May 2019: mean $51,090 a year"
        in (text)
    )
    assert "confirm against BLS's page for this area" in text
    _lives(member, "NY", "10001")
    text = _text(member_client.get(reverse("roadmap:target", args=[target.pk])))
    assert "No metro-area figure in our data for New York; here is the state figure for NY." in text
    assert "NY , not retrieved: no figure in our data" in text


@pytest.mark.django_db
def test_api_gives_the_area_figure_and_refuses_an_unknown_metro(member, member_client):
    _lives(member, "WA", "98101")
    area = member_client.get(API).json()["area"]
    assert {k: area[k] for k in ("state", "metro_code", "metro_name", "how", "zip_city")} == {
        "state": "WA",
        "metro_code": "42660",
        "metro_name": "Seattle-Tacoma-Bellevue",
        "how": "matched",
        "zip_city": "Seattle",
    }
    assert area["figures"] == [
        {
            "area": "WA",
            "msa_code": "42660",
            "msa_name": "Seattle-Tacoma-Bellevue",
            "setting": "",
            "period": "May 2019",
            "annual_median": None,
            "hourly_median": None,
            "annual_mean": "44940",
            "employment": 3960,
            "source": f"BLS OEWS May 2019 as restated at {SEATTLE_SOURCE}",
            "confidence": "medium",
        }
    ]
    assert len(area["metros"]) == 21
    picked = member_client.get(API, {"metro": "24340"}).json()["area"]
    assert (picked["how"], picked["figures"][0]["hourly_median"]) == ("chosen", "20.69")
    refused = member_client.get(API, {"metro": "99999"})
    assert refused.status_code == 422
    assert refused.json() == {"detail": "No figure in our data for metro area '99999'."}
    _lives(member, "TX", "77030")
    fallback = member_client.get(API).json()["area"]
    assert (fallback["metro_code"], fallback["how"], fallback["zip_city"]) == ("", "", "Houston")
    assert [w["area"] for w in fallback["figures"]] == ["TX"]
    assert "state figure for TX" in fallback["note"]
