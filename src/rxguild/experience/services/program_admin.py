"""A coordinator's side of a training program: invite students from the page, keep cohorts,
sites and preceptor lists, place enrolled students, and email a cohort.

Callers have fetched `program` through access.program_get_for_coordinator, so every function
here acts only on a program the caller coordinates. Cohort messages are plain email through the
queued backend (core.mail_queue), one message per student so nobody sees another's address:
community messages need a connection between sender and recipient, which a coordinator and a
student rarely have.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse

from rxguild.core.mail import mail_send_after_commit
from rxguild.core.ratelimit import rate_limit_check
from rxguild.experience.models import (
    Cohort,
    CohortMessage,
    Enrollment,
    EnrollmentStatus,
    Preceptor,
    ProgramSite,
    TrainingProgram,
)
from rxguild.experience.services.links import site_url

INVITE_LIMIT = 60  # a class at a time, per coordinator per hour
MESSAGE_LIMIT = 10  # cohort emails per coordinator per hour
WINDOW_SECONDS = 3600


def _clean_name(value: str, field: str, what: str, errors: dict[str, str], limit: int) -> str:
    if not value.strip():
        errors[field] = f"Give the {what}."
    return value.strip()[:limit]


def _own(program: TrainingProgram, obj: Any, field: str, errors: dict[str, str]) -> None:
    if obj is not None and obj.program_id != program.pk:
        errors[field] = "Choose one of this program's own."


@transaction.atomic
def program_invite(
    *,
    program: TrainingProgram,
    coordinator: Any,
    email: str,
    cohort: Cohort | None = None,
    site: ProgramSite | None = None,
) -> None:
    """Invite the member whose *verified* email this is. The coordinator learns nothing about
    whether the address belongs to a member: either way the answer is the same, and the
    address gets an email (an invitation, or how to join first)."""
    errors: dict[str, str] = {}
    address = email.strip()
    try:
        validate_email(address)
    except ValidationError:
        errors["email"] = "Enter the student's email address."
    _own(program, cohort, "cohort", errors)
    _own(program, site, "site", errors)
    if errors:
        raise ValidationError(errors)
    rate_limit_check(
        key=f"experience-invite:{coordinator.pk}",
        limit=INVITE_LIMIT,
        window_seconds=WINDOW_SECONDS,
        action="sent invitations",
    )
    found = (
        EmailAddress.objects.filter(email__iexact=address, verified=True)
        .select_related("user")
        .first()
    )
    student = found.user if found is not None and found.user.is_active else None
    if student is not None and student.pk == coordinator.pk:
        raise ValidationError({"email": "You can't invite yourself."})
    open_statuses = [EnrollmentStatus.INVITED, EnrollmentStatus.ACTIVE]
    if (
        student is not None
        and not Enrollment.objects.filter(
            program=program, student=student, status__in=open_statuses
        ).exists()
    ):
        try:
            with transaction.atomic():
                Enrollment.objects.create(
                    program=program,
                    student=student,
                    cohort=cohort,
                    site=site,
                    invited_by=coordinator,
                )
        except IntegrityError:  # invited by another coordinator at the same moment
            pass
        body = (
            f"{program.organization} invites you to {program.name} on RxGuild. Accept it and "
            "choose which externship the program's coordinators may follow at "
            f"{site_url(reverse('experience:programs'))}\n\nYour record stays yours: leave "
            "the program at any time and they see nothing more."
        )
    elif student is None:
        body = (
            f"{program.organization} would like to invite you to {program.name} on RxGuild. "
            f"Create an account at {site_url('/')} with this email address, confirm it, then "
            "ask your coordinator to invite you again."
        )
    else:
        return  # already invited or enrolled: nothing to send again
    mail_send_after_commit(
        [EmailMessage(subject=f"Invitation to {program.name}", body=body, to=[address])]
    )


@transaction.atomic
def cohort_add(
    *,
    program: TrainingProgram,
    name: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Cohort:
    errors: dict[str, str] = {}
    name = _clean_name(name, "name", "cohort's name", errors, 120)
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The cohort ends before it starts."
    if name and program.cohorts.filter(name__iexact=name).exists():
        errors["name"] = "This program already has a cohort of that name."
    if errors:
        raise ValidationError(errors)
    return Cohort.objects.create(program=program, name=name, starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def site_add(
    *, program: TrainingProgram, name: str, city: str = "", state: str = ""
) -> ProgramSite:
    errors: dict[str, str] = {}
    name = _clean_name(name, "name", "site's name", errors, 200)
    state = state.strip().upper()
    if state and (len(state) != 2 or not state.isalpha()):
        errors["state"] = "Two letters, for example TX."
    if name and program.sites.filter(name__iexact=name).exists():
        errors["name"] = "This program already has a site of that name."
    if errors:
        raise ValidationError(errors)
    return ProgramSite.objects.create(
        program=program, name=name, city=city.strip()[:100], state=state
    )


@transaction.atomic
def preceptor_add(
    *, program: TrainingProgram, site: ProgramSite | None, name: str, role: str, email: str
) -> Preceptor:
    errors: dict[str, str] = {}
    if site is None:
        errors["site"] = "Choose the site where they precept."
    _own(program, site, "site", errors)
    name = _clean_name(name, "name", "preceptor's name", errors, 120)
    role = _clean_name(role, "role", "preceptor's role", errors, 120)
    try:
        validate_email(email.strip())
    except ValidationError:
        errors["email"] = "Enter the preceptor's email address."
    if errors:
        raise ValidationError(errors)
    assert site is not None  # checked above; narrows for mypy
    return Preceptor.objects.create(
        program=program, site=site, name=name, role=role, email=email.strip()
    )


@transaction.atomic
def preceptor_remove(*, preceptor: Preceptor) -> None:
    preceptor.delete()


@transaction.atomic
def enrollment_place(
    *, enrollment: Enrollment, cohort: Cohort | None, site: ProgramSite | None
) -> Enrollment:
    """Put an enrolled (or invited) student in a cohort and at a site of the same program."""
    errors: dict[str, str] = {}
    program = enrollment.program
    _own(program, cohort, "cohort", errors)
    _own(program, site, "site", errors)
    if errors:
        raise ValidationError(errors)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    enrollment.cohort, enrollment.site = cohort, site
    enrollment.save(update_fields=["cohort", "site"])
    return enrollment


@transaction.atomic
def cohort_message_send(
    *,
    program: TrainingProgram,
    sender: Any,
    subject: str,
    body: str,
    cohort: Cohort | None = None,
) -> CohortMessage:
    """Email every student enrolled now (in `cohort`, or the whole program); invited students
    who have not accepted and students who left get nothing."""
    errors: dict[str, str] = {}
    subject = _clean_name(subject, "subject", "message a subject", errors, 150)
    if not body.strip():
        errors["body"] = "Write the message first."
    elif len(body.strip()) > 5000:
        errors["body"] = "Keep the message under 5,000 characters."
    _own(program, cohort, "cohort", errors)
    if errors:
        raise ValidationError(errors)
    recipients = Enrollment.objects.filter(
        program=program, status=EnrollmentStatus.ACTIVE
    ).select_related("student")
    if cohort is not None:
        recipients = recipients.filter(cohort=cohort)
    students = [e.student for e in recipients if e.student.is_active]
    if not students:
        raise ValidationError({"cohort": "No enrolled students would get this message."})
    rate_limit_check(
        key=f"experience-cohort-message:{sender.pk}",
        limit=MESSAGE_LIMIT,
        window_seconds=WINDOW_SECONDS,
        action="sent cohort messages",
    )
    sender_name = sender.get_full_name() or sender.email
    message = CohortMessage.objects.create(
        program=program,
        cohort=cohort,
        sender=sender,
        subject=subject,
        body=body.strip(),
        recipient_count=len(students),
    )
    footer = (
        f"\n\n--\nSent by {sender_name}, coordinator of {program.name}, to "
        f"{'the ' + cohort.name + ' cohort' if cohort else 'every enrolled student'}."
    )
    mail_send_after_commit(
        [
            EmailMessage(
                subject=f"[{program.name}] {subject}",
                body=message.body + footer,
                to=[student.email],
                reply_to=[sender.email] if sender.email else [],
            )
            for student in students
        ]
    )
    return message
