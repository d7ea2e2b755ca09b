"""Runs in a separate, resource-limited process (see rxguild.core.sandbox); no Django here.

Reads a PDF path from argv, writes one JSON object to stdout: {"text": ...} or
{"error": code, "detail": ...}. Kept minimal so the limits apply to the parser alone.
"""

from __future__ import annotations

import json
import sys

MAX_TEXT_CHARS = 200_000


def extract_pdf_text(path: str, max_pages: int) -> dict[str, object]:
    from pypdf import PdfReader  # imported here so the parent never loads it for nothing

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return {"error": "could_not_read", "detail": "The PDF is password-protected."}
        pages = len(reader.pages)
        if pages > max_pages:
            return {"error": "too_many_pages", "detail": f"{pages} pages"}
        chunks: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            chunks.append(text)
            total += len(text)
            if total > MAX_TEXT_CHARS:
                break
        text = "\n".join(chunks)[:MAX_TEXT_CHARS]
        if not text.strip():
            # A scanned image or a stream pypdf refused to inflate: nothing to show the member.
            return {"error": "could_not_read", "detail": "no text"}
        return {"text": text, "pages": pages}
    except MemoryError:
        return {"error": "too_much_memory", "detail": "MemoryError"}
    except Exception as error:  # any parser failure is "could not read" for the member
        return {"error": "could_not_read", "detail": type(error).__name__}


def main(argv: list[str]) -> int:
    path, max_pages = argv[1], int(argv[2])
    result = extract_pdf_text(path, max_pages)
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
