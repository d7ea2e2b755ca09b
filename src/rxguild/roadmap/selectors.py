"""Reads for the roadmap: a member's facts for the engines, their targets and the gaps.

`member_facts` costs seven queries whatever the member has (credentials held, work history,
education, CE records, steps marked done, profile skills, self-ratings) and
`roadmap_for_member` adds two (targets with their postings, the postings' credentials) plus one
for credential names: the roadmap page's query count does not grow with the number of targets
(a test guards it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from rxguild.catalog.models import Credential
from rxguild.ce.models import CeRecord as CeRecordRow
from rxguild.ce.models import Course
from rxguild.experience.selectors import verified_jobs_for_member
from rxguild.jobs.access import posting_visible_queryset
from rxguild.jobs.models import JobPosting, PostingCredential
from rxguild.profiles.models import CredentialHeld, Education, WorkExperience
from rxguild.roadmap.gap import (
    CeRecord,
    EducationEntry,
    HeldCredential,
    Job,
    MemberFacts,
    PostingFacts,
    TargetGap,
    evaluate_target,
    target_from_posting,
)
from rxguild.roadmap.mentors import StepPeople, people_for_target
from rxguild.roadmap.models import PlanDate, StepDone, Target
from rxguild.roadmap.plan import Comparison, Plan, build_plan, compare
from rxguild.roadmap.requirements import RequirementsData, shipped_requirements
from rxguild.roadmap.requirements import Target as TargetSpec
from rxguild.roadmap.skill_facts import latest_ratings, profile_skills
from rxguild.tracker.models import TrackedApplication


def requirements_data() -> RequirementsData:
    return shipped_requirements()


def credential_names() -> dict[str, str]:
    """Short names by catalog code ("CSPT", else the full name), for reasons and labels."""
    return {
        code: abbreviation or name
        for code, abbreviation, name in Credential.objects.values_list(
            "code", "abbreviation", "name"
        )
    }


def member_facts(member: Any, *, today: dt.date) -> MemberFacts:
    credentials = tuple(
        HeldCredential(code=code, name=abbreviation or name, expires_on=expires_on)
        for code, abbreviation, name, expires_on in CredentialHeld.objects.filter(
            profile__user=member
        )
        .order_by("credential__code", "id")
        .values_list(
            "credential__code", "credential__abbreviation", "credential__name", "expires_on"
        )
    )
    jobs = tuple(
        Job(
            title=title,
            employer=employer,
            start=start,
            end=end,
            setting=setting or "",
            summary=summary,
        )
        for title, employer, start, end, setting, summary in WorkExperience.objects.filter(
            profile__user=member
        )
        .order_by("start_date", "id")
        .values_list(
            "title", "employer", "start_date", "end_date", "practice_setting__code", "summary"
        )
    )
    # Verified experience (the experience app) counts too; overlaps with the profile's work
    # history are counted once by the gap engine.
    jobs += tuple(
        Job(
            title=j.title,
            employer=j.employer,
            start=j.start,
            end=j.end,
            setting=j.setting,
            summary=j.summary,
        )
        for j in verified_jobs_for_member(member)
    )
    education = tuple(
        EducationEntry(program=program, institution=institution, kind=kind)
        for program, institution, kind in Education.objects.filter(profile__user=member)
        .order_by("id")
        .values_list("program", "institution", "kind")
    )
    # Duplicates (same UAN and date as another record) are shown on the transcript but would
    # count the same hours twice here.
    records = tuple(
        CeRecord(
            title=title,
            completed_on=completed_on,
            hours=hours,
            topic_code=topic_code or "",
            tags=frozenset(tags or ()),
        )
        for title, completed_on, hours, topic_code, tags in CeRecordRow.objects.filter(
            member=member, is_duplicate=False
        )
        .order_by("completed_on", "id")
        .values_list("title", "completed_on", "hours", "topic_code", "tags")
    )
    done = dict(StepDone.objects.filter(member=member).values_list("requirement_code", "done_on"))
    return MemberFacts(
        today=today,
        credentials=credentials,
        jobs=jobs,
        ce_records=records,
        education=education,
        done=done,
        skills=profile_skills(member),
        ratings=latest_ratings(member),
    )


def posting_facts(posting: JobPosting) -> PostingFacts:
    """Plain data of a posting; its credential requirements should be prefetched."""
    required: list[tuple[str, str]] = []
    preferred: list[tuple[str, str]] = []
    for item in posting.credential_requirements.all():
        credential = item.credential
        pair = (credential.code, credential.abbreviation or credential.name)
        (required if item.required else preferred).append(pair)
    setting = posting.practice_setting
    return PostingFacts(
        key=str(posting.public_id),
        title=posting.title,
        employer=posting.employer.name,
        url=reverse("jobs:detail", args=[posting.public_id]),
        required_credentials=tuple(required),
        preferred_credentials=tuple(preferred),
        experience_months=posting.experience_months,
        setting=setting.code if setting else "",
        setting_name=setting.name if setting else "",
    )


def target_spec(target: Target, data: RequirementsData, *, today: dt.date) -> TargetSpec | None:
    """The requirements behind a saved target; None if its code left the data."""
    if target.posting is not None:
        return target_from_posting(posting_facts(target.posting), checked=today)
    return data.targets.get(target.code)


@dataclass(frozen=True)
class RoadmapItem:
    target: Target
    spec: TargetSpec | None
    gap: TargetGap | None
    plan: Plan | None = None

    @property
    def name(self) -> str:
        return self.spec.name if self.spec else f"{self.target.code} (no longer in our data)"


_POSTING_CREDENTIALS = Prefetch(
    "posting__credential_requirements",
    queryset=PostingCredential.objects.select_related("credential"),
)


def targets_for_member(member: Any) -> list[Target]:
    return list(
        Target.objects.filter(member=member)
        .select_related("posting__employer", "posting__practice_setting")
        .prefetch_related(_POSTING_CREDENTIALS)
        .order_by("created_at", "id")
    )


def plan_dates_for_member(member: Any) -> dict[str, dt.date]:
    return dict(PlanDate.objects.filter(member=member).values_list("requirement_code", "due_on"))


def roadmap_items(
    targets: Sequence[Target],
    facts: MemberFacts,
    names: dict[str, str],
    member_dates: dict[str, dt.date],
) -> list[RoadmapItem]:
    data = requirements_data()
    items = []
    for target in targets:
        spec = target_spec(target, data, today=facts.today)
        gap = evaluate_target(spec, facts, names=names) if spec else None
        plan = build_plan(gap, facts, data=data, member_dates=member_dates) if gap else None
        items.append(RoadmapItem(target=target, spec=spec, gap=gap, plan=plan))
    return items


def roadmap_for_member(member: Any, *, today: dt.date) -> list[RoadmapItem]:
    targets = targets_for_member(member)
    if not targets:
        return []
    facts = member_facts(member, today=today)
    return roadmap_items(targets, facts, credential_names(), plan_dates_for_member(member))


def roadmap_item_for_target(target: Target, *, today: dt.date) -> RoadmapItem:
    """One target's gap and plan (the target fetched through access.target_get_for_member)."""
    if target.posting is not None:
        prefetch_related_objects([target], _POSTING_CREDENTIALS)
    facts = member_facts(target.member_id, today=today)
    dates = plan_dates_for_member(target.member_id)
    return roadmap_items([target], facts, credential_names(), dates)[0]


