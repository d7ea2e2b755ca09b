from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from tests.community.conftest import client_for, connect, join, make_group, make_member

from rxguild.community.models import Group, Membership, Notification, Post, Reaction
from rxguild.community.services import discussions, groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def tx_group(ana):
    return make_group("Texas Technicians", ana, kind=Group.Kind.STATE, state="TX")


def test_create_group_through_page(ana):
    response = client_for(ana).post(
        reverse("community:group_create"),
        {"name": "IV Room Circle", "kind": "specialty", "visibility": "members", "state": ""},
    )
    group = Group.objects.get()
    assert response.status_code == 302
    assert (group.slug, group.visibility) == ("iv-room-circle", "members")
    assert Membership.objects.get(group=group).role == "owner"


def test_bad_group_input_saves_nothing(ana):
    response = client_for(ana).post(
        reverse("community:group_create"),
        {"name": "", "kind": "specialty", "visibility": "public", "state": "Texas"},
    )
    assert response.status_code == 400
    assert Group.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        groups.group_create(actor=ana, data={"name": "X", "state": "Texas"})
    assert error.value.message_dict == {"state": ["Use a two-letter state code such as TX."]}


def test_join_post_question_answer_accept(ana, ben, tx_group):
    client_for(ben).post(reverse("community:group_membership", args=[tx_group.slug, "join"]))
    assert Membership.objects.filter(group=tx_group, user=ben, status="active").count() == 1
    response = client_for(ben).post(
        reverse("community:group_detail", args=[tx_group.slug]),
        {"kind": "question", "title": "Renewal CE for TX?", "body": "How many hours of law?"},
    )
    question = Post.objects.get(kind="question")
    assert response.status_code == 302
    response = client_for(ana).post(
        reverse("community:post_detail", args=[question.pk]),
        {"body": "One hour of Texas law, @ben."},
    )
    answer = Post.objects.get(parent=question)
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=ben, kind="reply").count() == 1
    assert Notification.objects.filter(recipient=ben, kind="mention").count() == 1
    # Only the asker accepts.
    with pytest.raises(PermissionDenied):
        discussions.answer_accept(actor=ana, reply_id=answer.pk)
    client_for(ben).post(reverse("community:post_action", args=[answer.pk, "accept"]))
    question.refresh_from_db()
    assert question.accepted_answer_id == answer.pk
    page = (
        client_for(ana).get(reverse("community:post_detail", args=[question.pk])).content.decode()
    )
    assert "Accepted answer" in page


def test_replies_are_one_level(ana, tx_group):
    topic = discussions.post_create(actor=ana, group=tx_group, title="T", body="b")
    reply = discussions.reply_create(actor=ana, topic_id=topic.pk, body="r1")
    cache_clear()
    nested = discussions.reply_create(actor=ana, topic_id=reply.pk, body="r2")
    assert nested.parent_id == topic.pk


def cache_clear() -> None:
    from django.core.cache import cache

    cache.clear()  # the seconds-between-posts limit, not under test here


def test_non_member_cannot_post(ben, tx_group):
    with pytest.raises(PermissionDenied):
        discussions.post_create(actor=ben, group=tx_group, title="Hi", body="spam")
    assert Post.objects.count() == 0


def test_pin_by_owner_only(ana, ben, tx_group):
    join(tx_group, ben)
    topic = discussions.post_create(actor=ben, group=tx_group, title="Pin me", body="x")
    with pytest.raises(PermissionDenied):
        discussions.post_pin(actor=ben, post_id=topic.pk, pinned=True)
    discussions.post_pin(actor=ana, post_id=topic.pk, pinned=True)
    topic.refresh_from_db()
    assert topic.is_pinned is True


def test_reactions_toggle(ana, ben, tx_group):
    join(tx_group, ben)
    topic = discussions.post_create(actor=ana, group=tx_group, title="T", body="b")
    assert discussions.reaction_toggle(actor=ben, post_id=topic.pk, kind="helpful") is True
    assert Reaction.objects.count() == 1
    assert discussions.reaction_toggle(actor=ben, post_id=topic.pk, kind="helpful") is False
    assert Reaction.objects.count() == 0
    with pytest.raises(ValidationError):
        discussions.reaction_toggle(actor=ben, post_id=topic.pk, kind="angry")


