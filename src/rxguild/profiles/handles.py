"""Profile handles, the readable part of /p/<handle>/: the rules and the derivation from a
name. Pure: no Django import (uniqueness is the services' job, against the database)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

MIN_LENGTH = 3
MAX_LENGTH = 30
# Lowercase letters, digits and single hyphens between them; a letter first, so a handle
# never looks like a number or an id.
HANDLE_RE = re.compile(r"^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$")
# Words that read as the site speaking, or as a page of it, are not anyone's handle.
RESERVED_HANDLES = frozenset(
    {
        "about", "account", "accounts", "admin", "administrator", "api", "app", "blog",
        "catalog", "ce", "community", "contact", "dashboard", "edit", "experience", "feed",
        "growth", "help", "home", "jobs", "login", "logout", "me", "media", "mentoring",
        "moderator", "moderators", "new", "null", "official", "p", "photo", "privacy",
        "profile", "profiles", "resumes", "roadmap", "root", "rxguild", "security",
        "settings", "signup", "staff", "static", "support", "system", "terms", "tracker",
        "undefined", "www",
    }
)  # fmt: skip


def handle_normalize(raw: str) -> str:
    """What the member typed, as a handle is stored: trimmed, lowercase, no leading '@'."""
    return raw.strip().lstrip("@").strip().lower()


def handle_problem(handle: str) -> str | None:
    """Why `handle` (already normalized) can't be a handle, in words; None when it can."""
    if len(handle) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(handle) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters (this has {len(handle)})."
    if not handle[0].isascii() or not handle[0].isalpha():
        return "Start with a letter (a to z)."
    if not HANDLE_RE.match(handle):
        return (
            "Use only lowercase letters a to z, digits and single hyphens between them "
            "(no spaces, dots or accents)."
        )
    if handle in RESERVED_HANDLES:
        return f"“{handle}” is reserved for the site. Choose another."
    return None


def handle_from_name(name: str) -> str:
    """A handle derived from a display name ('María Álvarez' -> 'maria-alvarez'), or '' when
    the name has nothing usable. The result may still be taken or reserved."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    handle = ""
    for word in words:
        candidate = f"{handle}-{word}" if handle else word
        if len(candidate) > MAX_LENGTH - 3:  # room for a "-2" suffix
            break
        handle = candidate
    # Leading digits are dropped: a handle starts with a letter.
    handle = handle.lstrip("0123456789-")
    if len(handle) < MIN_LENGTH or handle in RESERVED_HANDLES:
        return ""
    return handle


def handle_candidates(base: str, *, limit: int = 50) -> Iterator[str]:
    """base, base-2, base-3, ...: the first free one is the member's."""
    yield base
    for number in range(2, limit + 2):
        yield f"{base}-{number}"
