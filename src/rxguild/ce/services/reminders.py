"""Reminder e-mails at 90, 30 and 7 days before a renewal deadline and before a CPE Monitor
claim window closes. Idempotent: each (member, subject, deadline, threshold) is sent once, so
cron may run the command as often as it likes, and a missed day is caught up on the next run
(the tightest threshold crossed is the one sent).

Built for a batch: members are processed in chunks with a fixed number of queries per chunk
(credentials, records, users, reminders already sent), never per member or per requirement.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.urls import reverse

from rxguild.ce.compliance import CeRecordInput, cycle_for, evaluate, rule_set_for
from rxguild.ce.models import CPE_MONITOR_CLAIM_DAYS, CeRecord, ReminderSent
from rxguild.ce.selectors import (
    HELD_FIELDS,
    CredentialStatus,
    HeldCredential,
    expiry_worked_out,
    member_facts,
    rule_sets,
    statuses_evaluate,
)
from rxguild.core.human_dates import human_date
from rxguild.profiles.models import CredentialHeld

DEADLINE_THRESHOLDS = (90, 30, 7)
CPE_MONITOR_THRESHOLD = 7
# A deadline can fall up to a month before expiry ("1st day of the expiration month").
EXPIRY_LOOKAHEAD_DAYS = max(DEADLINE_THRESHOLDS) + 31


@dataclass
class ReminderRun:
    members_checked: int = 0
    emails_sent: int = 0
    reminders: int = 0
    member_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class DueItem:
    kind: str
    subject_key: str
    deadline: date
    threshold: int
    line: str


def _threshold(days_left: int, thresholds: Sequence[int]) -> int | None:
    crossed = [t for t in thresholds if days_left <= t]
    return min(crossed) if days_left >= 0 and crossed else None


def _deadline_items(status: CredentialStatus, today: date) -> list[DueItem]:
    deadline = status.result.deadline if status.result else status.expires_on
    if deadline is None:
        return []
    days_left = (deadline - today).days
    threshold = _threshold(days_left, DEADLINE_THRESHOLDS)
    if threshold is None:
        return []
    line = f"{status.credential_name}: renewal deadline {human_date(deadline)} ({days_left} days)."
    if status.expiry_from_rule and status.expires_on is not None:
        line += (
            f" We worked out the expiry ({human_date(status.expires_on)}) from the board's "
            "renewal rule; add your own expiry date to your profile if it differs."
        )
    missing = status.missing
    if status.result and status.result.met:
        line += " Your CE looks complete for this cycle."
    elif missing:
        line += " Still missing: " + "; ".join(missing) + "."
    if status.result and status.window_open:
        line += " The renewal window is open now."
    return [DueItem("deadline", status.credential_code, deadline, threshold, line)]


def _records_load(member_ids: list[int], records_by_member: dict[int, list[CeRecordInput]]) -> None:
    # The batch reads records with one plain SQL query per chunk: the ORM's per-row converters
    # (Decimal, JSON, date) were the largest cost of a 600,000-row run. Values are converted
    # once per distinct value instead (a handful of hours, tag sets and dates per chunk).
    # SQLite hands back text/floats, PostgreSQL native types; both are accepted.
    hours_cache: dict[object, Decimal] = {}
    tags_cache: dict[object, frozenset[str]] = {}
    date_cache: dict[object, date] = {}
    # Only the table name (ours) and "%s" placeholders are formatted in; values are bound.
    sql = (  # noqa: S608
        "SELECT id, member_id, title, completed_on, hours, audience, topic_code, format, "
        "kind, tags, uan FROM {table} WHERE member_id IN ({marks})"
    ).format(table=CeRecord._meta.db_table, marks=", ".join(["%s"] * len(member_ids)))
    with db_connection.cursor() as cursor:
        cursor.execute(sql, member_ids)
        rows = cursor.fetchall()
    for row in rows:
        rid, mid, title, completed_raw, hours_raw, audience, topic, fmt, kind, tags_raw, uan = row
        hours = hours_cache.get(hours_raw)
        if hours is None:
            hours = hours_cache[hours_raw] = Decimal(str(hours_raw))
        tags_key = tags_raw if isinstance(tags_raw, str) else json.dumps(tags_raw)
        tags = tags_cache.get(tags_key)
        if tags is None:
            parsed = json.loads(tags_raw) if isinstance(tags_raw, str) else tags_raw
            tags = tags_cache[tags_key] = frozenset(parsed or ())
        completed_on = date_cache.get(completed_raw)
        if completed_on is None:
            completed_on = date_cache[completed_raw] = (
                completed_raw
                if isinstance(completed_raw, date)
                else date.fromisoformat(str(completed_raw))
            )
        records_by_member[mid].append(
            CeRecordInput(
                str(rid),
                title,
                completed_on,
                hours,
                audience or None,
                topic or None,
                fmt or None,
                kind,
                tags,
                uan or None,
            )
        )


@lru_cache(maxsize=4096)
def _deadline_for(code: str, expires_on: date, issued_on: date | None, today: date) -> date:
    """The renewal deadline by the engine's own rule (evaluated with no records, which only
    computes dates); cached because thousands of members share a handful of expiry dates."""
    rule_set = rule_set_for(rule_sets(), code, today)
    if rule_set is None:
        return expires_on
    cycle = cycle_for(rule_set, expires_on=expires_on, issued_on=issued_on)
    return evaluate(rule_set, (), cycle).deadline


def _expires_on(held: HeldCredential, today: date) -> date | None:
    """The entered expiry date, or the one the board's rule gives (None if neither)."""
    if held.expires_on is not None:
        return held.expires_on
    rule_set = rule_set_for(rule_sets(), held.code, today)
    if rule_set is None:
        return None
    expected = expiry_worked_out(rule_set, held, today=today)
    return expected if isinstance(expected, date) else None