class TestPrivacy:
    """Private groups never leak: pages, search, feed, notifications, API."""

    @pytest.fixture
    def secret(self, ana):
        group = make_group("Secret Cohort", ana, visibility=Group.Visibility.INVITE)
        discussions.post_create(actor=ana, group=group, title="Confidential plan", body="hush")
        return group

    @pytest.fixture
    def members_only(self, ana):
        cache_clear()
        group = make_group("Members Circle", ana, visibility=Group.Visibility.MEMBERS)
        discussions.post_create(actor=ana, group=group, title="Members talk", body="inside")
        return group

    def test_invite_only_group_is_404_to_outsiders(self, secret, ben, client):
        post = Post.objects.get(group=secret)
        for c in (client_for(ben), client):
            assert c.get(reverse("community:group_detail", args=[secret.slug])).status_code == 404
            assert c.get(reverse("community:post_detail", args=[post.pk])).status_code == 404
        assert (
            "Secret Cohort" not in client_for(ben).get(reverse("community:groups")).content.decode()
        )

    def test_members_only_posts_hidden(self, members_only, ben):
        post = Post.objects.get(group=members_only)
        page = client_for(ben).get(reverse("community:group_detail", args=[members_only.slug]))
        assert page.status_code == 200
        assert "Members talk" not in page.content.decode()
        assert (
            client_for(ben).get(reverse("community:post_detail", args=[post.pk])).status_code == 404
        )

    def test_search_and_feed_do_not_leak(self, secret, members_only, ana, ben):
        connect(ana, ben)  # even a connection's posts in private groups stay private
        search = (
            client_for(ben).get(reverse("community:search"), {"q": "Confidential"}).content.decode()
        )
        assert "Confidential plan" not in search
        assert (
            "Secret Cohort"
            not in client_for(ben)
            .get(reverse("community:search"), {"q": "Secret"})
            .content.decode()
        )
        feed = client_for(ben).get(reverse("community:home")).content.decode()
        assert "Confidential plan" not in feed
        assert "Members talk" not in feed

    def test_mention_of_outsider_sends_no_notification(self, secret, ana, ben):
        cache_clear()
        discussions.post_create(actor=ana, group=secret, title="Ping", body="hello @ben")
        assert Notification.objects.filter(recipient=ben).count() == 0

    def test_api_does_not_leak(self, secret, ben):
        post = Post.objects.get(group=secret)
        c = client_for(ben)
        assert c.get(f"/api/v1/community/groups/{secret.slug}").status_code == 404
        assert c.get(f"/api/v1/community/posts/{post.pk}").status_code == 404
        slugs = [g["slug"] for g in c.get("/api/v1/community/groups").json()]
        assert secret.slug not in slugs
        assert c.get("/api/v1/community/search", {"q": "Confidential"}).json() == []
        assert c.get(f"/api/v1/community/groups/{secret.slug}/posts").status_code == 404
        assert c.get(f"/api/v1/community/posts/{post.pk}/replies").status_code == 404
        assert c.post(f"/api/v1/community/groups/{secret.slug}/join").status_code == 404
        assert Membership.objects.filter(user=ben).count() == 0

    def test_invited_member_can_join(self, secret, ana, ben):
        groups.group_invite(actor=ana, group=secret, invitee=ben)
        assert Notification.objects.filter(recipient=ben, kind="group_invite").count() == 1
        assert (
            client_for(ben).get(reverse("community:group_detail", args=[secret.slug])).status_code
            == 200
        )
        groups.group_join(actor=ben, group=secret)
        assert (
            client_for(ben).get(reverse("community:group_detail", args=[secret.slug])).status_code
            == 200
        )
        assert (
            "Confidential plan"
            in client_for(ben)
            .get(reverse("community:group_detail", args=[secret.slug]))
            .content.decode()
        )


