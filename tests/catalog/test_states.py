"""Issue #19 state pages: every jurisdiction listed with its credentials, cycle, CE rules,
contact and check dates; the staff fact review; `manage.py catalog_stale`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from rxguild.catalog import selectors
from rxguild.ce.jurisdictions import JURISDICTION_NAMES

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user(
        email="staff@example.com", password="x" * 14, is_staff=True
    )
    client.force_login(user)
    return client


def test_state_list_has_every_jurisdiction_and_runs_no_queries(
    client, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        response = client.get(reverse("catalog:states"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "52 jurisdictions." in page
    assert page.count('<th scope="row">') == 52
    for name in ("Alabama", "District of Columbia", "Puerto Rico", "Wyoming"):
        assert f">{name}</a>" in page


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("AL", "State CE required"),
        ("CO", "No state CE required"),
        ("NC", "No state CE required"),
        ("DE", "Does not register technicians: no state CE required"),
        ("AR", "CE not confirmed: confirm with the board"),
    ],
)
def test_state_list_status_phrases(code: str, status: str) -> None:
    assert selectors.state_get(code=code).ce_status == status


def test_alabama_page_shows_contact_cycle_rules_and_dates(client) -> None:
    page = client.get(reverse("catalog:state", args=["al"])).content.decode()
    assert '<a href="https://albop.com/technician/">Alabama State Board of Pharmacy</a>' in page
    assert "111 Village St, Hoover, AL 35242; (205) 981-2280; albop.com" in page
    assert "Type: registration · Renews every 2 years" in page
    assert "Expires 31 December of odd-numbered years." in page
    assert "<li>Total CE hours: 6 h per 24 months</li>" in page
    assert "<li>Live CE hours (in person or live virtual): 2 h per 24 months</li>" in page
    assert "<li>First renewal after 12+ months registered: live 1, total 3</li>" in page
    assert '<time datetime="2026-12-03">Dec 3, 2026</time>' in page


def test_unsure_facts_link_to_the_board_to_confirm(client) -> None:
    page = client.get(reverse("catalog:state", args=["ar"])).content.decode()
    assert "No CE requirement confirmed." in page
    assert page.count("confirm with the board</a>") >= 2
    assert 'href="https://regulations.justia.com/states/arkansas/' in page


def test_no_state_ce_pages_say_so(client) -> None:
    delaware = client.get(reverse("catalog:state", args=["de"])).content.decode()
    assert "<strong>No state CE required</strong>" in delaware
    colorado = client.get(reverse("catalog:state", args=["co"])).content.decode()
    assert "<strong>No state CE required.</strong>" in colorado


def test_unresearched_jurisdiction_says_so_and_unknown_is_404(client) -> None:
    missing = [c for c in JURISDICTION_NAMES if not selectors.state_get(code=c).researched]
    if missing:
        page = client.get(reverse("catalog:state", args=[missing[0].lower()])).content.decode()
        assert "We have not researched" in page
    assert client.get(reverse("catalog:state", args=["zz"])).status_code == 404


def test_fact_review_is_staff_only(client, today) -> None:
    assert client.get(reverse("catalog:fact_review")).status_code == 404
    member = get_user_model().objects.create_user(email="m@example.com", password="x" * 14)
    client.force_login(member)
    assert client.get(reverse("catalog:fact_review")).status_code == 404


def test_fact_review_lists_oldest_and_least_sure_first(staff_client, today) -> None:
    facts = selectors.facts_to_review(today=TODAY)
    keys = [
        (f.checked, {"unverified": 0, "low": 1, "medium": 2, "high": 3}[f.confidence])
        for f in facts
    ]
    assert keys == sorted(keys)
    response = staff_client.get(reverse("catalog:fact_review"), {"confidence": "low"})
    page = response.content.decode()
    low = [f for f in facts if f.confidence in ("low", "unverified")]
    assert response.status_code == 200
    assert f"{len(low)} facts" in page


def test_fact_review_bad_filter_is_a_clear_400(staff_client, today) -> None:
    response = staff_client.get(reverse("catalog:fact_review"), {"older_than": "-4"})
    assert response.status_code == 400
    assert "Enter a whole number of days (0 to 36500)" in response.content.decode()


def test_catalog_stale_lists_facts_older_than_the_limit(today) -> None:
    expected = selectors.facts_to_review(today=TODAY, older_than_days=5)
    assert len(expected) == len(
        [f for f in selectors.facts_to_review(today=TODAY) if f.checked == date(2026, 11, 26)]
    )
    out = StringIO()
    call_command("catalog_stale", "--older-than", "5", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"{len(expected)} facts checked more than 5 days ago."
    assert lines[0].startswith("2026-11-26  ")
    none = StringIO()
    call_command("catalog_stale", "--older-than", "365", stdout=none)
    assert none.getvalue() == "Nothing to re-check: no fact checked more than 365 days ago.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--older-than", "abc"],
            "--older-than 'abc': give a whole number of days from 0 to 36500.",
        ),
        (["--older-than", "-3"], "--older-than '-3': give a whole number of days from 0 to 36500."),
        (
            ["--older-than", "99999"],
            "--older-than '99999': give a whole number of days from 0 to 36500.",
        ),
        (
            ["--older-than", "30", "--confidence", "sure"],
            "--confidence 'sure': use high, medium or low.",
        ),
    ],
    ids=["not-a-number", "negative", "too-large", "bad-confidence"],
)
def test_catalog_stale_bad_arguments(args, message) -> None:
    with pytest.raises(CommandError) as error:
        call_command("catalog_stale", *args)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "args", [["--older-than", "abc"], []], ids=["bad-number", "missing-argument"]
)
def test_catalog_stale_bad_arguments_exit_nonzero_without_traceback(args) -> None:
    env = {**os.environ, "RXGUILD_TESTING": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "catalog_stale", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "older-than" in result.stderr


def test_state_credential_page_links_to_its_state_rules(client, catalog) -> None:
    page = client.get(reverse("catalog:credential", args=["state-al-technician"])).content.decode()
    assert (
        '<a href="/catalog/states/al/">Alabama: renewal cycle, CE rules and who to contact</a>'
        in page
    )


@pytest.mark.parametrize("code", ["pa", "fl", "ar", "wi"], ids=["PA", "FL", "AR", "WI"])
def test_pages_say_plainly_when_sources_disagree(client, code) -> None:
    html = client.get(f"/catalog/states/{code}/").content.decode()
    assert "Our sources disagree" in html
    assert "Do not rely on this page alone" in html


def test_state_pages_show_the_new_constructs(client) -> None:
    utah = client.get("/catalog/states/ut/").content.decode()
    assert "A current PTCB or NHA ExCPT certification fulfils the CE below." in utah
    iowa = client.get("/catalog/states/ia/").content.decode()
    assert "Renewal requires a current national certification (PTCB or NHA)." in iowa
    south_carolina = client.get("/catalog/states/sc/").content.decode()
    assert "Hours beyond what a cycle needs carry over to the next cycle (one cycle only)." in (
        south_carolina
    )
    texas = client.get("/catalog/states/tx/").content.decode()
    assert "Only if you compound sterile preparations:" in texas
    assert "Only courses on the Texas Health and Human Services Commission" in texas
    assert "Our sources disagree" not in texas


def _member_holding(code: str, state: str, **fields):
    from rxguild.catalog.models import Credential
    from rxguild.profiles.models import CredentialHeld, Profile

    user = get_user_model().objects.create_user(email="tech@example.com", password="x" * 14)
    profile, _ = Profile.objects.get_or_create(user=user)
    credential, _ = Credential.objects.get_or_create(
        code=code,
        defaults={"name": f"{state} registration", "kind": "state_registration", "state": state},
    )
    CredentialHeld.objects.create(profile=profile, credential=credential, state=state, **fields)
    return user, profile


def test_state_page_says_what_it_cannot_work_out_without_a_birth_month(client, today) -> None:
    # Maryland: the birth month following one year after initial registration (COMAR 10.34.34).
    user, profile = _member_holding("state-md-technician", "MD", issued_on=date(2026, 3, 10))
    client.force_login(user)
    html = client.get("/catalog/states/md/").content.decode()
    assert "Your Maryland credentials" in html
    assert (
        "Add the expiry date to your profile, or your birth month so we can work it out from "
        "the board&#x27;s rule, to see this cycle&#x27;s status."
    ) in html
    assert 'href="/profile/#renewal"' in html
    profile.birth_month = 5
    profile.save()
    html = client.get("/catalog/states/md/").content.decode()
    assert "next expiry 31 May 2027 (worked out from the board's rule and your profile" in html


def test_state_page_has_no_personal_part_for_other_states_or_visitors(client, today) -> None:
    user, _ = _member_holding("state-md-technician", "MD")
    assert "Your Maryland credentials" not in client.get("/catalog/states/md/").content.decode()
    client.force_login(user)
    assert "Your Texas credentials" not in client.get("/catalog/states/tx/").content.decode()
