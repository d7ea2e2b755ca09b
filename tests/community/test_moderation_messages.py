from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from tests.community.conftest import client_for, connect, join, make_group, make_member

from rxguild.community.models import (
    Message,
    ModerationAction,
    Notification,
    NotificationSetting,
    Post,
    Report,
    Suspension,
)
from rxguild.community.services import discussions, moderation
from rxguild.community.services import messages as message_services
from rxguild.community.services.notifications import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(ana, ben):
    group = make_group("Texas Technicians", ana)
    join(group, ben)
    return group


class TestModeration:
    def test_report_then_moderator_hides(self, group, ana, ben, cy, moderator):
        spam = discussions.post_create(actor=ben, group=group, title="Cheap meds", body="buy now")
        response = client_for(ana).post(
            reverse("community:post_report", args=[spam.pk]), {"reason": "spam", "detail": "ad"}
        )
        assert response.status_code == 302
        report = Report.objects.get()
        assert (report.post, report.member, report.status) == (spam, ben, "open")
        queue = client_for(moderator).get(reverse("community:moderation"))
        assert "Cheap meds" in queue.content.decode()
        # Reporter and author each with their initials badge, as every community list has.
        assert queue.content.decode().count('<span class="avatar avatar-sm') == 2
        response = client_for(moderator).post(
            reverse("community:moderation_act", args=[report.pk]),
            {f"r{report.pk}-action": "hide", f"r{report.pk}-note": "spam"},
        )
        assert response.status_code == 302
        spam.refresh_from_db()
        report.refresh_from_db()
        assert (spam.status, report.status) == ("hidden", "resolved")
        log = ModerationAction.objects.get()
        assert (log.action, log.moderator, log.post, log.report) == (
            "hide",
            moderator,
            spam,
            report,
        )
        # Hidden from members, still visible to its author and moderators.
        assert (
            client_for(cy).get(reverse("community:post_detail", args=[spam.pk])).status_code == 404
        )
        assert (
            client_for(ben).get(reverse("community:post_detail", args=[spam.pk])).status_code == 200
        )
        assert (
            "Cheap meds"
            not in client_for(cy)
            .get(reverse("community:group_detail", args=[group.slug]))
            .content.decode()
        )
        assert (
            "Hide"
            in client_for(moderator).get(reverse("community:moderation_log")).content.decode()
        )

    def test_members_cannot_see_queue_or_act(self, group, ana, ben, cy):
        post = discussions.post_create(actor=ana, group=group, title="Fine", body="ok")
        report = moderation.report_create(
            reporter=ben, reason="other", detail="hmm", post_id=post.pk
        )
        assert client_for(cy).get(reverse("community:moderation")).status_code == 403
        response = client_for(cy).post(
            reverse("community:moderation_act", args=[report.pk]),
            {f"r{report.pk}-action": "remove"},
        )
        assert response.status_code == 403
        post.refresh_from_db()
        assert post.status == "visible"
        assert ModerationAction.objects.count() == 0

    def test_group_owner_moderates_own_group_only(self, group, ana, ben, cy):
        other_group = make_group("Elsewhere", cy)
        elsewhere = discussions.post_create(actor=cy, group=other_group, title="Hi", body="x")
        mine = discussions.post_create(actor=ben, group=group, title="Mine", body="x")
        moderation.moderation_act(moderator=ana, action="remove", post_id=mine.pk)
        with pytest.raises(PermissionDenied):
            moderation.moderation_act(moderator=ana, action="remove", post_id=elsewhere.pk)
        with pytest.raises(PermissionDenied):  # suspensions are for site moderators
            moderation.moderation_act(
                moderator=ana, action="suspend", member=ben, note="x", suspend_days=1
            )
        assert Post.objects.get(pk=elsewhere.pk).status == "visible"

    def test_report_needs_reason_and_readable_target(self, group, ana, cy):
        post = discussions.post_create(
            actor=ana, group=make_group("Secret", ana, visibility="invite"), title="S", body="x"
        )
        with pytest.raises(ValidationError) as error:
            moderation.report_create(reporter=cy, reason="", post_id=post.pk)
        assert error.value.message_dict == {"reason": ["Choose a reason for the report."]}
        from django.http import Http404

        with pytest.raises(Http404):
            moderation.report_create(reporter=cy, reason="spam", post_id=post.pk)
        assert Report.objects.count() == 0

    def test_suspended_member_cannot_post_or_message(self, group, ana, ben, moderator):
        connect(ana, ben)
        moderation.moderation_act(
            moderator=moderator, action="suspend", member=ben, note="Repeated spam", suspend_days=7
        )
        assert Suspension.objects.filter(member=ben).count() == 1
        with pytest.raises(PermissionDenied, match="suspended"):
            discussions.post_create(actor=ben, group=group, title="Again", body="spam")
        with pytest.raises(PermissionDenied, match="suspended"):
            message_services.message_send(sender=ben, recipient=ana, body="hi")
        response = client_for(ben).post(
            reverse("community:group_detail", args=[group.slug]),
            {"kind": "discussion", "title": "Again", "body": "spam"},
        )
        assert response.status_code == 403
        assert Post.objects.filter(author=ben).count() == 0
        assert Message.objects.count() == 0

    def test_warning_notifies_member(self, ben, moderator):
        moderation.moderation_act(moderator=moderator, action="warn", member=ben, note="Be kind.")
        assert Notification.objects.get(recipient=ben).text == "A moderator's note: Be kind."

    def test_bad_suspension_input(self, ben, moderator):
        with pytest.raises(ValidationError) as error:
            moderation.moderation_act(
                moderator=moderator, action="suspend", member=ben, note="x", suspend_days=0
            )
        assert error.value.message_dict == {"suspend_days": ["Suspend for 1 to 365 days."]}
        assert Suspension.objects.count() == 0
        assert ModerationAction.objects.count() == 0

    def test_flag_daily_cap_for_new_members(self, group, ana):
        newbie = make_member("Newbie", days_old=0)
        join(group, newbie)
        posts = [
            discussions.post_create(actor=ana, group=group, title=f"P{n}", body="x")
            for n in range(6)
        ]
        for post in posts[:5]:
            moderation.report_create(reporter=newbie, reason="spam", post_id=post.pk)
        from rxguild.core.ratelimit import RateLimited

        with pytest.raises(RateLimited):
            moderation.report_create(reporter=newbie, reason="spam", post_id=posts[5].pk)
        assert Report.objects.count() == 5


