"""Operations that change resumes. Views, the API and the demo call these alone.

Nothing here invents experience: a master copies what the member's profile says, a tailored
copy only reorders what the master holds, and the analysis page's "I have this" only puts the
posting's wording in a skill field, saved when the member saves (resume_update).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction

from rxguild.core.uploads import UploadRejected, random_storage_name, upload_check
from rxguild.jobs import geo
from rxguild.jobs.models import JobPosting
from rxguild.resumes import ats, importing, sections
from rxguild.resumes.models import Resume, ResumeFile, ResumeTemplate

MAX_RESUMES_PER_MEMBER = 50

TEXT_SECTIONS = {
    "experience_text": ("experience", sections.experience_from_text),
    "education_text": ("education", sections.education_from_text),
    "certifications_text": (
        "certifications",
        lambda text: sections.lines_from_text(text, "Certifications"),
    ),
    "skills_text": ("skills", lambda text: sections.lines_from_text(text, "Skills", limit=120)),
    "links_text": ("links", lambda text: sections.lines_from_text(text, "Links", limit=5)),
    "extra_text": ("extra_sections", sections.extra_from_text),
}
# The same sections as lists (the builder's fields, the API): no text format in between.
STRUCTURED_SECTIONS: dict[str, Any] = {
    "experience": lambda value: sections.entries_clean(
        value, sections.EXPERIENCE_KEYS, "bullets", "Experience"
    ),
    "education": lambda value: sections.entries_clean(
        value, sections.EDUCATION_KEYS, "details", "Education"
    ),
    "certifications": lambda value: sections.lines_clean(value, "Certifications"),
    "skills": lambda value: sections.lines_clean(value, "Skills", limit=120),
    "links": lambda value: sections.lines_clean(value, "Links", limit=5),
    "extra_sections": sections.extra_clean,
}
PLAIN_FIELDS = ("title", "template", "full_name", "email", "phone", "location", "summary")
LIMITS = {"title": 160, "full_name": 120, "phone": 40, "location": 120, "summary": 3000}


def _dates(start: Any, end: Any) -> str:
    if start is None:
        return ""
    first = start.strftime("%b %Y")
    return f"{first} \u2013 {end.strftime('%b %Y') if end else 'Present'}"


def resume_changes_apply(resume: Resume, changes: Mapping[str, Any]) -> None:
    """Validate and set fields; raise ValidationError with per-field messages, set nothing."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name in PLAIN_FIELDS:
            text = str(value or "").strip()
            if name in LIMITS and len(text) > LIMITS[name]:
                errors[name] = f"At most {LIMITS[name]} characters."
            values[name] = text
        elif name in TEXT_SECTIONS:
            attribute, parse = TEXT_SECTIONS[name]
            try:
                values[attribute] = parse(str(value or ""))
            except sections.SectionError as error:
                errors[name] = str(error)
        elif name in STRUCTURED_SECTIONS:
            try:
                values[name] = STRUCTURED_SECTIONS[name](value or [])
            except sections.SectionError as error:
                errors[name] = str(error)
        else:
            raise ValueError(f"Unknown resume field: {name}")
    if "title" in values and not values["title"]:
        errors["title"] = "Give the resume a name (only you see it)."
    if "template" in values and values["template"] not in ResumeTemplate.values:
        errors["template"] = "Pick one of the listed templates."
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = "Enter a valid email address."
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(resume, name, value)


def _place(zip_code: str, state: str) -> str:
    """The contact line's place: "Houston, TX" from the profile's ZIP (a bare "TX" told an
    employer little), else the state alone."""
    if zip_code:
        try:
            centroid = geo.zip_centroid(zip_code)
        except geo.UnknownZipError:
            return state
        if centroid.city and centroid.state == (state or centroid.state):
            return f"{centroid.city}, {centroid.state}"
    return state


