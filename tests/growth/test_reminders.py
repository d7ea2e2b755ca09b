"""Goal reminders: 7 days and 1 day before, once each, idempotent, re-armed by a new date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from rxguild.growth.reminders import goal_reminders_send, threshold_for
from rxguild.growth.services import goal_complete, goal_create, goal_update

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("days", "threshold"),
    [(-1, None), (0, 1), (1, 1), (2, 7), (7, 7), (8, None)],
)
def test_threshold_table(days, threshold):
    assert threshold_for(days) == threshold


def _goal(member, days: int, title: str = "Pass the CSPT"):
    goal = goal_create(member=member, title=title, target_date=TODAY + timedelta(days=days))
    return goal


def test_seven_then_one_day_reminders_sent_once_each(
    member, frameworks, django_capture_on_commit_callbacks
):
    goal = _goal(member, 7)
    with django_capture_on_commit_callbacks(execute=True):
        assert goal_reminders_send(today=TODAY) == 1
        assert goal_reminders_send(today=TODAY) == 0
        assert goal_reminders_send(today=TODAY + timedelta(days=3)) == 0
        assert goal_reminders_send(today=TODAY + timedelta(days=6)) == 1
        assert goal_reminders_send(today=TODAY + timedelta(days=7)) == 0
    assert [m.subject for m in mail.outbox] == ["[RxGuild] Goal reminder: 1 goal coming up"] * 2
    assert "Pass the CSPT: target Dec 10, 2026 (in 7 days), 0 % done." in mail.outbox[0].body
    assert "(tomorrow)" in mail.outbox[1].body
    assert f"/growth/goals/{goal.pk}/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["maria@example.org"]


def test_one_email_per_member_and_none_for_completed_or_far(
    member, other_member, frameworks, django_capture_on_commit_callbacks
):
    _goal(member, 2, "A")
    _goal(member, 5, "B")
    goal_complete(goal=_goal(member, 3, "Done one"))
    _goal(member, 30, "Far")
    _goal(other_member, 1, "Theirs")
    with django_capture_on_commit_callbacks(execute=True):
        assert goal_reminders_send(today=TODAY) == 3
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("maria@example.org", "[RxGuild] Goal reminder: 2 goals coming up"),
        ("someone.else@example.org", "[RxGuild] Goal reminder: 1 goal coming up"),
    ]
    assert "Done one" not in mail.outbox[0].body + mail.outbox[1].body


def test_new_target_date_rearms(member, frameworks):
    goal = _goal(member, 5)
    assert goal_reminders_send(today=TODAY) == 1
    goal_update(
        goal=goal, title=goal.title, target_date=TODAY + timedelta(days=6), note="", progress=10
    )
    assert goal_reminders_send(today=TODAY) == 1


def test_command_and_bad_date(member, frameworks, capsys):
    _goal(member, 1)
    call_command("send_goal_reminders", today=TODAY.isoformat())
    assert capsys.readouterr().out == "Reminded members about 1 goal.\n"
    call_command("send_goal_reminders", today=TODAY.isoformat())
    assert capsys.readouterr().out == "Reminded members about 0 goals.\n"
    with pytest.raises(CommandError, match=r"--today must be a date like 2026-12-03\."):
        call_command("send_goal_reminders", today="soon")


def test_task_runs_the_same_function(member, frameworks):
    from rxguild.growth.tasks import send_goal_reminders_task

    goal_create(
        member=member, title="Tomorrow", target_date=timezone.localdate() + timedelta(days=1)
    )
    result = send_goal_reminders_task.enqueue()
    assert result.return_value == 1
