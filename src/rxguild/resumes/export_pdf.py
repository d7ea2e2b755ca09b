"""PDF export with WeasyPrint. The fetcher loads nothing from the network or the disk beyond
our own collected static files: a resume holds member-typed text, and HTML rendering must never
become a way to read local files or call internal URLs."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from rxguild.resumes.export_text import contact_line, entry_heading
from rxguild.resumes.markup import blocks, inline_runs, plain

STATIC_SCHEME = "rxguild-static"


class StaticOnlyFetcher(URLFetcher):
    """Answers `rxguild-static:<path>` from the static files finders; refuses everything else."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        if parsed.scheme != STATIC_SCHEME:
            raise URLFetchingError(f"Refused to load {url!r}: only bundled static files.")
        relative = unquote(parsed.path).lstrip("/")
        if ".." in Path(relative).parts:
            raise URLFetchingError("Refused a path outside the static files.")
        found = finders.find(relative)
        if not found or isinstance(found, list):
            raise URLFetchingError(f"No static file {relative!r}.")
        data = Path(found).read_bytes()
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=data, headers={"Content-Type": content_type})


def inline_html(text: str) -> SafeString:
    """A line with its `**bold**` and `*italic*` as tags, everything else escaped."""
    parts: list[str] = []
    for run in inline_runs(text.strip()):
        html = str(escape(run.text))
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        parts.append(html)
    return mark_safe("".join(parts))  # every run's text is escaped above


def free_text_html(text: str) -> SafeString:
    """The summary or a free section: paragraphs (lines as line breaks) and "- " lists."""
    parts: list[str] = []
    for block in blocks(text):
        lines = [inline_html(line) for line in block.lines]
        if block.kind == "list":
            parts.append("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
        else:
            parts.append("<p>" + "<br>".join(lines) + "</p>")
    return mark_safe("".join(parts))  # built from escaped runs only


def _entries(resume: Any) -> dict[str, list[dict[str, Any]]]:
    experience = [
        {"heading": h, "dates": d, "bullets": [inline_html(b) for b in e.get("bullets", [])]}
        for e in resume.experience
        for h, d in [entry_heading(e, "title", "employer")]
    ]
    education = [
        {"heading": h, "dates": d, "bullets": [inline_html(b) for b in e.get("details", [])]}
        for e in resume.education
        for h, d in [entry_heading(e, "program", "institution")]
    ]
    return {"experience_entries": experience, "education_entries": education}


def html_context(resume: Any) -> dict[str, Any]:
    """What the PDF template and the builder's live preview show: the same parts, escaped."""
    return {
        "resume": resume,
        "contact": contact_line(resume),
        "summary_html": free_text_html(resume.summary) if resume.summary.strip() else "",
        "certifications_html": [inline_html(item) for item in resume.certifications],
        "skills_html": [inline_html(item) for item in resume.skills],
        "extra_sections_html": [
            {
                "heading": plain(str(section.get("heading", ""))),
                "body": free_text_html(str(section.get("body", ""))),
            }
            for section in resume.extra_sections
        ],
        **_entries(resume),
    }


def render_html(resume: Any) -> str:
    return render_to_string("resumes/export/resume_pdf.html", html_context(resume))


def render_pdf(resume: Any) -> bytes:
    document = HTML(
        string=render_html(resume),
        url_fetcher=StaticOnlyFetcher(),
    )
    pdf = document.write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)


def resume_pdf_name(resume: Any) -> str:
    """The file name the PDF is sent under (the apply preview shows the same one)."""
    from django.utils.text import slugify

    return f"{slugify(resume.full_name or resume.title) or 'resume'}-resume.pdf"


def resume_pdf_upload(resume: Any) -> dict[str, Any]:
    """The resume as an in-memory PDF upload (the job tracker's one-click apply sends it)."""
    import io

    return {"upload": io.BytesIO(render_pdf(resume)), "upload_name": resume_pdf_name(resume)}