def _check_quota(owner: Any) -> None:
    if Resume.objects.filter(owner=owner).count() >= MAX_RESUMES_PER_MEMBER:
        raise ValidationError(
            f"You have {MAX_RESUMES_PER_MEMBER} resumes; delete one before making another."
        )


@transaction.atomic
def resume_create(*, owner: Any, title: str, **fields: Any) -> Resume:
    _check_quota(owner)
    resume = Resume(owner=owner, kind=Resume.Kind.MASTER)
    resume_changes_apply(resume, {"title": title, **fields})
    resume.save()
    return resume


@transaction.atomic
def _add_verified_marks(owner: Any, experience: list[dict[str, Any]]) -> None:
    """Experience verified in the member's ledger carries its mark ("Verified by <name, role,
    site> on <date>") as a bullet: on the profile's matching job (same title and employer),
    or as its own entry when the profile does not list it. The ledger is the member's own
    record, so this adds nothing they did not enter."""
    from rxguild.experience.selectors import verified_experience_for_resume

    def same(entry: dict[str, Any], title: str, employer: str) -> bool:
        return (entry["title"].casefold(), entry["employer"].casefold()) == (
            title.casefold(),
            employer.casefold(),
        )

    for verified in verified_experience_for_resume(owner):
        match = next((e for e in experience if same(e, verified.title, verified.employer)), None)
        if match is None:
            experience.append(
                {
                    "title": verified.title,
                    "employer": verified.employer,
                    "location": verified.location,
                    "dates": _dates(verified.start, verified.end),
                    "bullets": [verified.verified_line],
                }
            )
        elif verified.verified_line not in match["bullets"]:
            match["bullets"].append(verified.verified_line)


def resume_create_from_profile(*, owner: Any, title: str = "") -> Resume:
    """A master resume holding what the member's profile says, nothing more."""
    from rxguild.profiles.selectors import profile_full_for_owner

    _check_quota(owner)
    profile = profile_full_for_owner(owner)
    place = _place(profile.zip_code, profile.state)
    experience = [
        {
            "title": work.title,
            "employer": work.employer,
            "location": ", ".join(part for part in [work.city, work.state] if part),
            "dates": _dates(work.start_date, work.end_date),
            # Each non-empty line of the profile's summary becomes one bullet.
            "bullets": [
                line.strip(" -*\u2022") for line in work.summary.splitlines() if line.strip()
            ],
        }
        for work in profile.work_history.all()
    ]
    _add_verified_marks(owner, experience)
    education = [
        {
            "program": item.program,
            "institution": item.institution,
            "dates": _dates(item.start_date, item.end_date) if item.start_date else "",
            "details": [
                detail
                for detail in [
                    f"Accreditation: {item.accreditation}" if item.accreditation else "",
                    f"Externship: {item.externship_hours} hours" if item.externship_hours else "",
                ]
                if detail
            ],
        }
        for item in profile.education.all()
    ]
    from rxguild.resumes.selectors import credential_resume_line

    certifications = [credential_resume_line(held) for held in profile.credentials.all()]
    skills = [item.skill.name for item in profile.skills.all()]
    resume = Resume.objects.create(
        owner=owner,
        kind=Resume.Kind.MASTER,
        title=title or "Master resume",
        full_name=profile.display_name or "",
        email=owner.email,
        location=place,
        summary="\n\n".join(part for part in [profile.headline, profile.brand_statement] if part)[
            :3000
        ],
        experience=experience,
        education=education,
        certifications=certifications,
        skills=skills,
    )
    return resume


@transaction.atomic
def resume_update(*, resume: Resume, **changes: Any) -> Resume:
    resume_changes_apply(resume, changes)
    resume.save()
    return resume


def _posting_text(posting: JobPosting | None, posting_text: str) -> str:
    from rxguild.resumes.selectors import posting_text_for

    return posting_text_for(posting) if posting is not None else posting_text