def _deadline(held: HeldCredential, today: date) -> date | None:
    expires_on = _expires_on(held, today)
    if expires_on is None:
        return None
    return _deadline_for(held.code, expires_on, held.issued_on, today)


def _codes_with_expiry_rule(today: date) -> list[str]:
    """Credentials whose expiry the board's rule can give when the member entered none."""
    return sorted(
        rs.credential_code
        for rs in rule_sets().values()
        if rs.effective_on(today) and rs.expiry is not None and rs.expiry.rule != "unspecified"
    )


def _site_url(path: str) -> str:
    return getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def reminders_send_due(
    *, today: date, batch_size: int = 500, only_member_ids: Sequence[int] | None = None
) -> ReminderRun:
    run = ReminderRun()
    horizon = today + timedelta(days=EXPIRY_LOOKAHEAD_DAYS)
    held_qs = CredentialHeld.objects.filter(
        expires_on__gte=today, expires_on__lte=horizon
    ).select_related("credential")
    # CPE Monitor: records whose 60-day claim window closes within the threshold.
    claim_from = today - timedelta(days=CPE_MONITOR_CLAIM_DAYS)
    claim_to = claim_from + timedelta(days=CPE_MONITOR_THRESHOLD)
    pending_qs = CeRecord.objects.filter(
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
        completed_on__gte=claim_from,
        completed_on__lte=claim_to,
    )
    # No expiry entered: the board's rule may still give one (fixed dates, birth month...).
    # Those rows are worked out here, in Python; only credentials with such a rule are read.
    unentered_qs = CredentialHeld.objects.filter(
        expires_on__isnull=True, credential__code__in=_codes_with_expiry_rule(today)
    )
    if only_member_ids is not None:
        held_qs = held_qs.filter(profile__user_id__in=only_member_ids)
        pending_qs = pending_qs.filter(member_id__in=only_member_ids)
        unentered_qs = unentered_qs.filter(profile__user_id__in=only_member_ids)
    worked_out = {
        row[0]
        for row in unentered_qs.values_list("profile__user_id", *HELD_FIELDS)
        if (expires := _expires_on(HeldCredential(*row[1:]), today)) is not None
        and today <= expires <= horizon
    }
    member_ids = sorted(
        set(held_qs.values_list("profile__user_id", flat=True))
        | set(pending_qs.values_list("member_id", flat=True))
        | worked_out
    )
    connection = get_connection()
    User = get_user_model()
    for start in range(0, len(member_ids), batch_size):
        chunk = member_ids[start : start + batch_size]
        _send_chunk(
            chunk,
            today=today,
            connection=connection,
            run=run,
            user_model=User,
            claim_from=claim_from,
            claim_to=claim_to,
            dashboard_url=_site_url(reverse("ce:dashboard")),
        )
    return run


