"""The gap engine: what a member has against what a career target asks for.

Pure Python (no Django import). It takes the target (from ``requirements.py``, or built from a
job posting by ``target_from_posting``) and plain facts about the member, and returns each
requirement as met, partly met (with how much) or missing, with the reason in plain words, so
pages and the API never recompute why.

Adding a fact (a credential, a CE record, a job, a program, a step marked done) never lowers a
requirement's status, a pathway's or a target's: each count only grows, a target takes its best
pathway, and the property tests hold the engine to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from rxguild.roadmap.requirements import COUNTS_AS, Pathway, Requirement, Target

DAYS_PER_MONTH = Decimal("30.436875")  # 365.2425 / 12: a calendar month on average


class Status(StrEnum):
    MISSING = "missing"
    PARTLY = "partly"
    MET = "met"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return {"missing": "Missing", "partly": "Partly met", "met": "Met"}[self.value]


_RANK = {Status.MISSING: 0, Status.PARTLY: 1, Status.MET: 2}


def combine(statuses: Iterable[Status]) -> Status:
    """All met is met, all missing (or nothing to do) is missing, anything else is partly."""
    seen = set(statuses)
    if not seen:
        return Status.MET
    if seen == {Status.MET}:
        return Status.MET
    if seen == {Status.MISSING}:
        return Status.MISSING
    return Status.PARTLY


# --- what the member has (plain data; the selectors fill these from the database) ----------


@dataclass(frozen=True)
class HeldCredential:
    code: str
    name: str
    expires_on: dt.date | None = None


@dataclass(frozen=True)
class Job:
    title: str
    employer: str
    start: dt.date
    end: dt.date | None = None  # None while current
    setting: str = ""  # practice setting code
    summary: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} at {self.employer}" if self.employer else self.title


@dataclass(frozen=True)
class CeRecord:
    title: str
    completed_on: dt.date
    hours: Decimal
    topic_code: str = ""
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EducationEntry:
    program: str
    institution: str = ""
    kind: str = ""

    @property
    def label(self) -> str:
        return f"{self.program}, {self.institution}" if self.institution else self.program


@dataclass(frozen=True)
class MemberFacts:
    today: dt.date
    credentials: tuple[HeldCredential, ...] = ()
    jobs: tuple[Job, ...] = ()
    ce_records: tuple[CeRecord, ...] = ()
    education: tuple[EducationEntry, ...] = ()
    # Requirement codes the member marked done themselves, with the day they said so.
    done: Mapping[str, dt.date] = field(default_factory=dict)


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementGap:
    requirement: Requirement
    status: Status
    reason: str
    have: Decimal | None = None
    need: Decimal | None = None
    unit: str = ""  # "months", "hours", "credentials"
    self_reported: bool = False
    counted: tuple[str, ...] = ()  # what counted: job, CE or credential labels

    @property
    def fraction(self) -> float:
        if self.status is Status.MET:
            return 1.0
        if self.status is Status.MISSING or not self.need or self.have is None:
            return 0.0
        return min(float(self.have / self.need), 0.99)

    @property
    def code(self) -> str:
        return self.requirement.code


@dataclass(frozen=True)
class PathwayGap:
    pathway: Pathway
    requirements: tuple[RequirementGap, ...]
    status: Status

    @property
    def fraction(self) -> float:
        counted = [r.fraction for r in self.requirements if not r.requirement.optional]
        return sum(counted) / len(counted) if counted else 1.0


@dataclass(frozen=True)
class TargetGap:
    target: Target
    status: Status
    requirements: tuple[RequirementGap, ...]  # asked on every pathway
    pathways: tuple[PathwayGap, ...]
    best_pathway: PathwayGap | None
    included: tuple[TargetGap, ...]
    held: HeldCredential | None = None  # the member already holds the target credential
    # No requirement on record (e.g. no credential exists for the specialty): the status is
    # "missing" only for ordering; pages show the target's note instead.
    unknown: bool = False

    @property
    def low_confidence(self) -> bool:
        return self.target.low_confidence or any(
            r.requirement.low_confidence for r in self.relevant_requirements()
        )

    def relevant_requirements(self) -> list[RequirementGap]:
        """The common requirements, the best pathway's and the included targets', once each
        (two included targets that share a requirement, like an active CPhT, list it once)."""
        seen: set[str] = set()
        found: list[RequirementGap] = []
        for gap in self._walk():
            if gap.code not in seen:
                seen.add(gap.code)
                found.append(gap)
        return found

    def _walk(self) -> Iterable[RequirementGap]:
        for included in self.included:
            if included.held is None:  # a credential already held asks nothing more
                yield from included._walk()
        yield from self.requirements
        if self.best_pathway is not None:
            yield from self.best_pathway.requirements

    @property
    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for gap in self.relevant_requirements():
            counts[gap.status] += 1
        return counts

    @property
    def fraction(self) -> float:
        if self.status is Status.MET:
            return 1.0
        required = [r.fraction for r in self.relevant_requirements() if not r.requirement.optional]
        return sum(required) / len(required) if required else 0.0


# --- evaluation ---------------------------------------------------------------------------


def _day(value: dt.date | None) -> str:
    return f"{value:%b} {value.day}, {value.year}" if value else ""


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _active(held: HeldCredential, today: dt.date) -> bool:
    return held.expires_on is None or held.expires_on >= today


def _held_index(facts: MemberFacts) -> dict[str, HeldCredential]:
    """Each credential code the member holds (active first), with the ones it counts as."""
    index: dict[str, HeldCredential] = {}
    ordered = sorted(facts.credentials, key=lambda c: not _active(c, facts.today))
    for held in ordered:
        for code in (held.code, *COUNTS_AS.get(held.code, ())):
            index.setdefault(code, held)
    return index


def _credential(
    req: Requirement,
    facts: MemberFacts,
    held: dict[str, HeldCredential],
    names: Mapping[str, str],
) -> RequirementGap:
    expired = None
    # A credential held as itself first; one that only counts as it (CPhT-Adv for CPhT) next.
    matches = [(code, held[code]) for code in req.credentials if code in held]
    matches.sort(key=lambda pair: pair[1].code != pair[0])
    for code, found in matches:
        if _active(found, facts.today):
            until = f", valid until {_day(found.expires_on)}" if found.expires_on else ""
            via = "" if found.code == code else f" (it counts as {names.get(code, code)})"
            return RequirementGap(
                req, Status.MET, f"You hold {found.name}{until}{via}.", counted=(found.name,)
            )
        expired = expired or found
    if expired is not None:
        return RequirementGap(
            req,
            Status.MISSING,
            f"Your {expired.name} expired on {_day(expired.expires_on)}: renew or reinstate it,"
            " then update your profile.",
        )
    return RequirementGap(
        req, Status.MISSING, "Not on your profile yet: add it there once you hold it."
    )


def _credential_count(
    req: Requirement, facts: MemberFacts, held: dict[str, HeldCredential], names: Mapping[str, str]
) -> RequirementGap:
    have = [
        held[code].name if held[code].code == code else names.get(code, code)
        for code in req.credentials
        if code in held and _active(held[code], facts.today)
    ]
    need = Decimal(req.count)
    found = Decimal(len(have))
    listed = ", ".join(have)
    if found >= need:
        return RequirementGap(
            req, Status.MET, f"You hold {len(have)}: {listed}.", found, need, "credentials",
            counted=tuple(have),
        )  # fmt: skip
    if have:
        return RequirementGap(
            req,
            Status.PARTLY,
            f"{len(have)} of {req.count} ({listed}); {req.count - len(have)} to go.",
            found,
            need,
            "credentials",
            counted=tuple(have),
        )
    return RequirementGap(
        req, Status.MISSING, f"None of the {req.count} yet.", found, need, "credentials"
    )


def job_counts(req: Requirement, job: Job) -> str | None:
    """Why this job counts toward the requirement, or None if it does not."""
    if not req.settings and not req.keywords:
        return "any pharmacy technician work counts"
    if job.setting and job.setting in req.settings:
        return "its practice setting counts"
    text = f"{job.title} {job.summary}".casefold()
    for keyword in req.keywords:
        if keyword in text:
            return f"it mentions “{keyword}”"
    return None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months in [start, end): days over the average calendar month, rounded down."""
    days = (end - start).days
    return int(Decimal(max(days, 0)) / DAYS_PER_MONTH)


