"""Dates and times in pages read as people write them ("Dec 2, 2026", "7:00 PM"), never ISO.
Machine-readable values (<time datetime>, input values, feeds, the API) stay ISO."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats
from tests.ce.conftest import add_record, make_member

from rxguild.core.human_dates import human_date, human_datetime, human_month_day, human_time

SRC = Path(__file__).resolve().parents[2] / "src" / "rxguild"

# A `{{ ... }}` whose value would read as a code: an ISO date ("Y-m-d", "c"), a 24-hour clock
# ("H:i"), a Unix time ("U") or Python's isoformat.
EXPRESSION = re.compile(r"\{\{(?P<body>.*?)\}\}", re.S)
ISO_FORMAT = re.compile(r"""\|\s*date\s*:\s*(["'])(?P<fmt>[^"']*)\1""")
MACHINE_FORMATS = ("Y-m-d", "H:i", "c", "U", "r")


def _machine_readable(expression: str) -> str | None:
    if "isoformat" in expression:
        return "isoformat"
    for match in ISO_FORMAT.finditer(expression):
        fmt = match.group("fmt")
        if fmt in ("c", "U", "r") or any(part in fmt for part in ("Y-m-d", "H:i")):
            return fmt
    return None


def _inside_a_tag(text_before: str) -> bool:
    """True when the expression sits in an HTML tag (an attribute such as datetime= or
    value=), where machine-readable values belong."""
    plain = re.sub(r"\{%.*?%\}|\{#.*?#\}|\{\{.*?\}\}", "", text_before, flags=re.S)
    return plain.rfind("<") > plain.rfind(">")


def iso_dates_in_visible_text() -> list[str]:
    found = []
    for template in sorted(SRC.glob("**/templates/**/*")):
        if template.suffix not in (".html", ".txt") or not template.is_file():
            continue
        text = template.read_text()
        for match in EXPRESSION.finditer(text):
            fmt = _machine_readable(match.group("body"))
            if fmt is None or _inside_a_tag(text[: match.start()]):
                continue
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{template.relative_to(SRC)}:{line}: {fmt}")
    return found


def test_no_template_shows_an_iso_date_or_24_hour_time_in_visible_text():
    assert iso_dates_in_visible_text() == []


def test_the_scan_finds_iso_in_text_and_allows_it_in_attributes(tmp_path, monkeypatch):
    folder = tmp_path / "app" / "templates" / "app"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(
        "<time datetime=\"{{ day|date:'Y-m-d' }}\">{{ day }}</time>\n"
        '{% if a > b %}<p>{{ day|date:"Y-m-d" }}</p>{% endif %}\n'
        '<input value="{{ at.isoformat }}"> {{ at|date:"M j, H:i" }} {{ at.isoformat }}\n'
    )
    monkeypatch.setattr(f"{__name__}.SRC", tmp_path)
    assert iso_dates_in_visible_text() == [
        "app/templates/app/page.html:2: Y-m-d",
        "app/templates/app/page.html:3: M j, H:i",
        "app/templates/app/page.html:3: isoformat",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 12, 2), "Dec 2, 2026"),
        (date(2027, 1, 31), "Jan 31, 2027"),
        (date(2026, 5, 9), "May 9, 2026"),
    ],
    ids=["december", "january-31", "may"],
)
def test_human_date_is_the_page_format(value, expected):
    assert human_date(value) == expected
    assert formats.date_format(value) == expected
    assert Template("{{ day }}").render(Context({"day": value})) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(19, 0), "7:00 PM"),
        (time(0, 5), "12:05 AM"),
        (time(12, 30), "12:30 PM"),
        (time(9, 45), "9:45 AM"),
    ],
    ids=["evening", "after-midnight", "noon", "morning"],
)
def test_human_time_is_the_page_format(value, expected):
    assert human_time(value) == expected
    assert formats.time_format(value) == expected


def test_datetimes_read_as_date_and_clock_time_in_the_member_time_zone(settings):
    settings.TIME_ZONE = "America/Chicago"
    at = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 7:00 PM on Dec 2 in Chicago
    assert Template("{{ at }}").render(Context({"at": at})) == "Dec 2, 2026, 7:00 PM"
    assert Template('{{ at|date:"SHORT_DATETIME_FORMAT" }}').render(Context({"at": at})) == (
        "Dec 2, 7:00 PM"
    )
    assert human_datetime(datetime(2026, 12, 2, 19, 0)) == "Dec 2, 2026, 7:00 PM"
    assert human_month_day(date(2026, 12, 2)) == "Dec 2"


@pytest.mark.django_db
def test_transcript_shows_dec_2_2026_not_iso(client):
    member = make_member()
    add_record(member, title="Sterile compounding refresher", completed_on=date(2026, 12, 2))
    client.force_login(member)
    html = client.get(reverse("ce:transcript")).content.decode()
    assert '<td data-label="Completed">Dec 2, 2026</td>' in html
    assert "2026-12-02" not in html
    assert "Dec. 2" not in html
