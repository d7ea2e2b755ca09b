"""A student's side of a training program: accept an invitation (choosing which externship the
coordinator may follow) or leave. Leaving ends the coordinator's view at once; the student's
entries, log and sign-offs stay theirs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rxguild.experience.models import Enrollment, EnrollmentStatus, ExperienceEntry
from rxguild.experience.services.hours import LOGGABLE_KINDS


@transaction.atomic
def enrollment_accept(*, enrollment: Enrollment, entry: ExperienceEntry) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status != EnrollmentStatus.INVITED:
        raise ValidationError("This invitation is no longer open.")
    if entry.member_id != enrollment.student_id or entry.kind not in LOGGABLE_KINDS:
        raise ValidationError({"entry": "Choose one of your externships or internships."})
    enrollment.status = EnrollmentStatus.ACTIVE
    enrollment.entry = entry
    enrollment.save(update_fields=["status", "entry"])
    return enrollment


@transaction.atomic
def enrollment_leave(*, enrollment: Enrollment) -> Enrollment:
    """Decline an invitation or leave a program."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status == EnrollmentStatus.INVITED:
        enrollment.status = EnrollmentStatus.DECLINED
    elif enrollment.status == EnrollmentStatus.ACTIVE:
        enrollment.status = EnrollmentStatus.ENDED
    else:
        raise ValidationError("You are not in this program.")
    enrollment.ended_at = timezone.now()
    enrollment.save(update_fields=["status", "ended_at"])
    return enrollment
