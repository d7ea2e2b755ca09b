"""Demo resumes: the demo member's master resume (built from their profile) and a tailored
copy for a hospital IV-room posting from the jobs demo. Idempotent: existing titles are kept."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rxguild.jobs.models import JobPosting
from rxguild.resumes import services
from rxguild.resumes.models import Resume

MASTER_TITLE = "Master resume"
IV_TITLES = ("IV Room Pharmacy Technician", "IV Compounding Technician")


def _iv_posting() -> JobPosting | None:
    postings = JobPosting.objects.filter(
        status=JobPosting.Status.PUBLISHED, title__in=IV_TITLES
    ).order_by("title", "id")
    return postings.first()


def seed(context: Any) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    with transaction.atomic():
        master = Resume.objects.filter(owner=member, title=MASTER_TITLE).first()
        if master is None:
            master = services.resume_create_from_profile(owner=member, title=MASTER_TITLE)
        posting = _iv_posting()
        tailored = None
        if posting is not None:
            tailored = Resume.objects.filter(
                owner=member, kind=Resume.Kind.TAILORED, target_posting=posting
            ).first()
            if tailored is None:
                tailored = services.resume_tailor_for_posting(resume=master, posting=posting)
    context.objects["member_master_resume"] = master
    context.summary.append(
        "Resumes: a master resume"
        + (f" and a copy tailored for “{posting.title}”" if tailored and posting else "")
        + " at /resumes/"
    )
