"""Plain-text rendering of a resume: the text export, and the text the analyzer reads.

Standard section headings in capitals (what ATS parsers look for), one fact per line, dates
on the heading line of each entry. The builder's formatting marks (`**bold**`, `*italic*`,
`markup`) are dropped: plain text has no bold, and a literal `**` would reach an ATS as part
of the word.
"""

from __future__ import annotations

from typing import Any

from rxguild.resumes.markup import plain

HEADINGS = {
    "summary": "SUMMARY",
    "experience": "EXPERIENCE",
    "education": "EDUCATION",
    "certifications": "CERTIFICATIONS",
    "skills": "SKILLS",
}


def contact_line(resume: Any) -> str:
    parts = [resume.email, resume.phone, resume.location, *resume.links]
    return " | ".join(part for part in parts if part)


def entry_heading(entry: dict[str, Any], first: str, second: str) -> tuple[str, str]:
    """("Title, Employer, Place", "Dates") for an experience or education entry, marks
    removed (the heading line is set in bold by the exports themselves)."""
    names = [entry.get(first, ""), entry.get(second, ""), entry.get("location", "")]
    return plain(", ".join(part for part in names if part)), plain(str(entry.get("dates", "")))


def render_text(resume: Any) -> str:
    lines: list[str] = []
    if resume.full_name:
        lines.append(resume.full_name)
    contact = contact_line(resume)
    if contact:
        lines.append(contact)
    if resume.summary.strip():
        lines += ["", HEADINGS["summary"], plain(resume.summary.strip())]
    if resume.experience:
        lines += ["", HEADINGS["experience"]]
        for entry in resume.experience:
            heading, dates = entry_heading(entry, "title", "employer")
            lines.append(f"{heading} | {dates}" if dates else heading)
            lines += [f"- {plain(bullet)}" for bullet in entry.get("bullets", [])]
    if resume.education:
        lines += ["", HEADINGS["education"]]
        for entry in resume.education:
            heading, dates = entry_heading(entry, "program", "institution")
            lines.append(f"{heading} | {dates}" if dates else heading)
            lines += [f"- {plain(detail)}" for detail in entry.get("details", [])]
    if resume.certifications:
        lines += ["", HEADINGS["certifications"]]
        lines += [f"- {plain(item)}" for item in resume.certifications]
    if resume.skills:
        lines += ["", HEADINGS["skills"]]
        lines += [f"- {plain(item)}" for item in resume.skills]
    for section in resume.extra_sections:
        lines += [
            "",
            plain(str(section.get("heading", ""))).upper(),
            plain(str(section.get("body", ""))),
        ]
    return "\n".join(lines).strip() + "\n"