def experience_months(
    req: Requirement, jobs: Sequence[Job], today: dt.date
) -> tuple[int, list[str]]:
    """Months of qualifying work inside the requirement's window, overlapping jobs counted once."""
    window_start = dt.date.min
    if req.within_years:
        try:
            window_start = today.replace(year=today.year - req.within_years)
        except ValueError:  # 29 February
            window_start = today.replace(year=today.year - req.within_years, day=28)
    spans: list[tuple[dt.date, dt.date]] = []
    counted: list[str] = []
    for job in jobs:
        why = job_counts(req, job)
        if why is None:
            continue
        start = max(job.start, window_start)
        end = min(job.end or today, today)
        if end <= start:
            continue
        spans.append((start, end))
        counted.append(f"{job.label} ({why})")
    spans.sort()
    days = 0
    current_start: dt.date | None = None
    current_end: dt.date | None = None
    for start, end in spans:
        if current_end is None or current_start is None or start > current_end:
            if current_end is not None and current_start is not None:
                days += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        days += (current_end - current_start).days
    return int(Decimal(days) / DAYS_PER_MONTH), counted


def _experience(req: Requirement, facts: MemberFacts) -> RequirementGap:
    months, counted = experience_months(req, facts.jobs, facts.today)
    have, need = Decimal(months), Decimal(req.months)
    window = f" in the last {req.within_years} years" if req.within_years else ""
    jobs = "; ".join(counted)
    if months >= req.months:
        return RequirementGap(
            req, Status.MET, f"{months} months{window} from your work history: {jobs}.",
            have, need, "months", counted=tuple(counted),
        )  # fmt: skip
    if done := facts.done.get(req.code):
        return RequirementGap(
            req, Status.MET, f"You marked this done on {_day(done)}.", have, need, "months",
            self_reported=True, counted=tuple(counted),
        )  # fmt: skip
    if months > 0:
        return RequirementGap(
            req,
            Status.PARTLY,
            f"{months} of {req.months} months{window} ({jobs}); {req.months - months} to go.",
            have,
            need,
            "months",
            counted=tuple(counted),
        )
    return RequirementGap(
        req,
        Status.MISSING,
        f"No qualifying work{window} in your work history yet. If you have it, add the job to "
        "your profile (with its practice setting) or mark this done.",
        have,
        need,
        "months",
    )


