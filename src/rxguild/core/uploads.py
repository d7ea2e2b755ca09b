"""Untrusted uploaded files: size limit, extension plus magic-byte check, random storage names.

Shared by every app that takes files from members (CE certificates, resumes). The checks run
before anything is stored; the stored name is random so a member's file name never becomes a
path, and MEDIA_ROOT is outside every served folder (settings), so files are only handed back
through views that check the owner.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    extension: str  # with the dot, lower case
    content_type: str
    magic: tuple[bytes, ...]  # accepted leading bytes


PDF = FileKind(".pdf", "application/pdf", (b"%PDF-",))
DOCX = FileKind(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (b"PK\x03\x04",),
)
PNG = FileKind(".png", "image/png", (b"\x89PNG\r\n\x1a\n",))
JPEG = FileKind(".jpg", "image/jpeg", (b"\xff\xd8\xff",))
# Text, parsed only with defusedxml (no DTDs, no entities); an XML declaration or the root tag
# first.
SVG = FileKind(".svg", "image/svg+xml", (b"<?xml", b"<svg", b"\xef\xbb\xbf<"))
CSV = FileKind(".csv", "text/csv", ())  # text: checked by decoding, not by magic bytes


class UploadRejected(ValueError):
    """The file was refused; str() is a message for the member."""


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileKind
    original_name: str
    size: int


def _extension(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    return ".jpg" if suffix == ".jpeg" else suffix


def upload_check(
    file: IO[bytes],
    *,
    name: str,
    size: int,
    kinds: tuple[FileKind, ...],
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> CheckedUpload:
    """Refuse files that are too big, empty, or whose extension and first bytes disagree."""
    allowed = ", ".join(kind.extension for kind in kinds)
    if size > max_bytes:
        raise UploadRejected(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is {max_bytes // 1024 // 1024} MB."
        )
    if size == 0:
        raise UploadRejected("The file is empty.")
    extension = _extension(name)
    kind = next((k for k in kinds if k.extension == extension), None)
    if kind is None:
        raise UploadRejected(f"Only these file types are accepted: {allowed}.")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if kind.magic and not any(head.startswith(magic) for magic in kind.magic):
        # The name says one thing and the bytes another: never trust the name.
        raise UploadRejected(f"The file is named {extension} but its contents are not {extension}.")
    # Keep only a display name; it is never used as a path.
    original = PurePath(name.replace("\\", "/")).name[:120] or f"upload{extension}"
    return CheckedUpload(kind=kind, original_name=original, size=size)


def random_storage_name(folder: str, extension: str) -> str:
    """A storage path that reveals nothing and cannot be guessed."""
    return f"{folder}/{secrets.token_hex(16)}{extension}"
