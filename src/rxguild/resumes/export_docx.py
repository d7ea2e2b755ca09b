"""DOCX export with python-docx, kept ATS-safe: one column, built-in "Heading 1" styles with
standard section names, built-in "List Bullet" paragraphs, no tables, no text boxes, no
images, nothing in headers or footers (several parsers skip them)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Pt

from rxguild.resumes.export_text import HEADINGS, contact_line, entry_heading

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
        for part in resume.summary.strip().split("\n\n"):
            document.add_paragraph(part.strip())
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
            document.add_paragraph(item, style="List Bullet")
    if resume.skills:
        heading(HEADINGS["skills"])
        for item in resume.skills:
            document.add_paragraph(item, style="List Bullet")
    for section in resume.extra_sections:
        document.add_heading(str(section.get("heading", "")), level=1)
        for part in str(section.get("body", "")).split("\n"):
            if part.strip():
                document.add_paragraph(part.strip())

    document.core_properties.title = resume.title
    document.core_properties.author = resume.full_name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _entry(document: Any, heading: str, dates: str, bullets: list[str]) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(heading).bold = True
    if dates:
        paragraph.add_run(f" | {dates}")
    for bullet in bullets:
        document.add_paragraph(bullet, style="List Bullet")
