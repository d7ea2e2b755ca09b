"""The externship and internship hour log, and the preceptor's sign-off per period.

A sign-off uses the same signed single-use link as verification (core.signed_links, its own
purpose so a verification link never opens a sign-off). The lines of a period sent for sign-off
are frozen until the preceptor answers or the member withdraws the request; a declined period's
lines are released so the member can fix them and send again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from rxguild.core.human_dates import human_date
from rxguild.experience.models import (
    EntryKind,
    ExperienceEntry,
    HourLogLine,
    HourSignOff,
    SignOffStatus,
)
from rxguild.experience.reference import competency_names
from rxguild.experience.services.entries import experience_entry_update
from rxguild.experience.services.links import (
    LinkFlow,
    check_sign_or_decline,
    clean_requested_person,
    email_after_commit,
    lock_waiting,
    site_url,
    withdraw,
)

SIGNOFF_PURPOSE = "experience-hours-signoff"
SIGNOFF_LINKS = LinkFlow(
    purpose=SIGNOFF_PURPOSE, rate_key="experience-signoff", rate_action="sent sign-off requests"
)
# The same ceiling the ledger applies to logged hours (services.entries).
MAX_HOURS_PER_DAY = Decimal(16)
LOGGABLE_KINDS = (EntryKind.EXTERNSHIP, EntryKind.INTERNSHIP)


def _sync_entry_total(entry: ExperienceEntry) -> None:
    """Once hours are logged day by day, the ledger's total comes from the log."""
    total = HourLogLine.objects.filter(entry=entry).aggregate(total=Sum("hours"))["total"]
    if total and Decimal(total).quantize(Decimal("0.1")) != entry.logged_hours:
        experience_entry_update(entry=entry, logged_hours=Decimal(total).quantize(Decimal("0.1")))


def _check_loggable(entry: ExperienceEntry) -> None:
    if entry.kind not in LOGGABLE_KINDS or entry.hours_per_week is not None:
        raise ValidationError(
            "Hour logs are for externships and internships that count logged hours; this entry "
            "counts hours per week."
        )


@transaction.atomic
def hour_log_add(
    *,
    entry: ExperienceEntry,
    worked_on: date | None,
    hours: Any,
    tasks: str = "",
    competencies: Iterable[str] = (),
) -> HourLogLine:
    _check_loggable(entry)
    entry = ExperienceEntry.objects.select_for_update().get(pk=entry.pk)
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if worked_on is None:
        errors["worked_on"] = "Enter the day you worked."
    elif worked_on > today:
        errors["worked_on"] = "You can log only days that have happened."
    elif worked_on < entry.started_on or (entry.ended_on and worked_on > entry.ended_on):
        end = human_date(entry.ended_on) if entry.ended_on else "today"
        errors["worked_on"] = (
            f"The day must fall within the placement ({human_date(entry.started_on)} to {end})."
        )
    try:
        amount = Decimal(str(hours)).quantize(Decimal("0.01"))
        if not amount.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["hours"] = "Enter the hours as a number, for example 7.5."
        amount = Decimal(0)
    if "hours" not in errors and not (0 < amount <= MAX_HOURS_PER_DAY):
        errors["hours"] = f"Hours for one day must be more than 0 and at most {MAX_HOURS_PER_DAY}."
    if "hours" not in errors and worked_on is not None and "worked_on" not in errors:
        day_total = HourLogLine.objects.filter(entry=entry, worked_on=worked_on).aggregate(
            total=Sum("hours")
        )["total"] or Decimal(0)
        if day_total + amount > MAX_HOURS_PER_DAY:
            errors["hours"] = (
                f"That makes {day_total + amount} h on {human_date(worked_on)}: more than "
                f"{MAX_HOURS_PER_DAY} h in one day."
            )
    known = competency_names()
    codes = sorted(set(competencies))
    unknown = [code for code in codes if code not in known]
    if unknown:
        errors["competencies"] = f"Unknown competency: {', '.join(unknown)}."
    if errors:
        raise ValidationError(errors)
    assert worked_on is not None  # checked above; narrows for mypy
    line = HourLogLine.objects.create(
        entry=entry,
        worked_on=worked_on,
        hours=amount,
        tasks=tasks.strip()[:2000],
        competencies=codes,
    )
    _sync_entry_total(entry)
    return line


@transaction.atomic
def hour_log_delete(*, line: HourLogLine) -> None:
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the sign-off.
    line = (
        HourLogLine.objects.select_for_update(of=("self",))
        .select_related("signoff")
        .get(pk=line.pk)
    )
    if line.signoff is not None:
        raise ValidationError(
            "This day is part of a period sent for sign-off: withdraw the request first."
            if line.signoff.status == SignOffStatus.PENDING
            else "This day is signed by your preceptor and can't be changed."
        )
    entry = line.entry
    line.delete()
    _sync_entry_total(entry)


