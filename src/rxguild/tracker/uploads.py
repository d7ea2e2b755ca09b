"""Validation of resume files a member applies with (PDF or DOCX).

The resumes app will own resume files later; until then this is the narrow check applying
needs. Never trust the name or declared type: the bytes must match the extension (PDF magic
number; a DOCX is a ZIP holding word/document.xml), within a size limit. Nothing is parsed
or rendered here: the employer downloads the file as an attachment.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError

MAX_RESUME_BYTES = 5 * 1024 * 1024
# A DOCX with thousands of parts is not a resume; refusing it keeps the ZIP check cheap.
MAX_DOCX_MEMBERS = 500
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class CheckedResume:
    content: bytes
    extension: str
    content_type: str
    original_name: str


def resume_file_validate(upload: IO[bytes], *, filename: str) -> CheckedResume:
    """Return the checked bytes, or raise ValidationError with a message a member can act on."""
    extension = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    if extension not in CONTENT_TYPES:
        raise ValidationError("Upload your resume as a PDF or a Word document (.pdf or .docx).")
    data = upload.read(MAX_RESUME_BYTES + 1)
    if len(data) > MAX_RESUME_BYTES:
        raise ValidationError("That file is too large: the limit is 5 MB.")
    if not data:
        raise ValidationError("That file is empty.")
    if extension == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError("That file is not a PDF: export your resume as PDF again.")
    else:
        _check_docx(data)
    # Keep only a plain display name: no path, no control characters.
    display = filename.replace("\\", "/").rsplit("/", 1)[-1]
    display = "".join(ch for ch in display if ch.isprintable())[:200] or f"resume{extension}"
    return CheckedResume(
        content=data,
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        original_name=display,
    )


def _check_docx(data: bytes) -> None:
    message = "That file is not a Word document (.docx): save it again as .docx or PDF."
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(message)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(message) from None
    if len(names) > MAX_DOCX_MEMBERS or "word/document.xml" not in names:
        raise ValidationError(message)
