"""One requirement against the member's facts, by kind: credentials held (and what they count
as), experience months by setting or keyword, CE hours by topic, trainings, skills (profile and
self-assessment), steps marked done.

Pure Python (no Django import). Each count only grows with a new fact, so adding a record never
lowers a status (the property tests hold the rules to it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from rxguild.growth.engine import LEVEL_BY_VALUE, LEVEL_MAX
from rxguild.roadmap.facts import CeRecord, HeldCredential, Job, MemberFacts
from rxguild.roadmap.gap_results import RequirementGap, Status
from rxguild.roadmap.requirements import COUNTS_AS, Requirement

DAYS_PER_MONTH = Decimal("30.436875")  # 365.2425 / 12: a calendar month on average


def _day(value: dt.date | None) -> str:
    return f"{value:%b} {value.day}, {value.year}" if value else ""


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


def is_active(held: HeldCredential, today: dt.date) -> bool:
    return held.expires_on is None or held.expires_on >= today


def held_index(facts: MemberFacts) -> dict[str, HeldCredential]:
    """Each credential code the member holds (active first), with the ones it counts as."""
    index: dict[str, HeldCredential] = {}
    ordered = sorted(facts.credentials, key=lambda c: not is_active(c, facts.today))
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
        if is_active(found, facts.today):
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
        if code in held and is_active(held[code], facts.today)
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


def _level(value: int) -> str:
    level = LEVEL_BY_VALUE.get(value)
    return f"{value} of {LEVEL_MAX}" + (f" ({level.name})" if level else "")


def _skill(req: Requirement, facts: MemberFacts) -> RequirementGap:
    """A skill: met by a self-rating at the level asked (or, when no level is asked, by the
    skill on the profile); a lower rating or the skill listed without a rating is partly met."""
    rated = [facts.ratings[c] for c in req.competencies if c in facts.ratings]
    best = max(rated, key=lambda r: r.level, default=None)
    listed = [facts.skills[s] for s in req.skills if s in facts.skills]
    on_profile = f" {', '.join(listed)} is on your profile." if listed else ""
    need = Decimal(req.level) if req.level else None
    have = Decimal(best.level) if best else None
    if best is not None and req.level and best.level >= req.level:
        return RequirementGap(
            req, Status.MET,
            f"You rated yourself {_level(best.level)} in {best.name.lower()} on "
            f"{_day(best.rated_on)}.{on_profile}", have, need, "self-rating",
            self_reported=True, counted=(best.name,),
        )  # fmt: skip
    if not req.competencies and listed:
        return RequirementGap(
            req, Status.MET, on_profile.strip(), self_reported=True, counted=tuple(listed)
        )
    if best is not None and req.level:
        return RequirementGap(
            req, Status.PARTLY,
            f"You rated yourself {_level(best.level)} in {best.name.lower()} on "
            f"{_day(best.rated_on)}; this asks for {_level(req.level)}.{on_profile}",
            have, need, "self-rating", self_reported=True, counted=(best.name,),
        )  # fmt: skip
    if listed:
        return RequirementGap(
            req, Status.PARTLY,
            f"{on_profile.strip()} Rate yourself in your self-assessment to compare with the "
            f"level asked: {_level(req.level or LEVEL_MAX)}.", None, need, "self-rating",
            self_reported=True, counted=tuple(listed),
        )  # fmt: skip
    return RequirementGap(
        req,
        Status.MISSING,
        "Not on your profile's skills and not rated in your self-assessment yet.",
        None,
        need,
        "self-rating",
    )


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
    held = held_index(facts) if held is None else held
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
    if req.kind == "skill":
        return _skill(req, facts)
    return _step(req, facts)
