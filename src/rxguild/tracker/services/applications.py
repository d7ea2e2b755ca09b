"""The member's tracker: cards, moves, applying with a resume, contacts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.ratelimit import rate_limit_check
from rxguild.jobs.models import JobPosting
from rxguild.tracker.board import (
    STAGE_LABELS,
    BoardError,
    CardPlace,
    Move,
    Stage,
    changed_places,
    columns_from_places,
    move_card,
    place_card,
)
from rxguild.tracker.models import (
    ApplicationContact,
    ApplicationEvent,
    ApplicationResume,
    TrackedApplication,
)
from rxguild.tracker.selectors import shared_identity
from rxguild.tracker.services.events import application_event_record
from rxguild.tracker.services.pipeline import employer_stages_ensure
from rxguild.tracker.uploads import resume_file_validate

# Applying is free for members but costly for employers to triage: 20 an hour stops scripted
# mass applying while leaving room for a busy evening of real applications.
APPLY_LIMIT = 20
APPLY_WINDOW_SECONDS = 3600


def _next_position(member: User, stage: str) -> int:
    top = TrackedApplication.objects.filter(member=member, stage=stage).aggregate(
        top=Max("position")
    )["top"]
    return 0 if top is None else top + 1


def _clean_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError({"external_url": "Paste the job's full web address (https://…)."})
    return url


def _clean_stage(stage: str) -> Stage:
    try:
        return Stage(stage)
    except ValueError:
        raise ValidationError({"stage": "Choose one of the tracker's stages."}) from None


# --- The member's tracker ----------------------------------------------------------------


@transaction.atomic
def tracked_application_add_external(
    *,
    member: User,
    title: str,
    external_url: str,
    organization: str = "",
    location: str = "",
    description: str = "",
    stage: str = Stage.SAVED.value,
) -> TrackedApplication:
    """Track a job found elsewhere: the member pastes its address and description."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the job a title."
    try:
        external_url = _clean_url(external_url)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    checked_stage = _clean_stage(stage)
    application = TrackedApplication(
        member=member,
        title=title.strip()[:200],
        organization=organization.strip()[:200],
        location=location.strip()[:200],
        external_url=external_url,
        description=description.strip(),
        stage=checked_stage.value,
        position=_next_position(member, checked_stage.value),
        applied_on=timezone.localdate() if checked_stage is Stage.APPLIED else None,
    )
    application.full_clean()
    application.save()
    application_event_record(
        application, ApplicationEvent.Kind.TRACKED, "Added to your tracker", shared=False
    )
    return application


def _posting_place(posting: JobPosting) -> str:
    if posting.location_type == JobPosting.LocationType.REMOTE:
        return "Remote"
    return ", ".join(part for part in (posting.city, posting.state) if part)


@transaction.atomic
def tracked_application_track_posting(*, member: User, posting: JobPosting) -> TrackedApplication:
    """Save an RxGuild posting to the tracker (idempotent: tracking twice returns the card)."""
    existing = TrackedApplication.objects.filter(member=member, posting=posting).first()
    if existing is not None:
        return existing
    application = TrackedApplication.objects.create(
        member=member,
        posting=posting,
        title=posting.title,
        organization=posting.employer.name,
        location=_posting_place(posting),
        stage=Stage.SAVED.value,
        position=_next_position(member, Stage.SAVED.value),
    )
    application_event_record(
        application, ApplicationEvent.Kind.TRACKED, "Saved from RxGuild jobs", shared=False
    )
    return application


@dataclass(frozen=True)
class ResumeChoice:
    """What to send: an earlier upload, a new file, or nothing."""

    existing: ApplicationResume | None = None
    upload: IO[bytes] | None = None
    upload_name: str = ""


@transaction.atomic
def application_resume_upload(
    *, member: User, upload: IO[bytes], filename: str
) -> ApplicationResume:
    """Keep a checked resume file for applying. Validated before anything is written; the
    file write is the last step, so bad input leaves neither a row nor a file."""
    checked = resume_file_validate(upload, filename=filename)
    resume = ApplicationResume(
        member=member,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=len(checked.content),
    )
    resume.file.save(f"resume{checked.extension}", ContentFile(checked.content), save=False)
    resume.save()
    return resume


@transaction.atomic
def application_submit(
    *, member: User, posting: JobPosting, resume: ResumeChoice, note: str = ""
) -> TrackedApplication:
    """One-click apply to an RxGuild posting.

    The employer sees a snapshot of what the member chose to share (name, email, headline,
    the note and the chosen resume) and nothing else from the member's tracker or profile.
    """
    rate_limit_check(
        key=f"job-apply:{member.pk}",
        limit=APPLY_LIMIT,
        window_seconds=APPLY_WINDOW_SECONDS,
        action="applied to jobs",
    )
    if not posting.is_live:
        raise ValidationError("This job is no longer taking applications.")
    if len(note) > 4000:
        raise ValidationError({"note": "Keep the note under 4,000 characters."})
    application = (
        TrackedApplication.objects.select_for_update()
        .filter(member=member, posting=posting)
        .first()
    )
    if application is not None and application.is_submitted:
        raise ValidationError("You have already applied to this job.")
    chosen: ApplicationResume | None = None
    if resume.upload is not None:
        chosen = application_resume_upload(
            member=member, upload=resume.upload, filename=resume.upload_name
        )
    elif resume.existing is not None:
        if resume.existing.member_id != member.pk:
            raise ValidationError({"resume": "Choose one of your own resumes."})
        chosen = resume.existing
    if application is None:
        application = tracked_application_track_posting(member=member, posting=posting)
    identity = shared_identity(member)
    before = columns_from_places(_places(member))
    after = place_card(before, application.pk, Stage.APPLIED, None)
    _write_places(member, changed_places(before, after))
    application.refresh_from_db()
    application.submitted_at = timezone.now()
    application.applied_on = timezone.localdate()
    application.shared_resume = chosen
    application.shared_note = note.strip()
    application.shared_name = identity.name
    application.shared_email = identity.email
    application.shared_headline = identity.headline
    application.employer_stage = employer_stages_ensure(employer=posting.employer)[0]
    application.save()
    application_event_record(
        application, ApplicationEvent.Kind.APPLIED, "Applied through RxGuild", shared=True
    )
    return application


