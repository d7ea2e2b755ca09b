"""CE's part of the dashboard and calendar: renewal deadlines with how much CE is done,
renewal windows, expiry of credentials CE has no rules for (state registrations among them),
CPE Monitor claim deadlines; and the private calendar feed's secret.

Cost: the two compliance queries (`compliance_for_member`) and one for records still waiting
for CPE Monitor.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.ce.compliance import ComplianceResult, format_hours
from rxguild.ce.models import CPE_MONITOR_CLAIM_DAYS, CalendarFeedToken, CeRecord
from rxguild.ce.selectors import CredentialStatus, compliance_for_member
from rxguild.core.calendar_grid import CalendarItem, Kind
from rxguild.core.home import CalendarFeed, Contribution, HomeSource, dashboard_window
from rxguild.core.shared_reads import shared


def _progress(result: ComplianceResult) -> tuple[float, str]:
    """The largest hours requirement (the cycle's total) when there is one: that is the
    number members track; otherwise how many requirements are met."""
    if result.met:
        return 1.0, "All CE requirements met"
    hours = [r for r in result.requirements if r.unit == "hours" and r.required > 0]
    if hours:
        total = max(hours, key=lambda r: r.required)
        counted = min(total.counted, total.required)
        return (
            float(counted / total.required),
            f"{format_hours(counted)} of {format_hours(total.required)} h",
        )
    met = sum(1 for r in result.requirements if r.met)
    count = len(result.requirements)
    return (met / count if count else 0.0), f"{met} of {count} requirements met"


def _status_items(status: CredentialStatus, url: str) -> list[CalendarItem]:
    result = status.result
    if result is None:
        if status.expires_on is None:
            return []
        return [
            CalendarItem(
                day=status.expires_on,
                title=f"{status.credential_name} expires",
                kind=Kind.EXPIRY,
                url=url,
                detail=status.problem,
                uid=f"expiry-{status.held_id}-{status.expires_on}",
            )
        ]
    # The date is the item's own; the words say only what is missing.
    missing = [
        f"{format_hours(r.remaining)} h of {r.label}" if r.unit == "hours" else r.label
        for r in result.requirements
        if not r.met
    ]
    fraction, label = _progress(result)
    detail = ("Still missing: " + "; ".join(missing) + ".") if missing else "CE requirements met."
    # Never more certain than the data: a worked-out date or unverified rules say so.
    if status.expiry_from_rule:
        detail += " Date worked out from the board's renewal rule: add yours to your profile."
    if status.rule_set is not None and status.rule_set.is_low_confidence:
        detail += " Our rules for this are not confirmed: check with the board."
    items = [
        CalendarItem(
            day=result.deadline,
            title=f"{status.credential_name}: renewal deadline",
            kind=Kind.CE_DEADLINE,
            url=url,
            detail=detail,
            progress=fraction,
            progress_label=label,
            uid=f"deadline-{status.credential_code}-{result.deadline}",
        )
    ]
    if result.renewal_window_opens:
        items.append(
            CalendarItem(
                day=result.renewal_window_opens,
                title=f"{status.credential_name}: renewal window opens",
                kind=Kind.RENEWAL_WINDOW,
                url=url,
                detail=f"You can apply to renew until {result.cycle.end:%b} "
                f"{result.cycle.end.day}, {result.cycle.end.year}.",
                uid=f"window-{status.credential_code}-{result.renewal_window_opens}",
            )
        )
    return items


def compliance_shared(member: User, today: date) -> list[CredentialStatus]:
    """One compliance evaluation for the dashboard's deadlines and its next steps."""
    return shared(
        ("ce-compliance", member.pk, today), lambda: compliance_for_member(member, today=today)
    )


def ce_calendar(member: User, start: date, end: date) -> list[CalendarItem]:
    today = timezone.localdate()
    url = reverse("ce:dashboard")
    items = [
        item for status in compliance_shared(member, today) for item in _status_items(status, url)
    ]
    pending = CeRecord.objects.filter(
        member=member,
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
        completed_on__gte=start - timedelta(days=CPE_MONITOR_CLAIM_DAYS),
        completed_on__lte=end - timedelta(days=CPE_MONITOR_CLAIM_DAYS),
    ).order_by("completed_on", "id")
    transcript = reverse("ce:transcript")
    items += [
        CalendarItem(
            day=record.cpe_monitor_deadline,
            title=f"CPE Monitor claim window closes: {record.title[:60]}",
            kind=Kind.CLAIM_DEADLINE,
            url=transcript,
            detail="If this activity is not in your NABP e-Profile yet, contact the provider.",
            uid=f"cpe-{record.pk}",
        )
        for record in pending
    ]
    return items


def ce_dashboard(member: User, today: date) -> Contribution:
    start, end = dashboard_window(today)
    return Contribution(items=tuple(ce_calendar(member, start, end)))


def ce_feed(member: User) -> CalendarFeed:
    token = CalendarFeedToken.objects.filter(member=member).values_list("token", flat=True).first()
    return CalendarFeed(
        path=reverse("core:calendar_feed", args=[token]) if token else None,
        rotate_url=reverse("ce:calendar"),
    )


def ce_feed_member(token: str) -> User | None:
    feed = CalendarFeedToken.objects.select_related("member").filter(token=token).first()
    if feed is None or not feed.member.is_active:
        return None
    return feed.member


SOURCE = HomeSource(
    name="ce",
    calendar=ce_calendar,
    dashboard=ce_dashboard,
    feed=ce_feed,
    feed_member=ce_feed_member,
    order=10,
)
