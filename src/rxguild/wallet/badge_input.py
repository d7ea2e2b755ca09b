"""What a member hands us as a badge, read into one of three forms (pure).

- an Open Badges 2.0 hosted assertion: its URL (Credly's "badge_assertions" link) or its JSON;
- an Open Badges 3.0 credential signed as a VC-JWT (compact JWS);
- any of these baked into a badge image: PNG (an iTXt/tEXt chunk, keyword `openbadges` for 2.0,
  `openbadgecredential` for 3.0) or SVG (`<openbadges:assertion verify="URL">` or its JSON for
  2.0 in namespace http://openbadges.org; `<openbadges:credential>` for 3.0 in
  https://purl.imsglobal.org/ob/v3p0).
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from rxguild.wallet.errors import BadgeRefused

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BAKED_KEYWORDS = (b"openbadges", b"openbadgecredential")
OB2_NS = "http://openbadges.org"
OB3_NS = "https://purl.imsglobal.org/ob/v3p0"
MAX_TEXT = 200_000  # a badge's JSON or JWT is a few KB; more is not a badge
JWT_SHAPE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class BadgeInput:
    kind: str  # "ob2-url", "ob2-json", "ob3-jwt"
    url: str = ""
    assertion: dict[str, Any] | None = None
    token: str = ""


def _inflate(data: bytes) -> bytes:
    decompressor = zlib.decompressobj()
    out = decompressor.decompress(data, MAX_TEXT + 1)
    if len(out) > MAX_TEXT:
        raise BadgeRefused("The badge image's baked data is too large.")
    return out


def from_png(data: bytes) -> str:
    if not data.startswith(PNG_SIGNATURE):
        raise BadgeRefused("The file is not a PNG image.")
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if chunk_type == b"iTXt":
            keyword, _, rest = body.partition(b"\x00")
            if keyword not in BAKED_KEYWORDS or len(rest) < 2:
                continue
            compressed, rest = rest[0], rest[2:]
            _language, _, rest = rest.partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            raw = _inflate(text) if compressed else text
            return raw.decode("utf-8", "replace").strip()
        if chunk_type == b"tEXt":
            keyword, _, text = body.partition(b"\x00")
            if keyword in BAKED_KEYWORDS:
                return text.decode("latin-1").strip()
        if chunk_type == b"IEND":
            break
    raise BadgeRefused("This image has no badge baked into it.")


def from_svg(data: bytes) -> str:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise BadgeRefused("The SVG file cannot be read.") from None
    for namespace, tag in ((OB3_NS, "credential"), (OB2_NS, "assertion")):
        for element in root.iter(f"{{{namespace}}}{tag}"):
            text = (element.text or "").strip()
            if text:
                return text
            verify = element.get("verify", "").strip()
            if verify:
                return verify
    raise BadgeRefused("This image has no badge baked into it.")


def read_text(text: str) -> BadgeInput:
    text = text.strip()
    if not text:
        raise BadgeRefused("Paste a badge link, its JSON or its JWT, or upload a badge image.")
    if len(text) > MAX_TEXT:
        raise BadgeRefused("That is too long to be a badge.")
    if text.startswith(("https://", "http://")):
        return BadgeInput(kind="ob2-url", url=text.split()[0])
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            raise BadgeRefused("The badge's JSON cannot be read.") from None
        if not isinstance(data, dict):
            raise BadgeRefused("The badge's JSON is not an object.")
        contexts = data.get("@context") or []
        contexts = [contexts] if isinstance(contexts, str) else contexts
        if any("credentials" in str(c) or "ob/v3p0" in str(c) for c in contexts):
            raise BadgeRefused(
                "This Open Badges 3.0 credential is plain JSON; only its signed form (a JWT) "
                "can be checked here. Ask the issuer for the JWT or the baked image."
            )
        return BadgeInput(kind="ob2-json", assertion=data)
    if JWT_SHAPE.match(text):
        return BadgeInput(kind="ob3-jwt", token=text)
    raise BadgeRefused("This is not a badge link, badge JSON or a signed badge (JWT).")