@transaction.atomic
def resume_target_set(
    *, resume: Resume, posting: JobPosting | None = None, posting_text: str = ""
) -> Resume:
    """The posting this resume is analysed against: a job-board posting or pasted text."""
    posting_text = posting_text.strip()
    if posting is None and not posting_text:
        raise ValidationError({"posting_text": "Pick a posting or paste its text."})
    if len(posting_text) > 20000:
        raise ValidationError({"posting_text": "At most 20,000 characters of posting text."})
    resume.target_posting = posting
    resume.posting_text = "" if posting is not None else posting_text
    resume.save(update_fields=["target_posting", "posting_text", "updated_at"])
    return resume


def _emphasis_order(items: list[str], wanted: set[str]) -> list[str]:
    """Stable reorder: items that mention something the posting asks for come first."""

    def asked(item: str) -> bool:
        return any(hit.code in wanted for hit in ats.extract(item, fuzzy=False))

    return sorted(items, key=lambda item: not asked(item))


@transaction.atomic
def resume_tailor_for_posting(
    *, resume: Resume, posting: JobPosting | None = None, posting_text: str = ""
) -> Resume:
    """A copy of `resume` for one posting: same facts, with what the posting asks for moved
    to the top of each list. Nothing is added or reworded."""
    _check_quota(resume.owner)
    text = _posting_text(posting, posting_text.strip())
    if not text.strip():
        raise ValidationError({"posting_text": "Pick a posting or paste its text."})
    wanted = {item.code for item in ats.default_analyzer().posting_profile(text).items}
    copy = Resume.objects.get(pk=resume.pk)
    copy.pk = None
    copy.id = None
    copy.kind = Resume.Kind.TAILORED
    copy.tailored_from = resume if resume.kind == Resume.Kind.MASTER else resume.tailored_from
    label = posting.title if posting is not None else "pasted posting"
    copy.title = f"{resume.title} \u2014 for {label}"[:160]
    copy.target_posting = posting
    copy.posting_text = "" if posting is not None else posting_text.strip()[:20000]
    copy.skills = _emphasis_order(list(resume.skills), wanted)
    copy.certifications = _emphasis_order(list(resume.certifications), wanted)
    copy.experience = [
        {**entry, "bullets": _emphasis_order(list(entry.get("bullets", [])), wanted)}
        for entry in resume.experience
    ]
    copy.save()
    return copy


@transaction.atomic
def resume_delete(*, resume: Resume) -> None:
    resume.delete()


def resume_import_file(*, owner: Any, upload: IO[bytes], filename: str, size: int) -> ResumeFile:
    """Check, read and store an uploaded resume. Raises UploadRejected with a member-facing
    message; on any refusal nothing is stored.

    The file is read (in the sandbox, from a private temporary copy) before the transaction
    opens: a slow parse must never hold the database's write lock, and reading from a local
    copy works whatever storage backend keeps the original."""
    checked = upload_check(upload, name=filename, size=size, kinds=importing.KINDS)
    result = importing.upload_text_read(upload, filename=filename, size=size)
    upload.seek(0)
    with transaction.atomic():
        resume_file = ResumeFile(
            owner=owner,
            original_name=checked.original_name,
            content_type=checked.kind.content_type,
            size=checked.size,
            extracted_text=result.text,
            findings=list(result.findings),
        )
        # Saved last: a failure before this line leaves neither a row nor a file.
        resume_file.file.save(
            random_storage_name("resume-imports", checked.kind.extension),
            ContentFile(upload.read()),
            save=True,
        )
    return resume_file


@transaction.atomic
def resume_create_from_import(*, resume_file: ResumeFile, title: str, **fields: Any) -> Resume:
    """The member confirmed (and corrected) the structure read from their file."""
    resume = resume_create(owner=resume_file.owner, title=title, **fields)
    resume.source_file = resume_file
    resume.save(update_fields=["source_file"])
    return resume


__all__ = ["UploadRejected"]