def _send_chunk(
    chunk: list[int],
    *,
    today: date,
    connection: Any,
    run: ReminderRun,
    user_model: Any,
    claim_from: date,
    claim_to: date,
    dashboard_url: str,
) -> None:
    already = set(
        ReminderSent.objects.filter(member_id__in=chunk, deadline__gte=today).values_list(
            "member_id", "kind", "subject_key", "deadline", "threshold_days"
        )
    )
    # Dates first: only credentials with a due, unsent reminder are evaluated, and only their
    # members' records are read. A daily run touches few members; a re-run touches none.
    due_held: dict[int, list[HeldCredential]] = defaultdict(list)
    # Every credential of the chunk's members: the ones not due still tell the engine which
    # national certifications a member holds (Utah, Iowa...).
    all_held: dict[int, list[HeldCredential]] = defaultdict(list)
    for row in (
        CredentialHeld.objects.filter(profile__user_id__in=chunk)
        .order_by("credential__name", "id")
        .values_list("profile__user_id", *HELD_FIELDS)
    ):
        held = HeldCredential(*row[1:])
        all_held[row[0]].append(held)
        deadline = _deadline(held, today)
        if deadline is None:
            continue
        threshold = _threshold((deadline - today).days, DEADLINE_THRESHOLDS)
        if threshold is None:
            continue
        if (row[0], "deadline", held.code, deadline, threshold) in already:
            continue
        due_held[row[0]].append(held)
    records_by_member: dict[int, list[CeRecordInput]] = defaultdict(list)
    pending_by_member: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
    for rid, mid, title, completed_on in CeRecord.objects.filter(
        member_id__in=chunk,
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
        completed_on__gte=claim_from,
        completed_on__lte=claim_to,
    ).values_list("id", "member_id", "title", "completed_on"):
        pending_by_member[mid].append((rid, title, completed_on))
    if due_held:
        _records_load(sorted(due_held), records_by_member)
    emails = dict(
        user_model.objects.filter(id__in=chunk, is_active=True).values_list("id", "email")
    )
    due_by_member: dict[int, list[DueItem]] = {}
    for member_id in chunk:
        if member_id not in emails:
            continue
        run.members_checked += 1
        if member_id not in due_held and member_id not in pending_by_member:
            continue
        items: list[DueItem] = []
        member_held = due_held.get(member_id, [])
        if member_held:
            statuses = statuses_evaluate(
                member_held,
                records_by_member.get(member_id, []),
                today=today,
                member=member_facts(all_held[member_id], today=today),
            )
            for status in statuses:
                items.extend(_deadline_items(status, today))
        for rid, title, completed_on in pending_by_member.get(member_id, []):
            closes = completed_on + timedelta(days=CPE_MONITOR_CLAIM_DAYS)
            items.append(
                DueItem(
                    "cpe_monitor",
                    f"record:{rid}",
                    closes,
                    CPE_MONITOR_THRESHOLD,
                    f"“{title}” ({human_date(completed_on)}): its CPE Monitor claim window "
                    f"closes on {human_date(closes)}. If it is not in your NABP e-Profile "
                    "yet, contact the provider.",
                )
            )
        due = [
            item
            for item in items
            if (member_id, item.kind, item.subject_key, item.deadline, item.threshold)
            not in already
        ]
        if due:
            due_by_member[member_id] = due
    if not due_by_member:
        return
    claimed = _claim(due_by_member)
    messages: list[EmailMessage] = []
    for member_id, due in due_by_member.items():
        due = [
            item
            for item in due
            if (member_id, item.kind, item.subject_key, item.deadline, item.threshold) in claimed
        ]
        if not due:
            continue  # another run claimed these first and sends them
        body = "\n\n".join(
            ["Hello,", "RxGuild reminders about your CE:"]
            + [f"- {item.line}" for item in due]
            + [
                f"Your CE dashboard: {dashboard_url}",
                "You get these because you keep your CE transcript and credentials on RxGuild.",
            ]
        )
        messages.append(
            EmailMessage(
                subject=f"[RxGuild] CE reminder: {len(due)} deadline(s) coming up",
                body=body,
                to=[emails[member_id]],
                connection=connection,
            )
        )
        run.member_ids.append(member_id)
        run.reminders += len(due)
    if messages:
        run.emails_sent += connection.send_messages(messages) or 0


def _claim(due_by_member: dict[int, list[DueItem]]) -> set[tuple[int, str, str, date, int]]:
    """Record the reminders about to be sent and return the ones this run recorded.

    Two runs started together (cron overlapping a manual run, two workers) both see the
    reminders as unsent; the unique constraint lets only one row in per reminder, and each
    run sends only the rows carrying its own token. Recording before sending means a crash
    after the commit skips a reminder rather than repeating it on every run.
    """
    token = uuid.uuid4().hex
    rows = [
        ReminderSent(
            member_id=member_id,
            kind=item.kind,
            subject_key=item.subject_key,
            deadline=item.deadline,
            threshold_days=item.threshold,
            run_token=token,
        )
        for member_id, due in due_by_member.items()
        for item in due
    ]
    with transaction.atomic():
        ReminderSent.objects.bulk_create(rows, ignore_conflicts=True)
    return set(
        ReminderSent.objects.filter(run_token=token, member_id__in=list(due_by_member)).values_list(
            "member_id", "kind", "subject_key", "deadline", "threshold_days"
        )
    )