@dataclass(frozen=True)
class ComparedTarget:
    name: str
    target: Target | None  # None: a saved job that is not a target
    posting: JobPosting | None
    comparison: Comparison


def comparison_for_member(
    member: Any, *, today: dt.date, target_ids: Sequence[int] = (), saved_jobs: bool = True
) -> list[ComparedTarget]:
    """The member's targets (all, or those in `target_ids`) and, with `saved_jobs`, the RxGuild
    postings on their tracker, side by side: what each still needs, by when, for how much."""
    targets = targets_for_member(member)
    if target_ids:
        targets = [t for t in targets if t.pk in set(target_ids)]
    postings: list[JobPosting] = []
    if saved_jobs:
        postings = saved_postings_for_member(member)
        prefetch_related_objects(postings, _CREDENTIALS_OF_POSTING)
    facts = member_facts(member, today=today)
    names = credential_names()
    data = requirements_data()
    entries: list[tuple[str, Target | None, JobPosting | None, TargetGap]] = []
    for target in targets:
        spec = target_spec(target, data, today=today)
        if spec is not None:
            entries.append(
                (spec.name, target, target.posting, evaluate_target(spec, facts, names=names))
            )
    for posting in postings:
        spec = target_from_posting(posting_facts(posting), checked=today)
        entries.append((spec.name, None, posting, evaluate_target(spec, facts, names=names)))
    by_gap = {id(gap): (name, target, posting) for name, target, posting, gap in entries}
    dates = plan_dates_for_member(member)
    rows = compare([gap for *_, gap in entries], facts, data=data, member_dates=dates)
    return [ComparedTarget(*by_gap[id(row.gap)], comparison=row) for row in rows]


