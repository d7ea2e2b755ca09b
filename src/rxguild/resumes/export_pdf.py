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
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from rxguild.resumes.export_text import contact_line, entry_heading

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


def _entries(resume: Any) -> dict[str, list[dict[str, Any]]]:
    experience = [
        {"heading": h, "dates": d, "bullets": e.get("bullets", [])}
        for e in resume.experience
        for h, d in [entry_heading(e, "title", "employer")]
    ]
    education = [
        {"heading": h, "dates": d, "bullets": e.get("details", [])}
        for e in resume.education
        for h, d in [entry_heading(e, "program", "institution")]
    ]
    return {"experience_entries": experience, "education_entries": education}


def render_html(resume: Any) -> str:
    context = {"resume": resume, "contact": contact_line(resume), **_entries(resume)}
    return render_to_string("resumes/export/resume_pdf.html", context)


def render_pdf(resume: Any) -> bytes:
    document = HTML(
        string=render_html(resume),
        url_fetcher=StaticOnlyFetcher(),
    )
    pdf = document.write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)


def resume_pdf_upload(resume: Any) -> dict[str, Any]:
    """The resume as an in-memory PDF upload (the job tracker's one-click apply sends it)."""
    import io

    from django.utils.text import slugify

    name = slugify(resume.full_name or resume.title) or "resume"
    return {"upload": io.BytesIO(render_pdf(resume)), "upload_name": f"{name}-resume.pdf"}
