"""The PDF sandbox against hostile and broken files generated here (no fixtures on disk)."""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

import pytest

from rxguild.core.sandbox import ExtractFailure, pdf_text_extract

from .conftest import certificate_pdf


def _pdf_with_stream(stream: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 "
        b"/BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _gone(pid: int | None) -> bool:
    assert pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_reads_text_of_a_normal_certificate(tmp_path: Path) -> None:
    path = tmp_path / "ok.pdf"
    path.write_bytes(certificate_pdf(["Certificate of Completion", "UAN: 0204-0000-24-101-H05-T"]))
    result = pdf_text_extract(path)
    assert result.failure is None
    assert "0204-0000-24-101-H05-T" in result.text
    assert _gone(result.pid)


def test_flate_bomb_fails_clearly_and_quickly(tmp_path: Path) -> None:
    # ~450 KB on disk that inflates to ~300 MB of text-drawing operators.
    bomb = zlib.compress(b"BT /F1 12 Tf (A) Tj ET\n" * (300 * 1024 * 1024 // 23), 9)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_stream(bomb))
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    result = pdf_text_extract(path, wall_seconds=20)
    elapsed = time.monotonic() - started
    assert result.failure in {
        ExtractFailure.COULD_NOT_READ,
        ExtractFailure.TOO_MUCH_MEMORY,
        ExtractFailure.TOO_LONG,
    }
    assert result.text == ""
    assert elapsed < 20
    assert _gone(result.pid)


def test_memory_limit_is_enforced(tmp_path: Path) -> None:
    path = tmp_path / "ok.pdf"
    path.write_bytes(certificate_pdf(["hello"]))
    # 40 MB is too little for the interpreter plus pypdf: the worker must die, not the caller.
    result = pdf_text_extract(path, memory_bytes=40 * 1024 * 1024)
    assert result.failure == ExtractFailure.TOO_MUCH_MEMORY
    assert _gone(result.pid)


def test_truncated_pdf_is_reported_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(certificate_pdf(["Certificate"])[:300])
    result = pdf_text_extract(path)
    assert result.failure == ExtractFailure.COULD_NOT_READ
    assert result.failure.message == "We could not read text from this file."
    assert _gone(result.pid)


def test_too_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(certificate_pdf(["page"], pages=51))
    result = pdf_text_extract(path)
    assert result.failure == ExtractFailure.TOO_MANY_PAGES
    assert result.failure.message == "The file has more than 50 pages."


def test_wall_clock_timeout_kills_the_worker(tmp_path: Path) -> None:
    path = tmp_path / "ok.pdf"
    path.write_bytes(certificate_pdf(["hello"]))
    result = pdf_text_extract(path, wall_seconds=0.01)
    assert result.failure == ExtractFailure.TOO_LONG
    assert _gone(result.pid)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "The file is 5.0 MB; the limit is 5 MB."),
        ("empty.pdf", b"", "The file is empty."),
        ("cert.exe", b"MZ....", "Only these file types are accepted: .pdf."),
        (
            "cert.pdf",
            b"\x89PNG\r\n\x1a\nxxxx",
            "The file is named .pdf but its contents are not .pdf.",
        ),
    ],
    ids=["too-big", "empty", "wrong-extension", "magic-mismatch"],
)
def test_upload_check_refuses(name: str, content: bytes, message: str) -> None:
    import io

    from rxguild.core.uploads import PDF, UploadRejected, upload_check

    with pytest.raises(UploadRejected) as caught:
        upload_check(io.BytesIO(content), name=name, size=len(content), kinds=(PDF,))
    assert str(caught.value) == message


def test_random_storage_name_hides_the_original() -> None:
    from rxguild.core.uploads import random_storage_name

    first = random_storage_name("ce-proof", ".pdf")
    assert first.startswith("ce-proof/") and first.endswith(".pdf")
    assert len(first) == len("ce-proof/") + 32 + 4
    assert first != random_storage_name("ce-proof", ".pdf")
