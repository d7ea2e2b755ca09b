"""The builder's light formatting, read by the exports, and the check for marks written out."""

from __future__ import annotations

import pytest

from rxguild.resumes.ats import resume_checks
from rxguild.resumes.markup import Block, Run, blocks, inline_runs, literal_markup, plain


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Ten years in **retail**", [Run("Ten years in "), Run("retail", bold=True)]),
        ("*Lead* technician", [Run("Lead", italic=True), Run(" technician")]),
        (
            "__Pyxis__ and _Omnicell_",
            [Run("Pyxis", bold=True), Run(" and "), Run("Omnicell", italic=True)],
        ),
        ("***both***", [Run("both", bold=True, italic=True)]),
        (
            "**bold with *italic* inside**",
            [
                Run("bold with ", bold=True),
                Run("italic", bold=True, italic=True),
                Run(" inside", bold=True),
            ],
        ),
        ("5 * 2 * 3 doses", [Run("5 * 2 * 3 doses")]),
        ("file_name_here stays", [Run("file_name_here stays")]),
        ("an open **mark", [Run("an open **mark")]),
    ],
    ids=["bold", "italic", "underscores", "both", "nested", "arithmetic", "snake-case", "unclosed"],
)
def test_inline_runs(text, runs):
    assert inline_runs(text) == runs


def test_plain_drops_the_marks_and_keeps_the_lines():
    assert plain("**Retail** lead\n- *Pyxis* cabinets") == "Retail lead\n- Pyxis cabinets"


def test_blocks_are_paragraphs_and_lists():
    text = "Technician with **six** years.\nBilingual.\n\n- Pyxis\n- Omnicell\nAfter the list"
    assert blocks(text) == [
        Block("paragraph", ("Technician with **six** years.", "Bilingual.")),
        Block("list", ("Pyxis", "Omnicell")),
        Block("paragraph", ("After the list",)),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Six years of **retail** experience", "**retail**"),
        ("Trained staff on __Pyxis__", "__Pyxis__"),
        ("# Summary\nTechnician", "# Summary"),
        ("See [my profile](https://example.org)", "[my profile](https://example.org)"),
        ("Typed `code` here", "`code`"),
        ("- Filled prescriptions\n* Counted tablets", None),
        ("jane_doe@example.org, 5 * 2", None),
        ("Plain words only", None),
    ],
    ids=["bold", "underscores", "heading", "link", "code", "bullets", "email", "plain"],
)
def test_literal_markup(text, found):
    assert literal_markup(text) == found


def test_the_resume_check_flags_marks_written_out():
    checks = {check.code: check for check in resume_checks("Lead tech in **retail**\n")}
    assert "“**retail**”" in checks["literal_markup"].message
    assert "literal_markup" not in {check.code for check in resume_checks("Lead tech in retail\n")}
