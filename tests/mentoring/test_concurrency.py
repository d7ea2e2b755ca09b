"""Ten mentees race for a mentor's last seat: each request is accepted at once in its own
thread and connection, and exactly one mentorship starts (SQLite here; the same test runs on
PostgreSQL with DATABASE_URL set)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.mentoring.factories import mentee, mentor, mentorship
from tests.mentoring.racing import race

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

    def accept(request_id: int):
        def attempt(ready):
            actor = User.objects.get(pk=rosa.pk)
            request = MentorshipRequest.objects.get(pk=request_id)
            ready()
            mentorship_request_accept(request=request, actor=actor)

        return attempt

    refused, errors = race([accept(r.pk) for r in requests])
    assert errors == []
    assert Mentorship.objects.filter(mentor=rosa, status="active").count() == 2
    assert MentorshipRequest.objects.filter(status="accepted").count() == 1
    assert MentorshipRequest.objects.filter(status="pending").count() == 9
    assert (
        refused
        == ["All 2 of your seats are taken: close a mentorship or raise your capacity first."] * 9
    )
