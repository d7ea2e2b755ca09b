"""Reads for the CE app: who may see which transcript, and a member's compliance status.

`compliance_for_member` does exactly two queries (credentials held, then records) and hands
plain data to the pure engine, so the dashboard, the API and the reminder run agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.ce.compliance import (
    CeRecordInput,
    ComplianceResult,
    MemberFacts,
    cycle_for,
    evaluate,
    rule_set_for,
)
from rxguild.ce.cycles import ExpiryInputMissing, next_expiry
from rxguild.ce.models import CeRecord, Course
from rxguild.ce.rules import RuleSet, load_rule_sets
from rxguild.core.human_dates import human_date
from rxguild.profiles.models import CredentialHeld, Profile


@lru_cache(maxsize=1)
def rule_sets() -> dict[str, RuleSet]:
    """The shipped rule sets, read once per process (they change only with a deploy)."""
    return load_rule_sets()


def transcript_for_member(member: Viewer) -> QuerySet[CeRecord]:
    return CeRecord.objects.filter(member_id=member.pk).order_by("-completed_on", "-id")


def ce_record_get_for_viewer(viewer: Viewer, record_id: int) -> CeRecord:
    """A member's own record; anyone else gets 404 (not 403: no hint the id exists)."""
    if not viewer.is_authenticated:
        raise Http404
    try:
        return CeRecord.objects.get(id=record_id, member=viewer)
    except CeRecord.DoesNotExist:
        raise Http404 from None


def record_input(record: CeRecord) -> CeRecordInput:
    return CeRecordInput(
        id=str(record.id),
        title=record.title,
        completed_on=record.completed_on,
        hours=record.hours,
        audience=record.audience or None,
        topic_code=record.topic_code or None,
        format=record.format or None,
        kind=record.kind,
        tags=frozenset(record.tags or ()),
        uan=record.uan or None,
    )


@dataclass(frozen=True)
class HeldCredential:
    """What the engine needs of a profiles.CredentialHeld row (plain data, cheap in batches)."""

    id: int
    code: str
    name: str
    expires_on: date | None
    issued_on: date | None
    number: str = ""
    # The holder's private renewal details (profiles.Profile), the same on every row of a member.
    birth_month: int | None = None
    birth_day: int | None = None
    ce_conditions: tuple[str, ...] | list[str] | None = None


HELD_FIELDS = (
    "id",
    "credential__code",
    "credential__name",
    "expires_on",
    "issued_on",
    "number",
    "profile__birth_month",
    "profile__birth_day",
    "profile__ce_conditions",
)


def member_facts(held: Iterable[HeldCredential], *, today: date) -> MemberFacts:
    """What the engine needs of the member: certifications current today (no expiry date
    entered counts as current: the member says they hold it) and their CE situations."""
    items = list(held)
    return MemberFacts(
        certifications=frozenset(
            item.code for item in items if item.expires_on is None or item.expires_on >= today
        ),
        conditions=frozenset(c for item in items[:1] for c in (item.ce_conditions or ())),
    )


@dataclass(frozen=True)
class CredentialStatus:
    """One credential the member holds, with its evaluation (or why there is none)."""

    held_id: int
    credential_code: str
    credential_name: str
    expires_on: date | None
    rule_set: RuleSet | None
    result: ComplianceResult | None
    problem: str  # plain words when there is no result
    today: date
    # True when the member gave no expiry date and it was worked out from the board's rule
    # (fixed renewal date or anniversary of issue; see rxguild.ce.cycles).
    expiry_from_rule: bool = False
    # What the evaluation knew of the member (certifications, situations), for re-asking it.
    facts: MemberFacts = field(default_factory=MemberFacts)

    @property
    def days_to_deadline(self) -> int | None:
        return (self.result.deadline - self.today).days if self.result else None

    @property
    def window_open(self) -> bool:
        if not self.result or self.result.renewal_window_opens is None:
            return False
        return self.result.renewal_window_opens <= self.today <= self.result.cycle.end

    @property
    def missing(self) -> list[str]:
        """What is still missing, in plain words."""
        if not self.result:
            return []
        lines = []
        deadline = human_date(self.result.deadline)
        for req in self.result.requirements:
            if req.met:
                continue
            if req.unit == "hours":
                lines.append(f"{_num(req.remaining)} h of {req.label} by {deadline}")
            else:
                lines.append(f"{req.label} by {deadline}")
        return lines


def _num(value: Any) -> str:
    return f"{value.normalize():f}"


def expiry_worked_out(
    rule_set: RuleSet, item: HeldCredential, *, today: date
) -> date | ExpiryInputMissing | None:
    """The next expiry by the board's rule from what the member entered (see ``cycles``)."""
    return next_expiry(
        rule_set,
        on=today,
        issued_on=item.issued_on,
        license_number=item.number,
        birth_month=item.birth_month,
        birth_day=item.birth_day,
    )


