"""Pages through the test client: list, import, analysis, exports (the builder: test_builder)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from tests.resumes.builder.conftest import docx_bytes, make_resume
from tests.resumes.builder.test_builder import form_values

from rxguild.resumes.models import Resume, ResumeFile

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_list_shows_only_my_resumes_in_bounded_queries(
    signed_in, member, other_member, django_assert_max_num_queries
):
    for number in range(5):
        make_resume(member, title=f"Mine {number}")
    make_resume(other_member, title="Someone else's")
    with django_assert_max_num_queries(9):  # session, user, layout; one for the list
        response = signed_in.get(reverse("resumes:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<th scope="row"><a href="/resumes/') == 5
    assert "Someone else" not in body


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("resumes:list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "resumes:detail", []),
        ("get", "resumes:analyze", []),
        ("get", "resumes:export", ["pdf"]),
        ("post", "resumes:detail", []),
        ("post", "resumes:builder_preview", []),
        ("post", "resumes:delete", []),
        ("post", "resumes:analyze_save", []),
        ("post", "resumes:preview", []),
        ("post", "resumes:target", []),
    ],
    ids=[
        "detail",
        "analyze",
        "export",
        "edit",
        "preview",
        "delete",
        "analyze-save",
        "analyze-preview",
        "target",
    ],
)
def test_another_members_resume_is_a_404_and_unchanged(signed_in, other_member, method, name, args):
    theirs = make_resume(other_member, summary="Theirs.")
    url = reverse(name, args=[theirs.pk, *args])
    response = getattr(signed_in, method)(
        url,
        {
            "summary": "Hacked",
            "have": "Hacked",
            "skills-TOTAL_FORMS": "1",
            "skills-0-name": "Hacked",
            "posting_text": "x",
        },
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.summary == "Theirs."
    assert theirs.skills == ["Customer service", "Aseptic technique"]
    assert theirs.posting_text == ""


def test_import_docx_confirm_and_analyze(signed_in, member, iv_posting):
    upload = io.BytesIO(docx_bytes(table=True))
    upload.name = "ana.docx"
    response = signed_in.post(reverse("resumes:import"), {"file": upload})
    resume_file = ResumeFile.objects.get(owner=member)
    assert response.status_code == 302
    confirm_url = reverse("resumes:import_confirm", args=[resume_file.pk])
    assert response["Location"] == confirm_url
    page = signed_in.get(confirm_url).content.decode()
    assert "It uses tables" in page
    assert 'value="ana@example.org"' in page

    # The structure read from the file is in the builder's fields, one per part.
    values = form_values(page)
    assert values["experience-0-employer"] != "" or values["experience-0-title"] != ""
    assert " | " not in values["experience-0-title"]
    assert Resume.objects.count() == 0  # nothing saved before the member confirms
    values.update(
        {
            "title": "Imported",
            "full_name": "Ana Rivera",
            "skills-TOTAL_FORMS": "1",
            "skills-0-name": "Aseptic technique",
        }
    )
    response = signed_in.post(confirm_url, {**values, "op": "save"})
    resume = Resume.objects.get(owner=member)
    assert response.status_code == 302
    assert resume.source_file == resume_file

    target = signed_in.post(
        reverse("resumes:target", args=[resume.pk]), {"posting": f"p:{iv_posting.public_id}"}
    )
    assert target.status_code == 302
    page = signed_in.get(reverse("resumes:analyze", args=[resume.pk])).content.decode()
    assert "Score: " in page
    assert "Matched (" in page
    assert "[REQUIRED]" in page
    assert "tables" in page


def test_tailor_from_the_analysis_page(signed_in, member, iv_posting):
    master = make_resume(member)
    response = signed_in.post(
        reverse("resumes:target", args=[master.pk]),
        {"posting": f"p:{iv_posting.public_id}", "tailor": "1"},
    )
    copy = Resume.objects.get(kind=Resume.Kind.TAILORED)
    assert response.status_code == 302
    assert response["Location"] == reverse("resumes:analyze", args=[copy.pk])
    assert copy.target_posting == iv_posting
    assert copy.tailored_from == master


def test_exports_download(signed_in, member):
    resume = make_resume(member)
    docx = signed_in.get(reverse("resumes:export", args=[resume.pk, "docx"]))
    assert docx.status_code == 200
    assert docx["Content-Disposition"] == 'attachment; filename="ana-rivera-resume.docx"'
    assert "Ana Rivera" in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    text = signed_in.get(reverse("resumes:export", args=[resume.pk, "txt"]))
    assert text.content.decode().startswith("Ana Rivera\n")
    assert signed_in.get(reverse("resumes:export", args=[resume.pk, "exe"])).status_code == 404


def test_hostile_upload_shows_a_clear_error(signed_in, member):
    upload = io.BytesIO(b"%PDF-1.7 pretending")
    upload.name = "resume.docx"
    response = signed_in.post(reverse("resumes:import"), {"file": upload})
    assert response.status_code == 422
    assert "named .docx but its contents are not .docx" in response.content.decode()
    assert ResumeFile.objects.count() == 0


def test_delete_asks_then_deletes(signed_in, member):
    resume = make_resume(member)
    url = reverse("resumes:delete", args=[resume.pk])
    assert signed_in.get(url).status_code == 200
    assert Resume.objects.count() == 1
    assert signed_in.post(url).status_code == 302
    assert Resume.objects.count() == 0


def test_analyze_page_queries_do_not_grow_with_postings(
    signed_in, member, django_assert_max_num_queries
):
    from tests.jobs.factories import EmployerFactory, publish

    employer = EmployerFactory()
    postings = [publish(employer, title=f"Technician {n}") for n in range(6)]
    resume = make_resume(member, target_posting=postings[0])
    url = reverse("resumes:analyze", args=[resume.pk])
    signed_in.get(url)
    # 7 for the session, user and allauth's bookkeeping (as on the tracker's pages), then the
    # resume, the posting's credentials, the tracker and the board, and three for the fields'
    # suggestions (the member's credentials, the catalog's, its skills): none per posting.
    with django_assert_max_num_queries(14):
        response = signed_in.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("— Gulf Coast Health") == 6


def test_the_analysis_shows_the_settings_of_posting_and_resume(signed_in, member):
    # The resume's job is at a hospital; the posting is a retail one.
    resume = make_resume(
        member,
        posting_text="Retail pharmacy technician\nRequirements:\n- drive-thru and register\n",
    )
    page = signed_in.get(reverse("resumes:analyze", args=[resume.pk])).content.decode()
    section = page.split("<h3>Practice settings</h3>")[1].split("<h3>")[0]
    assert "<dt>The posting is in</dt><dd>retail</dd>" in section
    assert "<dt>Your resume names</dt><dd>hospital</dd>" in section
    assert "Your resume does not name retail" in section
