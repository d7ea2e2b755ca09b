"""Operations that change a member's roadmap: targets and the steps they mark done.

One function per use case, keyword-only, atomic; pages and the API call the same ones. Callers
fetch targets and postings through `access.py` first. Bad input raises ValidationError with a
message a member can act on, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rxguild.jobs.models import JobPosting, Shift
from rxguild.profiles.models import CredentialHeld, WorkExperience
from rxguild.roadmap.access import may_moderate_pay
from rxguild.roadmap.gap import posting_requirement_code
from rxguild.roadmap.models import PayReport, PlanDate, StepDone, Target
from rxguild.roadmap.plan import Plan
from rxguild.roadmap.requirements import RequirementsData, shipped_requirements

# A roadmap is read whole on every visit; 20 targets keeps the page readable and the work
# bounded (each target is a few dozen requirement checks).
MAX_TARGETS = 20


def _data() -> RequirementsData:
    return shipped_requirements()


def _check_room(member: Any) -> None:
    if Target.objects.filter(member=member).count() >= MAX_TARGETS:
        raise ValidationError(
            f"You already have {MAX_TARGETS} targets: remove one before adding another."
        )


@transaction.atomic
def target_add(*, member: Any, code: str) -> Target:
    """Aim at a credential, specialty, state registration or role from the requirements data
    (idempotent)."""
    code = (code or "").strip()
    spec = _data().targets.get(code)
    if spec is None:
        raise ValidationError({"code": "Choose one of the listed targets."})
    existing = Target.objects.filter(member=member, code=code).first()
    if existing is not None:
        return existing
    _check_room(member)
    try:
        with transaction.atomic():
            return Target.objects.create(member=member, kind=spec.kind, code=code)
    except IntegrityError:  # the same target added twice at once: keep the first
        return Target.objects.get(member=member, code=code)


@transaction.atomic
def target_add_posting(*, member: Any, posting: JobPosting) -> Target:
    """Aim at a job posting (fetched through access.posting_get_for_target; idempotent)."""
    existing = Target.objects.filter(member=member, posting=posting).first()
    if existing is not None:
        return existing
    _check_room(member)
    try:
        with transaction.atomic():
            return Target.objects.create(member=member, kind=Target.Kind.POSTING, posting=posting)
    except IntegrityError:
        return Target.objects.get(member=member, posting=posting)


@transaction.atomic
def target_remove(*, target: Target) -> None:
    """Stop aiming at a target. Steps marked done stay: they are facts about the member."""
    target.delete()


def _self_reportable_codes(member: Any) -> set[str]:
    data = _data()
    codes = {r.code for r in data.requirements.values() if r.self_reportable}
    # A posting's experience requirement can be marked done too (the member knows whether the
    # employer would count work the profile does not show).
    for public_id in Target.objects.filter(member=member, posting__isnull=False).values_list(
        "posting__public_id", flat=True
    ):
        codes.add(posting_requirement_code(str(public_id), "experience"))
    return codes


@transaction.atomic
def step_mark_done(
    *, member: Any, requirement_code: str, done_on: dt.date | None = None
) -> StepDone:
    """Say a requirement is done. Credentials cannot be marked: add them to the profile."""
    requirement_code = (requirement_code or "").strip()
    today = timezone.localdate()
    done_on = done_on or today
    requirement = _data().requirements.get(requirement_code)
    if requirement is not None and not requirement.self_reportable:
        raise ValidationError(
            {"requirement_code": "Add the credential to your profile: it counts from there."}
        )
    if requirement_code not in _self_reportable_codes(member):
        raise ValidationError({"requirement_code": "That is not a step on your roadmap."})
    if done_on > today:
        raise ValidationError({"done_on": "A step cannot be done in the future."})
    step, _ = StepDone.objects.update_or_create(
        member=member, requirement_code=requirement_code, defaults={"done_on": done_on}
    )
    return step


@transaction.atomic
def step_unmark_done(*, member: Any, requirement_code: str) -> bool:
    """Take back "done"; True if there was something to take back."""
    deleted, _ = StepDone.objects.filter(member=member, requirement_code=requirement_code).delete()
    return bool(deleted)


# How far ahead a member may plan: the longest pathway in the data is 3 years of experience,
# and a plan past 10 years is a typo.
PLAN_HORIZON_YEARS = 10


@transaction.atomic
def plan_date_set(*, member: Any, requirement_code: str, due_on: dt.date | None) -> PlanDate | None:
    """Set (or, with None, clear) the due date of a plan step."""
    requirement_code = (requirement_code or "").strip()
    if requirement_code not in _self_reportable_codes(member) and (
        requirement_code not in _data().requirements
    ):
        raise ValidationError({"requirement_code": "That is not a step on your roadmap."})
    if due_on is None:
        PlanDate.objects.filter(member=member, requirement_code=requirement_code).delete()
        return None
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": "Pick today or a later date (mark past steps done)."})
    if due_on > today + dt.timedelta(days=round(365.25 * PLAN_HORIZON_YEARS)):
        raise ValidationError({"due_on": f"Pick a date within {PLAN_HORIZON_YEARS} years."})
    plan_date, _ = PlanDate.objects.update_or_create(
        member=member, requirement_code=requirement_code, defaults={"due_on": due_on}
    )
    return plan_date


# --- pay reports ---------------------------------------------------------------------------

# Wide bounds that still catch a typed annual salary or a missing decimal point.
PAY_MIN_HOURLY = Decimal(5)
PAY_MAX_HOURLY = Decimal(150)


@transaction.atomic
def pay_report_submit(
    *,
    member: Any,
    job: WorkExperience,
    hourly_pay: Decimal,
    shift: str = "",
    credentials: Sequence[str] = (),
) -> PayReport:
    """Report (or correct) the pay of one job the member held; it waits for moderation.

    `job` comes from access.job_get_for_pay_report (the member's own). What the buckets use is
    copied from the profile now; the credentials are those the member chose to include, and only
    ones on their profile count.
    """
    errors: dict[str, str] = {}
    if not PAY_MIN_HOURLY <= hourly_pay <= PAY_MAX_HOURLY:
        errors["hourly_pay"] = (
            f"Give the pay per hour, between ${PAY_MIN_HOURLY} and ${PAY_MAX_HOURLY} "
            "(for a salary, divide the year's pay by 2,080 hours)."
        )
    if shift and shift not in Shift.values:
        errors["shift"] = "Choose one of the listed shifts."
    held = set(
        CredentialHeld.objects.filter(profile__user=member).values_list(
            "credential__code", flat=True
        )
    )
    unknown = [code for code in credentials if code not in held]
    if unknown:
        errors["credentials"] = "Only credentials on your profile can be included."
    profile = getattr(member, "profile", None)
    state = job.state or (profile.state if profile else "")
    if not state:
        errors["job"] = "Add the job's state on your profile first: pay is grouped by state."
    if errors:
        raise ValidationError(errors)
    report, _ = PayReport.objects.update_or_create(
        job=job,
        defaults={
            "member": member,
            "hourly_pay": hourly_pay.quantize(Decimal("0.01")),
            "state": state,
            "setting": job.practice_setting.code if job.practice_setting else "",
            "shift": shift,
            "credentials": sorted(set(credentials)),
            "years_experience": (profile.years_experience or 0) if profile else 0,
            "status": PayReport.Status.PENDING,
            "moderated_by": None,
            "moderated_at": None,
        },
    )
    return report


@transaction.atomic
def pay_report_withdraw(*, report: PayReport) -> None:
    report.delete()


@transaction.atomic
def pay_report_moderate(*, moderator: Any, report: PayReport, approve: bool) -> PayReport:
    if not may_moderate_pay(moderator):
        raise PermissionDenied("Only moderators review pay reports.")
    report.status = PayReport.Status.APPROVED if approve else PayReport.Status.REJECTED
    report.moderated_by = moderator
    report.moderated_at = timezone.now()
    report.save(update_fields=["status", "moderated_by", "moderated_at", "updated_at"])
    return report


@transaction.atomic
def plan_to_goal(*, member: Any, target: Target, plan: Plan) -> Any:
    """One growth goal for the target, due when the plan finishes, with a milestone per step
    (growth's own reminders then apply). Calls growth's services, which check the links."""
    from rxguild.growth.services.goals import goal_create, milestone_add

    if plan.done:
        raise ValidationError("Nothing left to plan for this target.")
    spec_credential = _data().targets.get(target.code)
    goal = goal_create(
        member=member,
        title=f"Reach {plan.target.name}"[:200],
        target_date=plan.finish,
        note="From your RxGuild roadmap; the dates are the plan's estimates or the ones you set.",
        credential_code=spec_credential.credential if spec_credential else "",
        saved_job_id=None,
    )
    for step in plan.steps:
        milestone_add(goal=goal, title=step.label[:200], due_on=step.due)
    return goal