def statuses_evaluate(
    held: Iterable[HeldCredential],
    records: Sequence[CeRecordInput],
    *,
    today: date,
    member: MemberFacts | None = None,
) -> list[CredentialStatus]:
    """Each held credential's status. ``member`` defaults to what ``held`` itself shows (pass it
    when ``held`` is only some of the member's credentials, as the reminder run does)."""
    held = list(held)
    facts = member if member is not None else member_facts(held, today=today)
    statuses = []
    known = rule_sets()
    for item in held:
        rule_set = rule_set_for(known, item.code, today)
        result = None
        problem = ""
        expires_on = item.expires_on
        from_rule = False
        needed = ""
        if rule_set is not None and expires_on is None:
            expected = expiry_worked_out(rule_set, item, today=today)
            if isinstance(expected, date):
                expires_on, from_rule = expected, True
            elif isinstance(expected, ExpiryInputMissing):
                needed = expected.needed
        if rule_set is None:
            problem = "We have no CE rules for this credential yet."
        elif expires_on is None and needed:
            problem = (
                f"Add the expiry date to your profile, or {needed} so we can work it out from "
                "the board's rule, to see this cycle's status."
            )
        elif expires_on is None:
            problem = "Add the expiry date to your profile to see this cycle's status."
        else:
            cycle = cycle_for(rule_set, expires_on=expires_on, issued_on=item.issued_on)
            # Issued inside what would be a full cycle: this is the first renewal, where
            # boards waive or reduce CE (TX, SC, AL) or ask for a first-renewal hour (FL).
            if item.issued_on is not None and cycle.start == item.issued_on:
                cycle = replace(cycle, first_cycle=True)
            result = evaluate(rule_set, records, cycle, member=facts)
            if from_rule:
                result = replace(
                    result,
                    notes=(
                        *result.notes,
                        "Expiry worked out from the board's renewal rule "
                        f"({human_date(expires_on)}); add your own expiry date to your "
                        "profile if it differs.",
                    ),
                )
        statuses.append(
            CredentialStatus(
                held_id=item.id,
                credential_code=item.code,
                credential_name=item.name,
                expires_on=expires_on,
                rule_set=rule_set,
                result=result,
                problem=problem,
                today=today,
                expiry_from_rule=from_rule,
                facts=facts,
            )
        )
    return statuses


def compliance_for_member(member: Viewer, *, today: date) -> list[CredentialStatus]:
    if not member.is_authenticated:
        return []
    held = [
        HeldCredential(*row)
        for row in CredentialHeld.objects.filter(profile__user=member)
        .order_by("credential__name", "id")
        .values_list(*HELD_FIELDS)
    ]
    if not held:
        return []
    records = [record_input(r) for r in CeRecord.objects.filter(member=member)]
    return statuses_evaluate(held, records, today=today)


def course_counts_toward(
    course: Course, statuses: Sequence[CredentialStatus], records: Sequence[CeRecordInput]
) -> list[str]:
    """Which still-unmet requirements this course would move, asked of the engine itself by
    adding the course as a hypothetical record completed today."""
    labels: list[str] = []
    for status in statuses:
        if not status.result or not status.rule_set or status.result.met:
            continue
        unmet = {r.code: r for r in status.result.requirements if not r.met}
        hypothetical = CeRecordInput(
            id="course",
            title=course.title,
            completed_on=status.today,
            hours=course.hours,
            audience=course.audience or None,
            topic_code=course.topic_code or None,
            format=course.format or None,
            kind="acpe" if course.uan else "non_acpe",
            tags=frozenset(course.tags or ()),
            uan=course.uan or None,
        )
        after = evaluate(
            status.rule_set, [*records, hypothetical], status.result.cycle, member=status.facts
        )
        for requirement in after.requirements:
            before = unmet.get(requirement.code)
            if before is not None and "course" in requirement.counted_records:
                labels.append(f"{status.credential_name}: {requirement.label}")
    return labels


def course_search(*, query: str = "", topic: str = "", audience: str = "") -> QuerySet[Course]:
    courses = Course.objects.select_related("provider").order_by("title", "id")
    if query:
        courses = courses.filter(
            Q(title__icontains=query) | Q(provider__name__icontains=query) | Q(uan__icontains=query)
        )
    if topic:
        courses = courses.filter(topic_code=topic)
    if audience:
        courses = courses.filter(audience=audience)
    return courses


@dataclass(frozen=True)
class TranscriptScope:
    """Which records a proof transcript covers, and what its heading says about them."""

    member_name: str  # the member's name; "" when they have given none (the email heads it)
    records: list[CeRecord]
    credential_name: str = ""  # "" for the whole transcript
    credential_number: str = ""
    cycle_start: date | None = None
    cycle_end: date | None = None

    @property
    def first_completed(self) -> date | None:
        return min((r.completed_on for r in self.records), default=None)

    @property
    def last_completed(self) -> date | None:
        return max((r.completed_on for r in self.records), default=None)


def member_name_for_documents(member: User) -> str:
    """The name a proof document carries: the account's first and last name, else the
    profile's display name; "" when the member has given neither."""
    full_name = member.get_full_name().strip()
    if full_name:
        return full_name
    display = (
        Profile.objects.filter(user_id=member.pk).values_list("display_name", flat=True).first()
    )
    return (display or "").strip()


def transcript_scope_for_member(
    member: User, *, held_id: int | None, today: date
) -> TranscriptScope:
    """The whole transcript, or only the records of one held credential's current cycle.

    A credential that is not the member's own, or has no cycle yet (no expiry date, no rules),
    is a 404: the transcript page offers only credentials with a cycle.
    """
    name = member_name_for_documents(member)
    records = list(transcript_for_member(member))
    if held_id is None:
        return TranscriptScope(member_name=name, records=records)
    status = next(
        (s for s in compliance_for_member(member, today=today) if s.held_id == held_id), None
    )
    if status is None or status.result is None:
        raise Http404
    cycle = status.result.cycle
    number = (
        CredentialHeld.objects.filter(id=held_id, profile__user_id=member.pk)
        .values_list("number", flat=True)
        .first()
    )
    return TranscriptScope(
        member_name=name,
        records=[r for r in records if cycle.start <= r.completed_on <= cycle.end],
        credential_name=status.credential_name,
        credential_number=number or "",
        cycle_start=cycle.start,
        cycle_end=cycle.end,
    )
