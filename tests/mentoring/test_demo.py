"""The mentoring demo seed: mentors across states, the demo member's mentorship, requests
and recommendations; idempotent."""

from __future__ import annotations

import pytest
from tests.mentoring.factories import client_for, member

from rxguild.core.demo import DemoContext
from rxguild.mentoring import demo
from rxguild.mentoring.models import (
    Agreement,
    Circle,
    MenteeWants,
    MentorOffer,
    Mentorship,
    MentorshipRequest,
    ProgramParticipant,
)
from rxguild.profiles import demo as profiles_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_shows_the_journey(catalog):
    maria = member("Maria")
    context = DemoContext(objects={"member": maria})
    profiles_demo.seed(context)
    demo.seed(context)
    demo.seed(context)
    assert MentorOffer.objects.count() == 11
    assert (
        len({o.user.profile.state for o in MentorOffer.objects.select_related("user__profile")})
        == 8
    )
    assert MenteeWants.objects.count() == 4
    assert Mentorship.objects.filter(mentee=maria, status="active").count() == 1
    assert Agreement.objects.filter(mentorship__mentee=maria, status="accepted").count() == 1
    circle = Circle.objects.get()
    assert (circle.mentor.first_name, list(circle.members.values_list("mentee", flat=True))) == (
        "Dmitri",
        [maria.pk],
    )
    assert MentorshipRequest.objects.filter(mentee=maria, status="pending").count() == 1
    assert MentorshipRequest.objects.filter(mentor=maria, status="pending").count() == 1
    cards = client_for(maria).get("/mentoring/mentors/").context["directory"].cards
    names = [c.offer.user.first_name for c in cards]
    assert names[0] == "Dmitri"  # holds CSPT, sterile compounding and hazardous drugs
    assert "Aiyana" not in names and "Omar" not in names  # already hers, already asked
    assert (
        ProgramParticipant.objects.filter(program__slug="technician-mentoring-spring-2027").count()
        == 7
    )
