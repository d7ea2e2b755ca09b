"""DOCX export with python-docx, kept ATS-safe: one column, built-in "Heading 1" styles with
standard section names, built-in "List Bullet" paragraphs, no tables, no text boxes, no
images, nothing in headers or footers (several parsers skip them). The builder's `**bold**`
and `*italic*` become bold and italic runs, "- " lines in free text become list paragraphs
(`markup`), so the file never shows the marks themselves."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Pt

from rxguild.resumes.export_text import HEADINGS, contact_line, entry_heading
from rxguild.resumes.markup import blocks, inline_runs, plain

FONTS = {"classic": ("Georgia", 11), "compact": ("Arial", 10)}


def render_docx(resume: Any) -> bytes:
    document = Document()
    font_name, size = FONTS.get(resume.template, FONTS["classic"])
    normal = document.styles["Normal"]
    normal.font.name = font_name
    normal.font.size = Pt(size)

    if resume.full_name:
        name = document.add_paragraph()
        run = name.add_run(resume.full_name)
        run.bold = True
        run.font.size = Pt(size + 7)
    contact = contact_line(resume)
    if contact:
        document.add_paragraph(contact)

    def heading(text: str) -> None:
        document.add_heading(text.title(), level=1)

    if resume.summary.strip():
        heading(HEADINGS["summary"])
        _free_text(document, resume.summary)
    if resume.experience:
        heading(HEADINGS["experience"])
        for entry in resume.experience:
            _entry(document, *entry_heading(entry, "title", "employer"), entry.get("bullets", []))
    if resume.education:
        heading(HEADINGS["education"])
        for entry in resume.education:
            _entry(
                document, *entry_heading(entry, "program", "institution"), entry.get("details", [])
            )
    if resume.certifications:
        heading(HEADINGS["certifications"])
        for item in resume.certifications:
            _formatted(document.add_paragraph(style="List Bullet"), item)
    if resume.skills:
        heading(HEADINGS["skills"])
        for item in resume.skills:
            _formatted(document.add_paragraph(style="List Bullet"), item)
    for section in resume.extra_sections:
        document.add_heading(plain(str(section.get("heading", ""))), level=1)
        _free_text(document, str(section.get("body", "")))

    document.core_properties.title = resume.title
    document.core_properties.author = resume.full_name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _formatted(paragraph: Any, text: str) -> None:
    for part in inline_runs(text.strip()):
        run = paragraph.add_run(part.text)
        run.bold = part.bold or None
        run.italic = part.italic or None


def _free_text(document: Any, text: str) -> None:
    """Paragraphs and "- " lists of the summary or a free section."""
    for block in blocks(text):
        if block.kind == "list":
            for line in block.lines:
                _formatted(document.add_paragraph(style="List Bullet"), line)
        else:
            paragraph = document.add_paragraph()
            for number, line in enumerate(block.lines):
                if number:
                    paragraph.add_run().add_break()
                _formatted(paragraph, line)


def _entry(document: Any, heading: str, dates: str, bullets: list[str]) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(heading).bold = True
    if dates:
        paragraph.add_run(f" | {dates}")
    for bullet in bullets:
        _formatted(document.add_paragraph(style="List Bullet"), bullet)
