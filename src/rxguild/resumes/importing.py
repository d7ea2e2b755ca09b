"""Importing an existing resume (PDF or DOCX): checks before anything is unpacked, text
extraction in a resource-limited process, and a best-effort structure the member confirms.

Order matters. `core.uploads.upload_check` refuses wrong sizes and names whose bytes disagree;
`docx_precheck` then reads only the ZIP central directory and the first bytes of each XML part
(a 307 KB DOCX can inflate to 300 MB and push python-docx past 600 MB; a DTD can expand
entities); only then does `file_worker` parse the file, in a child process with memory, CPU and
wall-clock limits, so a hostile file costs a refused upload and never a web worker.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from rxguild.core.sandbox import (
    CPU_LIMIT_SECONDS,
    MEMORY_LIMIT_BYTES,
    WALL_CLOCK_SECONDS,
    ExtractFailure,
    sandbox_json,
    sandbox_run,
)
from rxguild.core.uploads import DOCX, PDF, UploadRejected
from rxguild.resumes import sections

MAX_RESUME_PAGES = 10
MAX_ZIP_MEMBERS = 200
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 40 * 1024 * 1024
MAX_RATIO = 100
# Below this a member cannot be a bomb whatever its ratio (an empty part compresses 1000:1).
RATIO_FLOOR_BYTES = 64 * 1024
XML_HEAD_BYTES = 8 * 1024
REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")

NOT_A_DOCX = "The file is not a Word document we can read: save it again as .docx or PDF."


def docx_precheck(file: IO[bytes]) -> None:
    """Refuse a DOCX whose ZIP directory or XML prologs are hostile, before unpacking it."""
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # Includes truncated files: the central directory at the end is missing.
        raise UploadRejected(NOT_A_DOCX + " (It looks damaged or truncated.)") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise UploadRejected(
                f"The document holds {len(infos)} parts; a resume has far fewer "
                f"(at most {MAX_ZIP_MEMBERS}). Save it again as .docx or PDF."
            )
        names = {info.filename for info in infos}
        if not all(part in names for part in REQUIRED_PARTS):
            raise UploadRejected(NOT_A_DOCX)
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise UploadRejected(
                    "The document would unpack to more than "
                    f"{MAX_TOTAL_BYTES // 1024 // 1024} MB; a resume is far smaller."
                )
            if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
                raise UploadRejected(
                    "The document is compressed far more than a real resume "
                    f"(over {MAX_RATIO}:1), so it was not opened."
                )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _xml_prolog_check(archive, info)
    file.seek(0)


def _xml_prolog_check(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A DTD can only stand in the prolog, before the root element: read just that far."""
    try:
        with archive.open(info) as part:
            head = part.read(XML_HEAD_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise UploadRejected(NOT_A_DOCX + " (A part could not be read.)") from None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"\x00" in head:
        # UTF-16/32 XML would hide a DOCTYPE from a byte search; Word writes UTF-8.
        raise UploadRejected(NOT_A_DOCX)
    upper = head.upper()
    root = re.search(rb"<[A-Za-z_]", head)
    prolog = upper[: root.start()] if root else upper
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in upper:
        raise UploadRejected(
            "The document declares a DTD or entities, which Word never writes; it was not opened."
        )
    if root is None and info.file_size > XML_HEAD_BYTES:
        raise UploadRejected(NOT_A_DOCX)


@dataclass(frozen=True)
class FileText:
    text: str = ""
    findings: tuple[str, ...] = ()
    pages: int = 0
    failure: ExtractFailure | None = None
    pid: int | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def file_text_extract(
    path: Path | str,
    *,
    kind: str,
    max_pages: int = MAX_RESUME_PAGES,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
    cpu_seconds: int = CPU_LIMIT_SECONDS,
    wall_seconds: float = WALL_CLOCK_SECONDS,
) -> FileText:
    """Text and findings of a checked PDF/DOCX, read in a resource-limited child process."""
    run = sandbox_run(
        "rxguild.resumes.file_worker",
        [str(path), kind, str(max_pages)],
        memory_bytes=memory_bytes,
        cpu_seconds=cpu_seconds,
        wall_seconds=wall_seconds,
    )
    if run.killed_for_time:
        return FileText(failure=ExtractFailure.TOO_LONG, pid=run.pid)
    payload = sandbox_json(run)
    if payload is None:
        return FileText(failure=ExtractFailure.TOO_MUCH_MEMORY, pid=run.pid)
    if "error" in payload:
        return FileText(failure=ExtractFailure(payload["error"]), pid=run.pid)
    return FileText(
        text=str(payload.get("text", "")),
        findings=tuple(str(f) for f in payload.get("findings", [])),
        pages=int(payload.get("pages") or 0),
        pid=run.pid,
    )


def failure_message(failure: ExtractFailure) -> str:
    if failure == ExtractFailure.TOO_MANY_PAGES:
        return f"The file has more than {MAX_RESUME_PAGES} pages; a resume has one or two."
    return failure.message


KINDS = (PDF, DOCX)

# ---------------------------------------------------------------------------
# Best-effort structure: the member sees it in the editor's text format and confirms.

_HEADINGS = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "objective",
        "career objective",
        "about me",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "work history",
        "employment",
        "employment history",
    ),
    "education": ("education", "education and training", "training", "education & training"),
    "certifications": (
        "certifications",
        "certification",
        "licenses",
        "licenses and certifications",
        "licenses & certifications",
        "credentials",
        "certifications and licenses",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core competencies",
        "key skills",
        "competencies",
        "areas of expertise",
    ),
}
_HEADING_OF = {alias: key for key, aliases in _HEADINGS.items() for alias in aliases}
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}")
_DATES_RE = re.compile(
    r"((?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d{2}\s*(?:-|\u2013|\u2014|to)\s*"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d{2}|[Pp]resent|[Cc]urrent))"
)


