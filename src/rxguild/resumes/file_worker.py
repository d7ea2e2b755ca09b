"""Runs in a separate, resource-limited process (started by `resumes.importing`); no Django.

argv: path, kind ("pdf" or "docx"), max_pages. Writes one JSON object to stdout:
{"text", "findings", "pages"} or {"error": code, "detail"}. The DOCX has already passed the
zip pre-checks in the parent (member count, sizes, ratio, no DTD); the limits here are the
second fence.
"""

from __future__ import annotations

import json
import sys
import zipfile

MAX_TEXT_CHARS = 200_000
TEXT_BOX_MARKERS = (b"<w:txbxContent", b"<v:textbox", b"<wps:txbx")


def _docx(path: str) -> dict[str, object]:
    from docx import Document  # imported here so the parent never loads it for nothing

    document = Document(path)
    findings: list[str] = []
    chunks = [paragraph.text for paragraph in document.paragraphs]
    if document.tables:
        findings.append("tables")
        for table in document.tables:
            for row in table.rows:
                chunks.append("  ".join(cell.text for cell in row.cells))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        body = archive.read("word/document.xml")
    if any(marker in body for marker in TEXT_BOX_MARKERS):
        findings.append("text_boxes")
    if any(name.startswith("word/media/") for name in names) or b"<w:drawing" in body:
        findings.append("images")
    for section in document.sections:
        if any(p.text.strip() for p in section.header.paragraphs + section.footer.paragraphs):
            findings.append("headers_footers")
            break
    text = "\n".join(chunks)[:MAX_TEXT_CHARS]
    # Word records the page count it last laid out; python-docx does not lay out pages.
    pages = 0
    if "docProps/app.xml" in names:
        with zipfile.ZipFile(path) as archive:
            app = archive.read("docProps/app.xml")[:20_000]
        start = app.find(b"<Pages>")
        if start >= 0:
            end = app.find(b"</Pages>", start)
            digits = app[start + 7 : end]
            pages = int(digits) if digits.isdigit() else 0
    return {"text": text, "findings": findings, "pages": pages}


def _pdf(path: str, max_pages: int) -> dict[str, object]:
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        return {"error": "could_not_read", "detail": "The PDF is password-protected."}
    pages = len(reader.pages)
    if pages > max_pages:
        return {"error": "too_many_pages", "detail": f"{pages} pages"}
    findings: list[str] = []
    chunks: list[str] = []
    total = 0
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        if xobjects and "images" not in findings:
            xobjects = xobjects.get_object()
            if any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects):
                findings.append("images")
        text = page.extract_text() or ""
        chunks.append(text)
        total += len(text)
        if total > MAX_TEXT_CHARS:
            break
    return {"text": "\n".join(chunks)[:MAX_TEXT_CHARS], "findings": findings, "pages": pages}


def extract(path: str, kind: str, max_pages: int) -> dict[str, object]:
    try:
        result = _docx(path) if kind == "docx" else _pdf(path, max_pages)
    except MemoryError:
        return {"error": "too_much_memory", "detail": "MemoryError"}
    except Exception as error:  # any parser failure is "could not read" for the member
        return {"error": "could_not_read", "detail": type(error).__name__}
    if "error" in result:
        return result
    if int(str(result.get("pages") or 0)) > max_pages:
        return {"error": "too_many_pages", "detail": f"{result['pages']} pages"}
    if not str(result.get("text", "")).strip():
        # A scanned image or a stream the parser refused: the analyzer says so to the member.
        result["findings"] = [*list(result.get("findings") or []), "unextractable_text"]  # type: ignore[call-overload]  # JSON-ish dict
    return result


def main(argv: list[str]) -> int:
    sys.stdout.write(json.dumps(extract(argv[1], argv[2], int(argv[3]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
