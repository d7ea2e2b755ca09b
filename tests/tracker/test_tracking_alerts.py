"""Saved searches, digests (idempotent, never the same job twice), one-click unsubscribe,
follow-up reminders and informational interviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from tests.tracker.factories import PostingFactory

from rxguild.jobs.alerts.sending import job_alerts_send, unsubscribe_token
from rxguild.jobs.alerts.services import saved_search_create
from rxguild.jobs.alerts.tasks import send_job_alerts_task
from rxguild.jobs.models import SavedSearch, SentAlert
from rxguild.jobs.search import get_backend
from rxguild.tracker.models import InformationalInterview
from rxguild.tracker.services.applications import tracked_application_add_external
from rxguild.tracker.tasks import send_follow_up_reminders_task

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)  # a Thursday


def postings(employer, *titles, **fields):
    made = [PostingFactory(employer=employer, title=title, **fields) for title in titles]
    get_backend().refresh([p.pk for p in made])  # what the posting services do on publish
    return made


def search_for(member, q="sterile", frequency="daily"):
    return saved_search_create(
        member=member, name=f"{q} jobs", query_string=f"?q={q}&page=3", frequency=frequency
    )


def test_daily_digest_sends_new_matches_once(member, employer):
    search_for(member)
    postings(employer, "Sterile Compounding Technician", "IV Room Sterile Tech", "Retail Cashier")
    result = job_alerts_send(today=TODAY)
    assert (result.searches_sent, result.postings_sent) == (1, 2)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "2 new jobs for “sterile jobs”"
    assert "Sterile Compounding Technician" in message.body
    assert "Retail Cashier" not in message.body
    token = unsubscribe_token(SavedSearch.objects.get())
    assert f"/jobs/alerts/unsubscribe/{token}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Run again the same day, and by cron through the command: nothing more.
    assert job_alerts_send(today=TODAY).postings_sent == 0
    call_command("send_job_alerts", "--skip-reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert SentAlert.objects.count() == 2


def test_next_day_sends_only_jobs_not_sent_before(member, employer):
    search_for(member)
    first = postings(employer, "Sterile Compounding Technician")
    job_alerts_send(today=TODAY)
    postings(employer, "Sterile Products Lead")
    result = job_alerts_send(today=TODAY + timedelta(days=1))
    assert (result.searches_sent, result.postings_sent) == (1, 1)
    assert "Sterile Products Lead" in mail.outbox[1].body
    assert first[0].title not in mail.outbox[1].body
    assert SentAlert.objects.count() == 2


def test_weekly_digest_waits_for_the_next_iso_week(member, employer):
    search_for(member, frequency="weekly")
    postings(employer, "Sterile Compounding Technician")
    assert job_alerts_send(today=TODAY).postings_sent == 1
    postings(employer, "Sterile Tech II")
    assert job_alerts_send(today=date(2026, 11, 29)).postings_sent == 0  # Sunday, same week
    assert job_alerts_send(today=date(2026, 11, 30)).postings_sent == 1  # Monday
    assert len(mail.outbox) == 2


def test_no_matches_sends_no_email_but_marks_the_period(member, employer):
    search = search_for(member)
    postings(employer, "Retail Cashier")
    assert job_alerts_send(today=TODAY).searches_sent == 0
    search.refresh_from_db()
    assert (search.last_period, len(mail.outbox)) == ("2026-11-26", 0)


def test_old_postings_are_not_news(member, employer):
    search_for(member, frequency="weekly")
    postings(employer, "Sterile Tech", date_posted=timezone.now() - timedelta(days=10))
    assert job_alerts_send(today=TODAY).postings_sent == 0


def test_paused_search_sends_nothing(member, employer):
    search = search_for(member)
    search.is_active = False
    search.save()
    postings(employer, "Sterile Compounding Technician")
    assert job_alerts_send(today=TODAY).postings_sent == 0
    assert len(mail.outbox) == 0


def test_task_runs_the_same_idempotent_send(member, employer):
    search_for(member)
    postings(employer, "Sterile Compounding Technician")
    assert send_job_alerts_task.enqueue().return_value == 1
    assert send_job_alerts_task.enqueue().return_value == 0
    assert len(mail.outbox) == 1


def test_unsubscribe_in_one_click_without_logging_in(client, member):
    search = search_for(member)
    response = client.get(reverse("jobs:alert_unsubscribe", args=[unsubscribe_token(search)]))
    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    search.refresh_from_db()
    assert search.is_active is False
    # The undo button turns it back on.
    client.post(
        reverse("jobs:alert_unsubscribe", args=[unsubscribe_token(search)]),
        {"action": "resubscribe"},
    )
    search.refresh_from_db()
    assert search.is_active is True


def test_rfc8058_one_click_post_unsubscribes(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # a mail client has no session or CSRF token
    search = search_for(member)
    response = client.post(
        reverse("jobs:alert_unsubscribe", args=[unsubscribe_token(search)]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    search.refresh_from_db()
    assert search.is_active is False


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda token: token[:-2] + "xx", id="tampered-signature"),
        pytest.param(lambda token: "garbage", id="garbage"),
    ],
)
def test_bad_unsubscribe_token_changes_nothing(client, member, mangle):
    search = search_for(member)
    response = client.get(
        reverse("jobs:alert_unsubscribe", args=[mangle(unsubscribe_token(search))])
    )
    assert response.status_code == 404
    search.refresh_from_db()
    assert search.is_active is True


def test_token_of_another_salt_is_refused(client, member):
    from django.core import signing

    search = search_for(member)
    forged = signing.Signer(salt="something-else").sign_object([search.pk, member.pk])
    assert client.get(reverse("jobs:alert_unsubscribe", args=[forged])).status_code == 404
    search.refresh_from_db()
    assert search.is_active is True


def test_saved_search_page_saves_the_query_string(member, member_client):
    page = member_client.get(reverse("jobs:saved_searches") + "?q=q%3Dcpht%26zip%3D78701")
    assert 'value="q=cpht&amp;zip=78701"' in page.content.decode()
    response = member_client.post(
        reverse("jobs:saved_searches"),
        {"name": "", "query_string": "q=cpht&zip=78701&page=2", "frequency": "daily"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert (search.name, search.query_string, search.frequency) == (
        "“cpht” jobs within 25 mi of 78701",
        "q=cpht&zip=78701",
        "daily",
    )


def test_bad_frequency_saves_nothing(member_client):
    response = member_client.post(
        reverse("jobs:saved_searches"), {"query_string": "q=x", "frequency": "hourly"}
    )
    assert response.status_code == 400
    assert SavedSearch.objects.count() == 0


def test_another_members_saved_search_is_404(member, other_client):
    search = search_for(member)
    for action in ("delete", "pause", ""):
        response = other_client.post(
            reverse("jobs:saved_search_update", args=[search.pk]), {"action": action}
        )
        assert response.status_code == 404
    search.refresh_from_db()
    assert search.is_active is True


def test_follow_up_reminders_are_sent_once_per_date(member, other_member):
    today = timezone.localdate()
    due = tracked_application_add_external(
        member=member, title="Clinic tech", external_url="https://example.com/a"
    )
    later = tracked_application_add_external(
        member=member, title="Later tech", external_url="https://example.com/b"
    )
    theirs = tracked_application_add_external(
        member=other_member, title="Their tech", external_url="https://example.com/c"
    )
    for application, day in ((due, today), (later, today + timedelta(days=3)), (theirs, today)):
        application.follow_up_on = day
        application.save()
    assert send_follow_up_reminders_task.enqueue().return_value == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
    mine = next(m for m in mail.outbox if m.to == [member.email])
    assert "Clinic tech" in mine.body
    assert "Later tech" not in mine.body
    assert send_follow_up_reminders_task.enqueue().return_value == 0
    assert len(mail.outbox) == 2


def test_changing_the_follow_up_date_earns_a_new_reminder(member, member_client):
    application = tracked_application_add_external(
        member=member, title="Clinic tech", external_url="https://example.com/a"
    )
    today = timezone.localdate()
    member_client.post(
        reverse("tracker:detail", args=[application.pk]),
        {"notes": "", "follow_up_on": today.isoformat()},
    )
    call_command("send_job_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    member_client.post(
        reverse("tracker:detail", args=[application.pk]),
        {"notes": "", "follow_up_on": (today - timedelta(days=1)).isoformat()},
    )
    call_command("send_job_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_job_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


# --- Informational interviews --------------------------------------------------------------


def test_log_an_informational_interview(member, member_client):
    response = member_client.post(
        reverse("tracker:interviews"),
        {
            "person_name": "Jordan Kim",
            "person_role": "Nuclear pharmacy technician",
            "organization": "Gulf Coast Radiopharmacy",
            "held_on": "2026-11-20",
            "learned": "Shifts start at 2 a.m.; NRC training on the job.",
            "next_step": "Shadow a shift",
            "next_step_on": "2026-12-05",
        },
    )
    assert response.status_code == 302
    interview = InformationalInterview.objects.get()
    assert (interview.member, interview.person_name, str(interview.next_step_on)) == (
        member,
        "Jordan Kim",
        "2026-12-05",
    )
    assert "Shadow a shift" in member_client.get(reverse("tracker:interviews")).content.decode()


def test_interview_next_step_before_it_happened_saves_nothing(member_client):
    response = member_client.post(
        reverse("tracker:interviews"),
        {"person_name": "Jordan", "held_on": "2026-11-20", "next_step_on": "2026-11-01"},
    )
    assert response.status_code == 400
    assert "be before the interview" in response.content.decode()
    assert InformationalInterview.objects.count() == 0


def test_another_members_interview_is_private(member, member_client, other_client):
    member_client.post(
        reverse("tracker:interviews"), {"person_name": "Jordan Kim", "held_on": "2026-11-20"}
    )
    interview = InformationalInterview.objects.get()
    assert "Jordan Kim" not in other_client.get(reverse("tracker:interviews")).content.decode()
    response = other_client.post(reverse("tracker:interview_delete", args=[interview.pk]))
    assert response.status_code == 404
    assert InformationalInterview.objects.count() == 1