class TestMessages:
    def test_connections_message_and_read_markers(self, ana, ben):
        connect(ana, ben)
        response = client_for(ana).post(
            reverse("community:conversation", args=["ben"]), {"body": "Hi Ben"}
        )
        assert response.status_code == 302
        message = Message.objects.get()
        assert message.read_at is None
        inbox = client_for(ben).get(reverse("community:inbox")).content.decode()
        assert "1 unread" in inbox
        client_for(ben).get(reverse("community:conversation", args=["ana"]))
        message.refresh_from_db()
        assert message.read_at is not None

    def test_strangers_and_blocked_cannot_message(self, ana, ben, cy):
        with pytest.raises(PermissionDenied):
            message_services.message_send(sender=ana, recipient=cy, body="hello")
        connect(ana, ben)
        client_for(ben).post(reverse("community:member_action", args=["ana", "block"]))
        with pytest.raises(PermissionDenied):
            message_services.message_send(sender=ana, recipient=ben, body="hello")
        assert Message.objects.count() == 0

    def test_messages_never_leak(self, ana, ben, cy):
        connect(ana, ben)
        message_services.message_send(sender=ana, recipient=ben, body="private words")
        message = Message.objects.get()
        assert (
            "private words" not in client_for(cy).get(reverse("community:inbox")).content.decode()
        )
        assert (
            "private words"
            not in client_for(cy)
            .get(reverse("community:conversation", args=["ana"]))
            .content.decode()
        )
        assert (
            client_for(cy).get(reverse("community:message_report", args=[message.pk])).status_code
            == 404
        )
        api = client_for(cy).get("/api/v1/community/messages/ana").json()
        assert api == []
        assert (
            client_for(cy)
            .post("/api/v1/community/messages/ana", {"body": "x"}, content_type="application/json")
            .status_code
            == 403
        )

    def test_report_message(self, ana, ben, moderator):
        connect(ana, ben)
        message = message_services.message_send(sender=ana, recipient=ben, body="rude")
        response = client_for(ben).post(
            reverse("community:message_report", args=[message.pk]), {"reason": "harassment"}
        )
        assert response.status_code == 302
        report = Report.objects.get()
        assert (report.message, report.member) == (message, ana)
        moderation.moderation_act(moderator=moderator, action="hide", report_id=report.pk)
        message.refresh_from_db()
        assert message.status == "hidden"

    def test_empty_message_refused(self, ana, ben):
        connect(ana, ben)
        response = client_for(ana).post(
            reverse("community:conversation", args=["ben"]), {"body": "   "}
        )
        assert response.status_code == 400
        assert Message.objects.count() == 0

    def test_unread_notice_is_batched_and_idempotent(
        self, ana, ben, cy, mailoutbox, django_capture_on_commit_callbacks
    ):
        connect(ana, ben)
        connect(cy, ben)
        for sender in (ana, ana, cy):
            message_services.message_send(sender=sender, recipient=ben, body="hello")
        Message.objects.update(created_at=timezone.now() - timedelta(minutes=30))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("community_message_notices")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("community_message_notices")
        assert len(mailoutbox) == 1
        assert mailoutbox[0].subject == "You have 3 unread messages on RxGuild"
        assert "hello" not in mailoutbox[0].body


