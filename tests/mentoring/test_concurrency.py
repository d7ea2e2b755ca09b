"""Ten mentees race for a mentor's last seat: each request is accepted at once in its own
thread and connection, and exactly one mentorship starts (SQLite here; the same test runs on
PostgreSQL with DATABASE_URL set)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone
from tests.mentoring.factories import mentee, mentor, mentorship

from rxguild.accounts.models import User
from rxguild.mentoring.models import Mentorship, MentorshipRequest
from rxguild.mentoring.services.mentorships import mentorship_request_accept


@pytest.mark.django_db(transaction=True)
def test_ten_accepts_at_once_fill_exactly_the_last_seat():
    rosa = mentor("Rosa", capacity=2)
    mentorship(rosa, mentee("Earlier"))  # one seat taken, one left
    requests = [
        MentorshipRequest.objects.create(
            mentee=mentee(f"Racer{n}"),
            mentor=rosa,
            respond_by=timezone.now() + timedelta(days=7),
        )
        for n in range(10)
    ]
    barrier = threading.Barrier(len(requests))
    refused: list[str] = []
    errors: list[BaseException] = []

    def accept(request_id: int) -> None:
        try:
            actor = User.objects.get(pk=rosa.pk)
            request = MentorshipRequest.objects.get(pk=request_id)
            barrier.wait(timeout=10)
            mentorship_request_accept(request=request, actor=actor)
        except ValidationError as error:
            refused.append(error.messages[0])
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(r.pk,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    assert errors == []
    assert Mentorship.objects.filter(mentor=rosa, status="active").count() == 2
    assert MentorshipRequest.objects.filter(status="accepted").count() == 1
    assert MentorshipRequest.objects.filter(status="pending").count() == 9
    assert (
        refused
        == ["All 2 of your seats are taken: close a mentorship or raise your capacity first."] * 9
    )
