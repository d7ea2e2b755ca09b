"""Sign-off of a competency record by its evaluator, through a signed single-use link.

A record the member enters is their word; once the evaluator (who needs no account) signs it,
pages and the API mark it "signed by <name, role> on <date>". The link is the same as every
experience flow's (services.links), with its own purpose. A signed record is frozen: asking
again is refused. A declined one keeps the evaluator's reason and can be sent again.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.core.human_dates import human_date
from rxguild.core.mail import mail_send_after_commit
from rxguild.core.ratelimit import rate_limit_check
from rxguild.experience.models import CompetencyRecord, SignOffStatus
from rxguild.experience.reference import competency_names
from rxguild.experience.services.links import (
    check_sign_or_decline,
    clean_requested_person,
    link_attach,
    link_open,
    site_url,
)

COMPETENCY_PURPOSE = "experience-competency-signoff"
COMPETENCY_MAX_AGE = timedelta(days=14)  # as every experience link
COMPETENCY_LIMIT = 10
COMPETENCY_WINDOW_SECONDS = 3600


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
    rate_limit_check(
        key=f"experience-competency:{record.member_id}",
        limit=COMPETENCY_LIMIT,
        window_seconds=COMPETENCY_WINDOW_SECONDS,
        action="sent competency sign-off requests",
    )
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
    token = link_attach(record, purpose=COMPETENCY_PURPOSE)  # replaces an older link
    member = record.member.get_full_name() or record.member.email
    what = competency_names().get(record.competency, record.competency)
    mail_send_after_commit(
        [
            EmailMessage(
                subject=f"{member} asks you to sign a competency evaluation",
                body=(
                    f"{member} recorded that you evaluated them on "
                    f"{human_date(record.performed_on)} at {record.site_name}: {what}, "
                    f"{'passed' if record.passed else 'not passed'}.\n\n"
                    "Sign it if it is right, or decline (no account needed):\n"
                    f"{site_url(reverse('experience:competency_sign', args=[token]))}\n\n"
                    f"The link works once, for {COMPETENCY_MAX_AGE.days} days."
                ),
                to=[email],
            )
        ]
    )
    return record


@transaction.atomic
def competency_signoff_withdraw(*, record: CompetencyRecord) -> None:
    record = CompetencyRecord.objects.select_for_update().get(pk=record.pk)
    if record.signoff_status != SignOffStatus.PENDING:
        raise ValidationError("Only a sign-off still waiting for the evaluator can be withdrawn.")
    record.signoff_status = SignOffStatus.WITHDRAWN
    record.link_digest = ""
    record.save(update_fields=["signoff_status", "link_digest"])


def competency_for_token(token: str) -> CompetencyRecord:
    """The record behind a current, unused link; LinkError (with a message) otherwise."""
    return link_open(
        CompetencyRecord.objects.select_related("member"),
        token,
        purpose=COMPETENCY_PURPOSE,
        max_age=COMPETENCY_MAX_AGE,
    )


@transaction.atomic
def competency_signoff_respond(
    *, token: str, decision: str, evaluator_name: str, evaluator_role: str, comment: str = ""
) -> CompetencyRecord:
    """Sign or decline. Bad input leaves the link usable; a bad link changes nothing."""
    record = link_open(
        CompetencyRecord.objects.select_for_update(),
        token,
        purpose=COMPETENCY_PURPOSE,
        max_age=COMPETENCY_MAX_AGE,
    )
    check_sign_or_decline(
        prefix="evaluator",
        decision=decision,
        name=evaluator_name,
        role=evaluator_role,
        comment=comment,
    )
    now = timezone.now()
    record.evaluator_name = evaluator_name.strip()[:120]
    record.evaluator_role = evaluator_role.strip()[:120]
    record.evaluator_comment = comment.strip()[:2000]
    record.link_used_at = now
    record.signoff_status = SignOffStatus.SIGNED if decision == "sign" else SignOffStatus.DECLINED
    record.signed_at = now if decision == "sign" else None
    record.save()
    member = CompetencyRecord.objects.select_related("member").get(pk=record.pk).member
    verb = "signed" if decision == "sign" else "declined"
    mail_send_after_commit(
        [
            EmailMessage(
                subject=f"{record.evaluator_name} {verb} your competency evaluation",
                body=f"See your competencies at {site_url(reverse('experience:competencies'))}",
                to=[member.email],
            )
        ]
    )
    return record