class TestNotifications:
    def test_settings_per_kind(self, ana, ben):
        client_for(ben).post(
            reverse("community:notification_settings"),
            {"mention-email": "on", "reply-in_app": "on", "reply-email": "on"},
        )
        assert NotificationSetting.objects.get(user=ben, kind="mention").in_app is False
        assert notify(recipient=ben, kind="connection_request", text="x") is None  # both off
        mention = notify(recipient=ben, kind="mention", text="y")
        assert mention is not None and mention.read_at is not None  # email only
        assert notify(recipient=ben, kind="reply", text="z").read_at is None

    def test_digest_groups_per_member_and_is_idempotent(
        self, ana, ben, mailoutbox, django_capture_on_commit_callbacks
    ):
        notify(recipient=ben, kind="reply", text="one")
        notify(recipient=ben, kind="mention", text="two")
        NotificationSetting.objects.create(user=ana, kind="reply", in_app=True, email=False)
        notify(recipient=ana, kind="reply", text="not by email")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("community_notification_digest")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("community_notification_digest")
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["ben@example.org"]
        assert "one" in mailoutbox[0].body and "two" in mailoutbox[0].body

    def test_list_and_mark_read(self, ben):
        notify(recipient=ben, kind="reply", text="Someone replied")
        page = client_for(ben).get(reverse("community:notifications")).content.decode()
        assert "Someone replied" in page
        client_for(ben).post(reverse("community:notifications_read"))
        assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_staff_and_site_moderators_see_private_activity(ana, moderator):
    secret = make_group("Secret", ana, visibility="invite")
    post = discussions.post_create(actor=ana, group=secret, title="Inside", body="x")
    c = client_for(moderator)
    assert c.get(reverse("community:group_detail", args=[secret.slug])).status_code == 200
    assert c.get(reverse("community:post_detail", args=[post.pk])).status_code == 200
    assert "Secret" in c.get(reverse("community:groups")).content.decode()


def test_suspended_member_cannot_rsvp_or_connect(ana, ben, moderator):
    from tests.community.conftest import make_event

    from rxguild.community.models import Rsvp
    from rxguild.community.services import connections, events

    event = make_event(ana)
    moderation.moderation_act(
        moderator=moderator, action="suspend", member=ben, note="Spam", suspend_days=3
    )
    with pytest.raises(PermissionDenied, match="suspended"):
        events.rsvp_create(actor=ben, event_id=event.pk)
    with pytest.raises(PermissionDenied, match="suspended"):
        connections.connection_request(actor=ben, to_user=ana)
    assert Rsvp.objects.count() == 0
    moderation.moderation_act(moderator=moderator, action="unsuspend", member=ben)
    assert events.rsvp_create(actor=ben, event_id=event.pk).status == "going"
    assert ModerationAction.objects.filter(member=ben).count() == 2
