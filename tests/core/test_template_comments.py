"""Django's `{# ... #}` comment is one line only: one that spans lines is printed on the page
as text (the builder and the analysis page once showed their developer notes to members)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "rxguild"
OPEN_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$")


def test_no_template_comment_spans_lines():
    templates = sorted(SRC.glob("**/templates/**/*.html"))
    assert len(templates) > 100
    unclosed = [
        f"{path.relative_to(SRC)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OPEN_COMMENT.search(line)
    ]
    assert unclosed == []
