"""Deleting a member's account takes what is theirs and leaves what is other members':
B's replies under A's topic, B's RSVPs to A's event, B's messages to A, B's mentorship with
A and its check-ins and B's notes, a staff access log about B. Nothing of A's stays (rows,
words, files); pages and the API name A "a former member" (docs/data-policy.md)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.accounts.factories import UserFactory
from tests.ce.conftest import certificate_pdf

from rxguild.accounts.data_services import account_purge
from rxguild.accounts.member_data import member_rows
from rxguild.accounts.models import User
from rxguild.ce.models import StaffAccessLog
from rxguild.ce.services import ce_record_add
from rxguild.community.models import Event, Group, Membership, Message, Post, Rsvp
from rxguild.mentoring.models import CheckIn, Mentorship, MentorshipNote

pytestmark = pytest.mark.django_db


def _event(organizer: User, title: str) -> Event:
    start = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        organizer=organizer, title=title, starts_at=start, ends_at=start + timedelta(hours=1)
    )


@pytest.fixture
def world() -> dict[str, Any]:
    a, b = UserFactory(first_name="Ana"), UserFactory(first_name="Ben")
    group = Group.objects.create(slug="sterile", name="Sterile compounding")
    for user in (a, b):
        Membership.objects.create(group=group, user=user)
    topic = Post.objects.create(group=group, author=a, title="Ana's question", body="Ana asks")
    w: dict[str, Any] = {"a": a, "b": b, "group": group, "topic": topic}
    w["b_reply"] = Post.objects.create(group=group, author=b, parent=topic, body="Ben answers")
    w["a_own_reply"] = Post.objects.create(group=group, author=a, parent=topic, body="Ana again")
    w["a_lonely"] = Post.objects.create(group=group, author=a, title="Nobody answered", body="x")
    w["b_topic"] = Post.objects.create(group=group, author=b, title="Ben's topic", body="Ben")
    w["a_reply_to_b"] = Post.objects.create(group=group, author=a, parent=w["b_topic"], body="y")
    w["event"] = _event(a, "Ana's meetup")
    w["b_rsvp"] = Rsvp.objects.create(event=w["event"], user=b, status=Rsvp.Status.GOING)
    Rsvp.objects.create(event=w["event"], user=a, status=Rsvp.Status.GOING)
    w["a_empty_event"] = _event(a, "Nobody came")
    w["b_to_a"] = Message.objects.create(sender=b, recipient=a, body="Hi Ana")
    w["a_to_b"] = Message.objects.create(sender=a, recipient=b, body="Hi Ben")
    w["mentorship"] = Mentorship.objects.create(mentor=a, mentee=b)
    w["check_in"] = CheckIn.objects.create(
        mentorship=w["mentorship"], starts_at=timezone.now(), created_by=a
    )
    w["b_note"] = MentorshipNote.objects.create(mentorship=w["mentorship"], author=b, body="mine")
    w["a_note"] = MentorshipNote.objects.create(mentorship=w["mentorship"], author=a, body="hers")
    w["log"] = StaffAccessLog.objects.create(staff=a, member=b, reason="audit")
    w["a_record"] = ce_record_add(
        member=a,
        data={"title": "Ana's course", "completed_on": "2026-10-01", "hours": "1"},
        proof=SimpleUploadedFile("ana.pdf", certificate_pdf(["Certificate", "Ana"])),
    )
    return w


def _exists(row: Any) -> bool:
    return type(row)._base_manager.filter(pk=row.pk).exists()


def test_deleting_a_member_keeps_the_others_data_and_none_of_theirs(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    a, b = world["a"], world["b"]
    proof = Path(settings.MEDIA_ROOT) / world["a_record"].proof_file.name
    assert proof.exists()

    with django_capture_on_commit_callbacks(execute=True):
        account_purge(user=a)

    # B's rows stay, whole.
    for name in ("b_reply", "b_topic", "b_rsvp", "b_to_a", "mentorship", "check_in", "b_note"):
        assert _exists(world[name]), name
    assert Post.objects.get(pk=world["b_reply"].pk).body == "Ben answers"
    # A's own rows go: posts nobody else answered, A's replies, A's messages and notes.
    for name in ("a_own_reply", "a_lonely", "a_reply_to_b", "a_empty_event", "a_to_b", "a_note"):
        assert not _exists(world[name]), name
    assert not proof.exists()
    # What others' rows hang on stays without A and without A's words.
    topic = Post.objects.get(pk=world["topic"].pk)
    assert (topic.author_id, topic.title, topic.body) == (None, "", "")
    assert Event.objects.get(pk=world["event"].pk).organizer_id is None
    assert list(Rsvp.objects.filter(event=world["event"]).values_list("user", flat=True)) == [b.pk]
    assert Message.objects.get(pk=world["b_to_a"].pk).recipient_id is None
    mentorship = Mentorship.objects.get(pk=world["mentorship"].pk)
    assert (mentorship.mentor_id, mentorship.mentee_id) == (None, b.pk)
    assert mentorship.status == Mentorship.Status.WITHDRAWN  # nothing open with nobody in it
    assert mentorship.ended_at is not None
    assert CheckIn.objects.get(pk=world["check_in"].pk).created_by_id is None
    assert StaffAccessLog.objects.get(pk=world["log"].pk).staff_id is None
    # Nothing anywhere still holds A's words.
    assert not Post.objects.filter(body__startswith="Ana").exists()

    # B reads the thread: A is "a former member", B's reply is there; replying still works.
    client = Client()
    client.force_login(b)
    page = client.get(reverse("community:post_detail", args=[topic.pk])).content.decode()
    assert "A former member" in page
    assert "Ben answers" in page
    assert "Ana asks" not in page
    response = client.post(
        reverse("community:post_detail", args=[topic.pk]), {"body": "Still here"}, follow=True
    )
    assert response.status_code == 200
    assert Post.objects.filter(parent=topic, author=b, body="Still here").exists()
    api = client.get(f"/api/v1/community/posts/{topic.pk}").json()
    assert api["author_name"] == "A former member"
    [row] = client.get("/api/v1/mentoring/mentorships").json() or [None]
    assert row is None  # it ended with A's account
    mine = client.get(f"/api/v1/mentoring/mentorships/{mentorship.pk}")
    assert mine.status_code == 200
    assert mine.json()["mentor"]["display_name"] == "A former member"
    assert client.get(reverse("community:inbox")).status_code == 200


def test_the_export_lists_kept_rows_as_kept_and_the_rest_as_deleted(
    world: dict[str, Any],
) -> None:
    rows = member_rows(world["a"])
    deleted = {row.pk for row in rows.deleted.get("community.post", [])}
    kept = {row.pk for row in rows.unlinked.get("community.post", [])}
    assert kept == {world["topic"].pk}
    assert deleted == {world[name].pk for name in ("a_own_reply", "a_lonely", "a_reply_to_b")}
    assert {row.pk for row in rows.unlinked["community.message"]} == {world["b_to_a"].pk}
    assert {row.pk for row in rows.unlinked["community.event"]} == {world["event"].pk}
    assert world["mentorship"].pk in {row.pk for row in rows.unlinked["mentoring.mentorship"]}
    # Nothing is deleted by looking.
    assert Post.objects.get(pk=world["topic"].pk).body == "Ana asks"
