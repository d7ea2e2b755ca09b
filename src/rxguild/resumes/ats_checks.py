"""Resume checks an ATS parser trips on: file findings from the importer, missing contact
details, dates and standard headings, formatting marks written out. Pure Python, no Django."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rxguild.resumes import ats_years, markup
from rxguild.resumes.ats_results import ResumeCheck

# File-level findings the resume importer passes in (it inspects the DOCX/PDF itself).
FILE_FINDINGS: dict[str, tuple[str, str]] = {
    "tables": (
        "warning",
        "Your file uses tables; many ATS parsers read table cells out of "
        "order. Put the content in plain paragraphs.",
    ),
    "columns": (
        "warning",
        "Your file sets text side by side (columns or a borderless table); many ATS parsers "
        "read across the page and splice the columns together. Use one column.",
    ),
    "text_boxes": (
        "warning",
        "Your file uses text boxes; many ATS parsers skip them. Move their text into the body.",
    ),
    "images": (
        "warning",
        "Your file has images; ATS parsers cannot read text in images. "
        "Make sure nothing important is only in a picture.",
    ),
    "headers_footers": (
        "warning",
        "Contact details in the page header or footer are often skipped; repeat them in the body.",
    ),
    "unextractable_text": (
        "error",
        "Text could not be extracted from your file (scanned or "
        "image-only?). An ATS will see an empty resume: upload a text-based "
        "DOCX or PDF.",
    ),
}


_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
_RESUME_HEADINGS: dict[str, tuple[str, re.Pattern[str]]] = {
    "experience": (
        "Experience",
        re.compile(
            r"^\W*(?:professional |work |relevant |pharmacy )?(?:experience|employment"
            r"(?: history)?|work history|career history)\W*$",
            re.I | re.M,
        ),
    ),
    "education": (
        "Education",
        re.compile(
            r"^\W*(?:education(?: and training)?|training|academic background)\W*$", re.I | re.M
        ),
    ),
    "skills": (
        "Skills",
        re.compile(
            r"^\W*(?:(?:technical |core |key |professional )?skills|core competencies|"
            r"competencies|areas of expertise)(?: (?:and|&) \w+)?\W*$",
            re.I | re.M,
        ),
    ),
    "certifications": (
        "Certifications",
        re.compile(
            r"^\W*(?:certifications?|licenses?|licensure|credentials|"
            r"certifications? (?:and|&) licenses?|licenses? (?:and|&) certifications?)\W*$",
            re.I | re.M,
        ),
    ),
}


# A word every heading of each kind holds (in lower case): a heading can only be on a line
# that has one.
_HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "experience": ("experience", "employment", "history"),
    "education": ("education", "training", "academic background"),
    "skills": ("skills", "competencies", "areas of expertise"),
    "certifications": ("certification", "license", "licensure", "credentials"),
}


def _has_heading(
    text: str, lowered: str | None, pattern: re.Pattern[str], words: tuple[str, ...]
) -> bool:
    """`pattern.search(text)` as a yes or no, searched from the line of the first of `words`
    on: a heading pattern (`^...$`, line by line) matches on a line holding one of them, and
    no such line starts before that one. `lowered` has the text's ASCII letters in lower case
    at the same offsets and no other letters (`text.lower()` of ASCII text, or the engine's
    folded reading); without it, the plain search."""
    if lowered is None:
        return pattern.search(text) is not None
    first = -1
    for word in words:
        position = lowered.find(word)
        if position != -1 and (first == -1 or position < first):
            first = position
    if first == -1:
        return False
    return pattern.search(text, text.rfind("\n", 0, first) + 1) is not None


def _has_email(text: str) -> bool:
    """`_EMAIL_RE.search(text)` as a yes or no, tried only just before each "@": a match's
    local part ends right before its "@", and one character of it is enough. (Tried at every
    position, the pattern's `[\\w.+-]+` runs along each word of the resume first.)"""
    at = text.find("@", 1)
    while at != -1:
        if _EMAIL_RE.match(text, at - 1):
            return True
        at = text.find("@", at + 1)
    return False


def resume_checks(
    resume_text: str, file_findings: Iterable[str] = (), *, folded: str | None = None
) -> list[ResumeCheck]:
    """`folded`: the text as the engine's reading folded it (`Read.folded`), when it has one;
    the heading look then needs no lower-cased copy of a non-ASCII text."""
    checks: list[ResumeCheck] = []
    for finding in file_findings:
        severity, message = FILE_FINDINGS.get(
            finding, ("warning", f"The file check reported: {finding}.")
        )
        checks.append(ResumeCheck(finding, severity, message))
    if not resume_text.strip():
        checks.append(ResumeCheck("empty", "error", "The resume has no text."))
        return checks
    if not _has_email(resume_text):
        checks.append(
            ResumeCheck(
                "missing_email",
                "warning",
                "No email address found: put it near your name at the top.",
            )
        )
    if not _PHONE_RE.search(resume_text):
        checks.append(
            ResumeCheck(
                "missing_phone",
                "warning",
                "No phone number found: put it near your name at the top.",
            )
        )
    if not ats_years.has_year(resume_text):
        checks.append(
            ResumeCheck(
                "missing_dates",
                "warning",
                "No dates found: give start and end (month and year) for each "
                "job and your education.",
            )
        )
    written_mark = markup.literal_markup(resume_text)
    if written_mark is not None:
        checks.append(
            ResumeCheck(
                "literal_markup",
                "warning",
                f"Formatting marks are written out as characters (“{written_mark}”): an ATS "
                "reads them as part of your words and a recruiter sees them. Use real bold or "
                "italics in your file, or plain text.",
            )
        )
    lowered = folded
    if lowered is None and resume_text.isascii():
        lowered = resume_text.lower()
    for code, (label, pattern) in _RESUME_HEADINGS.items():
        if not _has_heading(resume_text, lowered, pattern, _HEADING_WORDS[code]):
            checks.append(
                ResumeCheck(
                    f"missing_heading_{code}",
                    "warning",
                    f"No “{label}” heading found: ATS parsers look for standard headings; "
                    f"use “{label}” on its own line.",
                )
            )
    return checks
