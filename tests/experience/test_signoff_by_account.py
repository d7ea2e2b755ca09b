"""A preceptor with an account signs hours signed in, instead of by the emailed link, when one
of their verified emails is the one the student gave; nobody else reaches the sign-off."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from tests.experience.factories import externship_for
from tests.experience.test_hours import SIGNOFF, log_week, send_for_signoff, sign, signoff_token
from tests.tracker.factories import UserFactory

from rxguild.experience.models import HourLogLine, HourSignOff, SignOffStatus

pytestmark = pytest.mark.django_db

ANSWER = {"decision": "sign", "preceptor_name": "Sam Ortiz", "preceptor_role": "Preceptor, RPh"}


def account(email: str, *, verified: bool) -> Client:
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sent(member, member_client, django_capture_on_commit_callbacks):
    entry = externship_for(member)
    log_week(entry, days=2)
    send_for_signoff(member_client, entry, django_capture_on_commit_callbacks)
    return HourSignOff.objects.get()


def test_the_preceptor_signs_signed_in_and_the_link_is_used_up(client, sent):
    token = signoff_token()
    assert "it also waits for you under" in mail.outbox[-1].body
    preceptor = account(SIGNOFF["preceptor_email"].upper(), verified=True)
    listing = preceptor.get(reverse("experience:evaluations_assigned"))
    assert listing.context["signoffs"] == [sent]
    page = preceptor.get(reverse("experience:signoff_answer", args=[sent.pk]))
    assert page.status_code == 200 and "this link works once" not in page.content.decode()
    assert (
        preceptor.post(reverse("experience:signoff_answer", args=[sent.pk]), ANSWER).status_code
        == 302
    )
    sent.refresh_from_db()
    assert sent.status == SignOffStatus.SIGNED and sent.answered_by is not None
    assert sign(client, token).status_code == 410  # the emailed link no longer works
    assert preceptor.get(reverse("experience:signoff_answer", args=[sent.pk])).status_code == 404


def test_an_unverified_address_another_member_or_the_student_reach_nothing(
    member_client, other_client, sent
):
    unverified = account(SIGNOFF["preceptor_email"], verified=False)
    before = (list(HourSignOff.objects.values()), list(HourLogLine.objects.values()))
    for client in (unverified, other_client, member_client):
        assert client.get(reverse("experience:evaluations_assigned")).context["signoffs"] == []
        response = client.post(reverse("experience:signoff_answer", args=[sent.pk]), ANSWER)
        assert response.status_code == 404
        api = client.post(
            f"/api/v1/experience/signoffs/{sent.pk}/answer",
            json.dumps(ANSWER),
            content_type="application/json",
        )
        assert api.status_code == 404
    assert (list(HourSignOff.objects.values()), list(HourLogLine.objects.values())) == before


def test_api_lists_and_answers_for_the_signed_in_preceptor(sent):
    preceptor = account(SIGNOFF["preceptor_email"], verified=True)
    assert [s["id"] for s in preceptor.get("/api/v1/experience/signoffs/assigned").json()] == [
        sent.pk
    ]
    declined = preceptor.post(
        f"/api/v1/experience/signoffs/{sent.pk}/answer",
        json.dumps({**ANSWER, "decision": "decline"}),
        content_type="application/json",
    )
    assert declined.status_code == 422 and "comment" in declined.json()["detail"]
    answered = preceptor.post(
        f"/api/v1/experience/signoffs/{sent.pk}/answer",
        json.dumps({**ANSWER, "decision": "decline", "comment": "Tuesday was 6 h"}),
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["status"] == "declined"
    assert HourLogLine.objects.filter(signoff__isnull=True).count() == 2
