"""Hostile and ordinary files through the import checks and the sandboxed reader."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from tests.resumes.builder.conftest import docx_bytes

from rxguild.core.sandbox import ExtractFailure
from rxguild.core.uploads import UploadRejected
from rxguild.resumes import importing
from rxguild.resumes.models import ResumeFile
from rxguild.resumes.services import resume_import_file

DOCX_NAME = "resume.docx"


def _import(member, data: bytes, name: str = DOCX_NAME) -> ResumeFile:
    return resume_import_file(owner=member, upload=io.BytesIO(data), filename=name, size=len(data))


def _bomb(megabytes: int = 300) -> bytes:
    """A DOCX whose document.xml inflates 300 MB of zeros from a few hundred KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return buffer.getvalue()


def _with_parts(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_real_docx_is_read_with_its_findings(member, tmp_path):
    resume_file = _import(member, docx_bytes(table=True, header="Ana Rivera, CPhT"))
    assert "Compounded IV admixtures under USP <797>" in resume_file.extracted_text
    assert "Pyxis  Omnicell" in resume_file.extracted_text
    assert resume_file.findings == ["tables", "headers_footers"]
    assert resume_file.original_name == DOCX_NAME
    assert resume_file.file.name.startswith("resume-imports/")
    assert DOCX_NAME not in resume_file.file.name


def test_zip_bomb_is_refused_before_unpacking(member):
    data = _bomb(300)
    assert len(data) < 1024 * 1024  # a few hundred KB on disk
    with pytest.raises(UploadRejected, match="would unpack to more than 40 MB"):
        _import(member, data)
    assert ResumeFile.objects.count() == 0


def test_high_compression_ratio_is_refused(member):
    # 15 MB of zeros: under the size limits, far over 100:1.
    with pytest.raises(
        UploadRejected, match=r"compressed far more than a real resume \(over 100:1\)"
    ):
        _import(member, _bomb(15))


def test_too_many_members_are_refused(member):
    parts = {f"word/media/image{i}.png": b"x" for i in range(250)}
    parts.update({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    with pytest.raises(UploadRejected, match="holds 252 parts"):
        _import(member, _with_parts(parts))


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<w:document>&lol2;</w:document>",
        b'<?xml version="1.0"?><!doctype w:document SYSTEM "http://example.org/x.dtd"><w:document/>',
    ],
    ids=["entity-expansion", "external-dtd"],
)
def test_dtd_in_an_xml_part_is_refused(member, xml):
    data = _with_parts({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml})
    with pytest.raises(UploadRejected, match="declares a DTD or entities"):
        _import(member, data)


def test_truncated_docx_is_refused(member):
    data = docx_bytes()[:3000]
    with pytest.raises(UploadRejected, match="damaged or truncated"):
        _import(member, data)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("resume.docx", b"%PDF-1.7 not a zip", "named .docx but its contents are not .docx"),
        ("resume.pdf", b"PK\x03\x04 not a pdf", "named .pdf but its contents are not .pdf"),
        ("resume.exe", b"MZ", "Only these file types are accepted: .pdf, .docx."),
        ("resume.docx", b"", "The file is empty."),
    ],
    ids=["pdf-named-docx", "zip-named-pdf", "executable", "empty"],
)
def test_wrong_type_is_refused(member, name, data, message):
    with pytest.raises(
        UploadRejected, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
    ):
        _import(member, data, name)
    assert ResumeFile.objects.count() == 0


def test_over_5_mb_is_refused(member):
    data = b"%PDF-" + b"0" * (5 * 1024 * 1024)
    with pytest.raises(UploadRejected, match="the limit is 5 MB"):
        _import(member, data, "resume.pdf")


def test_a_pdf_with_too_many_pages_is_refused(member):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(11):
        writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UploadRejected, match="more than 10 pages"):
        _import(member, buffer.getvalue(), "resume.pdf")
    assert ResumeFile.objects.count() == 0


def test_memory_limit_stops_the_reader_not_the_worker(tmp_path):
    """Bypassing the pre-checks, a parser that needs more memory than allowed dies alone."""
    path = tmp_path / "resume.docx"
    path.write_bytes(_bomb(300))
    result = importing.file_text_extract(path, kind="docx", memory_bytes=128 * 1024 * 1024)
    # Either the interpreter dies at the limit or the parser's MemoryError surfaces wrapped.
    assert result.failure in (ExtractFailure.TOO_MUCH_MEMORY, ExtractFailure.COULD_NOT_READ)
    assert result.text == ""
    assert result.pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(result.pid, 0)  # the child is gone; this process carries on


def test_wall_clock_limit_kills_the_reader(tmp_path):
    path = tmp_path / "resume.docx"
    path.write_bytes(docx_bytes())
    result = importing.file_text_extract(path, kind="docx", wall_seconds=0.001)
    assert result.failure == ExtractFailure.TOO_LONG


def test_structure_from_text_is_a_best_effort_the_member_confirms():
    text = "\n".join(
        [
            "Ana Rivera",
            "Houston, TX",
            "ana@example.org | (713) 555-0100",
            "Professional Summary",
            "Hospital pharmacy technician.",
            "Work Experience",
            "Pharmacy Technician, Memorial Hospital  Jan 2021 - Present",
            "\u2022 Compounded IV admixtures",
            "Education",
            "Pharmacy Technician Program, HCC 2019 - 2020",
            "Skills",
            "Aseptic technique, Pyxis; TPN",
            "Certifications",
            "CPhT",
        ]
    )
    structure = importing.structure_from_text(text)
    assert structure.full_name == "Ana Rivera"
    assert structure.location == "Houston, TX"
    assert structure.email == "ana@example.org"
    assert structure.phone == "(713) 555-0100"
    assert structure.summary == "Hospital pharmacy technician."
    assert structure.experience_text == (
        "Pharmacy Technician, Memorial Hospital | Jan 2021 - Present\n- Compounded IV admixtures"
    )
    assert structure.education_text == "Pharmacy Technician Program, HCC | 2019 - 2020"
    assert structure.skills_text == "Aseptic technique\nPyxis\nTPN"
    assert structure.certifications_text == "CPhT"


