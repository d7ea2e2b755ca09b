"""Demo growth data: the frameworks; the demo member's PTCE self-assessment taken twice about
five months apart (Medications improved, Federal Requirements still weak) plus one soft skills
assessment; goals in progress and one completed; a named PTCE feedback request (one answered,
one waiting) and an anonymous soft-skills request answered by three people. Addresses are
@example.org (reserved, undeliverable). Idempotent: each part is skipped when it exists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from rxguild.catalog.models import Credential
from rxguild.core.demo import DemoContext
from rxguild.core.signed_links import link_issue
from rxguild.growth.models import Assessment, FeedbackInvite, FeedbackRequest, Framework, Goal
from rxguild.growth.services import (
    Recipient,
    assessment_create,
    feedback_answer_submit,
    feedback_request_create,
    frameworks_load,
    goal_complete,
    goal_create,
    milestone_add,
    milestone_toggle,
)

PTCE_EARLIER = {
    "ptce-med-names-classes": 2,
    "ptce-med-equivalence": 2,
    "ptce-med-interactions": 1,
    "ptce-med-dosing": 2,
    "ptce-med-side-effects": 2,
    "ptce-med-indications": 2,
    "ptce-med-stability": 1,
    "ptce-med-nti": 1,
    "ptce-med-storage": 3,
    "ptce-fed-waste": 1,
    "ptce-fed-cs-prescriptions": 2,
    "ptce-fed-cs-handling": 1,
    "ptce-fed-restricted": 1,
    "ptce-fed-recalls": 2,
    "ptce-safety-high-alert-lasa": 2,
    "ptce-safety-error-prevention": 2,
    "ptce-safety-pharmacist-referral": 3,
    "ptce-safety-event-reporting": 1,
    "ptce-safety-hygiene": 3,
    "ptce-order-calculations": 2,
    "ptce-order-supplies": 3,
    "ptce-order-lot-ndc": 3,
    "ptce-order-returns": 2,
}
PTCE_LATER = {
    **PTCE_EARLIER,
    "ptce-med-names-classes": 3,
    "ptce-med-interactions": 2,
    "ptce-med-stability": 3,
    "ptce-med-nti": 2,
    "ptce-safety-high-alert-lasa": 3,
    "ptce-safety-event-reporting": 2,
    "ptce-order-calculations": 3,
    "ptce-fed-cs-prescriptions": 3,
}
SOFT = {
    "soft-communication": 3,
    "soft-critical-thinking": 2,
    "soft-adaptability": 3,
    "soft-professionalism": 4,
    "soft-precepting": 1,
}


def seed(context: DemoContext) -> None:
    report = frameworks_load()
    context.summary.append(
        f"Growth: {report.frameworks} competency frameworks, {report.competencies} competencies."
    )
    member = context.objects.get("member")
    if member is None:
        return
    _goals(member)
    _feedback(member)
    if Assessment.objects.filter(member=member).exists():
        return
    now = timezone.now()
    ptce = Framework.objects.get(code="ptce")
    plan = [
        (ptce, PTCE_EARLIER, 155, "Before the PTCE refresher."),
        (ptce, PTCE_LATER, 12, "After three months on the hospital team."),
        (Framework.objects.get(code="soft-skills"), SOFT, 12, ""),
    ]
    for framework, ratings, days_ago, note in plan:
        assessment = assessment_create(
            member=member, framework=framework, ratings=ratings, note=note
        )
        # Backdated so the history chart shows change over months.
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=now - timedelta(days=days_ago)
        )
    context.summary.append("Growth: 3 self-assessments for the demo member.")


def _goals(member: Any) -> None:
    if Goal.objects.filter(member=member).exists():
        return
    today = timezone.localdate()
    controlled = goal_create(
        member=member,
        title="Get stronger at controlled substance handling",
        target_date=today + timedelta(days=45),
        note="Weakest area on my PTCE self-assessment.",
        competency_code="ptce-fed-cs-handling",
    )
    first = milestone_add(
        goal=controlled, title="Take a DEA law CE course", due_on=today + timedelta(days=14)
    )
    milestone_add(goal=controlled, title="Shadow the monthly CII count")
    milestone_toggle(milestone=first)
    cspt = Credential.objects.filter(code="ptcb-cspt").first()
    goal_create(
        member=member,
        title="Earn the CSPT",
        target_date=today + timedelta(days=240),
        credential_code=cspt.code if cspt else "",
        competency_code="csp-proc-aseptic",
        progress=10,
    )
    done = goal_create(
        member=member,
        title="Learn the top 200 brand and generic names",
        target_date=today - timedelta(days=20),
        competency_code="ptce-med-names-classes",
    )
    goal_complete(goal=done)


def _answer(invite: FeedbackInvite, ratings: dict[str, object], comments: dict[str, str]) -> None:
    # The demo cannot read the emailed token, so it issues the invite a fresh link (which
    # replaces the emailed one) and answers through the same service as a browser would.
    link = link_issue(purpose="growth-feedback", object_id=invite.pk)
    FeedbackInvite.objects.filter(pk=invite.pk).update(link_digest=link.digest)
    feedback_answer_submit(token=link.token, ratings=ratings, comments=comments)


def _feedback(member: Any) -> None:
    if FeedbackRequest.objects.filter(member=member).exists():
        return
    named = feedback_request_create(
        member=member,
        framework=Framework.objects.get(code="ptce"),
        competency_codes=["ptce-fed-cs-handling", "ptce-med-nti", "ptce-safety-event-reporting"],
        recipients=[
            Recipient("dana.lee@example.org", "pharmacist", "Dana Lee"),
            Recipient("sam.ortiz@example.org", "supervisor", "Sam Ortiz"),
        ],
    )
    _answer(
        named.invites.get(email="dana.lee@example.org"),
        {"ptce-fed-cs-handling": 2, "ptce-med-nti": 3, "ptce-safety-event-reporting": 2},
        {"ptce-fed-cs-handling": "Ask to join the next CII count; you will learn it fast."},
    )
    anonymous = feedback_request_create(
        member=member,
        framework=Framework.objects.get(code="soft-skills"),
        competency_codes=["soft-communication", "soft-critical-thinking", "soft-precepting"],
        recipients=[
            Recipient("colleague.one@example.org", "colleague"),
            Recipient("colleague.two@example.org", "colleague"),
            Recipient("preceptor@example.org", "preceptor"),
        ],
        anonymous=True,
    )
    for invite, levels, note in zip(
        anonymous.invites.order_by("id"),
        [(4, 3, 2), (3, 3, 2), (4, 2, 3)],
        ["Patients trust you.", "Explains the why when training.", ""],
        strict=True,
    ):
        _answer(
            invite,
            dict(
                zip(
                    ["soft-communication", "soft-critical-thinking", "soft-precepting"],
                    levels,
                    strict=True,
                )
            ),
            {"soft-communication": note} if note else {},
        )
