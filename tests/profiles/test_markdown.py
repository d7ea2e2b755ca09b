"""render_markdown with hostile input: nothing executable may survive."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from rxguild.core.markdown import ALLOWED_TAGS, render_markdown

HOSTILE = {
    "script tag": "<script>alert(1)</script>",
    "style tag": "<style>body{display:none}</style>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "raw anchor with handler": '<a href="https://e.com" onclick="alert(1)">x</a>',
    "javascript link": "[click](javascript:alert(1))",
    "mixed-case javascript link": "[click](JaVaScRiPt:alert(1))",
    "entity-encoded javascript": "[click](&#106;avascript:alert(1))",
    "data url link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript link": "[x](vbscript:msgbox(1))",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "svg onload": "<svg onload=alert(1)>",
    "autolink javascript": "<javascript:alert(1)>",
    "reference link javascript": "[x][1]\n\n[1]: javascript:alert(1)",
    "html comment": "<!-- <script>alert(1)</script> -->",
}


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_renders_inert(text: str) -> None:
    collector = _TagCollector()
    collector.feed(str(render_markdown(text)))
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert name in {"href", "title", "rel", "start"}
            if name == "href":
                assert (value or "").split(":")[0].lower() in {"http", "https", "mailto"}


def test_script_tag_is_shown_as_text() -> None:
    assert str(render_markdown("<script>alert(1)</script>")) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_links_get_nofollow_noopener_ugc() -> None:
    assert str(render_markdown("[my site](https://example.org/me)")) == (
        '<p><a href="https://example.org/me" rel="nofollow noopener ugc">my site</a></p>\n'
    )


def test_common_formatting_is_kept_and_headings_are_demoted() -> None:
    html = str(render_markdown("# Title\n\n**bold** and *it*\n\n- one\n- two"))
    assert html == (
        "<h3>Title</h3>\n<p><strong>bold</strong> and <em>it</em></p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    )


@pytest.mark.parametrize("target", ["b", "/account/", "//evil.example/x", "../x"])
def test_relative_links_lose_their_href(target: str) -> None:
    assert str(render_markdown(f"[a]({target})")) == '<p><a rel="nofollow noopener ugc">a</a></p>\n'


def test_images_are_not_rendered() -> None:
    assert "<img" not in str(render_markdown("![tracker](https://evil.example/p.gif)"))


def test_empty_and_none_give_empty_safe_string() -> None:
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
    assert isinstance(render_markdown("x"), SafeString)


FRAGMENTS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "[a](", ")", "](",
    "<a href=", "\"", "'", "`", "*", "_", "#", "\n", "\n\n", "- ", "> ", "<!--", "-->", "&#", ";",
    "data:", "<style>", "onload=", "<svg", "[x]: ", "http://e.com", "<", ">", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=30).map("".join))
def test_any_input_renders_only_allowed_tags_and_safe_links(text: str) -> None:
    collector = _TagCollector()
    collector.feed(str(render_markdown(text)))
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert name in {"href", "title", "rel", "start"}
            if name == "href":
                assert (value or "").split(":")[0].lower() in {"http", "https", "mailto"}


def test_long_texts_are_rendered_once_then_served_from_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rxguild.core import markdown

    calls: list[str] = []
    real_render = markdown._render

    def counting_render(text: str) -> str:
        calls.append(text)
        return real_render(text)

    monkeypatch.setattr(markdown, "_render", counting_render)
    long_text = "**x** " * 200
    first = render_markdown(long_text)
    second = render_markdown(long_text)
    assert first == second
    assert str(first).startswith("<p><strong>x</strong>")
    assert len(calls) == 1
    render_markdown("short")
    render_markdown("short")
    assert len(calls) == 3  # short texts are cheaper to render than to look up
