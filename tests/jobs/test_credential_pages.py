"""Job pages name credentials, never codes, and know which held credentials meet which
requirement (the sourced equivalence data), on the job page, in results and in the filter."""

from __future__ import annotations

import re

import pytest
from tests.jobs.factories import credential, member_with, publish

from rxguild.jobs.alerts.services import saved_search_create
from rxguild.jobs.search_params import SearchParams
from rxguild.jobs.selectors import job_search


@pytest.fixture
def more_credentials(catalog):
    return {
        "adv": credential("ptcb-cpht-adv", "Advanced Certified Pharmacy Technician", "CPhT-Adv"),
        "trainee": credential(
            "state-tx-technician-trainee", "Pharmacy Technician Trainee (Texas)", "", "TX"
        ),
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_description_written_with_codes_reads_as_names(client, catalog, employer):
    posting = publish(
        employer,
        description="Required: ptcb-cpht, state-tx-technician. See ptcb-cpht-notes.",
        required_credentials=["ptcb-cpht"],
    )
    text = _text(client.get(f"/jobs/{posting.public_id}/"))
    assert (
        "Required: Certified Pharmacy Technician (CPhT), Texas Pharmacy Technician "
        "Registration (TX RPhT). See ptcb-cpht-notes." in text
    )
    assert "Required: ptcb-cpht" not in text


def test_cpht_adv_meets_a_cpht_requirement_on_the_job_page(
    client, catalog, employer, more_credentials
):
    posting = publish(employer, required_credentials=["ptcb-cpht"])
    client.force_login(member_with(more_credentials["adv"]))
    response = client.get(f"/jobs/{posting.public_id}/")
    text = _text(response)
    assert "You meet every required credential." in text
    assert (
        "Certified Pharmacy Technician (CPhT) — you meet this: you hold Advanced Certified "
        "Pharmacy Technician. PTCB: the CPhT-Adv replaces the CPhT" in text
    )
    assert "Not confirmed by the board" not in text
    assert 'href="https://ptcb.zendesk.com/hc/en-us/articles/360052873632"' in (
        response.content.decode()
    )


def test_a_registered_technician_meets_a_trainee_requirement_and_is_asked_to_confirm(
    client, catalog, employer, more_credentials
):
    posting = publish(employer, kind="externship", required_credentials=[
        "state-tx-technician-trainee"
    ])  # fmt: skip
    client.force_login(member_with(catalog["tx"]))
    text = _text(client.get(f"/jobs/{posting.public_id}/"))
    assert "You meet every required credential." in text
    assert "you hold Texas Pharmacy Technician Registration." in text
    assert "Not confirmed by the board: check with the employer." in text


def test_a_cpht_does_not_meet_a_cpht_adv_requirement(client, catalog, employer, more_credentials):
    posting = publish(employer, required_credentials=["ptcb-cpht-adv"])
    client.force_login(member_with(catalog["cpht"]))
    text = _text(client.get(f"/jobs/{posting.public_id}/"))
    assert "You are missing 1 required credential." in text


def test_results_say_which_requirement_another_credential_meets(
    client, catalog, employer, more_credentials
):
    publish(employer, title="Lead Technician", required_credentials=["ptcb-cpht"])
    client.force_login(member_with(more_credentials["adv"]))
    text = _text(client.get("/jobs/", {"q": "lead"}))
    assert (
        "You meet every required credential. Certified Pharmacy Technician: met by your "
        "Advanced Certified Pharmacy Technician." in text
    )


def test_the_credential_filter_finds_jobs_open_to_its_holders(catalog, employer, more_credentials):
    publish(employer, title="Registered Tech", required_credentials=["state-tx-technician"])
    publish(employer, title="Trainee Tech", required_credentials=["state-tx-technician-trainee"])
    publish(employer, title="Certified Tech", required_credentials=["ptcb-cpht"])
    registered = job_search(SearchParams(credential="state-tx-technician"))
    assert sorted(h.posting.title for h in registered.hits) == ["Registered Tech", "Trainee Tech"]
    trainee = job_search(SearchParams(credential="state-tx-technician-trainee"))
    assert [h.posting.title for h in trainee.hits] == ["Trainee Tech"]
    # The facet counts what its link returns.
    facets = {f.value: f.count for f in job_search(SearchParams()).facets["credential"]}
    assert facets == {
        "state-tx-technician": 2,
        "state-tx-technician-trainee": 1,
        "ptcb-cpht": 1,
    }


def test_a_saved_search_is_named_in_words(catalog):
    member = member_with()
    search = saved_search_create(
        member=member, name="", query_string="credential=ptcb-cpht&setting=hospital&zip=78701"
    )
    assert search.name == "CPhT Hospital jobs within 25 mi of 78701"
