"""The apply page previews exactly what the employer's applicant page shows: the same partial,
fed the same values (the profile's display name, not the account name)."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from tests.tracker.factories import pdf_bytes

from rxguild.profiles.models import Profile
from rxguild.tracker.models import TrackedApplication


def _shared_block(html: str) -> dict[str, str]:
    """The <dl class="shared-application"> as {term: text}, links and spacing flattened."""
    block = re.search(r'<dl class="shared-application">(.*?)</dl>', html, re.S)
    assert block is not None
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1), re.S)
    return {
        term: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", value)).strip() for term, value in pairs
    }


def test_the_preview_is_what_the_employer_then_sees(
    member, member_client, posting, recruiter_client
):
    Profile.objects.create(
        user=member, display_name="Maria A.", headline="CPhT, IV room", zip_code="77030"
    )
    before = _shared_block(member_client.get(f"/jobs/apply/{posting.public_id}/").content.decode())
    assert before == {
        "Name": "Maria A.",
        "Email": "maria@example.org",
        "Headline": "CPhT, IV room",
        "Applied": "When you send it",
        "Resume": "The file you upload",
        "Note from the applicant": "None",
    }
    member_client.post(
        f"/jobs/apply/{posting.public_id}/",
        {
            "resume": "upload",
            "resume_file": SimpleUploadedFile("resume.pdf", pdf_bytes(), "application/pdf"),
            "note": "Two years inpatient.",
        },
    )
    application = TrackedApplication.objects.get(member=member)
    employer_view = _shared_block(
        recruiter_client.get(f"/jobs/employer/applicants/{application.pk}/").content.decode()
    )
    assert employer_view.pop("Applied") != "When you send it"
    assert employer_view == {
        "Name": "Maria A.",
        "Email": "maria@example.org",
        "Headline": "CPhT, IV room",
        "Resume": "resume.pdf",
        "Note from the applicant": "Two years inpatient.",
    }


def test_the_preview_follows_the_form_as_it_is_filled(member, member_client, posting):
    response = member_client.get(
        f"/jobs/apply/{posting.public_id}/preview/",
        {"resume": "none", "note": "Available nights.\nCPhT since 2021."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" not in html
    assert _shared_block(html) == {
        "Name": "Maria Alvarez",
        "Email": "maria@example.org",
        "Applied": "When you send it",
        "Resume": "Not shared",
        "Note from the applicant": "Available nights.CPhT since 2021.",
    }
    assert "Available nights.<br>CPhT since 2021." in html
    assert TrackedApplication.objects.count() == 0


def test_the_preview_needs_a_live_posting(member_client, employer):
    from tests.tracker.factories import PostingFactory

    closed = PostingFactory(employer=employer, status="filled")
    response = member_client.get(f"/jobs/apply/{closed.public_id}/preview/")
    assert response.status_code == 404