def _rewrite(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info.filename, change(content) if info.filename == name else content)
    return buffer.getvalue()


def test_images_and_text_boxes_are_reported(member):
    from docx import Document
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, format="PNG")
    document = Document(io.BytesIO(docx_bytes()))
    document.add_picture(picture)
    buffer = io.BytesIO()
    document.save(buffer)
    boxed = _rewrite(
        buffer.getvalue(),
        "word/document.xml",
        lambda xml: xml.replace(
            b"</w:body>",
            b"<w:p><w:r><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p>"
            b"</w:txbxContent></w:r></w:p></w:body>",
        ),
    )
    resume_file = _import(member, boxed)
    assert resume_file.findings == ["text_boxes", "images"]


def test_a_docx_word_laid_out_on_too_many_pages_is_refused(member):
    data = _rewrite(
        docx_bytes(),
        "docProps/app.xml",
        lambda xml: xml.replace(b"<Pages>1</Pages>", b"<Pages>12</Pages>"),
    )
    assert b"<Pages>12</Pages>" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml")
    with pytest.raises(UploadRejected, match="more than 10 pages"):
        _import(member, data)
    assert ResumeFile.objects.count() == 0


def _without_saved_page_count(data: bytes) -> bytes:
    return _rewrite(data, "docProps/app.xml", lambda xml: xml.replace(b"<Pages>1</Pages>", b""))


def test_a_docx_with_no_saved_page_count_is_held_to_its_page_breaks(member):
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document(io.BytesIO(docx_bytes()))
    for _ in range(11):
        document.add_paragraph("Another page").runs[0].add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    data = _without_saved_page_count(buffer.getvalue())
    assert b"<Pages>" not in zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml")
    with pytest.raises(UploadRejected, match="more than 10 pages"):
        _import(member, data)
    assert ResumeFile.objects.count() == 0


def test_a_docx_with_no_saved_page_count_is_held_to_its_amount_of_text(member):
    paragraph = "Compounded IV admixtures under USP <797> using aseptic technique. " * 15
    data = _without_saved_page_count(docx_bytes(paragraphs=[paragraph] * 80))
    with pytest.raises(UploadRejected, match="more than 10 pages"):
        _import(member, data)
    # An ordinary resume without a saved count still goes through.
    assert _import(member, _without_saved_page_count(docx_bytes())).extracted_text


def _weasyprint_pdf(body: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


EXPERIENCE = (
    "<p>Compounded IV admixtures and TPN in a USP 797 cleanroom with aseptic technique.</p>"
)


def test_a_pdf_table_with_ruled_borders_is_reported(member):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Ana Rivera  ana@example.org  713-555-0100", new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for cells in [("Skill", "Years"), ("IV admixture", "3"), ("Pyxis", "2")]:
            row = table.row()
            for text in cells:
                row.cell(text)
    resume_file = _import(member, bytes(pdf.output()), "resume.pdf")
    assert "IV admixture" in resume_file.extracted_text
    assert resume_file.findings == ["tables"]


def test_a_two_column_pdf_is_reported(member):
    sidebar = "".join(f"<p>{skill}</p>" for skill in ("Pyxis", "Omnicell", "Billing", "Med rec"))
    data = _weasyprint_pdf(
        "<h1>Ana Rivera</h1><div style='display:flex'>"
        f"<div style='width:30%'><h2>Skills</h2>{sidebar}</div>"
        f"<div style='width:65%;margin-left:5%'><h2>Experience</h2>{EXPERIENCE * 8}</div></div>"
    )
    resume_file = _import(member, data, "resume.pdf")
    assert "Omnicell" in resume_file.extracted_text
    assert resume_file.findings == ["columns"]


def test_a_single_column_pdf_with_dates_at_the_right_has_no_layout_findings(member):
    jobs = "".join(
        f"<p style='display:flex;justify-content:space-between'><b>{title}</b>"
        f"<span>{dates}</span></p><ul><li>Filled prescriptions</li><li>Checked Pyxis</li></ul>"
        for title, dates in [
            ("Pharmacy Technician, Memorial Hospital", "Jan 2021 - Present"),
            ("Pharmacy Technician, Eastside Pharmacy", "May 2019 - Dec 2020"),
            ("Cashier, Corner Market", "Jun 2017 - Apr 2019"),
        ]
    )
    data = _weasyprint_pdf(f"<h1>Ana Rivera</h1><hr><h2>Experience</h2>{jobs}<hr>{EXPERIENCE}")
    resume_file = _import(member, data, "resume.pdf")
    assert "Eastside Pharmacy" in resume_file.extracted_text
    assert resume_file.findings == []


def test_our_own_pdf_export_has_no_layout_findings(member):
    from tests.resumes.builder.conftest import make_resume

    from rxguild.resumes.export_pdf import render_pdf

    resume_file = _import(member, render_pdf(make_resume(member)), "resume.pdf")
    assert "Memorial Hospital" in resume_file.extracted_text
    assert resume_file.findings == []
