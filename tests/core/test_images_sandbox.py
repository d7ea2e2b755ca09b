"""Photos: the cost of decoding is checked from the header, and pixels are decoded only in the
sandbox, never in the web process (the security probe's 308 KB PNG that cost 465 MB)."""

from __future__ import annotations

import functools
import io
import resource
import struct
import zlib
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile
from tests.accounts.factories import UserFactory
from tests.profiles.conftest import image_bytes

from rxguild.core import sandbox
from rxguild.core.images import image_validate_and_reencode
from rxguild.profiles.services import profile_get_or_create_for_user


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


@functools.cache
def png_16bit_rgba(side: int) -> bytes:
    """A blank 16-bit RGBA PNG: a few hundred KB on disk, 8 bytes a pixel once inflated."""
    row = b"\x00" * (1 + side * 8)
    compressor = zlib.compressobj(6)
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 16, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


@pytest.fixture
def no_decoding_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if this (the web) process decodes any pixels."""

    def refuse(self: Any) -> None:
        raise AssertionError("pixels decoded in the web process")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_probe_png_is_refused_from_its_header(no_decoding_here: None) -> None:
    data = png_16bit_rgba(6300)
    assert len(data) < 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ValidationError) as caught:
        image_validate_and_reencode(io.BytesIO(data), filename="me.png")
    assert caught.value.messages == [
        "That image is 6,300 by 6,300 pixels, which needs 152 MB to read (the limit is 100 MB): "
        "make it smaller, for example 3,000 pixels on the long side, and try again."
    ]
    # ru_maxrss is in KB on Linux: the refusal cost far less than one decoded copy.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024


def test_an_ordinary_photo_is_decoded_in_the_sandbox_only(no_decoding_here: None) -> None:
    result = image_validate_and_reencode(
        io.BytesIO(image_bytes("PNG", (1600, 1200))), filename="me.png"
    )
    assert (result.width, result.height) == (800, 600)
    assert result.content.startswith(b"\xff\xd8\xff")


def test_a_16bit_photo_within_the_budget_is_accepted() -> None:
    result = image_validate_and_reencode(io.BytesIO(png_16bit_rgba(1000)), filename="me.png")
    assert (result.width, result.height) == (800, 800)


def test_16bit_grey_and_cmyk_photos_are_priced_and_accepted(no_decoding_here: None) -> None:
    header = struct.pack(">IIBBBBB", 20, 20, 16, 0, 0, 0, 0)
    grey16 = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
    grey16 += _chunk(b"IDAT", zlib.compress(b"\x00" * (20 * 41))) + _chunk(b"IEND", b"")
    assert image_validate_and_reencode(io.BytesIO(grey16), filename="g.png").width == 20
    cmyk = io.BytesIO()
    Image.new("CMYK", (20, 20)).save(cmyk, format="JPEG")
    assert image_validate_and_reencode(io.BytesIO(cmyk.getvalue()), filename="c.jpg").width == 20


def test_the_sandbox_memory_limit_holds() -> None:
    # Inside the budget, but not inside a sandbox given a quarter of its usual memory.
    data = png_16bit_rgba(4500)
    result = sandbox.image_reencode(
        data, sniffed="PNG", max_side=800, memory_bytes=sandbox.IMAGE_MEMORY_LIMIT_BYTES // 4
    )
    assert result.failure == sandbox.ImageFailure.TOO_MUCH_MEMORY
    assert result.jpeg == b""


def test_damaged_pixels_are_reported_by_the_sandbox() -> None:
    data = image_bytes("PNG", (200, 200))
    broken = data[:-40] + b"\x00" * 28 + data[-12:]  # IDAT corrupted, header intact
    with pytest.raises(ValidationError) as caught:
        image_validate_and_reencode(io.BytesIO(broken), filename="me.png")
    assert caught.value.messages == ["That image is damaged or could not be read."]


@pytest.mark.django_db
def test_photo_page_refuses_the_probe_png_and_stores_nothing(client: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    member = UserFactory()
    client.force_login(member)
    upload = SimpleUploadedFile("me.png", png_16bit_rgba(6300), "image/png")
    response = client.post("/profile/photo/", {"photo": upload})
    assert response.status_code == 200
    assert response.context["photo_form"].errors["photo"] == [
        "That image is 6,300 by 6,300 pixels, which needs 152 MB to read (the limit is 100 MB): "
        "make it smaller, for example 3,000 pixels on the long side, and try again."
    ]
    assert not profile_get_or_create_for_user(user=member).photo
    uploads = settings.MEDIA_ROOT
    assert not uploads.exists() or [p for p in uploads.rglob("*") if p.is_file()] == []


def test_sandbox_run_is_the_one_runner_and_reports_how_a_worker_ended():
    """pdf_text_extract, image_reencode and the resume importer all call sandbox_run; its
    result says whether the worker was stopped for time and carries what it wrote."""
    import inspect

    from rxguild.core import sandbox
    from rxguild.resumes import importing

    for function in (sandbox.pdf_text_extract, sandbox.image_reencode, importing.file_text_extract):
        source = inspect.getsource(function)
        assert "sandbox_run(" in source and "Popen" not in source
    slow = sandbox.sandbox_run("rxguild.core.extract_worker", ["/dev/zero", "1"], wall_seconds=0.01)
    assert (slow.timed_out, slow.killed_for_time, slow.stdout) == (True, True, b"")
    done = sandbox.sandbox_run("rxguild.core.extract_worker", ["/nonexistent.pdf", "1"])
    assert (done.timed_out, done.returncode) == (False, 0)
    assert sandbox.sandbox_json(done) == {"error": "could_not_read", "detail": "FileNotFoundError"}
