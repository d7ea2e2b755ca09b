"""Sign-off of a competency record by its evaluator, through a signed single-use link.

A record the member enters is their word; once the evaluator (who needs no account) signs it,
pages and the API mark it "signed by <name, role> on <date>". The link is the same as every
experience flow's (services.links), with its own purpose. A signed record is frozen: asking
again is refused. A declined one keeps the evaluator's reason and can be sent again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from rxguild.core.human_dates import human_date
from rxguild.experience.models import CompetencyRecord, SignOffStatus
from rxguild.experience.reference import competency_names
from rxguild.experience.services.links import (
    LinkFlow,
    check_sign_or_decline,
    clean_requested_person,
    email_after_commit,
    site_url,
    withdraw,
)

COMPETENCY_PURPOSE = "experience-competency-signoff"
COMPETENCY_LINKS = LinkFlow(
    purpose=COMPETENCY_PURPOSE,
    rate_key="experience-competency",
    rate_action="sent competency sign-off requests",
)


@transaction.atomic
def competency_signoff_request(
    *, record: CompetencyRecord, evaluator_name: str, evaluator_role: str, evaluator_email: str
) -> CompetencyRecord:
    record = CompetencyRecord.objects.select_for_update().select_related("member").get(pk=record.pk)
    if record.signoff_status == SignOffStatus.SIGNED:
        raise ValidationError("This record is already signed.")
    errors: dict[str, str] = {}
    name, role, email = clean_requested_person(
        prefix="evaluator",
        name=evaluator_name,
        role=evaluator_role,
        email=evaluator_email,
        member_email=record.member.email,
        errors=errors,
        who="the evaluator",
    )
    if errors:
        raise ValidationError(errors)
    COMPETENCY_LINKS.check_rate(record.member_id)
    record.evaluator_name, record.evaluator_role, record.evaluator_email = name, role, email
    record.signoff_status = SignOffStatus.PENDING
    record.evaluator_comment = ""
    record.link_used_at = None
    record.save(
        update_fields=[
            "evaluator_name",
            "evaluator_role",
            "evaluator_email",
            "signoff_status",
            "evaluator_comment",
            "link_used_at",
        ]
    )
    token = COMPETENCY_LINKS.attach(record)  # replaces an older link
    member = record.member.get_full_name() or record.member.email
    what = competency_names().get(record.competency, record.competency)
    email_after_commit(
        to=email,
        subject=f"{member} asks you to sign a competency evaluation",
        body=(
            f"{member} recorded that you evaluated them on "
            f"{human_date(record.performed_on)} at {record.site_name}: {what}, "
            f"{'passed' if record.passed else 'not passed'}.\n\n"
            "Sign it if it is right, or decline (no account needed):\n"
            f"{site_url(reverse('experience:competency_sign', args=[token]))}\n\n"
            f"The link works once, for {COMPETENCY_LINKS.max_age.days} days."
        ),
    )
    return record


@transaction.atomic
def competency_signoff_withdraw(*, record: CompetencyRecord) -> None:
    withdraw(
        record,
        status_field="signoff_status",
        waiting=[SignOffStatus.PENDING],
        withdrawn=SignOffStatus.WITHDRAWN,
        refusal="Only a sign-off still waiting for the evaluator can be withdrawn.",
    )


def competency_for_token(token: str) -> CompetencyRecord:
    """The record behind a current, unused link; LinkError (with a message) otherwise."""
    return COMPETENCY_LINKS.open(CompetencyRecord.objects.select_related("member"), token)


@transaction.atomic
def competency_signoff_respond(
    *, token: str, decision: str, evaluator_name: str, evaluator_role: str, comment: str = ""
) -> CompetencyRecord:
    """Sign or decline. Bad input leaves the link usable; a bad link changes nothing."""
    record = COMPETENCY_LINKS.open(CompetencyRecord.objects.select_for_update(), token)
    answer = check_sign_or_decline(
        prefix="evaluator",
        decision=decision,
        name=evaluator_name,
        role=evaluator_role,
        comment=comment,
    )
    record.evaluator_name, record.evaluator_role = answer.name, answer.role
    record.evaluator_comment = answer.comment
    record.link_used_at = answer.at
    record.signoff_status = SignOffStatus.SIGNED if answer.signed else SignOffStatus.DECLINED
    record.signed_at = answer.at if answer.signed else None
    record.save()
    member = CompetencyRecord.objects.select_related("member").get(pk=record.pk).member
    verb = "signed" if decision == "sign" else "declined"
    email_after_commit(
        to=member.email,
        subject=f"{record.evaluator_name} {verb} your competency evaluation",
        body=f"See your competencies at {site_url(reverse('experience:competencies'))}",
    )
    return record
