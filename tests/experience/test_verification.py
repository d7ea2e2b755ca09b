"""Verification by a supervisor without an account: signed, single-use, expiring links;
confirm, correct (never applied without the member) or decline; what the profile shows."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.signing import TimestampSigner
from django.urls import reverse
from tests.experience.factories import entry_for

from rxguild.core.signed_links import SALT_PREFIX
from rxguild.experience.models import ExperienceEntry, ExperienceVerification, VerificationStatus
from rxguild.experience.services import (
    experience_entry_update,
    experience_verification_request,
)
from rxguild.experience.services.verification import LINK_PURPOSE, VERIFICATION_LINKS
from rxguild.profiles.models import Audience
from rxguild.profiles.services import profile_get_or_create_for_user

pytestmark = pytest.mark.django_db

REQUEST = {
    "verifier_name": "Dana Brooks",
    "verifier_role": "Pharmacy manager",
    "verifier_email": "dana.brooks@stmarys.example.org",
    "verifier_site": "",
    "message": "Thanks for checking!",
}


def send_request(member_client, entry, **changes):
    response = member_client.post(
        reverse("experience:verification_request", args=[entry.pk]), {**REQUEST, **changes}
    )
    return response


def link_from_last_email() -> str:
    match = re.search(r"http://[^\s]+/experience/verify/([^/\s]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def answer(client, token, **fields):
    data = {
        "decision": "confirm",
        "verifier_name": "Dana Brooks",
        "verifier_role": "Pharmacy manager",
        "verifier_site": "St. Mary's Hospital",
        "comment": "",
        "role": "IV room technician",
        "started_on": "2024-01-01",
        "ended_on": "2024-12-31",
        "hours_per_week": "40",
        "duty_sterile_compounding": "50",  # as the entry fixture claims
    }
    data.update(fields)
    return client.post(reverse("experience:verify", args=[token]), data)


@pytest.fixture
def entry(member):
    return entry_for(member, duty_percent={"sterile-compounding": 50})


@pytest.fixture
def token(member_client, entry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_request(member_client, entry)
    assert response.status_code == 302
    return link_from_last_email()


def snapshot(entry):
    return (
        ExperienceEntry.objects.values().get(pk=entry.pk),
        list(ExperienceVerification.objects.values().order_by("pk")),
    )


def test_the_request_emails_a_link_and_stores_only_its_digest(member, entry, token):
    verification = ExperienceVerification.objects.get()
    assert mail.outbox[-1].to == ["dana.brooks@stmarys.example.org"]
    assert "Maria Alvarez asks you to confirm" in mail.outbox[-1].body
    assert verification.verifier_site == "St. Mary's Hospital"  # defaulted to the entry's site
    assert verification.status == VerificationStatus.PENDING
    assert token not in str(ExperienceVerification.objects.values().get())
    assert len(verification.link_digest) == 64
    assert verification.claim["hours_per_week"] == "40.0"


def test_the_verifier_confirms_from_a_logged_out_browser(
    client, member, member_client, entry, token, django_capture_on_commit_callbacks
):
    page = client.get(reverse("experience:verify", args=[token]))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    assert "IV room technician" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, token)
    assert response.status_code == 200
    verification = ExperienceVerification.objects.get()
    assert verification.status == VerificationStatus.CONFIRMED
    assert verification.link_used_at is not None
    assert mail.outbox[-1].to == [member.email]
    assert mail.outbox[-1].subject == "Dana Brooks verified your experience at St. Mary's Hospital"
    home = member_client.get(reverse("experience:home")).content.decode()
    today = date.today().strftime("%B %-d, %Y").replace("  ", " ")
    line = f"Verified by Dana Brooks, Pharmacy manager, St. Mary&#x27;s Hospital on {today}"
    assert line in home
    summary = member_client.get(reverse("experience:home")).context["verified_summary"]
    assert [(r.code, r.fte_months) for r in summary.settings] == [
        ("hospital-health-system", "12.0")
    ]


def test_a_replayed_link_is_refused_and_changes_nothing(client, entry, token):
    assert answer(client, token).status_code == 200
    before = snapshot(entry)
    response = answer(client, token, decision="decline", comment="Changed my mind")
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert snapshot(entry) == before


def test_an_expired_link_is_refused_and_changes_nothing(client, entry, token):
    before = snapshot(entry)
    with mock.patch.object(VERIFICATION_LINKS, "max_age", timedelta(seconds=-1)):
        response = answer(client, token)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert snapshot(entry) == before


@pytest.mark.parametrize(
    "make_token",
    [
        lambda token: token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        lambda token: "not-a-token",
        # A valid signature for another purpose (a feedback link) opens nothing here.
        lambda token: TimestampSigner(salt=SALT_PREFIX + "feedback").sign_object(
            {"id": ExperienceVerification.objects.get().pk, "n": "x"}
        ),
        # Correctly signed for this purpose, but never issued (its digest is not stored).
        lambda token: TimestampSigner(salt=SALT_PREFIX + LINK_PURPOSE).sign_object(
            {"id": ExperienceVerification.objects.get().pk, "n": "forged"}
        ),
        # Someone else's verification id in a signed link: not this row's digest either.
        lambda token: TimestampSigner(salt=SALT_PREFIX + LINK_PURPOSE).sign_object(
            {"id": 999999, "n": "x"}
        ),
    ],
    ids=["tampered", "garbage", "other-purpose", "never-issued", "foreign-row"],
)
def test_tampered_or_foreign_links_are_refused_and_change_nothing(client, entry, token, make_token):
    bad = make_token(token)
    before = snapshot(entry)
    assert client.get(reverse("experience:verify", args=[bad])).status_code in (400, 410)
    response = answer(client, bad)
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    assert snapshot(entry) == before


def test_a_new_request_replaces_the_old_link(member_client, client, entry, token):
    send_request(member_client, entry, verifier_name="Lee Park")
    assert answer(client, token).status_code == 400
    statuses = list(ExperienceVerification.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [VerificationStatus.WITHDRAWN, VerificationStatus.PENDING]


def test_a_withdrawn_request_link_no_longer_works(member_client, client, entry, token):
    verification = ExperienceVerification.objects.get()
    member_client.post(reverse("experience:verification_withdraw", args=[verification.pk]))
    assert answer(client, token).status_code == 400
    assert ExperienceVerification.objects.get().status == VerificationStatus.WITHDRAWN


def test_a_correction_waits_for_the_member_and_never_overwrites_the_entry(
    client, member_client, entry, token
):
    response = answer(
        client,
        token,
        decision="correct",
        hours_per_week="24",
        duty_sterile_compounding="30",
        comment="Part-time that year.",
    )
    assert response.status_code == 200
    verification = ExperienceVerification.objects.get()
    assert verification.status == VerificationStatus.CORRECTED
    assert verification.correction == {
        "hours_per_week": "24.0",
        "duty_percent": {"sterile-compounding": 30},
    }
    entry.refresh_from_db()
    assert entry.hours_per_week == Decimal("40.0")  # untouched until the member accepts
    home = member_client.get(reverse("experience:home"))
    assert "proposes a correction" in home.content.decode()
    assert home.context["verified_summary"].settings == []

    member_client.post(reverse("experience:correction_accept", args=[verification.pk]))
    entry.refresh_from_db()
    verification.refresh_from_db()
    assert entry.hours_per_week == Decimal("24.0")
    assert list(entry.duties.values_list("duty", "percent")) == [("sterile-compounding", 30)]
    assert verification.status == VerificationStatus.CONFIRMED
    assert verification.claim["hours_per_week"] == "24.0"
    assert verification.verified_on == date.today()


def test_a_rejected_correction_leaves_the_entry_unverified(client, member_client, entry, token):
    answer(client, token, decision="correct", ended_on="2024-06-30")
    verification = ExperienceVerification.objects.get()
    member_client.post(reverse("experience:correction_reject", args=[verification.pk]))
    entry.refresh_from_db()
    assert entry.ended_on == date(2024, 12, 31)
    assert ExperienceVerification.objects.get().status == VerificationStatus.CORRECTION_REJECTED


def test_a_correction_that_changes_nothing_or_breaks_a_rule_is_refused_and_the_link_kept(
    client, entry, token
):
    response = answer(client, token, decision="correct")
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    response = answer(client, token, decision="correct", ended_on="2023-01-01")
    assert response.status_code == 400
    assert "before the start date" in response.content.decode()
    assert ExperienceVerification.objects.get().link_used_at is None
    assert answer(client, token).status_code == 200  # still usable for a good answer


def test_declining_needs_a_reason(client, entry, token):
    assert answer(client, token, decision="decline").status_code == 400
    assert answer(client, token, decision="decline", comment="Not on my team.").status_code == 200
    assert ExperienceVerification.objects.get().status == VerificationStatus.DECLINED


def test_editing_the_facts_after_confirmation_un_verifies_the_entry(client, entry, token):
    answer(client, token)
    experience_entry_update(entry=entry, description="Now with a description")
    assert ExperienceVerification.objects.get().status == VerificationStatus.CONFIRMED
    experience_entry_update(entry=entry, hours_per_week="45")
    assert ExperienceVerification.objects.get().status == VerificationStatus.SUPERSEDED


def test_editing_the_facts_while_waiting_voids_the_link(client, entry, token):
    experience_entry_update(entry=entry, role="Lead IV technician")
    assert answer(client, token).status_code == 400
    assert ExperienceVerification.objects.get().status == VerificationStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"verifier_email": "maria@example.org"}, "can&#x27;t verify your own"),
        ({"verifier_email": "not-an-email"}, "valid email"),
        ({"verifier_name": ""}, "required"),
    ],
    ids=["own-email", "bad-email", "no-name"],
)
def test_bad_requests_send_nothing(member_client, entry, changes, message):
    response = send_request(member_client, entry, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ExperienceVerification.objects.count() == 0
    assert mail.outbox == []


def test_requests_are_rate_limited(member, member_client, entry):
    for _ in range(10):
        experience_verification_request(
            entry=entry, verifier_name="A", verifier_role="B", verifier_email="a@example.org"
        )
    response = send_request(member_client, entry)
    assert response.status_code == 429
    assert ExperienceVerification.objects.count() == 10


def test_another_member_cannot_request_withdraw_or_accept_and_nothing_changes(
    other_client, entry, token
):
    verification = ExperienceVerification.objects.get()
    before = snapshot(entry)
    outbox = len(mail.outbox)
    assert send_request(other_client, entry).status_code == 404
    for name in ("verification_withdraw", "correction_accept", "correction_reject"):
        assert (
            other_client.post(reverse(f"experience:{name}", args=[verification.pk])).status_code
            == 404
        )
    assert snapshot(entry) == before
    assert len(mail.outbox) == outbox


# --- The public profile ---------------------------------------------------------------


def _public_profile(member, **fields):
    profile = profile_get_or_create_for_user(user=member)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def test_verified_experience_shows_on_the_profile_only_where_work_history_may_be_seen(
    client, member, other_client, entry, token
):
    answer(client, token)
    unverified = entry_for(
        member,
        site_name="Unverified Pharmacy",
        started_on=date(2022, 1, 1),
        ended_on=date(2022, 6, 1),
    )
    profile = _public_profile(member, is_public=True, work_audience=Audience.PUBLIC)
    url = reverse("profiles_public:detail", args=[profile.handle])
    page = client.get(url).content.decode()
    assert "Verified experience" in page
    assert "Verified by Dana Brooks, Pharmacy manager, St. Mary&#x27;s Hospital on" in page
    assert unverified.site_name not in page

    _public_profile(member, work_audience=Audience.MEMBERS)
    assert "Verified experience" not in client.get(url).content.decode()
    assert "Verified experience" in other_client.get(url).content.decode()


# --- API ---------------------------------------------------------------------------------

API = "/api/v1/experience"


def test_api_request_list_and_accept_a_correction(
    member_client, client, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = member_client.post(
            f"{API}/entries/{entry.pk}/verifications",
            json.dumps({k: v for k, v in REQUEST.items() if v}),
            content_type="application/json",
        )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "pending"
    token = link_from_last_email()
    answer(client, token, decision="correct", role="Lead IV technician")
    listed = member_client.get(f"{API}/entries/{entry.pk}/verifications").json()
    assert [(v["status"], v["correction"]) for v in listed] == [
        ("corrected", {"role": "Lead IV technician"})
    ]
    accepted = member_client.post(f"{API}/verifications/{listed[0]['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["role"] == "Lead IV technician"
    assert accepted.json()["verified_by"].startswith("Verified by Dana Brooks, Pharmacy manager")
    again = member_client.post(f"{API}/verifications/{listed[0]['id']}/accept")
    assert again.status_code == 422
    assert "no correction waiting" in again.json()["detail"]


def test_api_other_members_cannot_touch_verifications(other_client, entry, token):
    verification = ExperienceVerification.objects.get()
    before = snapshot(entry)
    assert other_client.get(f"{API}/entries/{entry.pk}/verifications").status_code == 404
    response = other_client.post(
        f"{API}/entries/{entry.pk}/verifications",
        json.dumps(REQUEST),
        content_type="application/json",
    )
    assert response.status_code == 404
    for action in ("withdraw", "accept", "reject"):
        assert (
            other_client.post(f"{API}/verifications/{verification.pk}/{action}").status_code == 404
        )
    assert snapshot(entry) == before


def test_api_bad_request_is_a_422_and_sends_nothing(member_client, entry):
    response = member_client.post(
        f"{API}/entries/{entry.pk}/verifications",
        json.dumps({**REQUEST, "verifier_email": "nope"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "verifier_email" in response.json()["detail"]
    assert ExperienceVerification.objects.count() == 0
    assert mail.outbox == []


# --- The roadmap's eligibility checks -------------------------------------------------


def test_verified_entries_count_in_the_roadmap_facts_unverified_ones_do_not(
    client, member, entry, token
):
    from rxguild.roadmap.selectors import member_facts

    entry_for(member, site_name="Unverified Pharmacy", started_on=date(2022, 1, 1))
    assert member_facts(member, today=date(2026, 12, 3)).jobs == ()
    answer(client, token)
    [job] = member_facts(member, today=date(2026, 12, 3)).jobs
    assert (job.title, job.employer, job.setting, job.start, job.end) == (
        "IV room technician",
        "St. Mary's Hospital (verified)",
        "hospital-health-system",
        date(2024, 1, 1),
        date(2024, 12, 31),
    )
    assert job.summary.startswith("Verified by Dana Brooks, Pharmacy manager")
    assert job.summary.endswith("Sterile compounding 50 %")
