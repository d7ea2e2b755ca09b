"""Validation of resume files a member applies with (PDF or DOCX), kept in their library.

Checked exactly like a resume import (`resumes.importing`), because an employer opens these
files: `core.uploads.upload_check` (size, extension, magic bytes), the DOCX pre-check of the
ZIP directory and XML prologs (zip bombs, DTDs and entity expansion), then a parse of the
whole file in the resource-limited sandbox, which refuses what only looks like a PDF or DOCX
(HTML behind a `%PDF-` header, a truncated or damaged file). Nothing parsed is kept: the
stored bytes are the member's file as sent, which the employer downloads as an attachment.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError

from rxguild.core.uploads import DOCX, MAX_UPLOAD_BYTES, UploadRejected, upload_check
from rxguild.resumes.importing import KINDS, docx_precheck, failure_message, file_text_extract

MAX_RESUME_BYTES = MAX_UPLOAD_BYTES


@dataclass(frozen=True)
class CheckedResume:
    content: bytes
    extension: str
    content_type: str
    original_name: str


def resume_file_validate(upload: IO[bytes], *, filename: str) -> CheckedResume:
    """Return the checked bytes, or raise ValidationError with a message a member can act on."""
    data = upload.read(MAX_RESUME_BYTES + 1)
    try:
        checked = upload_check(io.BytesIO(data), name=filename, size=len(data), kinds=KINDS)
        if checked.kind == DOCX:
            docx_precheck(io.BytesIO(data))
    except UploadRejected as error:
        raise ValidationError(str(error)) from None
    with tempfile.NamedTemporaryFile(suffix=checked.kind.extension) as handle:
        handle.write(data)
        handle.flush()
        parsed = file_text_extract(handle.name, kind=checked.kind.extension.lstrip("."))
    if parsed.failure is not None:
        raise ValidationError(failure_message(parsed.failure))
    return CheckedResume(
        content=data,
        extension=checked.kind.extension,
        content_type=checked.kind.content_type,
        original_name=checked.original_name,
    )
