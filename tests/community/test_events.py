from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from tests.community.conftest import client_for, join, make_event, make_group, make_member

from rxguild.ce.models import CeRecord
from rxguild.community.models import Event, EventInvitation, Group, Notification, Rsvp
from rxguild.community.services import events as services


@pytest.mark.django_db
class TestRsvp:
    def test_capacity_and_waitlist_promotion(self, ana, ben, cy):
        event = make_event(ana, capacity=2)
        dee = make_member("Dee")
        assert services.rsvp_create(actor=ben, event_id=event.pk).status == "going"
        assert services.rsvp_create(actor=cy, event_id=event.pk).status == "going"
        assert services.rsvp_create(actor=dee, event_id=event.pk).status == "waitlisted"
        promoted = services.rsvp_cancel(actor=ben, event_id=event.pk)
        assert promoted is not None and promoted.user == dee
        assert Rsvp.objects.get(event=event, user=dee).status == "going"
        assert Notification.objects.filter(recipient=dee, kind="event_promoted").count() == 1
        assert Rsvp.objects.filter(event=event, status="going").count() == 2

    def test_double_rsvp_refused(self, ana, ben):
        event = make_event(ana)
        services.rsvp_create(actor=ben, event_id=event.pk)
        with pytest.raises(ValidationError, match="already going"):
            services.rsvp_create(actor=ben, event_id=event.pk)
        assert Rsvp.objects.count() == 1

    def test_waitlisted_cancel_promotes_nobody(self, ana, ben, cy):
        event = make_event(ana, capacity=1)
        services.rsvp_create(actor=ben, event_id=event.pk)
        services.rsvp_create(actor=cy, event_id=event.pk)
        assert services.rsvp_cancel(actor=cy, event_id=event.pk) is None
        assert Rsvp.objects.get(user=ben).status == "going"

    def test_online_link_only_for_attendees(self, ana, ben, cy):
        event = make_event(ana)
        services.rsvp_create(actor=ben, event_id=event.pk)
        url = reverse("community:event_detail", args=[event.pk])
        assert "secret-room" in client_for(ben).get(url).content.decode()
        assert "secret-room" not in client_for(cy).get(url).content.decode()
        ics_other = client_for(cy).get(reverse("community:event_ics", args=[event.pk])).content
        assert b"secret-room" not in ics_other
        ics = client_for(ben).get(reverse("community:event_ics", args=[event.pk]))
        assert ics["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(ics.content)
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["SUMMARY"]) == "Sterile compounding update"
        assert "secret-room" in str(vevent["LOCATION"])
        # Time-zone aware: the start is written in the event's zone with a VTIMEZONE.
        assert str(vevent["DTSTART"].dt.tzinfo) == "America/Chicago"
        assert vevent["DTSTART"].dt == event.starts_at.replace(microsecond=0)
        assert len(calendar.walk("VTIMEZONE")) == 1
        api = client_for(cy).get(f"/api/v1/community/events/{event.pk}").json()
        assert api["online_url"] is None

    def test_invite_only_event_never_leaks(self, ana, ben, cy, client):
        secret = make_event(ana, title="Board prep", visibility=Event.Visibility.INVITE)
        EventInvitation.objects.create(event=secret, user=ben)
        for c in (client_for(cy), client):
            assert c.get(reverse("community:event_detail", args=[secret.pk])).status_code == 404
            assert c.get(reverse("community:event_ics", args=[secret.pk])).status_code == 404
        assert "Board prep" not in client_for(cy).get(reverse("community:events")).content.decode()
        assert b"Board prep" not in client.get(reverse("community:events_feed")).content
        assert client_for(cy).get(f"/api/v1/community/events/{secret.pk}").status_code == 404
        titles = [e["title"] for e in client_for(cy).get("/api/v1/community/events").json()]
        assert "Board prep" not in titles
        assert client_for(cy).post(f"/api/v1/community/events/{secret.pk}/rsvp").status_code == 404
        assert Rsvp.objects.count() == 0
        assert (
            client_for(ben).get(reverse("community:event_detail", args=[secret.pk])).status_code
            == 200
        )

    def test_private_group_event_not_in_feeds(self, ana, ben, client):
        group = make_group("Hidden", ana, visibility=Group.Visibility.INVITE)
        make_event(ana, title="Hidden meetup", group=group, visibility=Event.Visibility.PUBLIC)
        assert b"Hidden meetup" not in client.get(reverse("community:events_feed")).content
        assert (
            "Hidden meetup" not in client_for(ben).get(reverse("community:events")).content.decode()
        )

    def test_personal_feed_has_my_events_with_links(self, ana, ben):
        event = make_event(ana)
        services.rsvp_create(actor=ben, event_id=event.pk)
        client_for(ben).get(reverse("community:events"))  # creates the token
        from rxguild.community.models import CalendarToken

        token = CalendarToken.objects.get(user=ben).token
        body = client_for(ana).get(reverse("community:personal_feed", args=[token])).content
        assert b"secret-room" in body
        assert (
            client_for(ana).get(reverse("community:personal_feed", args=["nope"])).status_code
            == 404
        )

    def test_bad_event_input_saves_nothing(self, moderator):
        with pytest.raises(ValidationError) as error:
            services.event_create(
                actor=moderator,
                group=None,
                data={
                    "title": "",
                    "starts_at": "2026-13-01T10:00",
                    "ends_at": "soon",
                    "time_zone": "Mars/Olympus",
                    "format": "online",
                    "online_url": "javascript:alert(1)",
                    "capacity": "-3",
                    "acpe_uan": "not-a-uan",
                },
            )
        assert set(error.value.message_dict) == {
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "online_url",
            "capacity",
            "acpe_uan",
            "ce_hours",
        }
        assert Event.objects.count() == 0

    def test_only_group_moderators_create_group_events(self, ana, ben):
        group = make_group("TX", ana)
        join(group, ben)
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.event_create(actor=ben, group=group, data={})
        response = client_for(ana).post(
            reverse("community:event_create") + f"?group={group.slug}",
            {
                "title": "Chapter meeting",
                "starts_at": "2030-05-01T18:00",
                "ends_at": "2030-05-01T19:30",
                "time_zone": "America/Chicago",
                "format": "in_person",
                "address": "1 Main St, Austin TX",
                "visibility": "members",
                "capacity": "30",
            },
        )
        event = Event.objects.get()
        assert response.status_code == 302
        assert (event.group, event.capacity, event.starts_at.hour) == (group, 30, 23)  # 18:00 CDT

    def test_attendance_confirm_adds_draft_ce(self, ana, ben, cy):
        past = timezone.now() - timedelta(hours=2)
        event = make_event(
            ana,
            starts_at=past,
            ends_at=past + timedelta(hours=1),
            acpe_uan="0669-0000-25-023-L03-T",
            ce_hours=Decimal("1.5"),
            provider_name="Texas Society",
        )
        Rsvp.objects.create(event=event, user=ben, status="going")
        Rsvp.objects.create(event=event, user=cy, status="waitlisted")
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.attendance_confirm(actor=ben, event_id=event.pk, member_ids=[ben.pk])
        count = services.attendance_confirm(
            actor=ana, event_id=event.pk, member_ids=[ben.pk, cy.pk]
        )
        assert count == 1
        record = CeRecord.objects.get(member=ben)
        assert (record.uan, record.hours, record.cpe_monitor_status) == (
            "0669-0000-25-023-L03-T",
            Decimal("1.50"),
            "pending",
        )
        assert CeRecord.objects.filter(member=cy).count() == 0
        # Confirming again adds nothing.
        assert services.attendance_confirm(actor=ana, event_id=event.pk, member_ids=[ben.pk]) == 0
        assert CeRecord.objects.count() == 1

    def test_reminders_are_idempotent(
        self, ana, ben, mailoutbox, django_capture_on_commit_callbacks
    ):
        soon = timezone.now() + timedelta(hours=3)
        event = make_event(ana, starts_at=soon, ends_at=soon + timedelta(hours=1))
        make_event(ana, title="Later")  # 3 days away: not yet
        services.rsvp_create(actor=ben, event_id=event.pk)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("community_event_reminders")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("community_event_reminders")
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == ["ben@example.org"]
        assert Notification.objects.filter(recipient=ben, kind="event_reminder").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_rsvps_never_exceed_capacity():
    """Eight members RSVP at once for four seats, each in its own thread and connection."""
    organizer = make_member("Org")
    event = make_event(organizer, capacity=4)
    members = [make_member(f"Racer{n}") for n in range(8)]
    barrier = threading.Barrier(len(members))
    errors: list[BaseException] = []

    def rsvp(user_id: int) -> None:
        try:
            from rxguild.accounts.models import User

            user = User.objects.get(pk=user_id)
            barrier.wait(timeout=10)
            services.rsvp_create(actor=user, event_id=event.pk)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rsvp, args=(m.pk,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    assert errors == []
    assert Rsvp.objects.filter(event=event, status="going").count() == 4
    assert Rsvp.objects.filter(event=event, status="waitlisted").count() == 4
