"""Reads for resumes. Every fetch by id goes through an owner check: another member's resume
is a plain 404, with no hint that it exists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.jobs.access import posting_visible_queryset
from rxguild.jobs.models import JobPosting
from rxguild.resumes import ats
from rxguild.resumes.export_text import render_text
from rxguild.resumes.models import Resume, ResumeFile
from rxguild.tracker.models import TrackedApplication

POSTING_CHOICES_LIMIT = 100


def resumes_for_owner(user: Viewer) -> QuerySet[Resume]:
    return Resume.objects.filter(owner_id=user.pk).select_related("target_posting")


def resume_get_for_owner(user: Viewer | None, resume_id: Any) -> Resume:
    if user is None or not user.is_authenticated:
        raise Http404("No such resume.")
    try:
        return Resume.objects.select_related(
            "target_posting__employer", "source_file", "tailored_from"
        ).get(pk=int(resume_id), owner_id=user.pk)
    except (Resume.DoesNotExist, ValueError, TypeError):
        raise Http404("No such resume.") from None


def resume_file_get_for_owner(user: Viewer, file_id: Any) -> ResumeFile:
    try:
        return ResumeFile.objects.get(pk=int(file_id), owner_id=user.pk)
    except (ResumeFile.DoesNotExist, ValueError, TypeError):
        raise Http404("No such file.") from None


def posting_text_for(posting: JobPosting) -> str:
    """What the analyzer reads for a job-board posting: title, required and preferred
    credentials from the structured fields, then the description as written."""
    lines = [posting.title]
    requirements = list(posting.credential_requirements.select_related("credential"))
    required = [r.credential for r in requirements if r.required]
    preferred = [r.credential for r in requirements if not r.required]
    if required:
        lines += ["", "Requirements:"] + [f"- {c.abbreviation or c.name}" for c in required]
    if preferred:
        lines += ["", "Preferred:"] + [f"- {c.abbreviation or c.name}" for c in preferred]
    lines += ["", posting.description]
    return "\n".join(lines)


@dataclass(frozen=True)
class PostingChoice:
    value: str  # "p:<public_id>" for the job board, "t:<id>" for a tracked outside job
    label: str
    group: str


def posting_choices_for(user: Viewer, current: JobPosting | None = None) -> list[PostingChoice]:
    """Postings a member may analyse against: the one the resume is checked against now (if
    still live), their tracker, then the newest live board postings (titles and employers
    only: the descriptions are not read for a list of names)."""
    choices: list[PostingChoice] = []
    seen: set[str] = set()
    if current is not None and current.is_live:
        value = f"p:{current.public_id}"
        seen.add(value)
        label = f"{current.title} — {current.employer.name}"
        choices.append(PostingChoice(value=value, label=label, group="Checked against now"))
    tracked = (
        TrackedApplication.objects.filter(member_id=user.pk)
        .select_related("posting__employer")
        .order_by("-updated_at")[:POSTING_CHOICES_LIMIT]
    )
    for application in tracked:
        if application.posting is not None:
            value = f"p:{application.posting.public_id}"
            if value in seen:
                continue
            label = f"{application.posting.title} — {application.posting.employer.name}"
        elif application.description.strip():
            value = f"t:{application.pk}"
            label = f"{application.title} — {application.organization or 'outside job'}"
        else:
            continue
        seen.add(value)
        choices.append(PostingChoice(value=value, label=label, group="My tracker"))
    board = (
        posting_visible_queryset()
        .select_related("employer")
        .only("public_id", "title", "employer__name")
        .order_by("-date_posted", "-id")
    )
    for posting in board[:POSTING_CHOICES_LIMIT]:
        value = f"p:{posting.public_id}"
        if value not in seen:
            label = f"{posting.title} — {posting.employer.name}"
            choices.append(PostingChoice(value=value, label=label, group="Job board"))
    return choices


def posting_from_choice(user: Viewer | None, value: str) -> tuple[JobPosting | None, str]:
    """(posting, pasted text) for a choice value, checked against what `user` may read."""
    member_id = user.pk if user is not None else None
    kind, _, key = value.partition(":")
    if kind == "p":
        try:
            posting = JobPosting.objects.get(public_id=key)
        except (JobPosting.DoesNotExist, ValueError, TypeError, Exception):
            raise Http404("No such posting.") from None
        tracked = TrackedApplication.objects.filter(member_id=member_id, posting=posting).exists()
        if posting.is_live or tracked:
            return posting, ""
        raise Http404("No such posting.")
    if kind == "t":
        try:
            application = TrackedApplication.objects.get(pk=int(key), member_id=member_id)
        except (TrackedApplication.DoesNotExist, ValueError, TypeError):
            raise Http404("No such posting.") from None
        return None, f"{application.title}\n\n{application.description}"
    raise Http404("No such posting.")


def resume_posting_text(resume: Resume) -> str:
    if resume.target_posting is not None:
        return posting_text_for(resume.target_posting)
    return resume.posting_text


def resume_analysis(resume: Resume, *, resume_text: str | None = None) -> ats.Analysis | None:
    """The analyzer's result for a resume against its chosen posting (None without one).
    Findings from an imported original are passed on: they are why that file may fail."""
    posting_text = resume_posting_text(resume)
    if not posting_text.strip():
        return None
    findings = resume.source_file.findings if resume.source_file is not None else []
    return ats.analyze(
        resume_text=render_text(resume) if resume_text is None else resume_text,
        posting_text=posting_text,
        file_findings=findings,
    )


def posting_text_for_viewer(viewer: Viewer | None, posting_id: UUID | None) -> str:
    """The text of a posting the viewer may read (live, or in their tracker); else 404."""
    posting, _ = posting_from_choice(viewer, f"p:{posting_id}")
    if posting is None:
        raise Http404("No such posting.")
    return posting_text_for(posting)


def credential_resume_line(held: Any) -> str:
    """A held credential as a resume lists it: the name, its abbreviation (ATS filters match
    the literal "CPhT" postings use) and how long it is valid."""
    credential = held.credential
    name = str(credential.name)
    if credential.abbreviation and credential.abbreviation not in name:
        name = f"{name} ({credential.abbreviation})"
    if held.expires_on:
        name += f", valid through {held.expires_on.strftime('%b %Y')}"
    return name


@dataclass(frozen=True)
class BuilderOptions:
    """What the builder offers to pick from: the member's own credentials first, then the
    catalog's credentials and skills (suggestions only; members may type anything)."""

    my_credentials: list[str]
    catalog_credentials: list[str]
    skills: list[str]


def builder_options_for(user: User) -> BuilderOptions:
    """Three queries: the member's credentials, the catalog's credentials, its skills."""
    from rxguild.catalog.models import Credential, Skill
    from rxguild.profiles.models import CredentialHeld

    held = CredentialHeld.objects.filter(profile__user_id=user.pk).select_related("credential")
    return BuilderOptions(
        my_credentials=[credential_resume_line(item) for item in held],
        catalog_credentials=[
            f"{name} ({abbreviation})" if abbreviation and abbreviation not in name else name
            for name, abbreviation in Credential.objects.order_by("name").values_list(
                "name", "abbreviation"
            )
        ],
        skills=list(Skill.objects.order_by("name").values_list("name", flat=True)),
    )
