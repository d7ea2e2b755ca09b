"""Exports open in their own readers (python-docx, pypdf) and hold the resume's text."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader
from tests.resumes.builder.conftest import make_resume
from weasyprint.urls import URLFetchingError

from rxguild.resumes.export_docx import render_docx
from rxguild.resumes.export_pdf import StaticOnlyFetcher, render_pdf
from rxguild.resumes.export_text import render_text


def test_docx_is_ats_safe_and_holds_the_text(member):
    resume = make_resume(member, template="compact")
    document = Document(io.BytesIO(render_docx(resume)))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:2] == ["Ana Rivera", "ana@example.org | 713-555-0100 | Houston, TX"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Experience", "Education", "Certifications", "Skills"]
    assert "Compounded IV admixtures under USP <797> using aseptic technique" in texts
    assert document.tables == []
    assert document.inline_shapes.__len__() == 0
    assert document.styles["Normal"].font.name == "Arial"


def test_pdf_opens_and_holds_the_text(member):
    resume = make_resume(member)
    reader = PdfReader(io.BytesIO(render_pdf(resume)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    assert "Ana Rivera" in text
    assert "Compounded IV admixtures under USP <797> using aseptic technique" in text
    assert "Texas Pharmacy Technician Registration" in text


def test_pdf_loads_nothing_a_member_types(member):
    resume = make_resume(member, summary='<img src="file:///etc/passwd"> <link href="http://x">')
    text = PdfReader(io.BytesIO(render_pdf(resume))).pages[0].extract_text()
    assert '<img src="file:///etc/passwd">' in text  # shown as text, never fetched


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "http://127.0.0.1/admin", "rxguild-static:../settings.py", "data:,x"],
    ids=["file", "http", "traversal", "data"],
)
def test_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(URLFetchingError):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_our_stylesheet():
    response = StaticOnlyFetcher().fetch("rxguild-static:resumes/resume-pdf.css")
    assert response.content_type == "text/css"
    assert response.read().startswith(b"/* Print styles")


def test_plain_text_uses_standard_headings(member):
    resume = make_resume(
        member, certifications=[], extra_sections=[{"heading": "Languages", "body": "Spanish"}]
    )
    assert render_text(resume) == (
        "Ana Rivera\n"
        "ana@example.org | 713-555-0100 | Houston, TX\n\n"
        "SUMMARY\nPharmacy technician with hospital experience.\n\n"
        "EXPERIENCE\n"
        "Pharmacy Technician, Memorial Hospital, Houston, TX | Jan 2021 \u2013 Present\n"
        "- Answered phones and filed paperwork\n"
        "- Compounded IV admixtures under USP <797> using aseptic technique\n\n"
        "EDUCATION\n"
        "Pharmacy Technician Program, Houston Community College | 2019 \u2013 2020\n\n"
        "SKILLS\n- Customer service\n- Aseptic technique\n\n"
        "LANGUAGES\nSpanish\n"
    )


FORMATTED = {
    "summary": "Technician with **six years** in *retail*.\nBilingual.\n\n- Pyxis\n- Omnicell",
    "experience": [
        {
            "title": "Lead Technician",
            "employer": "Corner Drug",
            "location": "Austin, TX",
            "dates": "2020 \u2013 Present",
            "bullets": ["Trained **four** new hires on *will call*"],
        }
    ],
    "skills": ["**Retail** dispensing"],
    "extra_sections": [{"heading": "Volunteering", "body": "Free clinic, *Saturdays*"}],
}


def test_docx_renders_the_builder_formatting_as_runs(member):
    resume = make_resume(member, **FORMATTED)
    document = Document(io.BytesIO(render_docx(resume)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "*" not in text
    runs = {
        run.text: (bool(run.bold), bool(run.italic))
        for paragraph in document.paragraphs
        for run in paragraph.runs
    }
    assert runs["six years"] == (True, False)
    assert runs["retail"] == (False, True)
    assert runs["four"] == (True, False)
    assert runs["Retail"] == (True, False)
    assert runs["Saturdays"] == (False, True)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:3] == ["Pyxis", "Omnicell", "Trained four new hires on will call"]
    summary = next(p for p in document.paragraphs if p.text.startswith("Technician with"))
    assert summary.text == "Technician with six years in retail.\nBilingual."


def test_pdf_renders_the_builder_formatting_as_tags(member):
    from rxguild.resumes.export_pdf import render_html

    resume = make_resume(member, **FORMATTED)
    html = render_html(resume)
    assert "<strong>six years</strong>" in html
    assert "<em>retail</em>" in html
    assert "<ul><li>Pyxis</li><li>Omnicell</li></ul>" in html
    assert "<li>Trained <strong>four</strong> new hires on <em>will call</em></li>" in html
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(resume))).pages)
    assert "*" not in text
    assert "six years" in text


def test_pdf_formatting_still_escapes_what_a_member_types(member):
    from rxguild.resumes.export_pdf import render_html

    html = render_html(make_resume(member, summary='**<img src="x">** and <b>'))
    assert "<strong>&lt;img src=&quot;x&quot;&gt;</strong> and &lt;b&gt;" in html


def test_text_export_drops_the_marks(member):
    text = render_text(make_resume(member, **FORMATTED))
    assert "*" not in text
    assert "- Trained four new hires on will call" in text
    assert "- Retail dispensing" in text


def test_the_file_check_finds_no_marks_in_our_exports_and_flags_them_in_a_typed_file(member):
    from rxguild.resumes.ats import resume_checks

    resume = make_resume(member, **FORMATTED)
    exported = "\n".join(p.text for p in Document(io.BytesIO(render_docx(resume))).paragraphs)
    assert "literal_markup" not in {check.code for check in resume_checks(exported)}
    # The same words in a file someone typed the marks into by hand.
    typed = exported.replace("six years", "**six years**")
    assert "literal_markup" in {check.code for check in resume_checks(typed)}
