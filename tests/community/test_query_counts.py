"""Query-count guards on the community's list pages and API lists: a community of 3 members
(each with a post, a reply, an event, a message, a report...) costs as many queries as one
of 10, so an N+1 on any list fails here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import (
    Event,
    Message,
    ModerationAction,
    Notification,
    NotificationKind,
    Post,
    Reaction,
    Report,
    Rsvp,
)

from .conftest import client_for, connect, join, make_event, make_group, make_member

pytestmark = pytest.mark.django_db

ROWS = pytest.mark.parametrize("rows", [3, 10], ids=["3-rows", "10-rows"])


@dataclass
class Community:
    viewer: User
    moderator: User
    first_member: User
    topic: Post
    event: Event


def _community(rows: int, ana: User, moderator: User) -> Community:
    """`ana` owns a public group and organizes an event; each of `rows` members is connected
    to her, joins the group, posts a topic, replies (with a reaction) to her topic, owns a
    group, organizes an event and RSVPs to hers, messages her and reports a post. The
    moderator has acted on each report; ana has a notification per member, and the first
    member has `rows` posts on their profile and `rows` messages from ana."""
    group = make_group("Sterile techs", ana)
    topic = Post.objects.create(group=group, author=ana, title="Welcome thread", body="Hi all")
    event = make_event(ana, title="Ana's meetup")
    members = []
    for n in range(rows):
        member = make_member(f"Member{n:02d}", state="TX", is_public=True)
        members.append(member)
        connect(member, ana)
        join(group, member)
        own = Post.objects.create(
            group=group, author=member, title=f"Topic number {n}", body="A question"
        )
        reply = Post.objects.create(
            group=group, author=member, parent=topic, kind=Post.Kind.REPLY, body=f"Reply number {n}"
        )
        Reaction.objects.create(post=reply, user=ana, kind=Reaction.Kind.HELPFUL)
        Post.objects.create(author=members[0], title=f"Shared number {n}", body="What I learned")
        make_group(f"Circle number {n}", member)
        make_event(member, title=f"Event number {n}")
        Rsvp.objects.create(event=event, user=member, status=Rsvp.Status.GOING)
        Message.objects.create(sender=member, recipient=ana, body=f"Message number {n}")
        report = Report.objects.create(
            reporter=member, post=own, reason=Report.Reason.SPAM, detail=f"Report number {n}"
        )
        ModerationAction.objects.create(
            moderator=moderator,
            action=ModerationAction.Action.DISMISS,
            report=report,
            member=member,
            post=own,
            note=f"Action number {n}",
        )
        Notification.objects.create(
            recipient=ana, kind=NotificationKind.REPLY, text=f"Notification number {n}", url="/"
        )
        Message.objects.create(
            sender=ana,
            recipient=members[0],
            body=f"Thread number {n}",
            created_at=timezone.now() + timedelta(seconds=n),
        )
    return Community(
        viewer=ana, moderator=moderator, first_member=members[0], topic=topic, event=event
    )


def case(
    url: str, marker: str, queries: int, *, per_row: int = 1, plus: int = 0, moderator: bool = False
) -> Any:
    """`marker` shows `per_row` times per member, and `plus` more, so the rows are there."""
    return pytest.param(url, marker, per_row, plus, queries, moderator, id=url)


@ROWS
@pytest.mark.parametrize(
    ("url", "marker", "per_row", "plus", "queries", "as_moderator"),
    [
        case("/community/", "Shared number ", 16),
        case("/community/search/?q=number", "Topic number ", 12),
        case("/community/directory/", "Member0", 20),
        case("/community/connections/", "Member0", 8, per_row=2),
        case("/community/members/member00/", "Shared number ", 22),
        # +1 since cards say where the viewer stands (their memberships, one query); the
        # name is on each card twice (its heading and its action button's accessible name).
        case("/community/groups/", "Circle number ", 10, per_row=2),
        case("/community/groups/sterile-techs/", "Topic number ", 14),
        case("/community/posts/{topic}/", "Reply number ", 14),
        case("/community/events/", "Event number ", 10),
        case("/community/events/{event}/", "Member0", 11),
        # The first member's conversation ends with ana's message, not theirs.
        # +2 since the inbox lists message requests (the block list and one query).
        case("/community/messages/", "Message number ", 11, plus=-1),
        case("/community/messages/member00/", "Thread number ", 22),
        case("/community/notifications/", "Notification number ", 9),
        # Was 2 queries per report (the post's author and profile) before they were selected.
        case("/community/moderation/", "Report number ", 10, moderator=True),
        case("/community/moderation/log/", "Action number ", 10, moderator=True),
        case("/api/v1/community/feed", "Shared number ", 12),
        case("/api/v1/community/search?q=number", "Topic number ", 10),
        case("/api/v1/community/directory", "member0", 17),
        case("/api/v1/community/connections", "member0", 8),
        case("/api/v1/community/groups", "Circle number ", 9),
        case("/api/v1/community/groups/sterile-techs/posts", "Topic number ", 12),
        # Was a query per reply (its group) before the group was selected.
        case("/api/v1/community/posts/{topic}/replies", "Reply number ", 13, per_row=2),
        # Was 3 queries per event (access looked up again for each) before one RSVP query.
        case("/api/v1/community/events", "Event number ", 10),
        case("/api/v1/community/messages/member00", "Thread number ", 20),
    ],
)
def test_community_lists_cost_the_same_for_any_number_of_members(
    ana: User,
    moderator: User,
    django_assert_num_queries: Any,
    rows: int,
    url: str,
    marker: str,
    per_row: int,
    plus: int,
    queries: int,
    as_moderator: bool,
) -> None:
    community = _community(rows, ana, moderator)
    client: Client = client_for(community.moderator if as_moderator else community.viewer)
    url = url.format(topic=community.topic.pk, event=community.event.pk)
    client.get(url)  # the first request records the user session
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(marker) == per_row * rows + plus


@pytest.mark.parametrize(
    ("url", "payload", "other_field", "queries"),
    [
        ("/api/v1/community/connections", {"handle": "ben"}, "to_handle", 30),
        (
            "/api/v1/community/message-requests",
            {"handle": "ben", "body": "Hello again"},
            "other_handle",
            34,
        ),
    ],
    ids=["connection", "message-request"],
)
def test_a_request_sent_again_after_a_withdrawal_names_both_members_at_no_extra_cost(
    ana: User,
    ben: User,
    django_assert_num_queries: Any,
    url: str,
    payload: dict[str, str],
    other_field: str,
    queries: int,
) -> None:
    """The service reuses the withdrawn row; the answer's handles come from the members at
    hand, not from two more reads of each member and profile."""
    client = client_for(ana)
    first = client.post(url, payload, content_type="application/json").json()
    assert client.post(f"{url}/{first['id']}/withdraw").status_code == 204
    with django_assert_num_queries(queries):
        again = client.post(url, payload, content_type="application/json")
    assert again.status_code == 201
    assert again.json()["id"] == first["id"]
    assert again.json()[other_field] == "ben"