def test_feed_shows_groups_and_connections(ana, ben, cy, tx_group):
    join(tx_group, ben)
    discussions.post_create(actor=ana, group=tx_group, title="Group news", body="x")
    cache_clear()
    connect(ben, cy)
    discussions.post_create(actor=cy, group=None, title="What I learned about USP 797", body="y")
    body = client_for(ben).get(reverse("community:home")).content.decode()
    assert "Group news" in body
    assert "What I learned about USP 797" in body


def test_feed_query_count(ana, ben, tx_group, django_assert_max_num_queries):
    join(tx_group, ben)
    for n in range(12):
        cache_clear()
        discussions.post_create(actor=ana, group=tx_group, title=f"Topic {n}", body="x")
    client = client_for(ben)
    client.get(reverse("community:home"))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("community:home"))
    assert response.content.decode().count('class="topic-row"') == 12


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "javascript-link": "[x](javascript:alert(1))",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "style": "<style>body{display:none}</style>",
    "attribute-injection": '[a](https://x.org "t" onclick="x")',
    "iframe": "<iframe src='https://evil.example'></iframe>",
    "data-url": '<a href="data:text/html,hi">x</a>',
    "autolink-js": "<javascript:alert(1)>",
    "nested": "**<b onmouseover=alert(1)>x</b>** [y](  jAvAsCrIpT:alert(1) )",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_is_neutralised(ana, tx_group, source):
    topic = discussions.post_create(actor=ana, group=tx_group, title="Hostile", body=source)
    html = client_for(ana).get(reverse("community:post_detail", args=[topic.pk])).content.decode()
    body = html.split('class="post-body">', 1)[1].split("</div>", 1)[0]
    parser = _Tags()
    parser.feed(body)
    for tag, attrs in parser.tags:
        assert tag in {"p", "a", "strong", "em", "code", "pre", "b"} - {"b"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert name in {"href", "title", "rel"}, name
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "mailto:")), value


def test_new_members_are_rate_limited(tx_group, settings):
    settings.RXGUILD_COMMUNITY_POST_INTERVAL = True
    from rxguild.core.ratelimit import RateLimited

    newbie = make_member("Newbie", days_old=0)
    join(tx_group, newbie)
    discussions.post_create(actor=newbie, group=tx_group, title="One", body="x")
    with pytest.raises(RateLimited, match="seconds between posts"):
        discussions.post_create(actor=newbie, group=tx_group, title="Two", body="x")
    for n in range(2):
        cache_clear_interval(newbie)
        discussions.post_create(actor=newbie, group=tx_group, title=f"More {n}", body="x")
    cache_clear_interval(newbie)
    with pytest.raises(RateLimited, match="started topics"):
        discussions.post_create(actor=newbie, group=tx_group, title="Fourth", body="x")
    assert Post.objects.filter(author=newbie).count() == 3
    with pytest.raises(ValidationError, match="up to 2 links"):
        discussions.reply_create(
            actor=newbie,
            topic_id=Post.objects.first().pk,
            body="https://a.example https://b.example https://c.example",
        )


def cache_clear_interval(user) -> None:
    from django.core.cache import cache

    cache.delete(f"ratelimit:community:post-interval:{user.pk}")


def test_profile_posts_are_for_signed_in_members(ana, client):
    post = discussions.post_create(actor=ana, group=None, title="My USP 800 notes", body="x")
    assert client.get(reverse("community:post_detail", args=[post.pk])).status_code == 404
    assert client_for(ana).get(reverse("community:post_detail", args=[post.pk])).status_code == 200


def test_author_edits_post_others_cannot(ana, ben, tx_group):
    join(tx_group, ben)
    topic = discussions.post_create(actor=ana, group=tx_group, title="Old", body="old body")
    url = reverse("community:post_edit", args=[topic.pk])
    assert client_for(ben).get(url).status_code == 403
    assert client_for(ben).post(url, {"title": "Hacked", "body": "x"}).status_code == 403
    response = client_for(ana).post(url, {"title": "", "body": "new"})
    assert response.status_code == 400
    topic.refresh_from_db()
    assert (topic.title, topic.body) == ("Old", "old body")
    response = client_for(ana).post(url, {"title": "New title", "body": "new body"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.title, topic.body, topic.edited_at is not None) == ("New title", "new body", True)
