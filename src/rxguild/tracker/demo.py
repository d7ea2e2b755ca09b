"""Demo tracker for the demo member: six applications across the stages (five RxGuild
postings, one outside job), an informational interview and a saved search. Called at the
after jobs.demo (DEMO_APPS order); idempotent (everything is looked up by natural key first)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.utils import timezone
from fpdf import FPDF

from rxguild.jobs.alerts.services import saved_search_create
from rxguild.jobs.models import JobPosting, SavedSearch
from rxguild.tracker.models import (
    ApplicationResume,
    EmployerStage,
    InformationalInterview,
    TrackedApplication,
)
from rxguild.tracker.services.applications import (
    ResumeChoice,
    application_contact_add,
    application_resume_upload,
    application_submit,
    tracked_application_add_external,
    tracked_application_place,
    tracked_application_track_posting,
    tracked_application_update,
)
from rxguild.tracker.services.interviews import informational_interview_add
from rxguild.tracker.services.pipeline import employer_application_move

EXTERNAL_URL = "https://careers.example.com/rivera-pharmacy/cpht-day-shift"


def _demo_resume_pdf() -> bytes:
    """A one-page PDF for the employer's download link: resume files are parsed in the
    sandbox before they are kept, so it has to be a real document."""
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Maria Alvarez, CPhT - Pharmacy Technician")
    return bytes(document.output())


# (member stage, submitted?, employer stage name or None)
PLAN = [
    ("interviewing", True, "Interview"),
    ("applied", True, None),
    ("applied", True, None),
    ("saved", False, None),
    ("rejected", True, "Not selected"),
]


def _postings() -> list[JobPosting]:
    live = JobPosting.objects.filter(
        status=JobPosting.Status.PUBLISHED, valid_through__gt=timezone.now()
    ).select_related("employer")
    # The recruiter demo user works for Lone Star Health: give them applicants to see.
    lone_star = list(live.filter(employer__slug="lone-star-health").order_by("external_id")[:3])
    others = list(live.exclude(employer__slug="lone-star-health").order_by("external_id")[:2])
    return lone_star + others


def seed(context: Any) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    recruiter = context.objects.get("recruiter")
    resume = ApplicationResume.objects.filter(member=member).first()
    if resume is None:
        resume = application_resume_upload(
            member=member, upload=io.BytesIO(_demo_resume_pdf()), filename="Maria-Alvarez-CPhT.pdf"
        )
    for posting, (stage, submit, employer_stage) in zip(_postings(), PLAN, strict=False):
        application = TrackedApplication.objects.filter(member=member, posting=posting).first()
        if application is not None:
            continue  # seeded on an earlier run
        if submit:
            application = application_submit(
                member=member,
                posting=posting,
                resume=ResumeChoice(existing=resume),
                note="I'm a CPhT with two years of inpatient experience and would love to talk.",
            )
        else:
            application = tracked_application_track_posting(member=member, posting=posting)
        tracked_application_place(application=application, stage=stage)
        if employer_stage:
            stage_row = EmployerStage.objects.filter(
                employer=posting.employer, name=employer_stage
            ).first()
            if stage_row is not None:
                employer_application_move(application=application, stage=stage_row, actor=recruiter)
    if not TrackedApplication.objects.filter(member=member, external_url=EXTERNAL_URL).exists():
        external = tracked_application_add_external(
            member=member,
            title="Certified Pharmacy Technician, day shift",
            organization="Rivera Family Pharmacy",
            location="San Marcos, TX",
            external_url=EXTERNAL_URL,
            description="Independent pharmacy; compounding experience a plus. $19-22/hour.",
            stage="applied",
        )
        tracked_application_update(
            application=external,
            notes="Applied on their site. Ask about the compounding lab.",
            follow_up_on=timezone.localdate() + timedelta(days=3),
        )
        application_contact_add(
            application=external, name="Dana Rivera", role="Owner / PIC", email="dana@example.com"
        )
    if not InformationalInterview.objects.filter(member=member, person_name="Jordan Kim").exists():
        informational_interview_add(
            member=member,
            person_name="Jordan Kim",
            person_role="Nuclear pharmacy technician",
            organization="Gulf Coast Radiopharmacy",
            held_on=timezone.localdate() - timedelta(days=9),
            learned="Shifts start at 2 a.m.; radiation safety training happens on the job; "
            "CPhT required, sterile compounding experience preferred.",
            next_step="Ask to shadow a morning shift",
            next_step_on=timezone.localdate() + timedelta(days=14),
        )
    if not SavedSearch.objects.filter(member=member, name="CPhT jobs near Austin").exists():
        saved_search_create(
            member=member,
            name="CPhT jobs near Austin",
            query_string="q=technician&zip=78701&radius=25",
            frequency="weekly",
        )
    count = TrackedApplication.objects.filter(member=member).count()
    context.summary.append(
        f"Tracker: demo member has {count} tracked applications, an informational "
        "interview and a saved search."
    )
