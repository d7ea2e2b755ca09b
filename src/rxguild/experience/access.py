"""Who may see or change experience rows: the one place that decides.

Pages, the API and (later) the public profile ask here. The rules:

- A member sees and changes only their own entries. Anyone else's entry id is a plain 404,
  never a 403, so nobody learns that it exists; nothing changes.
- Hour-log days and sign-off requests belong to the entry's member, like the entry; the
  preceptor reaches one sign-off only through its signed link.
- A verification request belongs to the entry's member: only they see it, withdraw it, or
  accept or reject a correction.
- The verifier has no account: the signed link is their only key, and it opens exactly one
  request (services.verification checks it).
- A training program's coordinator sees, for students who accepted the program's invitation
  and only while they stay enrolled, the linked externship's hours and sign-offs; other
  programs' students are a 404, pages, CSV and API alike. Coordinators keep their program's
  cohorts, sites and preceptor lists and invite students; a cohort, site, preceptor or student
  id of another program is a 404 (program_part_get, enrollment_get_for_coordinator).
- An evaluation belongs to the entry's member, who sees the result. The preceptor reaches it
  (and an hour sign-off) through its signed link, or signed in when one of their account's
  *verified* emails is the one the student gave, and only while it waits for an answer.
- Everyone else sees only *verified* entries, only on the member's profile, and only when the
  profile's own rules (profiles.access) let them see its work history: verified experience is
  work history with a stronger claim, so it never reaches a wider audience than work history.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.http import Http404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.experience.models import (
    CompetencyRecord,
    Enrollment,
    EnrollmentStatus,
    Evaluation,
    EvaluationStatus,
    ExperienceEntry,
    ExperienceVerification,
    HourLogLine,
    HourSignOff,
    SignOffStatus,
    TrainingProgram,
    VerificationStatus,
)
from rxguild.profiles.selectors import ProfileView


def entries_visible_to_owner(viewer: Viewer) -> QuerySet[ExperienceEntry]:
    """The viewer's own entries (empty for a signed-out viewer)."""
    if not isinstance(viewer, User):
        return ExperienceEntry.objects.none()
    return ExperienceEntry.objects.filter(member=viewer)


