"""Feedback received appears in the history chart and table beside the self-assessments,
respecting the anonymity rule of its request."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from rxguild.core.signed_links import link_issue
from rxguild.growth.models import Assessment, FeedbackInvite
from rxguild.growth.services import (
    Recipient,
    assessment_create,
    feedback_answer_submit,
    feedback_request_create,
)
from rxguild.growth.services.feedback import ANSWER_PURPOSE

pytestmark = pytest.mark.django_db


def _answer(invite: FeedbackInvite, level: str) -> None:
    link = link_issue(purpose=ANSWER_PURPOSE, object_id=invite.pk)
    FeedbackInvite.objects.filter(pk=invite.pk).update(link_digest=link.digest)
    feedback_answer_submit(token=link.token, ratings={"ptce-med-nti": level}, comments={})


def _ask(member, frameworks, count, *, anonymous=False):
    return feedback_request_create(
        member=member,
        framework=frameworks["ptce"],
        competency_codes=["ptce-med-nti"],
        recipients=[
            Recipient(email=f"p{i}@clinic.example", relationship="pharmacist", name=f"P{i}")
            for i in range(count)
        ],
        anonymous=anonymous,
    )


@pytest.fixture
def assessed(member, frameworks):
    first = assessment_create(
        member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": 1}
    )
    Assessment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=90))
    return member


def _columns(body: str) -> list[str]:
    head = body.split("<thead>")[1].split("</thead>")[0]
    return [
        re.sub(r"<[^>]+>", " ", th).split()
        for th in re.findall(r"<th scope=\"col\">(.*?)</th>", head)
    ]


def test_named_feedback_is_a_square_and_a_column_beside_the_own_ratings(
    assessed, frameworks, member_client
):
    request = _ask(assessed, frameworks, 2)
    first, second = request.invites.order_by("id")
    _answer(first, "3")
    _answer(second, "4")
    body = member_client.get("/growth/history/ptce/").content.decode()
    assert body.count('<rect class="others"') == 1  # Medications only: nothing else was rated
    assert body.count("<circle") == 1
    columns = _columns(body)
    assert columns[1][-1] == "you"
    assert columns[2][-3:] == ["feedback,", "2", "people"]
    medications = body.split('<th scope="row">Medications</th>')[1].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", medications)[:2] == ["1.00", "3.50"]
    assert "squares: feedback from others" in body
    assert "1 feedback request answered by others rated you (squares)" in body


def test_anonymous_feedback_joins_the_chart_only_from_three_answers(
    assessed, frameworks, member_client
):
    request = _ask(assessed, frameworks, 3, anonymous=True)
    invites = list(request.invites.order_by("id"))
    _answer(invites[0], "2")
    _answer(invites[1], "4")
    body = member_client.get("/growth/history/ptce/").content.decode()
    assert '<rect class="others"' not in body
    assert "feedback," not in body
    _answer(invites[2], "3")
    body = member_client.get("/growth/history/ptce/").content.decode()
    assert body.count('<rect class="others"') == 1
    assert _columns(body)[2][-3:] == ["feedback,", "3", "people"]
    medications = body.split('<th scope="row">Medications</th>')[1].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", medications)[1] == "3.00"


def test_another_members_feedback_never_shows_in_my_history(
    assessed, frameworks, member_client, other_member
):
    theirs = _ask(other_member, frameworks, 1)
    _answer(theirs.invites.get(), "4")
    body = member_client.get("/growth/history/ptce/").content.decode()
    assert '<rect class="others"' not in body
    assert "feedback," not in body
