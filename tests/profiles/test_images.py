"""core.images: photo validation and re-encoding (no database)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from tests.profiles.conftest import image_bytes

from rxguild.core import images
from rxguild.core.images import image_validate_and_reencode


def _check(data: bytes, name: str) -> images.ReencodedImage:
    return image_validate_and_reencode(io.BytesIO(data), filename=name)


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "me.jpg"), ("PNG", "me.PNG"), ("WEBP", "me.webp")]
)
def test_allowed_formats_are_reencoded_as_jpeg_within_800px(fmt: str, name: str) -> None:
    result = _check(image_bytes(fmt, (1600, 1200)), name)
    assert result.content_type == "image/jpeg"
    assert (result.width, result.height) == (800, 600)
    assert result.name.endswith(".jpg")
    assert len(result.name) == 36  # 32 random hex characters + ".jpg"
    with Image.open(io.BytesIO(result.content)) as reopened:
        assert reopened.format == "JPEG"


def test_exif_is_stripped() -> None:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x8825] = {1: "N"}  # GPS IFD
    result = _check(image_bytes("JPEG", (300, 200), exif=exif.tobytes()), "gps.jpg")
    with Image.open(io.BytesIO(result.content)) as reopened:
        assert dict(reopened.getexif()) == {}
    assert b"SpyCam" not in result.content


def test_small_images_are_not_enlarged() -> None:
    result = _check(image_bytes("PNG", (120, 90)), "small.png")
    assert (result.width, result.height) == (120, 90)


def test_two_uploads_get_different_random_names() -> None:
    data = image_bytes("PNG", (10, 10))
    assert _check(data, "a.png").name != _check(data, "a.png").name


BAD = {
    "pdf renamed to jpg": (b"%PDF-1.7\n1 0 obj<<>>endobj\n", "photo.jpg", "not a JPEG, PNG"),
    "html renamed to png": (b"<html><script>alert(1)</script></html>", "x.png", "not a JPEG, PNG"),
    "gif is not allowed": (b"GIF89a" + b"\x00" * 40, "anim.gif", "Upload a JPEG, PNG or WebP"),
    "svg is not allowed": (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.svg", "Upload a JPEG"),
    "no extension": (image_bytes("PNG", (5, 5)), "photo", "Upload a JPEG, PNG or WebP"),
    "png named jpg": (image_bytes("PNG", (5, 5)), "photo.jpg", "contents are PNG"),
    "empty file": (b"", "empty.png", "empty"),
    "truncated jpeg": (image_bytes("JPEG", (400, 400))[:200], "cut.jpg", "damaged"),
    "png magic then garbage": (b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20, "bad.png", "damaged"),
}


@pytest.mark.parametrize(("data", "name", "message"), BAD.values(), ids=BAD.keys())
def test_bad_uploads_are_refused_with_a_clear_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _check(data, name)
    assert message in caught.value.messages[0]


def test_too_large_file_is_refused_before_decoding() -> None:
    data = image_bytes("PNG", (10, 10)) + b"\x00" * (5 * 1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        _check(data, "big.png")
    assert caught.value.messages == ["That image is too large: the limit is 5 MB."]


def test_decompression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # A 3000x3000 image is 9 megapixels; with the limit lowered to 1 megapixel it is a "bomb".
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 1_000_000)
    data = image_bytes("PNG", (3000, 3000))
    with pytest.raises(ValidationError) as caught:
        _check(data, "bomb.png")
    assert caught.value.messages == [
        "That image has too many pixels; make it smaller and try again."
    ]


def test_real_pillow_bomb_header_is_refused() -> None:
    # A tiny PNG whose header claims 100000 x 100000 pixels (10 gigapixels).
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(ValidationError) as caught:
        _check(data, "bomb.png")
    assert caught.value.messages[0] in {
        "That image has too many pixels; make it smaller and try again.",
        "That image is damaged or could not be read.",
    }