def _record_matches(record: CeRecord, topics: Sequence[str], tags: Sequence[str]) -> bool:
    return (bool(topics) and record.topic_code in topics) or bool(record.tags.intersection(tags))


def _ce_hours(
    facts: MemberFacts, topics: Sequence[str], tags: Sequence[str], within_months: int | None
) -> tuple[Decimal, list[str]]:
    since = dt.date.min
    if within_months:
        since = facts.today - dt.timedelta(days=int(DAYS_PER_MONTH * within_months))
    total = Decimal(0)
    counted = []
    for record in facts.ce_records:
        if record.completed_on < since or record.completed_on > facts.today:
            continue
        if _record_matches(record, topics, tags):
            total += record.hours
            counted.append(record.title)
    return total, counted


def _ce_requirement(req: Requirement, facts: MemberFacts) -> RequirementGap:
    have, counted = _ce_hours(facts, req.topics, req.tags, req.within_months)
    window = f" in the last {req.within_months} months" if req.within_months else ""
    if have >= req.hours:
        return RequirementGap(
            req, Status.MET, f"{_hours(have)} h{window}: {', '.join(counted)}.", have,
            req.hours, "hours", counted=tuple(counted),
        )  # fmt: skip
    if done := facts.done.get(req.code):
        return RequirementGap(
            req, Status.MET, f"You marked this done on {_day(done)}.", have, req.hours,
            "hours", self_reported=True, counted=tuple(counted),
        )  # fmt: skip
    if have > 0:
        return RequirementGap(
            req,
            Status.PARTLY,
            f"{_hours(have)} of {_hours(req.hours)} h{window}; {_hours(req.hours - have)} h to go.",
            have,
            req.hours,
            "hours",
            counted=tuple(counted),
        )
    return RequirementGap(
        req, Status.MISSING, f"No matching CE{window} on your transcript yet.", have, req.hours,
        "hours",
    )  # fmt: skip


def _training(req: Requirement, facts: MemberFacts) -> RequirementGap:
    if done := facts.done.get(req.code):
        return RequirementGap(
            req, Status.MET, f"You marked this done on {_day(done)}.", self_reported=True
        )
    for entry in facts.education:
        text = f"{entry.program} {entry.institution}".casefold()
        if any(keyword in text for keyword in req.education_keywords):
            return RequirementGap(
                req,
                Status.MET,
                f"From your education: {entry.label}. It counts only if the program is "
                "PTCB-recognized: check the directory.",
                self_reported=True,
                counted=(entry.label,),
            )
    if req.progress_topics or req.progress_tags:
        have, counted = _ce_hours(facts, req.progress_topics, req.progress_tags, None)
        if have > 0:
            about = (
                f" of a program of about {_hours(req.course_hours)} h" if req.course_hours else ""
            )
            return RequirementGap(
                req,
                Status.PARTLY,
                f"{_hours(have)} h of related CE on your transcript{about} "
                f"({', '.join(counted)}). It counts only as part of a recognized program: "
                "mark this done when you finish one.",
                have,
                req.course_hours,
                "hours",
                counted=tuple(counted),
            )
    return RequirementGap(req, Status.MISSING, "Not done yet.")


def _step(req: Requirement, facts: MemberFacts) -> RequirementGap:
    if done := facts.done.get(req.code):
        return RequirementGap(
            req, Status.MET, f"You marked this done on {_day(done)}.", self_reported=True
        )
    return RequirementGap(req, Status.MISSING, "Not done yet.")