_CREDENTIALS_OF_POSTING = Prefetch(
    "credential_requirements", queryset=PostingCredential.objects.select_related("credential")
)


def saved_postings_for_member(member: Any) -> list[JobPosting]:
    """RxGuild postings on the member's tracker that are not targets yet (to offer them)."""
    aimed = Target.objects.filter(member=member, posting__isnull=False).values("posting_id")
    return [
        application.posting
        for application in TrackedApplication.objects.filter(member=member, posting__isnull=False)
        .exclude(posting_id__in=aimed)
        .select_related("posting__employer", "posting__practice_setting")
        .order_by("-updated_at", "-id")[:50]
        if application.posting is not None
    ]


@dataclass(frozen=True)
class TargetExtras:
    """What surrounds a plan: catalog courses per step, the jobs that open up when the target
    is reached, and the members who made the step and are open to mentoring or informational
    interviews (`mentors.people_for_target`). Seven queries whatever the plan's size."""

    courses: dict[str, list[Course]]  # by requirement code
    course_search_url: dict[str, str]
    open_jobs: int
    jobs_url: str
    mentors: int  # how many people below in all
    people: StepPeople | None = None  # named mentors and interview hosts who made the step


def _spec_credentials(spec: TargetSpec) -> list[str]:
    codes = [spec.credential] if spec.credential else []
    for included in spec.includes:
        codes.extend(_spec_credentials(included))
    return codes


def target_extras(member: Any, spec: TargetSpec, plan: Plan | None) -> TargetExtras:
    topics_by_step: dict[str, tuple[str, ...]] = {}
    if plan is not None:
        requirements = {r.code: r for r in spec.all_requirements()}
        for step in plan.steps:
            requirement = requirements.get(step.code)
            if requirement is not None:
                topics = (*requirement.topics, *requirement.progress_topics)
                if topics:
                    topics_by_step[step.code] = topics
    courses: dict[str, list[Course]] = {}
    wanted = {t for topics in topics_by_step.values() for t in topics}
    if wanted:
        found = list(
            Course.objects.filter(topic_code__in=wanted, audience__in=["T", ""])
            .select_related("provider")
            .order_by("title", "id")[:60]
        )
        for code, topics in topics_by_step.items():
            courses[code] = [c for c in found if c.topic_code in topics][:3]
    search = {
        code: f"{reverse('ce:courses')}?{urlencode({'topic': topics[0]})}"
        for code, topics in topics_by_step.items()
    }
    credentials = _spec_credentials(spec)
    open_jobs = 0
    jobs_url = reverse("jobs:search")
    if credentials:
        open_jobs = (
            posting_visible_queryset()
            .filter(
                credential_requirements__credential__code__in=credentials,
                credential_requirements__required=True,
            )
            .distinct()
            .count()
        )
        jobs_url += "?" + urlencode({"credential": credentials[0]})
    people = people_for_target(
        member,
        credentials=credentials,
        credential_names=credential_names(),
        specialty=spec.specialty or "",
        specialty_name=spec.name if spec.specialty else "",
    )
    return TargetExtras(
        courses=courses,
        course_search_url=search,
        open_jobs=open_jobs,
        jobs_url=jobs_url,
        mentors=people.total,
        people=people,
    )
