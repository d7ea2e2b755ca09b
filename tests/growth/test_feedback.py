"""Feedback from people without accounts: the email, the single-use link, abuse limits,
anonymity and privacy. Every refusal asserts that nothing changed."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.test import Client

from rxguild.core.signed_links import link_issue
from rxguild.growth.models import FeedbackAnswer, FeedbackInvite, FeedbackOptOut, FeedbackRequest
from rxguild.growth.services import Recipient, assessment_create, feedback_request_create
from rxguild.growth.services.feedback import ANSWER_PURPOSE

pytestmark = pytest.mark.django_db

COMPETENCIES = ["ptce-med-nti", "ptce-fed-cs-handling"]


def _ask(member, frameworks, emails, anonymous=False, capture=None):
    return feedback_request_create(
        member=member,
        framework=frameworks["ptce"],
        competency_codes=COMPETENCIES,
        recipients=[
            Recipient(email=e, relationship="pharmacist", name=f"RPh {i}")
            for i, e in enumerate(emails)
        ],
        anonymous=anonymous,
    )


def _link(message) -> str:
    match = re.search(r"http://127\.0\.0\.1:8000(/growth/feedback/answer/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def _unsubscribe_link(message) -> str:
    match = re.search(
        r"http://127\.0\.0\.1:8000(/growth/feedback/unsubscribe/[^/\s]+/)", message.body
    )
    assert match
    return match.group(1)


def test_request_emails_only_name_and_competencies(
    member, frameworks, django_capture_on_commit_callbacks
):
    member.profile_headline = "should never appear"
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["dana@pharmacy.example"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@pharmacy.example"]
    assert message.subject == "[RxGuild] Maria Alvarez asks for your feedback"
    assert "- Narrow therapeutic index medicines\n- Controlled substance handling" in message.body
    assert "maria@example.org" not in message.body
    assert "They will see your answer with your name." in message.body
    assert "expires in 14 days" in message.body
    invite = FeedbackInvite.objects.get()
    token = _link(message).split("/")[-2]
    assert token not in invite.link_digest and len(invite.link_digest) == 64


def test_no_email_when_the_transaction_rolls_back(
    member, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _ask(member, frameworks, ["dana@pharmacy.example"])
    assert len(callbacks) == 1 and mail.outbox == []


def test_answer_from_a_logged_out_browser_then_replay_is_refused(
    member, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["dana@pharmacy.example"])
    url = _link(mail.outbox[0])
    browser = Client()
    page = browser.get(url)
    assert page.status_code == 200
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the
    # form POST and Django's CSRF check refuses it (the browser journey covers this).
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    body = page.content.decode()
    assert "Feedback for Maria Alvarez" in body
    assert body.count('<fieldset class="growth-item"') == 2
    response = browser.post(
        url,
        {
            "ptce-med-nti": "3",
            "comment_ptce-med-nti": "Careful with warfarin",
            "ptce-fed-cs-handling": "na",
        },
    )
    assert response.status_code == 200
    assert "Your feedback was sent." in response.content.decode()
    invite = FeedbackInvite.objects.get()
    assert invite.answered_at is not None and invite.link_used_at is not None
    assert sorted(FeedbackAnswer.objects.values_list("competency__code", "level", "comment")) == [
        ("ptce-fed-cs-handling", None, ""),
        ("ptce-med-nti", 3, "Careful with warfarin"),
    ]
    replay = browser.post(url, {"ptce-med-nti": "1"})
    assert replay.status_code == 410
    assert "This link has already been used." in replay.content.decode()
    assert FeedbackAnswer.objects.filter(level=1).count() == 0
    assert Client().get(url).status_code == 410


@pytest.mark.parametrize(
    ("mangle", "status", "message"),
    [
        pytest.param(
            lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
            400,
            "This link is not valid.",
            id="tampered",
        ),
        pytest.param(lambda t: "garbage", 400, "This link is not valid.", id="forged"),
        pytest.param(
            lambda t: t.replace(":", "", 1), 400, "This link is not valid.", id="truncated"
        ),
    ],
)
def test_forged_or_tampered_links_are_refused(
    member, frameworks, django_capture_on_commit_callbacks, mangle, status, message
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["dana@pharmacy.example"])
    token = _link(mail.outbox[0]).split("/")[-2]
    url = f"/growth/feedback/answer/{mangle(token)}/"
    response = Client().post(url, {"ptce-med-nti": "2"})
    assert response.status_code == status
    assert message in response.content.decode()
    assert FeedbackAnswer.objects.count() == 0
    assert FeedbackInvite.objects.get().link_used_at is None


def test_unsubscribe_token_cannot_open_the_answer_form(
    member, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["dana@pharmacy.example"])
    token = _unsubscribe_link(mail.outbox[0]).split("/")[-2]
    assert Client().get(f"/growth/feedback/answer/{token}/").status_code == 400


def test_expired_link_is_refused(member, frameworks, monkeypatch):
    feedback_request = _ask(member, frameworks, ["dana@pharmacy.example"])
    invite = feedback_request.invites.get()
    real = time.time()
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: real - 15 * 24 * 3600)
        link = link_issue(purpose=ANSWER_PURPOSE, object_id=invite.pk)
    FeedbackInvite.objects.filter(pk=invite.pk).update(link_digest=link.digest)
    response = Client().post(f"/growth/feedback/answer/{link.token}/", {"ptce-med-nti": "2"})
    assert response.status_code == 410
    assert "This link has expired." in response.content.decode()
    assert FeedbackAnswer.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"ptce-med-nti": "7"}, "Choose a level from 1 to 4 (got 7).", id="level"),
        pytest.param(
            {"ptce-med-nti": "2", "comment_ptce-med-nti": "x" * 501},
            "Keep each comment under 500 characters.",
            id="huge",
        ),
        pytest.param(
            {}, "Rate at least one competency or leave a comment, or decline.", id="empty"
        ),
    ],
)
def test_bad_answers_are_explained_and_the_link_stays_usable(
    member, frameworks, django_capture_on_commit_callbacks, data, message
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["dana@pharmacy.example"])
    url = _link(mail.outbox[0])
    response = Client().post(url, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert FeedbackAnswer.objects.count() == 0
    assert FeedbackInvite.objects.get().link_used_at is None


def test_decline_then_withdrawn_request_refuses_links(
    member, member_client, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(member, frameworks, ["dana@pharmacy.example", "lee@pharmacy.example"])
    first, second = (_link(m) for m in mail.outbox)
    declined = Client().post(first, {"decline": "1"})
    assert "You declined." in declined.content.decode()
    assert member_client.post(f"/growth/feedback/{request.pk}/withdraw/").status_code == 302
    refused = Client().post(second, {"ptce-med-nti": "2"})
    assert refused.status_code == 400
    assert "This request was withdrawn." in refused.content.decode()
    statuses = member_client.get(f"/growth/feedback/{request.pk}/").content.decode()
    assert "<strong>declined</strong>" in statuses and "<strong>withdrawn</strong>" in statuses


@pytest.mark.parametrize(
    ("emails", "message"),
    [
        pytest.param(
            ["not-an-email"], "Person 1: “not-an-email” is not an email address.", id="bad"
        ),
        pytest.param(
            ["maria@example.org"],
            "Person 1: ask someone else; this is your own address.",
            id="self",
        ),
        pytest.param(
            ["a@x.example", "A@x.example"], "Person 2: a@x.example is listed twice.", id="twice"
        ),
        pytest.param(
            [f"p{i}@x.example" for i in range(6)], "Ask at most 5 people at a time.", id="many"
        ),
        pytest.param([""], "Add at least one person to ask.", id="none"),
    ],
)
def test_bad_recipients_are_explained_and_nothing_sent(
    member, member_client, frameworks, emails, message
):
    from rxguild.growth.forms import RECIPIENT_ROWS

    data = {"competencies": COMPETENCIES}
    for index, email in enumerate(emails[:RECIPIENT_ROWS], start=1):
        data[f"email_{index}"] = email
        data[f"relationship_{index}"] = "colleague"
    if len(emails) > RECIPIENT_ROWS:  # the form has five rows; the service enforces the cap
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as caught:
            _ask(member, frameworks, emails)
        assert message in caught.value.message_dict["recipients"]
    else:
        response = member_client.post("/growth/feedback/new/ptce/", data)
        assert response.status_code == 422
        assert message in response.content.decode()
        assert "Nothing was sent." in response.content.decode()
    assert FeedbackRequest.objects.count() == 0
    assert mail.outbox == []


def test_member_rate_limit(member, frameworks):
    from rxguild.core.ratelimit import RateLimited

    for batch in range(2):
        _ask(member, frameworks, [f"p{batch}{i}@x.example" for i in range(5)])
    with pytest.raises(RateLimited, match="You have sent feedback requests too often"):
        _ask(member, frameworks, ["one.more@x.example"])
    assert FeedbackInvite.objects.count() == 10


def test_address_rate_limit_across_members(frameworks, member_client):
    from tests.tracker.factories import UserFactory

    from rxguild.core.ratelimit import RateLimited

    for _ in range(3):
        _ask(UserFactory(), frameworks, ["busy.rph@x.example"])
    with pytest.raises(RateLimited):
        _ask(UserFactory(), frameworks, ["busy.rph@x.example"])
    assert FeedbackInvite.objects.filter(email="busy.rph@x.example").count() == 3


def test_unsubscribe_blocks_future_requests(member, frameworks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["dana@pharmacy.example"])
    url = _unsubscribe_link(mail.outbox[0])
    assert Client().get(url).status_code == 200
    assert FeedbackOptOut.objects.count() == 0
    done = Client().post(url)
    assert "You will get no more feedback requests" in done.content.decode()
    assert FeedbackInvite.objects.get().declined_at is not None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        _ask(member, frameworks, ["Dana@Pharmacy.example"])
    assert caught.value.message_dict == {
        "recipients": ["dana@pharmacy.example has asked not to receive feedback requests."]
    }


def _answer(url: str, level: str, comment: str) -> None:
    assert (
        Client().post(url, {"ptce-med-nti": level, "comment_ptce-med-nti": comment}).status_code
        == 200
    )


def test_side_by_side_named(member, member_client, frameworks, django_capture_on_commit_callbacks):
    assessment_create(member=member, framework=frameworks["ptce"], ratings={"ptce-med-nti": 2})
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(member, frameworks, ["dana@pharmacy.example"])
    _answer(_link(mail.outbox[0]), "4", "Knows her NTI drugs")
    body = member_client.get(f"/growth/feedback/{request.pk}/").content.decode()
    assert "<td>2</td>" in body
    assert "RPh 0 (pharmacist): 4 — “Knows her NTI drugs”" in body


def test_anonymous_needs_three_answers_and_never_names(
    member, member_client, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(
            member, frameworks, ["a@x.example", "b@x.example", "c@x.example"], anonymous=True
        )
    assert "Your answer is anonymous" in mail.outbox[0].body
    links = [_link(m) for m in mail.outbox]
    _answer(links[0], "2", "comment-one")
    _answer(links[1], "4", "comment-two")
    page = member_client.get(f"/growth/feedback/{request.pk}/").content.decode()
    assert "answers appear once 3 people have answered (2 so far)." in page
    assert "comment-one" not in page and "comment-two" not in page
    _answer(links[2], "3", "comment-three")
    page = member_client.get(f"/growth/feedback/{request.pk}/").content.decode()
    assert "3.00" in page
    assert "“comment-one”" in page and "“comment-three”" in page
    assert "RPh 0" not in page and "a@x.example" not in page


def test_another_member_cannot_see_or_withdraw(member, other_client, frameworks):
    request = _ask(member, frameworks, ["dana@pharmacy.example"])
    assert other_client.get(f"/growth/feedback/{request.pk}/").status_code == 404
    assert other_client.post(f"/growth/feedback/{request.pk}/withdraw/").status_code == 404
    request.refresh_from_db()
    assert request.withdrawn_at is None
    assert "dana@pharmacy.example" not in other_client.get("/growth/feedback/").content.decode()


def test_api_create_with_bad_email_is_422_then_good_request(member, member_client, frameworks):
    import json

    bad = member_client.post(
        "/api/v1/growth/feedback-requests",
        json.dumps(
            {
                "framework": "ptce",
                "competencies": COMPETENCIES,
                "recipients": [{"email": "nope", "relationship": "colleague"}],
            }
        ),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json() == {"detail": {"recipients": ["Person 1: “nope” is not an email address."]}}
    assert FeedbackRequest.objects.count() == 0
    good = member_client.post(
        "/api/v1/growth/feedback-requests",
        json.dumps(
            {
                "framework": "ptce",
                "competencies": COMPETENCIES,
                "recipients": [
                    {"email": "lee@x.example", "relationship": "preceptor", "name": "Lee"}
                ],
                "anonymous": True,
            }
        ),
        content_type="application/json",
    )
    assert good.status_code == 201
    body = good.json()
    assert body["invites"] == [
        {
            "id": FeedbackInvite.objects.get().pk,
            "relationship": "preceptor",
            "name": None,
            "status": "waiting",
        }
    ]
    assert body["hidden"] is True


def test_api_rate_limit_is_403_with_message(member, member_client, frameworks):
    import json

    for batch in range(2):
        _ask(member, frameworks, [f"p{batch}{i}@x.example" for i in range(5)])
    response = member_client.post(
        "/api/v1/growth/feedback-requests",
        json.dumps(
            {
                "framework": "ptce",
                "competencies": COMPETENCIES,
                "recipients": [{"email": "z@x.example", "relationship": "colleague"}],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("You have sent feedback requests too often.")
    assert FeedbackInvite.objects.count() == 10


def test_api_other_members_request_is_404(member, other_client, frameworks):
    request = _ask(member, frameworks, ["dana@pharmacy.example"])
    assert other_client.get(f"/api/v1/growth/feedback-requests/{request.pk}").status_code == 404
    assert (
        other_client.post(f"/api/v1/growth/feedback-requests/{request.pk}/withdraw").status_code
        == 404
    )
    request.refresh_from_db()
    assert request.withdrawn_at is None
