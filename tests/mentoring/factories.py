"""Members, mentors and mentees for the mentoring tests, built through the services so the
tests see what members make."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client
from tests.community.conftest import make_member

from rxguild.accounts.models import User
from rxguild.community.models import Notification
from rxguild.mentoring.models import MenteeWants, MentorOffer, Mentorship
from rxguild.mentoring.services import enrolment
from rxguild.profiles.models import WorkExperience


def member(name: str, *, state: str = "TX", employer: str = "") -> User:
    user = make_member(name, state=state)
    if employer:
        WorkExperience.objects.create(
            profile=user.profile, employer=employer, title="Technician", start_date=date(2020, 1, 1)
        )
    return user


def mentor(name: str, **offer: Any) -> User:
    user = member(name, state=offer.pop("state", "TX"), employer=offer.pop("employer", ""))
    fields: dict[str, Any] = {"topics": ["first-job"], "formats": ["video"], "capacity": 2}
    fields.update(offer)
    enrolment.mentor_offer_save(user=user, **fields)
    return user


def mentee(name: str, **wants: Any) -> User:
    user = member(name, state=wants.pop("state", "TX"), employer=wants.pop("employer", ""))
    fields: dict[str, Any] = {"topics": ["first-job"]}
    fields.update(wants)
    enrolment.mentee_wants_save(user=user, **fields)
    return user


def mentorship(mentor_user: User, mentee_user: User) -> Mentorship:
    return Mentorship.objects.create(mentor=mentor_user, mentee=mentee_user)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def offer_of(user: User) -> MentorOffer:
    return MentorOffer.objects.get(user=user)


def wants_of(user: User) -> MenteeWants:
    return MenteeWants.objects.get(user=user)


def told(user: User) -> list[tuple[str, str, str]]:
    """The in-app notifications the member got, oldest first: (kind, text, url)."""
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("id")
        .values_list("kind", "text", "url")
    )
