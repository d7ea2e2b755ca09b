"""Runs in a separate, resource-limited process (see rxguild.core.sandbox); no Django here.

Reads an image from stdin, writes the re-encoded JPEG to stdout. argv: the format the parent
sniffed (JPEG, PNG or WEBP) and the longest side wanted. Exit status 0 with the JPEG, or
IMAGE_DAMAGED when Pillow cannot read the image; a child killed by its limits says nothing.
The parent has already checked the header (dimensions, mode, decoded size); the limits here
are the second fence.
"""

from __future__ import annotations

import io
import math
import sys
import warnings

IMAGE_DAMAGED = 3


def reencode(data: bytes, *, sniffed: str, max_side: int) -> bytes | None:
    from PIL import Image, ImageOps  # imported here so the limits cover Pillow's own memory

    try:
        with warnings.catch_warnings():
            # The parent applied our own pixel limit; Pillow's warning would only be noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != sniffed:
                    return None
                probe.verify()
            # verify() leaves the image unusable: open again to decode the pixels.
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
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
                return output.getvalue()
    except MemoryError:
        raise  # dies with a traceback and no JPEG: the parent reports "too much memory"
    except Exception:  # any decoder failure is "damaged" for the member
        return None


def main(argv: list[str]) -> int:
    sniffed, max_side = argv[1], int(argv[2])
    jpeg = reencode(sys.stdin.buffer.read(), sniffed=sniffed, max_side=max_side)
    if jpeg is None:
        return IMAGE_DAMAGED
    sys.stdout.buffer.write(jpeg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