def evaluate_requirement(
    req: Requirement,
    facts: MemberFacts,
    *,
    held: dict[str, HeldCredential] | None = None,
    names: Mapping[str, str] | None = None,
) -> RequirementGap:
    held = _held_index(facts) if held is None else held
    if req.kind == "credential":
        return _credential(req, facts, held, names or {})
    if req.kind == "credential_count":
        return _credential_count(req, facts, held, names or {})
    if req.kind == "experience":
        return _experience(req, facts)
    if req.kind == "ce_hours":
        return _ce_requirement(req, facts)
    if req.kind == "training":
        return _training(req, facts)
    return _step(req, facts)


def _status_of(gaps: Iterable[RequirementGap]) -> Status:
    return combine(g.status for g in gaps if not g.requirement.optional)


def evaluate_target(
    target: Target, facts: MemberFacts, *, names: Mapping[str, str] | None = None
) -> TargetGap:
    """The gap for one target; `names` gives credential names for codes the member lacks."""
    held = _held_index(facts)
    cache: dict[str, RequirementGap] = {}
    return _evaluate(target, facts, held, names or {}, cache)


def _evaluate(
    target: Target,
    facts: MemberFacts,
    held: dict[str, HeldCredential],
    names: Mapping[str, str],
    cache: dict[str, RequirementGap],
) -> TargetGap:
    def gap(req: Requirement) -> RequirementGap:
        if req.code not in cache:
            cache[req.code] = evaluate_requirement(req, facts, held=held, names=names)
        return cache[req.code]

    common = tuple(gap(r) for r in target.requirements)
    pathways = tuple(
        PathwayGap(p, gaps, _status_of(gaps))
        for p in target.pathways
        for gaps in [tuple(gap(r) for r in p.requirements)]
    )
    # The pathway furthest along; on a tie the first listed (the issuer's own order).
    best = max(pathways, key=lambda p: (p.status.rank, p.fraction), default=None)
    included = tuple(_evaluate(t, facts, held, names, cache) for t in target.includes)
    parts = [g.status for g in common if not g.requirement.optional]
    if best is not None:
        parts.append(best.status)
    parts.extend(i.status for i in included)
    unknown = not parts and target.kind != "posting"
    status = Status.MISSING if unknown else combine(parts)
    holding = held.get(target.credential) if target.credential else None
    if holding is not None and _active(holding, facts.today):
        status = Status.MET
    else:
        holding = None
    return TargetGap(
        target=target,
        status=status,
        requirements=common,
        pathways=pathways,
        best_pathway=best,
        included=included,
        held=holding,
        unknown=unknown and holding is None,
    )


# --- targets built from job postings --------------------------------------------------------


@dataclass(frozen=True)
class PostingFacts:
    """What a job posting asks for (plain data from jobs.JobPosting)."""

    key: str  # stable id for requirement codes, e.g. the posting's public id
    title: str
    employer: str
    url: str
    required_credentials: tuple[tuple[str, str], ...] = ()  # (code, name)
    preferred_credentials: tuple[tuple[str, str], ...] = ()
    experience_months: int = 0
    setting: str = ""  # practice setting code
    setting_name: str = ""


def posting_requirement_code(key: str, part: str) -> str:
    return f"posting-{key}-{part}"[:80]


def target_from_posting(posting: PostingFacts, *, checked: dt.date) -> Target:
    """A posting's own asks as a target: its credentials and its experience.

    The source of each requirement is the posting itself (the employer's words), so the
    confidence is high for what it asks, whatever the credential's own rules are.
    """
    source = posting.url
    requirements: list[Requirement] = []
    for code, name in posting.required_credentials:
        requirements.append(
            Requirement(
                code=posting_requirement_code(posting.key, f"credential-{code}"),
                label=name,
                kind="credential",
                credentials=(code,),
                source=source,
                checked=checked,
                confidence="high",
            )
        )
    for code, name in posting.preferred_credentials:
        requirements.append(
            Requirement(
                code=posting_requirement_code(posting.key, f"preferred-{code}"),
                label=f"{name} (preferred)",
                kind="credential",
                credentials=(code,),
                source=source,
                checked=checked,
                confidence="high",
                optional=True,
            )
        )
    if posting.experience_months:
        where = f" in {posting.setting_name.lower()}" if posting.setting_name else ""
        requirements.append(
            Requirement(
                code=posting_requirement_code(posting.key, "experience"),
                label=f"{posting.experience_months} months of experience{where}",
                kind="experience",
                months=posting.experience_months,
                settings=(posting.setting,) if posting.setting else (),
                source=source,
                checked=checked,
                confidence="high",
                note="The posting does not say whether other settings count: ask the employer.",
            )
        )
    return Target(
        code=posting_requirement_code(posting.key, "job"),
        kind="posting",
        name=f"{posting.title} at {posting.employer}",
        source=source,
        checked=checked,
        confidence="high",
        note="" if requirements else "This posting lists no credentials or experience.",
        requirements=tuple(requirements),
        url=posting.url,
    )
