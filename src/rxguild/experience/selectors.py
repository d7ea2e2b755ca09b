"""Reads of the experience ledger. Objects reach callers only through experience.access."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rxguild.accounts.viewer import Viewer
from rxguild.experience.access import (
    entries_visible_to_owner,
    verified_entries_for_profile_view,
)
from rxguild.experience.competency import Attempt, Rule, Standing, competency_standings
from rxguild.experience.hours import HoursProgress, LoggedDay, hours_progress
from rxguild.experience.models import (
    CompetencyRecord,
    ExperienceEntry,
    ExperienceVerification,
    HourLogLine,
    HourSignOff,
    VerificationStatus,
)
from rxguild.experience.months import (
    ExperienceSummary,
    Span,
    Tally,
    experience_summarize,
    months_display,
)
from rxguild.experience.reference import competencies, duty_names, full_time_hours_per_week
from rxguild.experience.services.verification import VERIFICATION_LINKS
from rxguild.profiles.selectors import ProfileView


def entries_for_owner(viewer: Viewer) -> QuerySet[ExperienceEntry]:
    """The viewer's entries, newest first. Three queries: entries with their setting, their
    duties, their verification requests."""
    return (
        entries_visible_to_owner(viewer)
        .select_related("setting")
        .prefetch_related("duties", "verifications")
    )


def verified_entries_for_profile(view: ProfileView) -> QuerySet[ExperienceEntry]:
    """What the profile viewer may see of the member's verified entries (three queries)."""
    return (
        verified_entries_for_profile_view(view)
        .select_related("setting")
        .prefetch_related("duties", "verifications")
    )


@dataclass(frozen=True)
class EntryRow:
    """An entry with where its verification stands, for pages (all from prefetched rows)."""

    entry: ExperienceEntry
    verified: ExperienceVerification | None  # the newest confirmation of the current facts
    latest: ExperienceVerification | None  # the newest request not withdrawn or superseded
    link_expired: bool

    @property
    def verified_line(self) -> str:
        v = self.verified
        if v is None or v.verified_on is None:
            return ""
        return (
            f"Verified by {v.verifier_name}, {v.verifier_role}, {v.verifier_site} on "
            f"{v.verified_on.strftime('%B %-d, %Y')}"
        )


def entry_rows(entries: Iterable[ExperienceEntry]) -> list[EntryRow]:
    now = timezone.now()
    rows = []
    for entry in entries:
        requests = sorted(entry.verifications.all(), key=lambda v: (v.requested_at, v.pk))
        confirmed = [v for v in requests if v.status == VerificationStatus.CONFIRMED]
        live = [
            v
            for v in requests
            if v.status not in (VerificationStatus.WITHDRAWN, VerificationStatus.SUPERSEDED)
        ]
        latest = live[-1] if live else None
        rows.append(
            EntryRow(
                entry=entry,
                verified=confirmed[-1] if confirmed else None,
                latest=latest,
                link_expired=bool(
                    latest
                    and latest.status == VerificationStatus.PENDING
                    and latest.requested_at + VERIFICATION_LINKS.max_age < now
                ),
            )
        )
    return rows


def entry_span(entry: ExperienceEntry) -> Span:
    return Span(
        key=str(entry.pk),
        setting=entry.setting.code,
        started_on=entry.started_on,
        ended_on=entry.ended_on,
        hours_per_week=None if entry.hours_per_week is None else Fraction(entry.hours_per_week),
        logged_hours=None if entry.logged_hours is None else Fraction(entry.logged_hours),
        duty_percent={duty.duty: duty.percent for duty in entry.duties.all()},
    )


@dataclass(frozen=True)
class SummaryRow:
    code: str
    name: str
    calendar_months: str
    fte_months: str
    hours: int


@dataclass(frozen=True)
class LedgerSummary:
    total: SummaryRow
    settings: list[SummaryRow]
    duties: list[SummaryRow]
    notes: tuple[str, ...]
    full_time_hours_per_week: Fraction
    full_time_source: str


def _row(code: str, name: str, tally: Tally) -> SummaryRow:
    return SummaryRow(
        code=code,
        name=name,
        calendar_months=months_display(tally.calendar_months),
        fte_months=months_display(tally.fte_months),
        hours=int(tally.hours),  # whole hours, rounded down like the months
    )


def ledger_summary(entries: Iterable[ExperienceEntry]) -> LedgerSummary:
    """Months by setting and duty for already-fetched entries (no query of its own).

    Setting names come from the entries' own select_related setting rows.
    """
    entry_list = list(entries)
    full_time = full_time_hours_per_week()
    setting_names = {entry.setting.code: entry.setting.name for entry in entry_list}
    summary: ExperienceSummary = experience_summarize(
        (entry_span(entry) for entry in entry_list),
        as_of=timezone.localdate(),
        full_time_hours_per_week=full_time.value,
        labels=setting_names,
    )
    names = duty_names()
    return LedgerSummary(
        total=_row("total", "All experience", summary.total),
        settings=[
            _row(code, setting_names[code], tally) for code, tally in summary.by_setting.items()
        ],
        duties=[
            _row(code, names.get(code, code), tally) for code, tally in summary.by_duty.items()
        ],
        notes=summary.notes,
        full_time_hours_per_week=full_time.value,
        full_time_source=full_time.source,
    )


