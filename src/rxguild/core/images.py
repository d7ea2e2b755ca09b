"""Photo uploads: validation and re-encoding, shared by every capability that takes a picture.

Generic untrusted-file checks (size, type sniffing for PDFs etc.) live in core.uploads; this
module is only about images, which are decoded and re-encoded rather than stored as sent.

Never trust the name or the declared type: the bytes are sniffed (magic numbers); the header
alone gives dimensions and mode, from which the cost of decoding is computed and refused
above a limit (decompression bombs); only then is the image decoded, in the sandbox (a child
process with memory, CPU and time limits, core.sandbox), and re-encoded from pixels only,
which drops EXIF (GPS, device), ICC tricks and anything appended after the image data. The
web process never decodes a member's pixels. The result gets a random name, so an upload can
never choose or guess a path.
"""

from __future__ import annotations

import io
import math
import secrets
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from rxguild.core.sandbox import ImageFailure, image_reencode

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# 40 megapixels is far above any phone photo, far below what would exhaust memory.
MAX_IMAGE_PIXELS = 40_000_000
# What the decoded pixels may take. A small file can claim a large, costly image (a 308 KB
# 16-bit RGBA PNG of 6300 x 6300 decodes to 150 MB, then is copied to convert it), so the
# cost is computed from the header before anything is decoded.
MAX_DECODED_BYTES = 100 * 1024 * 1024
# Pillow keeps one byte per pixel for 1/L/P, two for 16-bit grey, and four for every other
# mode it decodes photos to (RGB is stored padded to 32 bits). Other modes are refused.
_BYTES_PER_PIXEL = {
    "1": 1, "L": 1, "P": 1,
    "I;16": 2, "I;16B": 2, "I;16L": 2,
    "LA": 4, "PA": 4, "La": 4, "RGB": 4, "RGBA": 4, "RGBa": 4, "CMYK": 4, "YCbCr": 4, "I": 4,
}  # fmt: skip
_FAILURE_MESSAGES = {
    ImageFailure.DAMAGED: "That image is damaged or could not be read.",
    ImageFailure.TOO_LONG: "Reading that image took too long; make it smaller and try again.",
    ImageFailure.TOO_MUCH_MEMORY: (
        "Reading that image needed too much memory; make it smaller and try again."
    ),
}
ALLOWED_IMAGE_FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}
_MAGIC = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
}


@dataclass(frozen=True)
class ReencodedImage:
    content: bytes
    name: str  # random, with the extension of the output format
    width: int
    height: int
    content_type: str


def _sniff_format(head: bytes) -> str | None:
    for image_format, signatures in _MAGIC.items():
        if any(head.startswith(signature) for signature in signatures):
            return image_format
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def image_validate_and_reencode(
    upload: BinaryIO, *, filename: str, max_side: int = 800, max_bytes: int = MAX_IMAGE_BYTES
) -> ReencodedImage:
    """Check an uploaded image and return a clean JPEG no larger than max_side on a side.

    Raises ValidationError with a message a member can act on; nothing is written.
    """
    extension = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    allowed_extensions = set().union(*ALLOWED_IMAGE_FORMATS.values())
    if extension not in allowed_extensions:
        raise ValidationError("Upload a JPEG, PNG or WebP image (.jpg, .png or .webp).")
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            f"That image is too large: the limit is {max_bytes // (1024 * 1024)} MB."
        )
    if not data:
        raise ValidationError("That file is empty.")
    sniffed = _sniff_format(data[:16])
    if sniffed is None:
        raise ValidationError("That file is not a JPEG, PNG or WebP image.")
    if extension not in ALLOWED_IMAGE_FORMATS[sniffed]:
        raise ValidationError(
            f"The file's name says {extension} but its contents are {sniffed}: "
            "rename it or export it again."
        )
    _header_check(data, sniffed=sniffed, max_side=max_side)
    result = image_reencode(data, sniffed=sniffed, max_side=max_side)
    if result.failure is not None:
        raise ValidationError(_FAILURE_MESSAGES[result.failure])
    out_width, out_height = _jpeg_size(result.jpeg)
    return ReencodedImage(
        content=result.jpeg,
        name=f"{secrets.token_hex(16)}.jpg",
        width=out_width,
        height=out_height,
        content_type="image/jpeg",
    )


def _header_check(data: bytes, *, sniffed: str, max_side: int) -> None:
    """Dimensions and mode from the header alone (Pillow decodes nothing until load())."""
    try:
        with warnings.catch_warnings():
            # Pillow warns (then errors) on huge images; we decide with our own limits.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != sniffed:
                    raise ValidationError("That file is not a valid image.")
                width, height = probe.size
                if not width or not height:
                    raise ValidationError("That image is damaged or could not be read.")
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        "That image has too many pixels; make it smaller and try again."
                    )
                if probe.mode not in _BYTES_PER_PIXEL:
                    raise ValidationError(
                        f"That image's colour format ({probe.mode}) is not supported: "
                        "export it again as an ordinary JPEG or PNG."
                    )
                if probe.format == "JPEG":
                    # What the sandbox will decode: libjpeg's reduced scale (see image_worker).
                    scale = min(1.0, max_side / max(width, height))
                    probe.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
                decoded = probe.size[0] * probe.size[1] * _BYTES_PER_PIXEL[probe.mode]
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("That image is damaged or could not be read.") from None
    if decoded > MAX_DECODED_BYTES:
        raise ValidationError(
            f"That image is {width:,} by {height:,} pixels, which needs "
            f"{math.ceil(decoded / 1024 / 1024)} MB to read (the limit is "
            f"{MAX_DECODED_BYTES // 1024 // 1024} MB): make it smaller, for example 3,000 "
            "pixels on the long side, and try again."
        )


def _jpeg_size(jpeg: bytes) -> tuple[int, int]:
    # Our own sandbox's output, at most max_side on a side: safe to open here.
    with Image.open(io.BytesIO(jpeg)) as result:
        return result.size
