"""Layout checks on uploaded resumes: the pure rules (`resumes.file_layout`)."""

from __future__ import annotations

from rxguild.resumes.file_layout import (
    MAX_CHARS_PER_PAGE,
    Segment,
    docx_pages_at_least,
    has_ruled_grid,
    has_side_by_side_text,
)


def _box(x: float, y: float, w: float, h: float) -> list[Segment]:
    return [
        Segment(x, y, x + w, y),
        Segment(x + w, y, x + w, y + h),
        Segment(x + w, y + h, x, y + h),
        Segment(x, y + h, x, y),
    ]


def test_a_ruled_two_by_two_table_is_a_grid():
    cells = [
        s
        for row in range(2)
        for col in range(2)
        for s in _box(50 + 100 * col, 500 + 20 * row, 100, 20)
    ]
    assert has_ruled_grid(cells)


def test_a_page_border_and_heading_rules_are_not_a_grid():
    border = _box(20, 20, 572, 752)
    rules = [Segment(40, y, 570, y) for y in (700, 600, 500, 400)]
    assert not has_ruled_grid(border + rules)


def test_one_boxed_column_is_not_a_grid():
    # A boxed list (one column of cells) is two column rules: harmless to a parser.
    cells = [s for row in range(5) for s in _box(50, 500 + 20 * row, 200, 20)]
    assert not has_ruled_grid(cells)


def test_short_strokes_such_as_drawn_bullets_are_ignored():
    ticks = [Segment(50 + 10 * i, 500, 53 + 10 * i, 500) for i in range(50)]
    ticks += [Segment(50 + 10 * i, 500, 50 + 10 * i, 503) for i in range(50)]
    assert not has_ruled_grid(ticks)


SIDEBAR = """\
Skills                         Experience
Pyxis                          Sterile compounding in a USP 797 cleanroom,
                               aseptic technique, TPN. Sterile compounding in a
Omnicell                       USP 797 cleanroom, aseptic technique, TPN.
Billing                        Sterile compounding in a USP 797 cleanroom,
                               aseptic technique, TPN.
Med rec                        Sterile compounding in a USP 797 cleanroom,
Inventory                      aseptic technique, TPN. Sterile compounding in a
"""

SINGLE_COLUMN = """\
Ana Rivera
ana@example.org | 713-555-0100 | Houston, TX
EXPERIENCE
Pharmacy Technician, Memorial Hospital                   Jan 2021 - Present
- Compounded IV admixtures under USP <797> using aseptic technique in the IV room
- Checked Pyxis refills
Pharmacy Technician, Eastside Pharmacy                   May 2019 - Dec 2020
- Billed third-party plans and resolved prior authorizations for patients
- Counted and filled prescriptions
Cashier, Corner Market                                   Jun 2017 - Apr 2019
- Handled cash
EDUCATION
Pharmacy Technician Program, Houston Community College   2019 - 2020
"""


def test_a_sidebar_layout_is_side_by_side_text():
    assert has_side_by_side_text(SIDEBAR.splitlines())


def test_a_sidebar_on_the_right_is_side_by_side_text():
    right = [
        "Compounded IV admixtures under USP 797 in the IV room      Pyxis",
        "using aseptic technique and gravimetric checks daily       Omnicell",
        "Prepared TPN and chemotherapy in the hazardous room        Billing",
        "Trained new technicians on garbing and hand hygiene        Med rec",
        "Kept cleanroom logs and temperature records current        DSCSA",
        "Counted controlled substances with the pharmacist          Inventory",
    ]
    assert has_side_by_side_text(right)


def test_tab_aligned_dates_in_one_column_are_not_columns():
    assert not has_side_by_side_text(SINGLE_COLUMN.splitlines())


def test_short_pages_and_blank_lines_are_not_columns():
    assert not has_side_by_side_text([])
    assert not has_side_by_side_text(["Ana Rivera", "", "   ", "CPhT"])


def test_docx_pages_take_the_highest_of_saved_breaks_and_text():
    assert docx_pages_at_least(saved_pages=2, hard_breaks=0, text_chars=3000) == 2
    assert docx_pages_at_least(saved_pages=0, hard_breaks=11, text_chars=3000) == 12
    assert (
        docx_pages_at_least(saved_pages=1, hard_breaks=0, text_chars=11 * MAX_CHARS_PER_PAGE) == 11
    )
    assert docx_pages_at_least(saved_pages=0, hard_breaks=0, text_chars=0) == 0


def test_every_finding_the_reader_reports_has_its_own_message():
    import re
    from pathlib import Path

    from rxguild.resumes import file_worker
    from rxguild.resumes.ats import FILE_FINDINGS, resume_checks

    source = Path(file_worker.__file__).read_text()
    reported = set(re.findall(r'findings\.append\("(\w+)"\)', source)) | {"unextractable_text"}
    assert reported == {
        "tables",
        "columns",
        "text_boxes",
        "images",
        "headers_footers",
        "unextractable_text",
    }
    assert reported <= set(FILE_FINDINGS)
    (check,) = [c for c in resume_checks("Ana Rivera", ["columns"]) if c.code == "columns"]
    assert "side by side" in check.message
