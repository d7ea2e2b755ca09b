"""The externship hour log and the preceptor's sign-off: only signed hours count as progress,
frozen days, and links refused as for verification."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from tests.experience.factories import entry_for, externship_for

from rxguild.experience.hours import LoggedDay, hours_progress, week_of
from rxguild.experience.models import ExperienceEntry, HourLogLine, HourSignOff, SignOffStatus
from rxguild.experience.services.hours import hour_log_add

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MONDAY, SUNDAY = week_of(TODAY - timedelta(days=7))


@pytest.fixture
def externship(member):
    return externship_for(member)


def log_week(entry, days=5, hours=8):
    return [
        hour_log_add(
            entry=entry, worked_on=MONDAY + timedelta(days=n), hours=hours, tasks="Filling"
        )
        for n in range(days)
    ]


SIGNOFF = {
    "period_start": MONDAY.isoformat(),
    "period_end": SUNDAY.isoformat(),
    "preceptor_name": "Sam Ortiz",
    "preceptor_role": "Preceptor, RPh",
    "preceptor_email": "sam.ortiz@rivera.example.org",
}


def send_for_signoff(member_client, entry, capture, **changes):
    with capture(execute=True):
        response = member_client.post(
            reverse("experience:signoff_request", args=[entry.pk]), {**SIGNOFF, **changes}
        )
    return response


def signoff_token() -> str:
    match = re.search(r"/experience/signoff/([^/\s]+)/", mail.outbox[-1].body)
    assert match
    return match.group(1)


def sign(client, token, **fields):
    data = {"decision": "sign", "preceptor_name": "Sam Ortiz", "preceptor_role": "Preceptor, RPh"}
    data.update(fields)
    return client.post(reverse("experience:signoff", args=[token]), data)


def test_log_a_day_from_the_phone_page(member_client, externship):
    response = member_client.post(
        reverse("experience:hour_log", args=[externship.pk]),
        {
            "worked_on": MONDAY.isoformat(),
            "hours": "7.5",
            "tasks": "Insurance rejections",
            "competencies": ["hazardous-drug-training"],
        },
    )
    assert response.status_code == 302
    line = HourLogLine.objects.get()
    assert (line.hours, line.competencies) == (Decimal("7.50"), ["hazardous-drug-training"])
    externship.refresh_from_db()
    assert externship.logged_hours == Decimal("7.5")  # the total now comes from the log
    page = member_client.get(reverse("experience:hour_log", args=[externship.pk]))
    assert page.context["log"].progress.logged == Decimal("7.50")
    assert page.context["log"].progress.signed == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"hours": "17"}, "hours", "at most 16"),
        ({"hours": "0"}, "hours", "more than 0"),
        ({"worked_on": (TODAY + timedelta(days=1)).isoformat()}, "worked_on", "have happened"),
        (
            {"worked_on": (TODAY - timedelta(days=90)).isoformat()},
            "worked_on",
            "within the placement",
        ),
        ({"competencies": ["juggling"]}, "competencies", "valid choice"),
    ],
    ids=["too-long", "zero", "future", "before-placement", "unknown-competency"],
)
def test_bad_days_are_refused_and_nothing_is_logged(
    member_client, externship, fields, field, message
):
    data = {"worked_on": MONDAY.isoformat(), "hours": "8", **fields}
    response = member_client.post(reverse("experience:hour_log", args=[externship.pk]), data)
    assert response.status_code == 400
    errors = response.context["log_form"].errors[field]
    assert any(message in e for e in errors), errors
    assert HourLogLine.objects.count() == 0


def test_more_than_16_hours_on_one_day_is_refused(externship):
    hour_log_add(entry=externship, worked_on=MONDAY, hours=10)
    with pytest.raises(Exception, match="more than 16"):
        hour_log_add(entry=externship, worked_on=MONDAY, hours=7)
    assert HourLogLine.objects.count() == 1


def test_a_weekly_job_has_no_hour_log(member, member_client):
    job = entry_for(member)
    response = member_client.post(
        reverse("experience:hour_log", args=[job.pk]), {"worked_on": "2024-02-01", "hours": "8"}
    )
    assert response.status_code == 400
    assert "counts hours per week" in response.content.decode()


def test_the_journey_log_send_sign_and_the_hours_count(
    client, member, member_client, externship, django_capture_on_commit_callbacks
):
    log_week(externship)
    response = send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    signoff = HourSignOff.objects.get()
    assert (signoff.hours, signoff.line_count, signoff.status) == (Decimal("40.00"), 5, "pending")
    assert mail.outbox[-1].to == ["sam.ortiz@rivera.example.org"]
    token = signoff_token()
    assert token not in signoff.link_digest

    # Frozen while the preceptor has it.
    line = HourLogLine.objects.first()
    member_client.post(reverse("experience:hour_log_delete", args=[line.pk]))
    assert HourLogLine.objects.count() == 5

    page = client.get(reverse("experience:signoff", args=[token]))
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    with django_capture_on_commit_callbacks(execute=True):
        assert sign(client, token).status_code == 200
    signoff.refresh_from_db()
    assert signoff.status == SignOffStatus.SIGNED
    assert mail.outbox[-1].to == [member.email]
    progress = (
        member_client.get(reverse("experience:hour_log", args=[externship.pk]))
        .context["log"]
        .progress
    )
    assert (progress.signed, progress.remaining, progress.percent_signed) == (
        Decimal("40.00"),
        Decimal("120.00"),
        25,
    )
    # Replayed: refused, nothing changes.
    before = list(HourSignOff.objects.values())
    replay = sign(client, token, decision="decline", comment="no")
    assert replay.status_code == 410
    assert list(HourSignOff.objects.values()) == before


def test_declined_hours_are_released_and_can_be_fixed(
    client, member_client, externship, django_capture_on_commit_callbacks
):
    log_week(externship, days=2)
    send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    token = signoff_token()
    assert sign(client, token, decision="decline").status_code == 400  # a reason is needed
    assert sign(client, token, decision="decline", comment="Tuesday was 6 h").status_code == 200
    assert HourLogLine.objects.filter(signoff__isnull=True).count() == 2
    assert HourSignOff.objects.get().status == SignOffStatus.DECLINED


@pytest.mark.parametrize(
    "make_token",
    [lambda t: t[:-2] + ("zz" if not t.endswith("zz") else "yy"), lambda t: "garbage"],
    ids=["tampered", "garbage"],
)
def test_tampered_signoff_links_are_refused_and_change_nothing(
    client, member_client, externship, django_capture_on_commit_callbacks, make_token
):
    log_week(externship, days=1)
    send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    bad = make_token(signoff_token())
    before = list(HourSignOff.objects.values())
    assert sign(client, bad).status_code == 400
    assert list(HourSignOff.objects.values()) == before


def test_a_verification_link_does_not_open_a_signoff(
    client, member_client, externship, django_capture_on_commit_callbacks
):
    from rxguild.core.signed_links import link_issue
    from rxguild.experience.services.verification import LINK_PURPOSE

    log_week(externship, days=1)
    send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    other = link_issue(purpose=LINK_PURPOSE, object_id=HourSignOff.objects.get().pk)
    assert sign(client, other.token).status_code == 400
    assert HourSignOff.objects.get().status == SignOffStatus.PENDING


def test_withdrawing_releases_the_days_and_voids_the_link(
    client, member_client, externship, django_capture_on_commit_callbacks
):
    log_week(externship, days=2)
    send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    token = signoff_token()
    member_client.post(reverse("experience:signoff_withdraw", args=[HourSignOff.objects.get().pk]))
    assert sign(client, token).status_code == 400
    assert HourLogLine.objects.filter(signoff__isnull=True).count() == 2


def test_a_period_without_unsigned_days_sends_nothing(
    member_client, externship, django_capture_on_commit_callbacks
):
    response = send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "No unsigned hours" in response.content.decode()
    assert HourSignOff.objects.count() == 0 and mail.outbox == []


def test_another_member_cannot_reach_the_log_or_signoffs(
    other_client, member_client, externship, django_capture_on_commit_callbacks
):
    lines = log_week(externship, days=2)
    send_for_signoff(member_client, externship, django_capture_on_commit_callbacks)
    signoff = HourSignOff.objects.get()
    before = (list(HourLogLine.objects.values()), list(HourSignOff.objects.values()))
    assert other_client.get(reverse("experience:hour_log", args=[externship.pk])).status_code == 404
    assert (
        other_client.post(
            reverse("experience:hour_log", args=[externship.pk]),
            {"worked_on": MONDAY.isoformat(), "hours": "8"},
        ).status_code
        == 404
    )
    assert (
        other_client.post(reverse("experience:hour_log_delete", args=[lines[0].pk])).status_code
        == 404
    )
    assert (
        other_client.post(
            reverse("experience:signoff_request", args=[externship.pk]), SIGNOFF
        ).status_code
        == 404
    )
    assert (
        other_client.post(reverse("experience:signoff_withdraw", args=[signoff.pk])).status_code
        == 404
    )
    api = "/api/v1/experience"
    assert other_client.get(f"{api}/entries/{externship.pk}/log").status_code == 404
    assert other_client.delete(f"{api}/log/{lines[0].pk}").status_code == 404
    assert other_client.post(f"{api}/signoffs/{signoff.pk}/withdraw").status_code == 404
    assert (list(HourLogLine.objects.values()), list(HourSignOff.objects.values())) == before


def test_api_log_and_send(member_client, externship):
    api = "/api/v1/experience"
    response = member_client.post(
        f"{api}/entries/{externship.pk}/log",
        json.dumps({"worked_on": MONDAY.isoformat(), "hours": 6, "competencies": ["garbing-gft"]}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["logged"], body["signed"], body["required"]) == ("6.00", "0", 160)
    assert body["lines"][0]["state"] == "open"
    bad = member_client.post(
        f"{api}/entries/{externship.pk}/log",
        json.dumps({"worked_on": MONDAY.isoformat(), "hours": 12}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "hours" in bad.json()["detail"]
    sent = member_client.post(
        f"{api}/entries/{externship.pk}/signoffs",
        json.dumps(SIGNOFF),
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["hours"] == "6.00"
    assert ExperienceEntry.objects.get(pk=externship.pk).logged_hours == Decimal("6.0")


# --- The progress engine ---------------------------------------------------------------

days_strategy = st.lists(
    st.builds(
        LoggedDay,
        worked_on=st.just(date(2026, 1, 5)),
        hours=st.decimals(min_value=Decimal("0.25"), max_value=16, places=2),
        state=st.sampled_from(["open", "pending", "signed"]),
    ),
    max_size=30,
)


@given(days_strategy, st.one_of(st.none(), st.integers(1, 2000)))
def test_progress_adds_up_and_counts_only_signed_hours(days, required):
    progress = hours_progress(days, required=required)
    assert progress.logged == progress.signed + progress.pending + progress.unsent
    assert progress.signed == sum((d.hours for d in days if d.state == "signed"), Decimal(0))
    if required is None:
        assert progress.remaining is None and progress.percent_signed is None
    else:
        assert progress.remaining == max(Decimal(required) - progress.signed, Decimal(0))
        assert 0 <= progress.percent_signed <= 100
        assert (progress.percent_signed == 100) == (progress.signed >= required)


def test_progress_explains_itself():
    progress = hours_progress(
        [
            LoggedDay(date(2026, 1, 5), Decimal(8), "signed"),
            LoggedDay(date(2026, 1, 6), Decimal(4), "pending"),
        ],
        required=10,
    )
    assert progress.reasons == (
        "2 of the 10 required hours still need signing.",
        "4 h are waiting for your preceptor's sign-off.",
    )
