"""Small presentation helpers every app's templates share (`{% load rxguild_ui %}`).

No business rules here: who may see a member's photo is decided by profiles' selectors,
which hand the template a photo URL or nothing."""

from __future__ import annotations

import zlib

from django import template

from rxguild.core.deletion import member_name

register = template.Library()

AVATAR_TONES = 6  # .avatar-tone-0 .. -5 in site.css, each with AA contrast for its initials


@register.filter
def initials(name: object) -> str:
    """Initials for an avatar: "Maria Alvarez, CPhT" -> "MA"; "Rosa" -> "R"; nothing -> "?"."""
    words = [word for word in str(name or "").split(",")[0].split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.filter(name="member_name")
def member_name_filter(user: object) -> str:
    """`{{ post.author|member_name }}`: "A former member" once the account is deleted."""
    return member_name(user)


@register.filter
def avatar_tone(name: object) -> int:
    """A stable colour for a name, so a member looks the same on every list."""
    return zlib.crc32(str(name or "").encode()) % AVATAR_TONES


@register.inclusion_tag("core/_avatar.html")
def avatar(name: object, photo_url: str | None = None, size: str = "md") -> dict[str, object]:
    """`{% avatar view.display_name photo_url=view.photo_url size="sm" %}`: the photo when the
    caller may show it, otherwise the initials on a colour of their own."""
    return {"name": name, "photo_url": photo_url, "size": size}
