"""Photo uploads: validation and re-encoding, shared by every capability that takes a picture.

Generic untrusted-file checks (size, type sniffing for PDFs etc.) live in core.uploads; this
module is only about images, which are decoded and re-encoded rather than stored as sent.

Never trust the name or the declared type: the bytes are sniffed (magic numbers), decoded
by Pillow under a pixel limit (decompression bombs), and re-encoded from pixels only, which
drops EXIF (GPS, device), ICC tricks and anything appended after the image data. The result
gets a random name, so an upload can never choose or guess a path.
"""

from __future__ import annotations

import io
import math
import secrets
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# 40 megapixels is far above any phone photo, far below what would exhaust memory.
MAX_IMAGE_PIXELS = 40_000_000
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
    try:
        with warnings.catch_warnings():
            # Pillow warns (then errors) on huge images; we decide with our own limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != sniffed:
                    raise ValidationError("That file is not a valid image.")
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        "That image has too many pixels; make it smaller and try again."
                    )
                probe.verify()
            # verify() leaves the image unusable: open again to decode the pixels.
            with Image.open(io.BytesIO(data)) as image:
                if image.format == "JPEG":
                    # Let libjpeg decode at 1/2, 1/4 or 1/8 scale (never below max_side):
                    # a 12 MP phone photo then costs a fraction of the time and memory.
                    scale = min(1.0, max_side / max(width, height))
                    image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
                image.load()
                # Keep the orientation the camera recorded, then drop all metadata.
                upright = ImageOps.exif_transpose(image).convert("RGB")
                upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
                output = io.BytesIO()
                upright.save(output, format="JPEG", quality=85, optimize=True)
                out_width, out_height = upright.size
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("That image is damaged or could not be read.") from None
    return ReencodedImage(
        content=output.getvalue(),
        name=f"{secrets.token_hex(16)}.jpg",
        width=out_width,
        height=out_height,
        content_type="image/jpeg",
    )
