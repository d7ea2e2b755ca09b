"""Community emails leave only after the commit: a rolled-back run sends nothing and leaves
every row as it was, so the next run still sends it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from tests.community.conftest import connect, make_event, make_member

from rxguild.community.models import Message, Notification, Rsvp
from rxguild.community.services import events, messages, notifications
from rxguild.community.services.notifications import notify

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def _rolled_back(run) -> None:
    with pytest.raises(Rollback), transaction.atomic():
        run()
        raise Rollback


def test_digest_rolled_back_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    ben = make_member("Ben")
    notify(recipient=ben, kind="reply", text="one")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _rolled_back(notifications.notification_digest_send)
    assert (len(callbacks), len(mailoutbox)) == (0, 0)
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notification_digest_send() == 1
    assert len(mailoutbox) == 1


def test_unread_notice_rolled_back_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    ana, ben = make_member("Ana"), make_member("Ben")
    connect(ana, ben)
    messages.message_send(sender=ana, recipient=ben, body="hello")
    Message.objects.update(created_at=timezone.now() - timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _rolled_back(messages.unread_message_notices_send)
    assert (len(callbacks), len(mailoutbox)) == (0, 0)
    assert Message.objects.filter(notice_sent_at__isnull=True).count() == 1


def test_event_reminder_rolled_back_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    ana, ben = make_member("Ana"), make_member("Ben")
    soon = timezone.now() + timedelta(hours=3)
    event = make_event(ana, starts_at=soon, ends_at=soon + timedelta(hours=1))
    events.rsvp_create(actor=ben, event_id=event.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _rolled_back(events.event_reminders_send)
    assert (len(callbacks), len(mailoutbox)) == (0, 0)
    assert Rsvp.objects.filter(reminded_at__isnull=True).count() == 1
