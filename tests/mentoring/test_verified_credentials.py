"""Credentials a mentor holds, marked verified where the wallet says so (a document staff
checked, or a signed badge that verified and still holds): in the reasons ("holds CSPT
(verified)"), on the mentor card and in the API; read from the wallet's selectors in a fixed
number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from tests.mentoring.factories import client_for, mentee, mentor
from tests.tracker.factories import UserFactory

from rxguild.catalog.models import Credential
from rxguild.mentoring import matching
from rxguild.profiles.models import Audience, CredentialHeld
from rxguild.wallet.models import ImportedBadge
from rxguild.wallet.services.documents import (
    credential_document_approve,
    credential_document_submit,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/mentoring"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WHY_CSPT = "holds CSPT (verified), which you are working toward"
# With the session and user (7); the wallet's marks are two of them, whatever the mentors
# (the page's own reads make three more than the API).
DIRECTORY_PAGE_QUERIES = 30
RECOMMENDATIONS_API_QUERIES = 27


def hold(user, code: str) -> CredentialHeld:
    return CredentialHeld.objects.create(
        profile=user.profile, credential=Credential.objects.get(code=code)
    )


def verify_by_document(user, held: CredentialHeld) -> None:
    upload = SimpleUploadedFile("cspt.pdf", PDF, content_type="application/pdf")
    document = credential_document_submit(member=user, credential_held=held, upload=upload)
    credential_document_approve(reviewer=UserFactory(is_staff=True), document=document)


def badge(user, held: CredentialHeld, n: int, **fields) -> ImportedBadge:
    return ImportedBadge.objects.create(
        member=user,
        credential_held=held,
        spec="ob2",
        badge_id=f"https://badges.example/a/{n}",
        badge_digest=f"{n:064d}",
        name="CSPT",
        issuer_name="PTCB",
        **fields,
    )


def cspt_mentor(name: str):
    return mentor(name, topics=["cspt"], capacity=3)


@pytest.fixture
def tomas(catalog):
    return mentee("Tomas", target_credential="ptcb-cspt", topics=["cspt"])


def cards_of(user):
    return client_for(user).get("/mentoring/mentors/").context["directory"].cards


def test_the_engine_says_verified_beside_what_the_wallet_verified():
    mentee_rec = matching.Mentee(id=1, target_credential="ptcb-cspt")
    labels = matching.Labels(credentials={"ptcb-cspt": "CSPT"})
    for verified, text in (
        (frozenset({"ptcb-cspt"}), WHY_CSPT),
        (frozenset(), "holds CSPT, which you are working toward"),
    ):
        mentor_rec = matching.Mentor(
            id=2, credentials=frozenset({"ptcb-cspt"}), verified_credentials=verified, capacity=1
        )
        match = matching.explain(mentee_rec, mentor_rec, matching.Weights(), labels)
        assert match is not None
        assert match.reasons[0].text == text


def test_a_document_staff_approved_marks_the_credential_verified(tomas):
    rosa = cspt_mentor("Rosa")
    held = hold(rosa, "ptcb-cspt")
    hold(rosa, "ptcb-cpht")
    verify_by_document(rosa, held)
    (card,) = cards_of(tomas)
    assert card.match.reasons[0].text == WHY_CSPT
    assert [(c.name, c.verified) for c in card.credentials] == [("CSPT", True), ("CPhT", False)]
    html = client_for(tomas).get("/mentoring/mentors/").content.decode()
    assert "✓ verified" in html


def test_a_pending_document_or_a_revoked_or_expired_badge_proves_nothing(tomas):
    rosa, omar, vic, sal = (cspt_mentor(n) for n in ("Rosa", "Omar", "Vic", "Sal"))
    upload = SimpleUploadedFile("cspt.pdf", PDF, content_type="application/pdf")
    credential_document_submit(member=rosa, credential_held=hold(rosa, "ptcb-cspt"), upload=upload)
    badge(omar, hold(omar, "ptcb-cspt"), 1, revoked_at=timezone.now())
    badge(vic, hold(vic, "ptcb-cspt"), 2, expires_at=timezone.now() - timedelta(days=2))
    badge(sal, hold(sal, "ptcb-cspt"), 3)  # verified, live
    cards = {c.offer.user.first_name: c for c in cards_of(tomas)}
    verified = {name: card.credentials[0].verified for name, card in cards.items()}
    assert verified == {"Rosa": False, "Omar": False, "Vic": False, "Sal": True}
    assert cards["Sal"].match.reasons[0].text == WHY_CSPT
    assert cards["Rosa"].match.reasons[0].text == "holds CSPT, which you are working toward"


def test_the_api_says_verified(tomas):
    sal = cspt_mentor("Sal")
    badge(sal, hold(sal, "ptcb-cspt"), 1)
    (row,) = client_for(tomas).get(f"{API}/recommendations").json()
    assert row["credentials"] == [{"code": "ptcb-cspt", "name": "CSPT", "verified": True}]
    assert row["reasons"][0]["text"] == WHY_CSPT


def test_a_profile_that_hides_its_credentials_lists_none_on_the_card(tomas):
    rosa = cspt_mentor("Rosa")
    verify_by_document(rosa, hold(rosa, "ptcb-cspt"))
    rosa.profile.credentials_audience = Audience.PRIVATE
    rosa.profile.save(update_fields=["credentials_audience"])
    (card,) = cards_of(tomas)
    assert card.credentials == []
    # nor does the mentee learn them from the reasons
    assert not [r.text for r in card.match.reasons if r.text.startswith("holds")]
    rows = client_for(tomas).get(f"{API}/recommendations").json()
    assert rows[0]["credentials"] == []
    assert not [r["text"] for r in rows[0]["reasons"] if r["text"].startswith("holds")]


@pytest.mark.parametrize("mentors", [2, 6], ids=["2-mentors", "6-mentors"])
def test_the_directory_reads_the_wallet_in_a_fixed_number_of_queries(
    tomas, mentors, django_assert_num_queries
):
    for n in range(mentors):
        user = cspt_mentor(f"Mentor{n}")
        held = hold(user, "ptcb-cspt")
        hold(user, "ptcb-cpht")
        if n % 2:
            verify_by_document(user, held)
        else:
            badge(user, held, n)
    client = client_for(tomas)
    client.get("/mentoring/mentors/")  # the first request of a session records it
    with django_assert_num_queries(DIRECTORY_PAGE_QUERIES):
        page = client.get("/mentoring/mentors/")
    assert page.content.decode().count("✓ verified") == mentors
    with django_assert_num_queries(RECOMMENDATIONS_API_QUERIES):
        rows = client.get(f"{API}/recommendations").json()
    assert [c["verified"] for row in rows for c in row["credentials"]] == [True, False] * mentors
