"""Runs in a separate, resource-limited process (started by `resumes.importing`); no Django.

argv: path, kind ("pdf" or "docx"), max_pages. Writes one JSON object to stdout:
{"text", "findings", "pages"} or {"error": code, "detail"}. The DOCX has already passed the
zip pre-checks in the parent (member count, sizes, ratio, no DTD); the limits here are the
second fence.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections.abc import Iterator
from typing import Any

from rxguild.resumes import file_layout

MAX_TEXT_CHARS = 200_000
TEXT_BOX_MARKERS = (b"<w:txbxContent", b"<v:textbox", b"<wps:txbx")
# Hard page breaks Word honours: a break character of type page, "page break before" on a
# paragraph, and a section that starts on a new (or odd/even) page.
_DOCX_PAGE_BREAK_RE = re.compile(
    rb'<w:br\b[^>]*w:type="page"|<w:pageBreakBefore\b(?![^>]*w:val="(?:0|false)")'
    rb'|<w:type w:val="(?:nextPage|oddPage|evenPage)"'
)


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
        app = archive.read("docProps/app.xml")[:20_000] if "docProps/app.xml" in names else b""
    if any(marker in body for marker in TEXT_BOX_MARKERS):
        findings.append("text_boxes")
    if any(name.startswith("word/media/") for name in names) or b"<w:drawing" in body:
        findings.append("images")
    for section in document.sections:
        if any(p.text.strip() for p in section.header.paragraphs + section.footer.paragraphs):
            findings.append("headers_footers")
            break
    text = "\n".join(chunks)
    # Word records the page count it last laid out; other writers may not, and python-docx
    # does not lay out pages, so the file is also held to the pages it must have at least.
    saved_pages = 0
    start = app.find(b"<Pages>")
    if start >= 0:
        end = app.find(b"</Pages>", start)
        digits = app[start + 7 : end]
        saved_pages = int(digits) if digits.isdigit() else 0
    pages = file_layout.docx_pages_at_least(
        saved_pages, len(_DOCX_PAGE_BREAK_RE.findall(body)), len(text)
    )
    return {"text": text[:MAX_TEXT_CHARS], "findings": findings, "pages": pages}


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
        if "tables" not in findings and file_layout.has_ruled_grid(_segments(reader, page)):
            findings.append("tables")
        if "columns" not in findings and text.strip():
            layout = page.extract_text(extraction_mode="layout") or ""
            if file_layout.has_side_by_side_text(layout.splitlines()):
                findings.append("columns")
        total += len(text)
        if total > MAX_TEXT_CHARS:
            break
    return {"text": "\n".join(chunks)[:MAX_TEXT_CHARS], "findings": findings, "pages": pages}


def _segments(reader: Any, page: Any) -> Iterator[file_layout.Segment]:
    """Straight path segments on a PDF page, in page coordinates.

    Follows the graphics state (q/Q save and restore, cm concatenation) so a table drawn
    under a scaled or flipped transform (WeasyPrint draws everything under one) keeps its
    shape. Curves only move the current point: tables are drawn with lines and rectangles.
    """
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return
    Matrix = tuple[float, float, float, float, float, float]
    matrix: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[Matrix] = []
    current = start = (0.0, 0.0)
    emitted = 0

    def point(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = matrix
        return (a * x + c * y + e, b * x + d * y + f)

    for operands, operator in ContentStream(contents, reader).operations:
        if emitted >= file_layout.MAX_SEGMENTS:
            return
        if operator == b"q":
            stack.append(matrix)
        elif operator == b"Q":
            matrix = stack.pop() if stack else matrix
        elif operator == b"cm" and len(operands) == 6:
            a, b, c, d, e, f = (float(value) for value in operands)
            m = matrix
            matrix = (
                a * m[0] + b * m[2],
                a * m[1] + b * m[3],
                c * m[0] + d * m[2],
                c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4],
                e * m[1] + f * m[3] + m[5],
            )
        elif operator == b"m" and len(operands) == 2:
            current = start = point(float(operands[0]), float(operands[1]))
        elif operator == b"l" and len(operands) == 2:
            end = point(float(operands[0]), float(operands[1]))
            yield file_layout.Segment(*current, *end)
            emitted += 1
            current = end
        elif operator in (b"c", b"v", b"y") and len(operands) >= 2:
            current = point(float(operands[-2]), float(operands[-1]))
        elif operator == b"h":
            yield file_layout.Segment(*current, *start)
            emitted += 1
            current = start
        elif operator == b"re" and len(operands) == 4:
            x, y, w, h = (float(value) for value in operands)
            corners = [point(x, y), point(x + w, y), point(x + w, y + h), point(x, y + h)]
            for one, two in zip(corners, corners[1:] + corners[:1], strict=True):
                yield file_layout.Segment(*one, *two)
            emitted += 4
            current = start = corners[0]


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