def entry_get_for_owner(viewer: Viewer | None, entry_id: int) -> ExperienceEntry:
    """The viewer's entry `entry_id`, or Http404 (someone else's, missing, or signed out)."""
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such entry.")
    try:
        return (
            ExperienceEntry.objects.select_related("setting")
            .prefetch_related("duties", "verifications")
            .get(pk=entry_id, member=viewer)
        )
    except (ExperienceEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such entry.") from None


def verification_get_for_owner(
    viewer: Viewer | None, verification_id: int
) -> ExperienceVerification:
    """A verification request of one of the viewer's entries, or Http404."""
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such request.")
    try:
        return ExperienceVerification.objects.select_related("entry__setting").get(
            pk=verification_id, entry__member=viewer
        )
    except (ExperienceVerification.DoesNotExist, ValueError, TypeError):
        raise Http404("No such request.") from None


def verified_entries_for_profile_view(view: ProfileView) -> QuerySet[ExperienceEntry]:
    """The verified entries this profile viewer may see (none if work history is hidden).

    `view` was built by profiles.selectors.profile_get_for_viewer, which already applied the
    profile's visibility, deactivation and block rules (a 404 before we get here) and left
    `view.work` None when this viewer may not see work history.
    """
    if view.work is None:  # the profile hid its work history from this viewer
        return ExperienceEntry.objects.none()
    return ExperienceEntry.objects.filter(
        member_id=view.profile.user_id, verifications__status=VerificationStatus.CONFIRMED
    ).distinct()


def log_line_get_for_owner(viewer: Viewer | None, line_id: int) -> HourLogLine:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such day.")
    try:
        return HourLogLine.objects.select_related("entry").get(pk=line_id, entry__member=viewer)
    except (HourLogLine.DoesNotExist, ValueError, TypeError):
        raise Http404("No such day.") from None


def signoff_get_for_owner(viewer: Viewer | None, signoff_id: int) -> HourSignOff:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such sign-off.")
    try:
        return HourSignOff.objects.get(pk=signoff_id, entry__member=viewer)
    except (HourSignOff.DoesNotExist, ValueError, TypeError):
        raise Http404("No such sign-off.") from None


def competency_record_get_for_owner(viewer: Viewer | None, record_id: int) -> CompetencyRecord:
    """Competency records are the member's own, like entries; anyone else gets a 404."""
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such record.")
    try:
        return CompetencyRecord.objects.get(pk=record_id, member=viewer)
    except (CompetencyRecord.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record.") from None


def programs_for_coordinator(viewer: Viewer) -> QuerySet[TrainingProgram]:
    if not isinstance(viewer, User):
        return TrainingProgram.objects.none()
    return TrainingProgram.objects.filter(coordinators=viewer)


def program_get_for_coordinator(viewer: Viewer | None, program_id: int) -> TrainingProgram:
    """A program the viewer coordinates, or Http404 (another program's id reveals nothing)."""
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such program.")
    try:
        return TrainingProgram.objects.get(pk=program_id, coordinators=viewer)
    except (TrainingProgram.DoesNotExist, ValueError, TypeError):
        raise Http404("No such program.") from None


def enrollments_visible_to_coordinator(program: TrainingProgram) -> QuerySet[Enrollment]:
    """Only students who accepted and are still enrolled: an invitation not yet accepted, a
    student who left or was ended shows nothing of their record."""
    return Enrollment.objects.filter(program=program, status=EnrollmentStatus.ACTIVE)


def enrollment_get_for_student(viewer: Viewer | None, enrollment_id: int) -> Enrollment:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such enrolment.")
    try:
        return Enrollment.objects.select_related("program").get(pk=enrollment_id, student=viewer)
    except (Enrollment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such enrolment.") from None


def evaluation_get_for_owner(viewer: Viewer | None, evaluation_id: int) -> Evaluation:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such evaluation.")
    try:
        return Evaluation.objects.select_related("entry").get(
            pk=evaluation_id, entry__member=viewer
        )
    except (Evaluation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such evaluation.") from None


def _addressed_to(viewer: User, field: str) -> Q | None:
    """Rows whose `field` is one of the viewer's *verified* emails (an unverified address
    proves nothing), in any case the student typed; None when they have none."""
    emails = EmailAddress.objects.filter(user=viewer, verified=True).values_list("email", flat=True)
    addressed = Q()
    for email in emails:  # a member has one or two addresses
        addressed |= Q(**{f"{field}__iexact": email})
    return addressed or None


def evaluations_assigned_to(viewer: Viewer) -> QuerySet[Evaluation]:
    """Evaluations waiting for this signed-in preceptor, never their own placement's."""
    if not isinstance(viewer, User):
        return Evaluation.objects.none()
    addressed = _addressed_to(viewer, "evaluator_email")
    if addressed is None:
        return Evaluation.objects.none()
    return (
        Evaluation.objects.filter(addressed, status=EvaluationStatus.PENDING)
        .exclude(entry__member=viewer)
        .select_related("entry__member")
    )


def signoffs_assigned_to(viewer: Viewer) -> QuerySet[HourSignOff]:
    """Hour sign-offs waiting for this signed-in preceptor, as for evaluations."""
    if not isinstance(viewer, User):
        return HourSignOff.objects.none()
    addressed = _addressed_to(viewer, "preceptor_email")
    if addressed is None:
        return HourSignOff.objects.none()
    return (
        HourSignOff.objects.filter(addressed, status=SignOffStatus.PENDING)
        .exclude(entry__member=viewer)
        .select_related("entry__member")
    )


def signoff_get_for_preceptor(viewer: Viewer | None, signoff_id: int) -> HourSignOff:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such sign-off.")
    try:
        return signoffs_assigned_to(viewer).get(pk=signoff_id)
    except (HourSignOff.DoesNotExist, ValueError, TypeError):
        raise Http404("No such sign-off.") from None


def evaluation_get_for_evaluator(viewer: Viewer | None, evaluation_id: int) -> Evaluation:
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such evaluation.")
    try:
        return evaluations_assigned_to(viewer).get(pk=evaluation_id)
    except (Evaluation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such evaluation.") from None


def program_part_get(program: TrainingProgram, model: type[Any], part_id: Any) -> Any:
    """A cohort, site or preceptor of `program` (which access already gave the coordinator),
    or Http404: another program's id is a 404, never a way in."""
    try:
        return model.objects.get(pk=int(part_id), program=program)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not part of this program.") from None


def program_part_or_none(program: TrainingProgram, model: type[Any], part_id: Any) -> Any:
    """As program_part_get, for an optional choice: empty means none."""
    if part_id in (None, ""):
        return None
    return program_part_get(program, model, part_id)


def enrollment_get_for_coordinator(program: TrainingProgram, enrollment_id: Any) -> Enrollment:
    """An enrolled student of `program`; invited (not yet accepted) or gone is a 404, as on
    the cohort page."""
    try:
        return Enrollment.objects.select_related("program").get(
            pk=int(enrollment_id), program=program, status=EnrollmentStatus.ACTIVE
        )
    except (Enrollment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such student in this program.") from None
