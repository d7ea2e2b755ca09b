"""Profiles: the costs a member pays on save and a visitor pays on every profile view.

No database. Measured:
- `render_markdown` (markdown-it + nh3) on a 4,000-character brand statement (the maximum),
  cold (parsed each time) and warm (served from the cache by content hash); baseline:
  Django's `linebreaks(escape(text))`, the cheapest safe rendering (no Markdown at all).
- `image_validate_and_reencode` on a 12-megapixel phone photo (4000x3000 JPEG), the work of
  one photo upload; baseline: Pillow decoding the same file with nothing else.
Targets (idle machine): Markdown cold p95 < 10 ms; photo p95 < 1.5 s.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils.html import escape, linebreaks
from PIL import Image

from rxguild.core.images import image_validate_and_reencode
from rxguild.core.markdown import render_markdown

PARAGRAPH = (
    "Pharmacy technician with **seven years** in retail and hospital pharmacy. "
    "I compound IV admixtures under USP <797>, handle [prior authorizations]"
    "(https://example.org/pa) and train new technicians on *aseptic technique*.\n\n"
    "- TPN and chemo support\n- Pyxis and Omnicell\n- Third-party billing\n\n"
)


def _statement() -> str:
    text = PARAGRAPH * (4000 // len(PARAGRAPH) + 1)
    return text[:4000]


def _photo() -> bytes:
    # Smoothed noise so the JPEG is phone-sized: a flat colour would compress to nothing,
    # pure noise would not fit under the 5 MB limit at all.
    small = Image.merge("RGB", [Image.effect_noise((1000, 750), 64) for _ in range(3)])
    image = small.resize((4000, 3000), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _timed(label: str, fn: Callable[[], Any], samples: int) -> float:
    fn()  # warm up (imports, caches)
    durations = []
    for _ in range(samples):
        started = time.perf_counter()
        fn()
        durations.append(time.perf_counter() - started)
    durations.sort()
    p50 = statistics.median(durations) * 1000
    p95 = durations[int(len(durations) * 0.95) - 1] * 1000
    print(f"{label:<58} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   (n={samples})")
    return p95


def run() -> None:
    statement = _statement()

    def cold() -> None:
        cache.clear()  # every view a first view: parse and sanitize each time
        render_markdown(statement)

    markdown_p95 = _timed("render_markdown, 4,000-char statement, cold cache", cold, 300)
    _timed(
        "render_markdown, same, warm cache (repeat views)", lambda: render_markdown(statement), 300
    )
    baseline_p95 = _timed(
        "baseline: linebreaks(escape(text)), same text", lambda: linebreaks(escape(statement)), 300
    )
    print(
        f"  cold Markdown + sanitizing: {markdown_p95 / baseline_p95:.1f}x the plain escape (p95)"
    )

    photo = _photo()
    print(f"  photo: 4000x3000 JPEG, {len(photo) / 1024 / 1024:.1f} MB")
    reencode_p95 = _timed(
        "image_validate_and_reencode, 12 MP JPEG -> 800 px",
        lambda: image_validate_and_reencode(io.BytesIO(photo), filename="phone.jpg"),
        10,
    )

    def decode_only() -> None:
        with Image.open(io.BytesIO(photo)) as image:
            image.load()

    decode_p95 = _timed("baseline: Pillow decode only, same file", decode_only, 10)
    print(f"  validation + re-encoding costs {reencode_p95 / decode_p95:.1f}x a bare decode (p95)")
    print(
        "  targets: markdown cold p95 < 10 ms: "
        + ("met" if markdown_p95 < 10 else "MISSED")
        + "; photo p95 < 1500 ms: "
        + ("met" if reencode_p95 < 1500 else "MISSED")
    )
