"""Member-written Markdown rendered to safe HTML, shared by every capability.

Two layers, on purpose: markdown-it-py runs with raw HTML off (so `<script>` stays text)
and nh3 (the Rust `ammonia` sanitizer) then allows only a small set of tags and
attributes, so a bug or a plugin in one layer cannot let markup through on its own.
Images are left out: remote images would break the CSP and track readers.
"""

from __future__ import annotations

import hashlib

import nh3
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Member links are untrusted and unendorsed (search engines and browsers honour these).
LINK_REL = "nofollow noopener ugc"

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.disable("image")


def _demote_headings(html_tokens: list[Token]) -> None:
    # A member's "# Title" must not compete with the page's own h1/h2 outline: shift by two.
    for token in html_tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"


# Parsing is pure Python (~5 ms for a 4,000-character statement on an idle core) and a
# profile is viewed far more often than edited: longer texts are cached by content hash.
CACHE_MIN_LENGTH = 500
CACHE_SECONDS = 24 * 3600
_CACHE_VERSION = "v1"  # bump when the allowed tags or the parser options change


def render_markdown(text: str | None) -> SafeString:
    """Render member Markdown to HTML that is safe to put in a page as is."""
    if not text:
        return mark_safe("")
    if len(text) < CACHE_MIN_LENGTH:
        return mark_safe(_render(text))
    key = f"markdown:{_CACHE_VERSION}:{hashlib.sha256(text.encode()).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = _render(text)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)


def _render(text: str) -> str:
    tokens = _parser.parse(text)
    _demote_headings(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        # Relative links would borrow the site's own authority ("/account/..."): absolute only.
        url_relative="deny",
        strip_comments=True,
    )
    return cleaned
