"""Informational interviews: open a role, ask with an agenda, answer, contact shared only
once accepted, saved to the job tracker in one step; blocks, caps and limits."""

from __future__ import annotations

import pytest
from django.core import mail
from tests.mentoring.factories import client_for, member

from rxguild.community.models import Block
from rxguild.mentoring.models import AGENDA_TEMPLATE, InfoInterviewOffer, InfoInterviewRequest
from rxguild.tracker.models import InformationalInterview

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(db):
    user = member("Hana")
    client_for(user).post(
        "/mentoring/interviews/offer/",
        {
            "is_open": "on",
            "role_summary": "Medication history technician, hospital ED",
            "monthly_cap": "2",
            "contact": "hana.kim@example.org",
        },
    )
    return user


def ask(user, host, **extra):
    data = {"minutes": "15", "agenda": "How did you get into the ED?", "times": "Tue evenings"}
    data.update(extra)
    return client_for(user).post(f"/mentoring/interviews/hosts/{host.pk}/", data)


def test_request_form_starts_from_the_agenda_template(host):
    page = client_for(member("Ivan")).get(f"/mentoring/interviews/hosts/{host.pk}/")
    assert page.context["form"].initial["agenda"] == AGENDA_TEMPLATE


def test_contact_is_shared_only_once_accepted_then_saved_to_tracker(
    host, django_capture_on_commit_callbacks
):
    asker = member("Ivan")
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(asker, host).status_code == 302
    assert mail.outbox[-1].to == ["hana@example.org"]
    request = InfoInterviewRequest.objects.get()
    asker_client = client_for(asker)
    assert "hana.kim@example.org" not in asker_client.get("/mentoring/interviews/").content.decode()

    client_for(host).post(f"/mentoring/interviews/{request.pk}/propose/", {"times": "Thu 3pm"})
    request.refresh_from_db()
    assert (request.status, request.host_times) == ("times_proposed", "Thu 3pm")
    assert "hana.kim@example.org" not in asker_client.get("/mentoring/interviews/").content.decode()

    client_for(host).post(f"/mentoring/interviews/{request.pk}/accept/")
    assert "hana.kim@example.org" in asker_client.get("/mentoring/interviews/").content.decode()

    asker_client.post(
        f"/mentoring/interviews/{request.pk}/log/",
        {"held_on": "2026-12-01", "learned": "ED techs do med histories all shift."},
    )
    interview = InformationalInterview.objects.get(member=asker)
    assert (interview.person_name, interview.person_role, interview.learned) == (
        "Hana",
        "Medication history technician, hospital ED",
        "ED techs do med histories all shift.",
    )
    asker_client.post(f"/mentoring/interviews/{request.pk}/log/", {"held_on": "2026-12-01"})
    assert InformationalInterview.objects.count() == 1  # once only


def test_monthly_cap(host):
    assert ask(member("A1"), host).status_code == 302
    assert ask(member("A2"), host).status_code == 302
    response = ask(member("A3"), host)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This member has had all the chats they offer this month."
    ]
    assert InfoInterviewRequest.objects.count() == 2


@pytest.mark.parametrize("blocker", ["host", "asker"])
def test_blocks_hide_the_host(host, blocker):
    asker = member("Ivan")
    a, b = (host, asker) if blocker == "host" else (asker, host)
    Block.objects.create(blocker=a, blocked=b)
    client = client_for(asker)
    assert host.pk not in [
        h.user_id for h in client.get("/mentoring/interviews/").context["overview"].hosts
    ]
    assert ask(asker, host).status_code == 404
    assert InfoInterviewRequest.objects.count() == 0


def test_others_cannot_answer_or_log(host):
    asker, stranger = member("Ivan"), member("Sal")
    ask(asker, host)
    request = InfoInterviewRequest.objects.get()
    assert (
        client_for(stranger).post(f"/mentoring/interviews/{request.pk}/accept/").status_code == 404
    )
    client_for(asker).post(f"/mentoring/interviews/{request.pk}/accept/")  # the asker can't accept
    request.refresh_from_db()
    assert request.status == "pending"
    client_for(host).post(f"/mentoring/interviews/{request.pk}/accept/")
    client_for(host).post(f"/mentoring/interviews/{request.pk}/log/", {"held_on": "2026-12-01"})
    assert InformationalInterview.objects.count() == 0


def test_new_members_have_a_lower_daily_limit(db):
    from django.utils import timezone

    asker = member("Newt")
    asker.date_joined = timezone.now()  # community trust level NEW: two requests a day
    asker.save(update_fields=["date_joined"])
    statuses = []
    for n in range(3):
        host_user = member(f"H{n}")
        InfoInterviewOffer.objects.create(
            user=host_user, role_summary="Tech", contact="x", monthly_cap=5
        )
        statuses.append(ask(asker, host_user).status_code)
    assert statuses == [302, 302, 200]
    assert InfoInterviewRequest.objects.count() == 2


def test_bad_offer_is_refused(db):
    user = member("Bad")
    response = client_for(user).post(
        "/mentoring/interviews/offer/", {"role_summary": "", "monthly_cap": "50", "contact": ""}
    )
    assert response.status_code == 422
    assert InfoInterviewOffer.objects.count() == 0
