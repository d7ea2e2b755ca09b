"""Reminders: 90/30/7 days before deadlines and before CPE Monitor windows close; idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from rxguild.ce.models import CeRecord, ReminderSent
from rxguild.ce.services import reminders_send_due
from rxguild.ce.tasks import ce_send_reminders_task

from .conftest import TODAY, add_record, hold, make_member

pytestmark = pytest.mark.django_db


def _cpht_deadline_in(member, days: int) -> None:
    # PTCB's deadline is the 1st of the expiry month: expire on the 15th of that month.
    deadline = TODAY + timedelta(days=days)
    assert deadline.day == 1, "pick days so the deadline is a 1st"
    hold(member, "ptcb-cpht", "CPhT", expires_on=deadline.replace(day=15))


def test_command_is_idempotent(member) -> None:
    _cpht_deadline_in(member, 5)  # 2026-12-01
    out = StringIO()
    call_command("ce_send_reminders", "--today", TODAY.isoformat(), stdout=out)
    call_command("ce_send_reminders", "--today", TODAY.isoformat(), stdout=out)
    assert len(mail.outbox) == 1
    assert out.getvalue().splitlines() == [
        "Checked 1 member(s); sent 1 e-mail(s) covering 1 reminder(s).",
        "Checked 1 member(s); sent 0 e-mail(s) covering 0 reminder(s).",
    ]
    message = mail.outbox[0]
    assert message.to == ["tech@example.org"]
    assert "CPhT: renewal deadline Dec 1, 2026 (5 days)." in message.body
    assert "Still missing: 20 h of Total CE hours by Dec 1, 2026" in message.body
    assert ReminderSent.objects.get().threshold_days == 7


@pytest.mark.parametrize(
    ("days_before", "threshold"),
    [(100, None), (90, 90), (45, 90), (30, 30), (8, 30), (7, 7), (0, 7), (-1, None)],
)
def test_thresholds(member, days_before, threshold) -> None:
    hold(member, "ptcb-cpht", "CPhT", expires_on=date(2027, 3, 15))  # deadline 2027-03-01
    today = date(2027, 3, 1) - timedelta(days=days_before)
    reminders_send_due(today=today)
    sent = list(ReminderSent.objects.values_list("threshold_days", flat=True))
    assert sent == ([] if threshold is None else [threshold])
    assert len(mail.outbox) == (0 if threshold is None else 1)


def test_each_threshold_once_across_days(member) -> None:
    hold(member, "ptcb-cpht", "CPhT", expires_on=date(2027, 3, 15))
    day = date(2027, 3, 1) - timedelta(days=95)
    while day <= date(2027, 3, 1):
        reminders_send_due(today=day)
        day += timedelta(days=1)
    assert sorted(ReminderSent.objects.values_list("threshold_days", flat=True)) == [7, 30, 90]
    assert len(mail.outbox) == 3


def test_cpe_monitor_window_reminder(member) -> None:
    add_record(
        member,
        title="Recent live course",
        uan="0204-0000-26-001-L05-T",
        completed_on=TODAY - timedelta(days=55),
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
    )
    add_record(member, title="Confirmed", completed_on=TODAY - timedelta(days=55))
    add_record(
        member,
        title="Too early to worry",
        uan="0204-0000-26-002-L05-T",
        completed_on=TODAY - timedelta(days=20),
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
    )
    reminders_send_due(today=TODAY)
    reminders_send_due(today=TODAY)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "“Recent live course”" in body
    assert "closes on Dec 1, 2026" in body
    assert "Too early" not in body
    assert "Confirmed" not in body


def test_one_email_per_member_with_several_items(member, fixed_today) -> None:
    _cpht_deadline_in(member, 5)
    hold(
        member,
        "state-tx-technician",
        "Texas technician",
        state="TX",
        expires_on=TODAY + timedelta(days=29),
    )
    add_record(member, title="Hours", hours=Decimal("20"), completed_on=TODAY - timedelta(days=100))
    other = make_member("quiet@example.org")
    hold(other, "ptcb-cpht", "CPhT", expires_on=date(2028, 6, 15))
    ce_send_reminders_task.enqueue()
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.filter(member=member).count() == 2
    assert "Texas technician: renewal deadline Dec 25, 2026 (29 days)." in mail.outbox[0].body


def test_inactive_members_get_nothing(member) -> None:
    _cpht_deadline_in(member, 5)
    member.is_active = False
    member.save()
    reminders_send_due(today=TODAY)
    assert len(mail.outbox) == 0
    assert ReminderSent.objects.count() == 0


def test_two_runs_racing_send_each_reminder_once(member, monkeypatch) -> None:
    """A second run that recorded the reminder between this run's read and its claim wins;
    this run sends nothing for it (cron overlapping a manual run, or two workers)."""
    from rxguild.ce.services import reminders as reminders_module

    _cpht_deadline_in(member, 5)
    records_load = reminders_module._records_load

    def other_run_claims_first(*args, **kwargs):
        records_load(*args, **kwargs)
        ReminderSent.objects.create(
            member=member,
            kind="deadline",
            subject_key="ptcb-cpht",
            deadline=TODAY + timedelta(days=5),
            threshold_days=7,
            run_token="the-other-run",
        )

    monkeypatch.setattr(reminders_module, "_records_load", other_run_claims_first)
    run = reminders_send_due(today=TODAY)
    assert mail.outbox == []
    assert (run.emails_sent, run.reminders) == (0, 0)
    assert ReminderSent.objects.get().run_token == "the-other-run"


# --- expiry worked out from the board's rule (no expiry date entered) ------------------------


def _hold_unentered(member, code: str, state: str, **fields):
    from rxguild.profiles.models import CredentialHeld, Profile

    from .conftest import credential

    profile, _ = Profile.objects.get_or_create(user=member)
    return CredentialHeld.objects.create(
        profile=profile, credential=credential(code, code, state), state=state, **fields
    )


@pytest.mark.parametrize(
    ("today", "threshold", "days"),
    [
        # North Carolina: 31 December every year (21 NCAC 46 .3301).
        pytest.param(date(2026, 10, 2), 90, 90, id="NC-90-days"),
        pytest.param(date(2026, 12, 1), 30, 30, id="NC-30-days"),
        pytest.param(date(2026, 12, 24), 7, 7, id="NC-7-days"),
        pytest.param(date(2026, 9, 1), None, 121, id="NC-too-early"),
    ],
)
def test_reminder_from_a_worked_out_fixed_expiry(member, today, threshold, days) -> None:
    _hold_unentered(member, "state-nc-technician", "NC")
    reminders_send_due(today=today)
    reminders_send_due(today=today)  # idempotent
    sent = list(ReminderSent.objects.values_list("subject_key", "deadline", "threshold_days"))
    if threshold is None:
        assert (sent, mail.outbox) == ([], [])
        return
    assert sent == [("state-nc-technician", date(2026, 12, 31), threshold)]
    [message] = mail.outbox
    assert (
        f"state-nc-technician: renewal deadline Dec 31, 2026 ({days} days). We worked out "
        "the expiry (Dec 31, 2026) from the board's renewal rule; add your own expiry date to "
        "your profile if it differs."
    ) in message.body


def test_reminder_from_the_birth_month(member) -> None:
    # DC: the last day of the birth month, first term from the first birth month after issue.
    held = _hold_unentered(member, "state-dc-technician", "DC", issued_on=date(2026, 3, 10))
    reminders_send_due(today=date(2026, 12, 1))
    assert mail.outbox == []  # no birth month: nothing to work out, nothing guessed
    held.profile.birth_month = 1
    held.profile.save()
    reminders_send_due(today=date(2026, 12, 1))
    assert list(ReminderSent.objects.values_list("deadline", "threshold_days")) == [
        (date(2027, 1, 31), 90)
    ]


def test_worked_out_reminder_knows_the_members_certification(member) -> None:
    # Iowa requires a current national certification: held (not due) and counted.
    iowa = _hold_unentered(member, "state-ia-technician", "IA", issued_on=date(2025, 3, 1))
    iowa.profile.birth_month = 3
    iowa.profile.save()
    hold(member, "nha-excpt", "ExCPT", expires_on=date(2028, 5, 31))
    reminders_send_due(today=date(2027, 2, 28))
    [message] = mail.outbox
    assert "state-ia-technician: renewal deadline Mar 31, 2027 (31 days)." in message.body
    assert "Your CE looks complete for this cycle." in message.body