@dataclass(frozen=True)
class VerifiedExperience:
    rows: list[EntryRow]
    summary: LedgerSummary


def verified_experience_for_profile(view: ProfileView) -> VerifiedExperience:
    """Verified entries and months for a profile page; empty when the viewer may not see them."""
    entries = list(verified_entries_for_profile(view))
    rows = [row for row in entry_rows(entries) if row.verified]
    return VerifiedExperience(rows=rows, summary=ledger_summary([row.entry for row in rows]))


@dataclass(frozen=True)
class HourLogPage:
    entry: ExperienceEntry
    lines: list[HourLogLine]
    signoffs: list[HourSignOff]
    progress: HoursProgress


def hour_log_for_entry(entry: ExperienceEntry) -> HourLogPage:
    """An entry's log and sign-offs, already fetched through access (two queries)."""
    lines = list(entry.log_lines.select_related("signoff").order_by("-worked_on", "-id"))
    signoffs = list(entry.signoffs.all())
    days = [
        LoggedDay(
            worked_on=line.worked_on,
            hours=line.hours,
            state=line.signoff.status
            if line.signoff is not None and line.signoff.status in ("pending", "signed")
            else "open",
        )
        for line in lines
    ]
    return HourLogPage(
        entry=entry,
        lines=lines,
        signoffs=signoffs,
        progress=hours_progress(days, required=entry.required_hours),
    )


def competency_records_for_owner(viewer: Viewer) -> QuerySet[CompetencyRecord]:
    if not viewer.is_authenticated:
        return CompetencyRecord.objects.none()
    return CompetencyRecord.objects.filter(member=viewer)


def competency_standings_for_member(member: Any, *, as_of: date | None = None) -> list[Standing]:
    """Where each recorded competency stands (one query), with its due date and reason."""
    rules = {
        c.code: Rule(
            name=c.name, interval_months=c.interval_months, initial_passes=c.initial_passes
        )
        for c in competencies()
    }
    attempts = [
        Attempt(
            code=r.competency, performed_on=r.performed_on, passed=r.passed, category=r.category
        )
        for r in CompetencyRecord.objects.filter(member=member)
    ]
    return competency_standings(attempts, rules, as_of=as_of or timezone.localdate())


@dataclass(frozen=True)
class VerifiedJob:
    """A verified entry as other apps' engines take work history (the roadmap's `Job`)."""

    title: str
    employer: str
    start: date
    end: date | None
    setting: str
    summary: str


def verified_jobs_for_member(member: Any) -> list[VerifiedJob]:
    """The member's verified entries (three queries), for eligibility checks that count work
    history: the summary names the verifier and the duties, so keyword rules can match them."""
    entries = (
        ExperienceEntry.objects.filter(
            member=member, verifications__status=VerificationStatus.CONFIRMED
        )
        .distinct()
        .select_related("setting")
        .prefetch_related("duties", "verifications")
        .order_by("started_on", "id")
    )
    names = duty_names()
    jobs = []
    for row in entry_rows(entries):
        entry = row.entry
        duties = ", ".join(f"{names.get(d.duty, d.duty)} {d.percent} %" for d in entry.duties.all())
        jobs.append(
            VerifiedJob(
                title=entry.role,
                employer=f"{entry.site_name} (verified)",
                start=entry.started_on,
                end=entry.ended_on,
                setting=entry.setting.code,
                summary=" · ".join(part for part in (row.verified_line, duties) if part),
            )
        )
    return jobs


@dataclass(frozen=True)
class VerifiedResumeEntry:
    """A verified ledger entry as the resume builder lists experience, with its mark."""

    title: str
    employer: str
    location: str
    start: date
    end: date | None
    verified_line: str  # "Verified by <name>, <role>, <site> on <date>"


def verified_experience_for_resume(member: Any) -> list[VerifiedResumeEntry]:
    """The member's verified entries, newest first (two queries), for their own resume."""
    entries = (
        ExperienceEntry.objects.filter(
            member=member, verifications__status=VerificationStatus.CONFIRMED
        )
        .distinct()
        .prefetch_related("verifications")
        .order_by("-started_on", "-id")
    )
    return [
        VerifiedResumeEntry(
            title=row.entry.role,
            employer=row.entry.site_name,
            location=", ".join(p for p in (row.entry.site_city, row.entry.site_state) if p),
            start=row.entry.started_on,
            end=row.entry.ended_on,
            verified_line=row.verified_line,
        )
        for row in entry_rows(entries)
        if row.verified_line
    ]
