"""W3C Bitstring Status List v1.0: the bitstring behind a status list credential (pure).

`encodedList` is the multibase base64url (prefix "u", no padding) of the GZIP of the bitstring;
bit 0 is the most significant bit of the first byte. A set bit means the credential at that
index has the list's purpose (here: revoked). The spec asks for at least 131,072 entries so a
list says nothing about how many credentials an issuer made (herd privacy).
"""

from __future__ import annotations

import base64
import gzip
import zlib

MIN_ENTRIES = 131_072
# A list bigger than this is refused when read from elsewhere: 16 MiB of bits decompressed.
MAX_DECODED_BYTES = 16 * 1024 * 1024


class StatusListError(ValueError):
    """The list cannot be read; str() says why."""


def encode(revoked: set[int], *, size: int = MIN_ENTRIES) -> str:
    bits = bytearray(size // 8)
    for index in revoked:
        if not 0 <= index < size:
            raise StatusListError(f"Index {index} is outside a list of {size} entries.")
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode(encoded_list: str) -> bytes:
    if not encoded_list.startswith("u"):
        raise StatusListError("The status list is not multibase base64url.")
    body = encoded_list[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError:
        raise StatusListError("The status list is not valid base64url.") from None
    # Decompress in bounded steps: a small gzip can inflate to gigabytes (a gzip bomb).
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(compressed, MAX_DECODED_BYTES + 1)
    except Exception:
        raise StatusListError("The status list is not valid GZIP.") from None
    if len(out) > MAX_DECODED_BYTES or decompressor.unconsumed_tail:
        raise StatusListError("The status list is too large.")
    return out


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"Index {index} is outside the status list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
