"""A competency record (garbing with gloved-fingertip sampling, media fill, ...) sent to its
evaluator, who signs it by link without an account; signed records are marked and frozen; bad
links are refused with a message and change nothing."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from rxguild.core.signed_links import link_issue
from rxguild.experience.models import CompetencyRecord, SignOffStatus
from rxguild.experience.services import competency_record_add
from rxguild.experience.services.competency_signoff import COMPETENCY_LINKS
from rxguild.experience.services.evaluations import EVALUATION_PURPOSE

pytestmark = pytest.mark.django_db

EVALUATOR = {
    "evaluator_name": "Dana Lee",
    "evaluator_role": "IV room supervisor, RPh",
    "evaluator_email": "dana.lee@stmarys.example.org",
}


@pytest.fixture
def record(member):
    return competency_record_add(
        member=member,
        competency="garbing-gft",
        category="category-1-2",
        performed_on=date(2026, 11, 20),
        passed=True,
        site_name="St. Mary's Hospital",
        notes="0 CFU both hands",
    )


@pytest.fixture
def token(member_client, record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("experience:competency_signoff_request", args=[record.pk]), EVALUATOR
        )
    assert response.status_code == 302
    match = re.search(r"/experience/competency-sign/([^/\s]+)/", mail.outbox[-1].body)
    assert match
    return match.group(1)


def answer(client, token, **changes):
    data = {"decision": "sign", "evaluator_name": "Dana Lee", "evaluator_role": "RPh"}
    data.update(changes)
    return client.post(reverse("experience:competency_sign", args=[token]), data)


def snapshot():
    return list(CompetencyRecord.objects.values())


def test_the_evaluator_signs_by_link_and_the_record_is_marked_signed(
    client, member_client, record, token
):
    assert mail.outbox[-1].to == ["dana.lee@stmarys.example.org"]
    assert "Garbing and hand hygiene with gloved-fingertip sampling, passed" in (
        mail.outbox[-1].body
    )
    assert CompetencyRecord.objects.get().signoff_status == SignOffStatus.PENDING
    page = client.get(reverse("experience:competency_sign", args=[token]))
    assert page.status_code == 200 and "0 CFU both hands" in page.content.decode()
    assert answer(client, token).status_code == 200
    record.refresh_from_db()
    assert (record.signoff_status, record.evaluator_name) == (SignOffStatus.SIGNED, "Dana Lee")
    assert record.signed_at is not None
    body = member_client.get(reverse("experience:competencies")).content.decode()
    assert "Signed</span> by Dana Lee, RPh on" in body
    # A signed record is frozen: asking again is refused and sends nothing.
    sent = len(mail.outbox)
    member_client.post(
        reverse("experience:competency_signoff_request", args=[record.pk]), EVALUATOR
    )
    assert len(mail.outbox) == sent
    assert CompetencyRecord.objects.get().signoff_status == SignOffStatus.SIGNED


def test_a_replayed_link_is_refused_and_changes_nothing(client, token):
    assert answer(client, token).status_code == 200
    before = snapshot()
    again = answer(client, token, decision="decline", comment="No")
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert snapshot() == before


def test_an_expired_link_is_refused_and_changes_nothing(client, token):
    before = snapshot()
    with mock.patch.object(COMPETENCY_LINKS, "max_age", timedelta(seconds=-1)):
        response = answer(client, token)
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "make_token",
    [
        lambda t: t[:-2] + ("zz" if not t.endswith("zz") else "yy"),
        lambda t: "garbage",
        lambda t: (
            link_issue(
                purpose=EVALUATION_PURPOSE, object_id=CompetencyRecord.objects.get().pk
            ).token
        ),
    ],
    ids=["tampered", "garbage", "foreign-purpose"],
)
def test_bad_links_are_refused_and_change_nothing(client, token, make_token):
    before = snapshot()
    response = answer(client, make_token(token))
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    assert snapshot() == before


def test_withdrawn_or_resent_links_stop_working(client, member_client, record, token):
    member_client.post(reverse("experience:competency_signoff_withdraw", args=[record.pk]))
    assert CompetencyRecord.objects.get().signoff_status == SignOffStatus.WITHDRAWN
    response = answer(client, token)
    assert response.status_code == 400
    assert "replaced by a newer one or withdrawn" in response.content.decode()


def test_a_decline_needs_a_reason_and_the_record_can_be_sent_again(
    client, member_client, record, token, django_capture_on_commit_callbacks
):
    assert answer(client, token, decision="decline").status_code == 400
    assert CompetencyRecord.objects.get().signoff_status == SignOffStatus.PENDING
    assert answer(client, token, decision="decline", comment="It was Nov 21").status_code == 200
    assert CompetencyRecord.objects.get().signoff_status == SignOffStatus.DECLINED
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(
            reverse("experience:competency_signoff_request", args=[record.pk]), EVALUATOR
        )
    assert CompetencyRecord.objects.get().signoff_status == SignOffStatus.PENDING


def test_another_member_cannot_send_or_withdraw_and_nothing_changes(other_client, record, token):
    before = snapshot()
    for name in ("competency_signoff_request", "competency_signoff_withdraw"):
        response = other_client.post(reverse(f"experience:{name}", args=[record.pk]), EVALUATOR)
        assert response.status_code == 404
    api = other_client.post(
        f"/api/v1/experience/competencies/{record.pk}/signoff",
        json.dumps(EVALUATOR),
        content_type="application/json",
    )
    assert api.status_code == 404
    assert snapshot() == before


def test_api_sends_a_record_for_signoff(member_client, record):
    sent = member_client.post(
        f"/api/v1/experience/competencies/{record.pk}/signoff",
        json.dumps(EVALUATOR),
        content_type="application/json",
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["signoff_status"] == "pending"
    own = member_client.post(
        f"/api/v1/experience/competencies/{record.pk}/signoff",
        json.dumps({**EVALUATOR, "evaluator_email": "maria@example.org"}),
        content_type="application/json",
    )
    assert own.status_code == 422 and "evaluator_email" in own.json()["detail"]
