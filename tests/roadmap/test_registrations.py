"""Targets of kind "registration": another state's technician credential, from the state data
(researched states from registrations.toml, every other one saying it is unknown and linking the
board), with the member's gap on the real database."""

from __future__ import annotations

import json
import tomllib

import pytest
from django.urls import reverse

from rxguild.ce.jurisdictions import load_jurisdictions
from rxguild.roadmap.models import Target
from rxguild.roadmap.registrations import TARGET_CREDENTIAL_KINDS
from rxguild.roadmap.requirements import EXTRA_FILES, load_requirements
from rxguild.roadmap.services import target_add

DATA = load_requirements()
JURISDICTIONS = load_jurisdictions()
RESEARCHED = tomllib.loads(EXTRA_FILES[0].read_text(encoding="utf-8"))["targets"]


def test_every_state_credential_is_a_target():
    wanted = {
        c.code
        for j in JURISDICTIONS.values()
        for c in j.credentials
        if c.kind in TARGET_CREDENTIAL_KINDS
    }
    registrations = {c for c, t in DATA.targets.items() if t.kind == "registration"}
    assert registrations == wanted
    assert len(registrations) > 50  # every state that issues a credential, DC and Puerto Rico
    assert "state-tx-technician-trainee" not in registrations  # a trainee permit is no target


def test_researched_targets_are_the_reference_states_and_exist_in_the_state_data():
    # Reference §6 researched 13 states; no researched target may be dropped silently.
    assert {t["state"] for t in RESEARCHED} == {
        "CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA",
    }  # fmt: skip
    for raw in RESEARCHED:
        assert raw["code"] == raw["credential"]
        target = DATA.targets[raw["code"]]
        assert target.state == raw["state"]
        assert target.board == JURISDICTIONS[raw["state"]].board.name
        assert target.url == JURISDICTIONS[raw["state"]].board.url


def test_a_state_without_research_says_so_and_links_its_board():
    alaska = DATA.targets["state-ak-technician"]
    assert alaska.requirements == () and alaska.pathways == ()
    assert alaska.confidence == "unverified" and alaska.unsure
    assert alaska.note.startswith("RxGuild's reference does not say what Alaska asks for")
    assert alaska.url == JURISDICTIONS["AK"].board.url


def test_sources_that_disagree_make_the_target_low_and_say_how():
    pennsylvania = DATA.targets["state-pa-technician"]
    assert pennsylvania.confidence == "low"
    assert "Our sources disagree:" in pennsylvania.note
    assert [r.code for r in pennsylvania.requirements][:1] == ["pa-child-abuse-training"]


def test_every_registration_fact_has_a_source():
    for target in (t for t in DATA.targets.values() if t.kind == "registration"):
        assert target.source and target.checked and target.confidence, target.code
        for requirement in target.all_requirements():
            assert requirement.source and requirement.confidence, requirement.code


@pytest.mark.django_db
def test_home_has_a_state_picker_by_state_name(member_client):
    page = member_client.get(reverse("roadmap:home")).content.decode()
    assert '<label for="id_state_code">State and credential</label>' in page
    assert '<option value="state-tx-technician">Texas: Registered Pharmacy Technician' in page
    assert "Alaska: Pharmacy Technician License (Alaska) (confirm with the board)" in page


@pytest.mark.django_db
def test_texas_from_the_picker_is_met_by_a_cpht_and_links_the_board(member, member_client):
    response = member_client.post(reverse("roadmap:target_add"), {"code": "state-tx-technician"})
    target = Target.objects.get(member=member)
    assert (target.kind, target.code) == ("registration", "state-tx-technician")
    page = member_client.get(response["Location"]).content.decode()
    assert "Pass a board-approved exam (PTCE or ExCPT)" in page
    assert "You hold CPhT" in page
    # The reference is only medium here ("best understanding"): the page says so and links.
    assert "<strong>Confirm with the board:</strong> RxGuild's reference is not sure" in page
    assert 'href="https://www.pharmacy.texas.gov/licensees/ce-tech-faq.asp"' in page
    assert ">Texas State Board of Pharmacy</a>" in page


@pytest.mark.django_db
def test_new_york_is_partly_met_with_its_fee(member, member_client):
    target = target_add(member=member, code="state-ny-technician")
    page = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    assert "Partly met" in page
    assert "A national certification acceptable to NYSED" in page
    assert "New York registered pharmacy technician fee $175" in page


@pytest.mark.django_db
def test_an_unknown_state_page_says_so(member, member_client):
    target = target_add(member=member, code="state-ak-technician")
    page = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    assert "RxGuild&#x27;s reference does not say what Alaska asks for" in page
    assert "Confirm with the board" in page
    assert f'href="{JURISDICTIONS["AK"].board.url}"' in page


@pytest.mark.django_db
def test_api_adds_a_state_registration_target(member_client):
    response = member_client.post(
        "/api/v1/roadmap/targets",
        json.dumps({"code": "state-wa-technician"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "registration"
    statuses = {r["requirement"]["code"]: r["status"] for r in body["gap"]["requirements"]}
    assert statuses == {
        "wa-training": "missing",
        "wa-law-study": "missing",
        "wa-national-exam": "met",
    }
    spec = next(
        t for t in member_client.get("/api/v1/roadmap/requirements").json()["targets"]
        if t["code"] == "state-wa-technician"
    )  # fmt: skip
    assert (spec["state"], spec["board"]) == ("WA", JURISDICTIONS["WA"].board.name)
