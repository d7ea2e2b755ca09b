"""Members who made the step, named on a target's plan and a specialty's pathway: only those
open to mentoring or informational interviews, only credentials they show to members, never
across a block, with a working way to ask them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.catalog.models import Credential, Specialization
from rxguild.community.models import Block
from rxguild.mentoring.models import InfoInterviewOffer, MenteeWants, MentorOffer, MentorshipRequest
from rxguild.profiles.models import Audience, CredentialHeld, Profile
from rxguild.roadmap.services import target_add

from .conftest import UserFactory

pytestmark = pytest.mark.django_db


def _person(name, *, holds=(), audience=Audience.MEMBERS, mentor=True, host=False, paused=False):
    user = UserFactory()
    profile = Profile.objects.create(
        user=user, display_name=name, headline=f"{name} works in an IV room",
        credentials_audience=audience,
    )  # fmt: skip
    for code in holds:
        CredentialHeld.objects.create(profile=profile, credential=Credential.objects.get(code=code))
    if mentor:
        MentorOffer.objects.create(user=user, paused=paused)
    if host:
        InfoInterviewOffer.objects.create(user=user, role_summary="IV lead", contact="x@y.example")
    return user


def _people_section(body: str) -> str:
    return body.split("Members who made this step")[1].split("</section>")[0]


def test_plan_names_holders_open_to_mentoring_or_interviews(member, member_client):
    dana = _person("Dana Lee", holds=["ptcb-cspt"])
    kim = _person("Kim Ortiz", holds=["ptcb-cspt"], mentor=False, host=True)
    _person("Private Pat", holds=["ptcb-cspt"], audience=Audience.PRIVATE)
    _person("Recruiters Only", holds=["ptcb-cspt"], audience=Audience.RECRUITERS)
    _person("Paused Paul", holds=["ptcb-cspt"], paused=True)
    _person("Closed Cam", holds=["ptcb-cspt"], mentor=False)  # open to nothing
    _person("Other Cred", holds=["nha-excpt"])
    target = target_add(member=member, code="ptcb-cspt")
    body = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    section = _people_section(body)
    assert "Dana Lee" in section and "Kim Ortiz" in section
    for hidden in ("Private Pat", "Recruiters Only", "Paused Paul", "Closed Cam", "Other Cred"):
        assert hidden not in section
    assert section.index("Dana Lee") < section.index("Kim Ortiz")
    assert f'action="{reverse("mentoring:request_send", args=[dana.pk])}"' in section
    assert reverse("mentoring:request_send", args=[kim.pk]) not in section
    assert f'href="{reverse("mentoring:interview_request", args=[kim.pk])}"' in section
    assert "Holds CSPT · mentors" in section
    assert "Holds CSPT · open to informational interviews" in section
    assert f'href="{reverse("community:member", args=[dana.profile.handle])}"' in section


def test_blocked_members_are_left_out_either_way(member, member_client):
    blocker = _person("Blocks Me", holds=["ptcb-cspt"])
    blocked = _person("I Blocked", holds=["ptcb-cspt"])
    Block.objects.create(blocker=blocker, blocked=member)
    Block.objects.create(blocker=member, blocked=blocked)
    target = target_add(member=member, code="ptcb-cspt")
    body = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    section = _people_section(body)
    assert "Blocks Me" not in section and "I Blocked" not in section
    assert "No member who made this step is open to mentoring" in section


def test_the_ask_button_sends_a_real_mentoring_request(member, member_client):
    dana = _person("Dana Lee", holds=["ptcb-cspt"])
    MenteeWants.objects.create(user=member)
    target = target_add(member=member, code="ptcb-cspt")
    body = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    note = body.split('name="note" value="')[1].split('"')[0]
    assert note == (
        "I am working toward PTCB Certified Compounded Sterile Preparation Technician (CSPT) "
        "and saw on RxGuild that you made this step."
    )
    response = member_client.post(reverse("mentoring:request_send", args=[dana.pk]), {"note": note})
    assert response.status_code == 302
    request = MentorshipRequest.objects.get()
    assert (request.mentee_id, request.mentor_id, request.note) == (member.pk, dana.pk, note)


def test_pathway_names_specialty_mentors_and_holders(member, member_client):
    specialist = _person("Sam Spec")
    specialist.mentor_offer.specialties.add(Specialization.objects.get(code="sterile-compounding"))
    _person("Holder Hana", holds=["ptcb-cspt"])
    blocked = _person("Blocked Bo")
    blocked.mentor_offer.specialties.add(Specialization.objects.get(code="sterile-compounding"))
    Block.objects.create(blocker=blocked, blocked=member)
    body = member_client.get(
        reverse("roadmap:pathway", args=["sterile-compounding"])
    ).content.decode()
    section = body.split('id="mentor-h"')[1].split("</section>")[0]
    assert "Holder Hana" in section and "Sam Spec" in section
    assert section.index("Holder Hana") < section.index("Sam Spec")
    assert "Mentors in sterile compounding · mentors" in section
    assert "Blocked Bo" not in section
    assert "/mentoring/mentors/?specialty=sterile-compounding" in section
    assert "Sterile compounding: 2 members to ask" in body


def test_the_member_is_never_listed_to_themself(member, member_client):
    MentorOffer.objects.create(user=member)
    target = target_add(member=member, code="ptcb-cpht")
    body = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    assert "Ask to mentor me" not in body
