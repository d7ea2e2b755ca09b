"""One-click apply, what the employer sees, their stages, and the applicant's timeline."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from tests.tracker.factories import PostingFactory, docx_bytes, pdf_bytes

from rxguild.tracker.models import (
    ApplicationEvent,
    ApplicationResume,
    EmployerNote,
    EmployerStage,
    TrackedApplication,
)
from rxguild.tracker.services.applications import APPLY_LIMIT

pytestmark = pytest.mark.django_db


def apply(client, posting, *, resume="upload", content=None, name="resume.pdf", note="Hi!"):
    data = {"resume": resume, "note": note}
    if resume == "upload":
        data["resume_file"] = SimpleUploadedFile(
            name, content if content is not None else pdf_bytes()
        )
    return client.post(reverse("tracker:apply", args=[posting.public_id]), data)


def test_apply_with_an_uploaded_pdf(member, member_client, posting):
    response = apply(member_client, posting, note="Two years inpatient, CPhT.")
    application = TrackedApplication.objects.get(member=member)
    assert response.status_code == 302
    assert response["Location"] == reverse("tracker:detail", args=[application.pk])
    assert (application.stage, application.posting_id, application.shared_note) == (
        "applied",
        posting.pk,
        "Two years inpatient, CPhT.",
    )
    assert (application.shared_name, application.shared_email) == ("Maria Alvarez", member.email)
    assert application.shared_resume.original_name == "resume.pdf"
    assert application.shared_resume.file.name.startswith("job-resumes/")
    assert application.shared_resume.file.name != "job-resumes/resume.pdf"  # random name
    assert application.employer_stage.name == "New"
    assert list(EmployerStage.objects.values_list("name", flat=True)) == [
        "New",
        "Screening",
        "Interview",
        "Offer",
        "Hired",
        "Not selected",
    ]
    assert list(application.events.values_list("kind", "shared")) == [
        ("tracked", False),
        ("applied", True),
    ]


def test_apply_with_docx_then_reuse_it(member, member_client, posting, employer):
    apply(member_client, posting, content=docx_bytes(), name="Maria CV.docx")
    second = PostingFactory(employer=employer)
    resume = ApplicationResume.objects.get()
    response = apply(member_client, second, resume=str(resume.pk))
    assert response.status_code == 302
    assert ApplicationResume.objects.count() == 1
    assert TrackedApplication.objects.get(posting=second).shared_resume == resume


def test_apply_without_resume_moves_a_saved_card(member, member_client, posting):
    member_client.post(reverse("tracker:track_posting", args=[posting.public_id]))
    apply(member_client, posting, resume="none")
    application = TrackedApplication.objects.get()
    assert (application.stage, application.shared_resume, application.is_submitted) == (
        "applied",
        None,
        True,
    )


def _docx_with(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "resume.pdf",
            b"MZ\x90\x00 not a pdf",
            "The file is named .pdf but its contents are not .pdf.",
            id="fake-pdf",
        ),
        pytest.param(
            "resume.exe",
            pdf_bytes(),
            "Only these file types are accepted: .pdf, .docx.",
            id="wrong-extension",
        ),
        pytest.param(
            "resume.docx",
            b"PK\x03\x04garbage",
            "The file is not a Word document we can read: save it again as .docx or PDF. "
            "(It looks damaged or truncated.)",
            id="broken-docx",
        ),
        pytest.param(
            "resume.pdf",
            b"%PDF-" + b"0" * (5 * 1024 * 1024),
            "The file is 5.0 MB; the limit is 5 MB.",
            id="too-big",
        ),
        pytest.param(
            "resume.pdf",
            b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>",
            "We could not read text from this file.",
            id="html-disguised-as-pdf",
        ),
        pytest.param(
            "resume.docx",
            _docx_with({"word/document.xml": b"<w:document>" + b" " * (4 * 1024 * 1024)}),
            "The document is compressed far more than a real resume (over 100:1), so it was "
            "not opened.",
            id="zip-bomb",
        ),
        pytest.param(
            "resume.docx",
            _docx_with(
                {
                    "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;">]><w:document>&b;</w:document>'
                }
            ),
            "The document declares a DTD or entities, which Word never writes; it was not opened.",
            id="entity-expansion",
        ),
    ],
)
def test_bad_resume_file_saves_nothing(member_client, posting, name, content, message, settings):
    response = apply(member_client, posting, content=content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert TrackedApplication.objects.count() == 0
    assert ApplicationResume.objects.count() == 0
    uploads = settings.MEDIA_ROOT / "job-resumes"
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_upload_chosen_without_a_file_is_a_clear_error(member_client, posting):
    response = member_client.post(
        reverse("tracker:apply", args=[posting.public_id]), {"resume": "upload"}
    )
    assert response.status_code == 400
    assert "Choose the file to upload" in response.content.decode()
    assert TrackedApplication.objects.count() == 0


def test_cannot_apply_twice(member_client, posting):
    apply(member_client, posting)
    response = member_client.get(reverse("tracker:apply", args=[posting.public_id]))
    assert response.status_code == 302
    assert TrackedApplication.objects.count() == 1
    assert ApplicationEvent.objects.filter(kind="applied").count() == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"status": "draft"}, id="draft"),
        pytest.param({"status": "filled"}, id="filled"),
        pytest.param({"valid_through": timezone.now() - timedelta(days=1)}, id="expired"),
    ],
)
def test_cannot_apply_to_a_posting_that_is_not_live(member_client, employer, change):
    posting = PostingFactory(employer=employer, **change)
    assert apply(member_client, posting).status_code == 404
    assert TrackedApplication.objects.count() == 0


def test_applying_is_rate_limited(member, member_client, employer):
    postings = PostingFactory.create_batch(APPLY_LIMIT + 1, employer=employer)
    for posting in postings[:APPLY_LIMIT]:
        assert apply(member_client, posting, resume="none").status_code == 302
    response = apply(member_client, postings[-1], resume="none")
    assert response.status_code == 429
    assert "applied to jobs too often" in response.content.decode()
    assert TrackedApplication.objects.filter(member=member).count() == APPLY_LIMIT


# --- The employer's side -----------------------------------------------------------------


def submitted(member_client, posting, member):
    apply(member_client, posting, note="Please consider me.")
    application = TrackedApplication.objects.get(member=member, posting=posting)
    application.notes = "PRIVATE: my salary floor is 22"
    application.save()
    return application


def test_employer_sees_only_what_was_shared(member, member_client, posting, recruiter_client):
    application = submitted(member_client, posting, member)
    page = recruiter_client.get(reverse("tracker:employer_applicants", args=[posting.public_id]))
    detail = recruiter_client.get(reverse("tracker:employer_applicant", args=[application.pk]))
    for response in (page, detail):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Maria Alvarez" in html
        assert "PRIVATE" not in html
    html = detail.content.decode()
    assert "Please consider me." in html
    assert member.email in html
    download = recruiter_client.get(
        reverse("tracker:employer_applicant_resume", args=[application.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()
    assert download["Content-Disposition"] == 'attachment; filename="resume.pdf"'


def test_saved_but_not_submitted_cards_are_invisible_to_employers(
    member_client, posting, recruiter_client
):
    member_client.post(reverse("tracker:track_posting", args=[posting.public_id]))
    card = TrackedApplication.objects.get()
    page = recruiter_client.get(reverse("tracker:employer_applicants", args=[posting.public_id]))
    assert "Maria" not in page.content.decode()
    assert (
        recruiter_client.get(reverse("tracker:employer_applicant", args=[card.pk])).status_code
        == 404
    )


def test_other_employer_gets_404_and_nothing_changes(
    member, member_client, posting, other_recruiter_client, other_client
):
    application = submitted(member_client, posting, member)
    new_stage = EmployerStage.objects.get(name="Interview")
    for client in (other_recruiter_client, other_client):
        for url in (
            reverse("tracker:employer_applicants", args=[posting.public_id]),
            reverse("tracker:employer_applicant", args=[application.pk]),
            reverse("tracker:employer_applicant_resume", args=[application.pk]),
        ):
            assert client.get(url).status_code == 404
        response = client.post(
            reverse("tracker:employer_applicant", args=[application.pk]), {"stage": new_stage.pk}
        )
        assert response.status_code == 404
    application.refresh_from_db()
    assert application.employer_stage.name == "New"
    assert ApplicationEvent.objects.filter(kind="employer_stage").count() == 0


def test_member_resume_download_is_owner_only(member, member_client, posting, other_client):
    application = submitted(member_client, posting, member)
    url = reverse("tracker:resume", args=[application.shared_resume_id])
    assert member_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 404


def test_employer_moves_applicant_and_applicant_sees_it_but_not_internal_notes(
    member, member_client, posting, recruiter_client
):
    application = submitted(member_client, posting, member)
    interview = EmployerStage.objects.get(name="Interview")
    url = reverse("tracker:employer_applicant", args=[application.pk])
    recruiter_client.post(url, {"stage": interview.pk})
    recruiter_client.post(url, {"action": "note", "body": "INTERNAL: strong sterile compounding"})
    application.refresh_from_db()
    assert application.employer_stage == interview
    assert EmployerNote.objects.count() == 1
    member_page = member_client.get(reverse("tracker:detail", args=[application.pk]))
    html = member_page.content.decode()
    assert "Lone Star Health set your application to “Interview”" in html
    assert "INTERNAL" not in html
    board = member_client.get(reverse("tracker:board")).content.decode()
    assert "Employer: Interview" in board
    # The member's own board position is theirs: the employer's move does not change it.
    assert application.stage == "applied"


def test_employer_cannot_use_another_employers_stage(
    member, member_client, posting, recruiter_client, other_recruiter_client
):
    application = submitted(member_client, posting, member)
    other_recruiter_client.get(reverse("tracker:employer_applicants_home"))
    foreign = EmployerStage.objects.create(employer=PostingFactory().employer, name="Foreign")
    recruiter_client.post(
        reverse("tracker:employer_applicant", args=[application.pk]), {"stage": foreign.pk}
    )
    application.refresh_from_db()
    assert application.employer_stage.name == "New"


def test_employer_stages_are_editable_but_not_while_in_use(
    member, member_client, posting, recruiter_client, employer
):
    submitted(member_client, posting, member)
    url = reverse("tracker:employer_stages", args=[employer.pk])
    response = recruiter_client.post(url, {"names": "Screening\nPhone screen\nHired"})
    assert response.status_code == 400
    assert "Move the applicants in “New”" in response.content.decode()
    assert EmployerStage.objects.filter(employer=employer).count() == 6
    response = recruiter_client.post(url, {"names": "New\nPhone screen\nOn-site\nHired"})
    assert response.status_code == 302
    assert list(EmployerStage.objects.filter(employer=employer).values_list("name", flat=True)) == [
        "New",
        "Phone screen",
        "On-site",
        "Hired",
    ]


def test_applicant_list_query_count_is_bounded(
    employer, posting, recruiter_client, django_assert_max_num_queries
):
    from django.test import Client
    from tests.tracker.factories import UserFactory

    for _ in range(8):
        client = Client()
        client.force_login(UserFactory())
        apply(client, posting, resume="none")
    url = reverse("tracker:employer_applicants", args=[posting.public_id])
    recruiter_client.get(url)
    # 7 for the session and allauth's user-session bookkeeping, then the posting, the
    # stages (3 with the atomic block's savepoint), applicants, their shared events.
    with django_assert_max_num_queries(13):
        response = recruiter_client.get(url)
    assert response.content.decode().count('class="tracker-card"') == 8


def test_employer_pages_404_for_non_recruiters(member_client):
    assert member_client.get(reverse("tracker:employer_applicants_home")).status_code == 404


def test_application_get_for_viewer_decides_in_one_place(
    member, member_client, posting, recruiter, other_member
):
    from django.http import Http404

    from rxguild.tracker.access import application_get_for_viewer

    member_client.post(reverse("tracker:track_posting", args=[posting.public_id]))
    card = TrackedApplication.objects.get()
    access = application_get_for_viewer(member, card.pk)
    assert (access.as_member, access.as_employer) == (True, False)
    with pytest.raises(Http404):  # saved, not sent: the employer has nothing to see yet
        application_get_for_viewer(recruiter, card.pk)
    apply(member_client, posting, resume="none")
    access = application_get_for_viewer(recruiter, card.pk)
    assert (access.as_member, access.as_employer) == (False, True)
    with pytest.raises(Http404):
        application_get_for_viewer(other_member, card.pk)


def test_withdrawing_is_the_one_board_move_the_employer_sees(
    member, member_client, posting, recruiter_client
):
    application = submitted(member_client, posting, member)
    move = reverse("tracker:move", args=[application.pk])
    member_client.post(move, {"stage": "interviewing"})
    member_client.post(move, {"stage": "withdrawn"})
    html = recruiter_client.get(
        reverse("tracker:employer_applicant", args=[application.pk])
    ).content.decode()
    assert "Withdrew the application" in html
    assert "Moved to Interviewing" not in html