@transaction.atomic
def hour_signoff_request(
    *,
    entry: ExperienceEntry,
    period_start: date | None,
    period_end: date | None,
    preceptor_name: str,
    preceptor_role: str,
    preceptor_email: str,
) -> HourSignOff:
    """Send the period's unsigned lines to the preceptor; they are frozen until answered."""
    _check_loggable(entry)
    errors: dict[str, str] = {}
    if period_start is None or period_end is None:
        errors["period_start"] = "Give the first and last day of the period."
    elif period_end < period_start:
        errors["period_end"] = "The period ends before it starts."
    elif (period_end - period_start).days > 31:
        errors["period_end"] = "Send at most a month at a time, so the preceptor can check it."
    name, role, email = clean_requested_person(
        prefix="preceptor",
        name=preceptor_name,
        role=preceptor_role,
        email=preceptor_email,
        member_email=entry.member.email,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    assert period_start is not None and period_end is not None  # checked above; for mypy
    SIGNOFF_LINKS.check_rate(entry.member_id)
    entry = ExperienceEntry.objects.select_for_update().select_related("member").get(pk=entry.pk)
    lines = list(
        HourLogLine.objects.select_for_update().filter(
            entry=entry, worked_on__range=(period_start, period_end), signoff__isnull=True
        )
    )
    if not lines:
        raise ValidationError(
            {"period_start": "No unsigned hours are logged in that period: log them first."}
        )
    signoff = HourSignOff.objects.create(
        entry=entry,
        period_start=period_start,
        period_end=period_end,
        hours=sum((line.hours for line in lines), Decimal(0)),
        line_count=len(lines),
        preceptor_name=name,
        preceptor_role=role,
        preceptor_email=email,
    )
    HourLogLine.objects.filter(pk__in=[line.pk for line in lines]).update(signoff=signoff)
    token = SIGNOFF_LINKS.attach(signoff)
    member_name = entry.member.get_full_name() or entry.member.email
    url = site_url(reverse("experience:signoff", args=[token]))
    email_after_commit(
        to=email,
        subject=f"{member_name} asks you to sign off {signoff.hours} externship hours",
        body=(
            f"{member_name} logged {signoff.hours} h at {entry.site_name} from "
            f"{period_start} to {period_end} and asks you to sign them off.\n\n"
            f"Sign or decline here (no account needed):\n{url}\n\n"
            f"The link works once, for {SIGNOFF_LINKS.max_age.days} days. If you have an "
            "RxGuild account with this email, it also waits for you under "
            f"{site_url(reverse('experience:evaluations_assigned'))}"
        ),
    )
    return signoff


@transaction.atomic
def hour_signoff_withdraw(*, signoff: HourSignOff) -> None:
    signoff = withdraw(
        signoff,
        waiting=[SignOffStatus.PENDING],
        withdrawn=SignOffStatus.WITHDRAWN,
        refusal="Only a sign-off still waiting for the preceptor can be withdrawn.",
    )
    HourLogLine.objects.filter(signoff=signoff).update(signoff=None)


def signoff_for_token(token: str) -> HourSignOff:
    """The open sign-off behind a link, for showing it; LinkError (with a message) otherwise."""
    return SIGNOFF_LINKS.open(HourSignOff.objects.select_related("entry__member"), token)


@transaction.atomic
def hour_signoff_respond(
    *,
    token: str,
    decision: str,
    preceptor_name: str,
    preceptor_role: str,
    comment: str = "",
) -> HourSignOff:
    """The preceptor signs or declines. Locked and marked used in one transaction; bad input
    leaves the link usable, a bad link changes nothing."""
    signoff = SIGNOFF_LINKS.open(HourSignOff.objects.select_for_update(), token)
    return _answer(signoff, decision, preceptor_name, preceptor_role, comment, answered_by=None)


@transaction.atomic
def hour_signoff_respond_by_account(
    *,
    signoff: HourSignOff,
    preceptor: Any,
    decision: str,
    preceptor_name: str,
    preceptor_role: str,
    comment: str = "",
) -> HourSignOff:
    """The same answer from a signed-in preceptor (access.signoff_get_for_preceptor: their
    verified email); the emailed link is used up with it."""
    signoff = lock_waiting(
        signoff,
        waiting=[SignOffStatus.PENDING],
        refusal="This sign-off is no longer waiting for an answer.",
    )
    return _answer(
        signoff, decision, preceptor_name, preceptor_role, comment, answered_by=preceptor
    )


def _answer(
    signoff: HourSignOff,
    decision: str,
    preceptor_name: str,
    preceptor_role: str,
    comment: str,
    *,
    answered_by: Any,
) -> HourSignOff:
    """Called with `signoff` locked and its link (or account) checked."""
    answer = check_sign_or_decline(
        prefix="preceptor",
        decision=decision,
        name=preceptor_name,
        role=preceptor_role,
        comment=comment,
    )
    signoff.preceptor_name, signoff.preceptor_role = answer.name, answer.role
    signoff.preceptor_comment = answer.comment
    signoff.link_used_at = signoff.responded_at = answer.at
    signoff.answered_by = answered_by
    signoff.status = SignOffStatus.SIGNED if answer.signed else SignOffStatus.DECLINED
    signoff.save()
    if signoff.status == SignOffStatus.DECLINED:
        HourLogLine.objects.filter(signoff=signoff).update(signoff=None)
    entry = ExperienceEntry.objects.select_related("member").get(pk=signoff.entry_id)
    verb = "signed" if signoff.status == SignOffStatus.SIGNED else "declined"
    url = site_url(reverse("experience:hour_log", args=[entry.pk]))
    email_after_commit(
        to=entry.member.email,
        subject=f"{signoff.preceptor_name} {verb} your hours for {signoff.period_start}"
        f" to {signoff.period_end}",
        body=f"{signoff.preceptor_name} ({signoff.preceptor_role}) {verb} "
        f"{signoff.hours} h.\n\nSee your log at {url}",
    )
    return signoff