def _places(member: User) -> list[CardPlace]:
    return [
        CardPlace(card_id=pk, stage=Stage(stage), position=position)
        for pk, stage, position in TrackedApplication.objects.filter(member=member).values_list(
            "pk", "stage", "position"
        )
    ]


def _write_places(member: User, places: list[CardPlace]) -> None:
    for place in places:
        TrackedApplication.objects.filter(member=member, pk=place.card_id).update(
            stage=place.stage.value, position=place.position, updated_at=timezone.now()
        )


def _record_stage_change(application: TrackedApplication, old_stage: str) -> None:
    application.refresh_from_db()
    if application.stage == old_stage:
        return
    if application.stage == Stage.APPLIED.value and application.applied_on is None:
        application.applied_on = timezone.localdate()
        application.save(update_fields=["applied_on", "updated_at"])
    withdrawn = application.stage == Stage.WITHDRAWN.value and application.is_submitted
    application_event_record(
        application,
        ApplicationEvent.Kind.MEMBER_STAGE,
        "Withdrew the application"
        if withdrawn
        else f"Moved to {STAGE_LABELS[Stage(application.stage)]}",
        # The member's board is private, except that an employer must learn of a withdrawal.
        shared=withdrawn,
    )


@transaction.atomic
def tracked_application_move(*, application: TrackedApplication, move: str) -> TrackedApplication:
    """A keyboard move (left, right, up, down) of one card on its owner's board."""
    try:
        checked = Move(move)
    except ValueError:
        raise ValidationError("Choose left, right, up or down.") from None
    old_stage = application.stage
    before = columns_from_places(_places(application.member))
    try:
        after = move_card(before, application.pk, checked)
    except BoardError as error:
        raise ValidationError(str(error)) from None
    _write_places(application.member, changed_places(before, after))
    _record_stage_change(application, old_stage)
    return application


@transaction.atomic
def tracked_application_place(
    *, application: TrackedApplication, stage: str, index: int | None = None
) -> TrackedApplication:
    """Put a card in a stage (the stage select, or a drop at `index` in a column)."""
    checked = _clean_stage(stage)
    old_stage = application.stage
    before = columns_from_places(_places(application.member))
    if index is None and checked.value == old_stage:
        return application  # choosing the card's own stage keeps its place
    after = place_card(before, application.pk, checked, index)
    _write_places(application.member, changed_places(before, after))
    _record_stage_change(application, old_stage)
    return application


@transaction.atomic
def tracked_application_update(
    *, application: TrackedApplication, **fields: Any
) -> TrackedApplication:
    """Edit the member's own details of a card: notes, dates, and (for external jobs) the job."""
    editable = {"notes", "applied_on", "follow_up_on", "location", "organization", "title"}
    if application.posting_id is None:
        editable |= {"external_url", "description"}
    unknown = set(fields) - editable
    if unknown:
        raise ValidationError(f"These fields can't be changed here: {', '.join(sorted(unknown))}.")
    # An explicit null for a text field (the API schema allows it) clears the field: the
    # columns hold "" for "nothing", never NULL.
    for name in editable - {"applied_on", "follow_up_on"}:
        if name in fields and fields[name] is None:
            fields[name] = ""
    if "external_url" in fields:
        fields["external_url"] = _clean_url(fields["external_url"])
    if "title" in fields and not str(fields["title"]).strip():
        raise ValidationError({"title": "Give the job a title."})
    for name, value in fields.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    if "follow_up_on" in fields:
        application.follow_up_reminded_for = None  # a new date deserves its own reminder
    application.full_clean(exclude=["member", "posting", "shared_resume", "employer_stage"])
    application.save()
    return application


@transaction.atomic
def tracked_application_delete(*, application: TrackedApplication) -> None:
    if application.is_submitted:
        raise ValidationError(
            "You applied to this job through RxGuild, so the employer has it: move it to "
            "Withdrawn instead of deleting it."
        )
    application.delete()


@transaction.atomic
def application_contact_add(
    *, application: TrackedApplication, name: str, role: str = "", email: str = "", phone: str = ""
) -> ApplicationContact:
    contact = ApplicationContact(
        application=application,
        name=name.strip(),
        role=role.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def application_contact_delete(*, contact: ApplicationContact) -> None:
    contact.delete()
