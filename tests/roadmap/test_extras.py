"""Around a plan: courses per step, jobs that open up, mentors; the dashboard's next steps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rxguild.catalog.models import Credential
from rxguild.ce.models import CeProvider, Course
from rxguild.jobs.models import PostingCredential
from rxguild.mentoring.models import MentorOffer
from rxguild.profiles.models import Audience, CredentialHeld, Profile
from rxguild.roadmap.services import target_add

from .conftest import PostingFactory, UserFactory

pytestmark = pytest.mark.django_db


def _mentor_holding(code: str, audience: str) -> None:
    user = UserFactory()
    profile = Profile.objects.create(user=user, credentials_audience=audience)
    CredentialHeld.objects.create(profile=profile, credential=Credential.objects.get(code=code))
    MentorOffer.objects.create(user=user)


def test_target_page_links_courses_jobs_and_mentors(member, member_client):
    provider = CeProvider.objects.create(name="ASHP", acpe_number="0204")
    Course.objects.create(
        provider=provider, title="Aseptic technique refresher", hours=Decimal(2), topic_code="07",
        audience="T",
    )  # fmt: skip
    Course.objects.create(provider=provider, title="Law update", hours=Decimal(1), topic_code="03")
    member.profile.work_history.all().delete()  # so the plan includes the program step
    cspt_job = PostingFactory(title="CSPT wanted")
    PostingCredential.objects.create(
        posting=cspt_job, credential=Credential.objects.get(code="ptcb-cspt"), required=True
    )
    _mentor_holding("ptcb-cspt", Audience.MEMBERS)
    _mentor_holding("ptcb-cspt", Audience.PRIVATE)  # does not show the credential: not counted
    target = target_add(member=member, code="ptcb-cspt")
    body = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    assert "Courses in the catalog that fit: Aseptic technique refresher (ASHP, 2 h)" in body
    assert "Law update" not in body
    assert "/ce/courses/?topic=07" in body
    assert "1 open job on this board requires it" in body
    # Only the mentor who shows the credential to members is named.
    assert body.count("Holds CSPT · mentors") == 1
    assert "Ask to mentor me" in body


def test_dashboard_shows_the_next_roadmap_step(member, member_client):
    target_add(member=member, code="ptcb-cspt")
    body = member_client.get(reverse("core:dashboard")).content.decode()
    assert "A qualified supervisor completes the CSPT Competency Attestation Form: due" in body
    assert reverse("roadmap:target", args=[member.roadmap_targets.get().pk]) in body