@dataclass
class ImportedStructure:
    full_name: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    summary: str = ""
    experience_text: str = ""
    education_text: str = ""
    certifications_text: str = ""
    skills_text: str = ""
    extra_text: str = ""
    unsorted: list[str] = field(default_factory=list)


def _heading_key(line: str) -> str | None:
    cleaned = re.sub(r"[^a-z& ]", "", line.lower()).strip()
    return _HEADING_OF.get(cleaned) if len(line) <= 40 else None


def _as_entries(lines: list[str]) -> str:
    """Lines of a section into the editor's entry format: bullets stay bullets, a dated line
    or a short line starts an entry, other lines become bullets of the entry above."""
    out: list[str] = []
    for line in lines:
        bullet = sections._bullet(line)
        if bullet is not None:
            out.append(f"- {bullet}" if out else bullet)
            continue
        dates = _DATES_RE.search(line)
        if dates:
            rest = (line[: dates.start()] + line[dates.end() :]).strip(" |,\t")
            rest = re.sub(r"\s{2,}|\t|\s[|,]\s", " | ", rest)
            out.append(f"{rest} | {dates.group(1)}" if rest else dates.group(1))
        elif not out or len(line) <= 60:
            out.append(line.replace("\t", " | "))
        else:
            out.append(f"- {line}")
    return "\n".join(out)


def structure_from_text(text: str) -> ImportedStructure:
    structure = ImportedStructure()
    current = "header"
    buckets: dict[str, list[str]] = {"header": []}
    extra: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        key = _heading_key(line)
        if key:
            current = key
            buckets.setdefault(key, [])
            continue
        if current == "header" or current in buckets:
            buckets[current].append(line)
    header = buckets.get("header", [])
    for line in header:
        email = _EMAIL_RE.search(line)
        phone = _PHONE_RE.search(line)
        if email and not structure.email:
            structure.email = email.group(0)
        if phone and not structure.phone:
            structure.phone = phone.group(0)
        if not email and not phone and not structure.full_name:
            structure.full_name = line[:120]
        elif not email and not phone and not structure.location and "," in line:
            structure.location = line[:120]
    structure.summary = "\n".join(buckets.get("summary", []))
    structure.experience_text = _as_entries(buckets.get("experience", []))
    structure.education_text = _as_entries(buckets.get("education", []))
    for key, attribute in (("certifications", "certifications_text"), ("skills", "skills_text")):
        items: list[str] = []
        for line in buckets.get(key, []):
            bullet = sections._bullet(line)
            line = bullet if bullet is not None else line
            # Skill lines are often comma or bullet separated on one line.
            items += [part.strip() for part in re.split(r"[,;\u2022|]", line) if part.strip()]
        setattr(structure, attribute, "\n".join(items))
    structure.extra_text = "\n".join(extra)
    return structure


def upload_text_read(upload: IO[bytes], *, filename: str, size: int) -> FileText:
    """Check an upload and read it without storing it (the analyze API): the same checks and
    sandbox as an import, through a private temporary file removed at once."""
    import tempfile

    from rxguild.core.uploads import upload_check

    checked = upload_check(upload, name=filename, size=size, kinds=KINDS)
    if checked.kind.extension == ".docx":
        docx_precheck(upload)
    upload.seek(0)
    with tempfile.NamedTemporaryFile(suffix=checked.kind.extension) as handle:
        while chunk := upload.read(64 * 1024):
            handle.write(chunk)
        handle.flush()
        result = file_text_extract(handle.name, kind=checked.kind.extension.lstrip("."))
    if not result.ok:
        assert result.failure is not None
        raise UploadRejected(failure_message(result.failure))
    return result
