"""The employer's pipeline: its stages, moving an applicant between them, private notes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from rxguild.accounts.models import User
from rxguild.jobs.models import Employer
from rxguild.tracker.models import (
    ApplicationEvent,
    EmployerNote,
    EmployerStage,
    TrackedApplication,
)
from rxguild.tracker.services.events import application_event_record

DEFAULT_EMPLOYER_STAGES = ("New", "Screening", "Interview", "Offer", "Hired", "Not selected")


@transaction.atomic
def employer_stages_ensure(*, employer: Employer) -> list[EmployerStage]:
    """The employer's stages, creating the defaults the first time they are needed."""
    stages = list(EmployerStage.objects.filter(employer=employer))
    if stages:
        return stages
    for position, name in enumerate(DEFAULT_EMPLOYER_STAGES):
        EmployerStage.objects.get_or_create(
            employer=employer, name=name, defaults={"position": position}
        )
    return list(EmployerStage.objects.filter(employer=employer))


@transaction.atomic
def employer_stages_set(*, employer: Employer, names: list[str]) -> list[EmployerStage]:
    """Replace the employer's stage list (order matters). A stage holding applicants can't
    be removed: the recruiter moves them first, so nobody's status silently disappears."""
    cleaned = [name.strip()[:60] for name in names if name.strip()]
    if not cleaned:
        raise ValidationError("Give at least one stage.")
    if len({name.casefold() for name in cleaned}) != len(cleaned):
        raise ValidationError("Each stage needs a different name.")
    if len(cleaned) > 20:
        raise ValidationError("Use at most 20 stages.")
    current = {stage.name: stage for stage in employer_stages_ensure(employer=employer)}
    for name, stage in current.items():
        if name not in cleaned and TrackedApplication.objects.filter(employer_stage=stage).exists():
            raise ValidationError(
                f"Move the applicants in “{name}” to another stage before removing it."
            )
    for name, stage in current.items():
        if name not in cleaned:
            stage.delete()
    for position, name in enumerate(cleaned):
        EmployerStage.objects.update_or_create(
            employer=employer, name=name, defaults={"position": position}
        )
    return list(EmployerStage.objects.filter(employer=employer))


@transaction.atomic
def employer_application_move(
    *, application: TrackedApplication, stage: EmployerStage, actor: User
) -> TrackedApplication:
    """A recruiter moves an applicant; the applicant sees the new status on their timeline."""
    if application.posting is None or stage.employer_id != application.posting.employer_id:
        raise ValidationError({"stage": "Choose one of your own stages."})
    if application.employer_stage_id == stage.pk:
        return application
    application.employer_stage = stage
    application.save(update_fields=["employer_stage", "updated_at"])
    application_event_record(
        application,
        ApplicationEvent.Kind.EMPLOYER_STAGE,
        f"{application.posting.employer.name} set your application to “{stage.name}”",
        shared=True,
    )
    return application


@transaction.atomic
def employer_note_add(*, application: TrackedApplication, author: User, body: str) -> EmployerNote:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the note first."})
    note = EmployerNote(application=application, author=author, body=body)
    note.full_clean()
    note.save()
    return note
