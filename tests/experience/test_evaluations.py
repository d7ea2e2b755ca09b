"""The preceptor's mid-point and final evaluations: asked from the hour log, filled by signed
link (no account) or by a preceptor signed in with the verified email asked; the student sees
the result; the coordinator's cohort counts them. Bad links are refused and change nothing."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.experience.factories import externship_for
from tests.tracker.factories import UserFactory

from rxguild.core.signed_links import link_issue
from rxguild.experience.models import Enrollment, Evaluation, EvaluationStatus, TrainingProgram
from rxguild.experience.reference import evaluation_form
from rxguild.experience.services.evaluations import EVALUATION_LINKS
from rxguild.experience.services.hours import SIGNOFF_PURPOSE

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PRECEPTOR_EMAIL = "sam.ortiz@rivera.example.org"
ASK = {
    "kind": "midpoint",
    "evaluator_name": "Sam Ortiz",
    "evaluator_role": "Preceptor, RPh",
    "evaluator_email": PRECEPTOR_EMAIL,
}


@pytest.fixture
def externship(member):
    return externship_for(member)


def ask(member_client, entry, capture, **changes):
    with capture(execute=True):
        return member_client.post(
            reverse("experience:evaluation_request", args=[entry.pk]), {**ASK, **changes}
        )


def token_from_mail() -> str:
    match = re.search(r"/experience/evaluate/([^/\s]+)/", mail.outbox[-1].body)
    assert match
    return match.group(1)


def answers(**changes) -> dict[str, str]:
    data = {"evaluator_name": "Sam Ortiz", "evaluator_role": "Preceptor, RPh"}
    for n, (code, _name) in enumerate(evaluation_form().items):
        data[f"rating_{code}"] = "0" if code == "nonsterile-compounding" else str(2 + n % 3)
        data[f"comment_{code}"] = ""
    data["comment_professional"] = "Always on time"
    data["overall_comment"] = "Ready for the final weeks."
    data.update(changes)
    return data


@pytest.fixture
def token(member_client, externship, django_capture_on_commit_callbacks):
    response = ask(member_client, externship, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    return token_from_mail()


def snapshot():
    return list(Evaluation.objects.values())


def test_the_preceptor_fills_it_by_link_and_the_student_sees_it(
    client, member_client, externship, token, django_capture_on_commit_callbacks
):
    assert mail.outbox[-1].to == [PRECEPTOR_EMAIL]
    page = client.get(reverse("experience:evaluate", args=[token]))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "Mid-point evaluation of Maria Alvarez" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("experience:evaluate", args=[token]), answers())
    assert done.status_code == 200
    assert "is sent to the student" in done.content.decode()
    evaluation = Evaluation.objects.get()
    assert (evaluation.status, evaluation.submitted_by) == (EvaluationStatus.SUBMITTED, None)
    assert len(evaluation.ratings) == len(evaluation_form().items)
    assert mail.outbox[-1].to == ["maria@example.org"]

    result = member_client.get(reverse("experience:evaluation", args=[evaluation.pk]))
    body = result.content.decode()
    assert "Always on time" in body and "Not observed" in body and "(by emailed link)" in body
    log = member_client.get(reverse("experience:hour_log", args=[externship.pk])).content.decode()
    # ratings 2,3,4,(0),3,4,2,3 -> mean of the seven observed = 21/7
    assert "Mid-point evaluation</strong>: completed (mean 3.0 of 4)" in log
    assert "Final evaluation</strong>: not requested" in log


def test_a_used_link_is_refused_the_second_time_and_changes_nothing(client, token):
    assert client.post(reverse("experience:evaluate", args=[token]), answers()).status_code == 200
    before = snapshot()
    again = client.post(
        reverse("experience:evaluate", args=[token]), answers(overall_comment="Changed")
    )
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert snapshot() == before


def test_an_expired_link_is_refused_and_changes_nothing(client, token):
    before = snapshot()
    with mock.patch.object(EVALUATION_LINKS, "max_age", timedelta(seconds=-1)):
        response = client.post(reverse("experience:evaluate", args=[token]), answers())
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "make_token",
    [
        lambda t: t[:-2] + ("zz" if not t.endswith("zz") else "yy"),
        lambda t: "garbage",
        # a sign-off link for the same row id: another purpose never opens an evaluation
        lambda t: link_issue(purpose=SIGNOFF_PURPOSE, object_id=Evaluation.objects.get().pk).token,
    ],
    ids=["tampered", "garbage", "foreign-purpose"],
)
def test_bad_links_are_refused_with_a_message_and_change_nothing(client, token, make_token):
    before = snapshot()
    response = client.post(reverse("experience:evaluate", args=[make_token(token)]), answers())
    assert response.status_code == 400
    assert "This link" in response.content.decode() and "Nothing was changed" in (
        response.content.decode()
    )
    assert snapshot() == before


def test_a_link_replaced_by_a_new_request_or_withdrawn_stops_working(
    client, member_client, externship, token, django_capture_on_commit_callbacks
):
    ask(member_client, externship, django_capture_on_commit_callbacks)
    newer = token_from_mail()
    assert client.get(reverse("experience:evaluate", args=[token])).status_code == 400
    assert Evaluation.objects.filter(status=EvaluationStatus.WITHDRAWN).count() == 1
    pending = Evaluation.objects.get(status=EvaluationStatus.PENDING)
    member_client.post(reverse("experience:evaluation_withdraw", args=[pending.pk]))
    response = client.get(reverse("experience:evaluate", args=[newer]))
    assert response.status_code == 400
    assert "replaced by a newer one or withdrawn" in response.content.decode()


def test_incomplete_answers_are_refused_and_the_link_stays_usable(client, token):
    missing = answers()
    del missing["rating_safety"]
    response = client.post(reverse("experience:evaluate", args=[token]), missing)
    assert response.status_code == 400
    nothing_seen = answers(**{f"rating_{code}": "0" for code, _ in evaluation_form().items})
    response = client.post(reverse("experience:evaluate", args=[token]), nothing_seen)
    assert response.status_code == 400
    assert "Rate at least one item you observed." in response.content.decode()
    assert Evaluation.objects.get().status == EvaluationStatus.PENDING
    assert client.post(reverse("experience:evaluate", args=[token]), answers()).status_code == 200


def test_a_completed_evaluation_is_not_asked_twice(
    client, member_client, externship, token, django_capture_on_commit_callbacks
):
    client.post(reverse("experience:evaluate", args=[token]), answers())
    sent = len(mail.outbox)
    response = ask(member_client, externship, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == sent
    assert Evaluation.objects.count() == 1
    final = ask(member_client, externship, django_capture_on_commit_callbacks, kind="final")
    assert final.status_code == 302 and Evaluation.objects.count() == 2


def test_a_student_cannot_ask_themself(
    member_client, externship, django_capture_on_commit_callbacks
):
    ask(
        member_client,
        externship,
        django_capture_on_commit_callbacks,
        evaluator_email="maria@example.org",
    )
    assert Evaluation.objects.count() == 0
    assert len(mail.outbox) == 0


def preceptor_account(email: str, *, verified: bool) -> Client:
    user = UserFactory(email=email, first_name="Sam", last_name="Ortiz")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    client = Client()
    client.force_login(user)
    return client


def test_a_preceptor_with_a_verified_account_fills_it_signed_in(token, member_client):
    preceptor = preceptor_account(PRECEPTOR_EMAIL.upper(), verified=True)
    evaluation = Evaluation.objects.get()
    listing = preceptor.get(reverse("experience:evaluations_assigned"))
    assert list(listing.context["evaluations"]) == [evaluation]
    response = preceptor.post(
        reverse("experience:evaluation_fill", args=[evaluation.pk]), answers()
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.submitted_by is not None
    # answered: it leaves their list, and the emailed link is used up too
    assert preceptor.get(
        reverse("experience:evaluation_fill", args=[evaluation.pk])
    ).status_code == (404)
    assert Client().get(reverse("experience:evaluate", args=[token])).status_code == 410


def test_an_unverified_address_or_another_member_reaches_nothing(token, other_client):
    unverified = preceptor_account(PRECEPTOR_EMAIL, verified=False)
    evaluation = Evaluation.objects.get()
    before = snapshot()
    for client in (unverified, other_client):
        assert client.get(reverse("experience:evaluations_assigned")).context["evaluations"] == []
        fill = client.post(reverse("experience:evaluation_fill", args=[evaluation.pk]), answers())
        assert fill.status_code == 404
        assert client.get(reverse("experience:evaluation", args=[evaluation.pk])).status_code == 404
        withdraw = client.post(reverse("experience:evaluation_withdraw", args=[evaluation.pk]))
        assert withdraw.status_code == 404
    assert snapshot() == before


def test_the_coordinator_cohort_and_csv_count_evaluations(
    client, member, externship, token, django_capture_on_commit_callbacks
):
    coordinator = UserFactory()
    program = TrainingProgram.objects.create(name="ACC", organization="Austin CC")
    program.coordinators.add(coordinator)
    Enrollment.objects.create(program=program, student=member, entry=externship, status="active")
    client.post(reverse("experience:evaluate", args=[token]), answers())
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    [row] = coordinator_client.get(reverse("experience:program_cohort", args=[program.pk])).context[
        "rows"
    ]
    assert [state.text for state in row.evaluations] == [
        "completed (mean 3.0 of 4)",
        "not requested",
    ]
    csv = coordinator_client.get(reverse("experience:program_cohort_csv", args=[program.pk]))
    assert csv.content.decode().splitlines()[1].endswith(",completed (mean 3.0 of 4),not requested")


def test_api_ask_read_and_answer_as_a_signed_in_preceptor(
    member_client, other_client, externship, django_capture_on_commit_callbacks
):
    api = "/api/v1/experience"
    with django_capture_on_commit_callbacks(execute=True):
        created = member_client.post(
            f"{api}/entries/{externship.pk}/evaluations",
            json.dumps({**ASK, "kind": "final"}),
            content_type="application/json",
        )
    assert created.status_code == 201, created.content
    evaluation_id = created.json()["id"]
    bad_kind = member_client.post(
        f"{api}/entries/{externship.pk}/evaluations",
        json.dumps({**ASK, "kind": "weekly"}),
        content_type="application/json",
    )
    assert bad_kind.status_code == 422 and "kind" in bad_kind.json()["detail"]
    assert other_client.get(f"{api}/evaluations/{evaluation_id}").status_code == 404
    assert other_client.get(f"{api}/entries/{externship.pk}/evaluations").status_code == 404

    preceptor = preceptor_account(PRECEPTOR_EMAIL, verified=True)
    assert [e["id"] for e in preceptor.get(f"{api}/evaluations/assigned").json()] == [evaluation_id]
    ratings = {code: {"rating": 3, "comment": ""} for code, _ in evaluation_form().items}
    payload = {"evaluator_name": "Sam Ortiz", "evaluator_role": "RPh", "ratings": ratings}
    assert (
        other_client.post(
            f"{api}/evaluations/{evaluation_id}/submit",
            json.dumps(payload),
            content_type="application/json",
        ).status_code
        == 404
    )
    answered = preceptor.post(
        f"{api}/evaluations/{evaluation_id}/submit",
        json.dumps(payload),
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.content
    read = member_client.get(f"{api}/evaluations/{evaluation_id}").json()
    assert (read["status"], read["mean"]) == ("submitted", 3.0)
