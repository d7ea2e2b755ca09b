"""Fixtures for the resume builder tests: members, a hospital IV-room posting, DOCX files."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from tests.jobs.factories import EmployerFactory, UserFactory, make_catalog, publish

from rxguild.resumes.models import Resume

IV_POSTING = """IV Room Pharmacy Technician

Requirements:
- CPhT certification required
- 1+ years of sterile compounding (IV admixture) experience
- Knowledge of USP <797> and aseptic technique

Preferred:
- Experience with Pyxis automated dispensing cabinets
- TPN compounding a plus
"""


@pytest.fixture
def member(db) -> Any:
    return UserFactory(email="ana@example.org")


@pytest.fixture
def other_member(db) -> Any:
    return UserFactory(email="other@example.org")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def iv_posting(db) -> Any:
    catalog = make_catalog()
    employer = EmployerFactory(name="St. Luke's Health")
    return publish(
        employer,
        title="IV Room Pharmacy Technician",
        description=IV_POSTING,
        required_credentials=[catalog["cpht"].code],
    )


def make_resume(owner: Any, **fields: Any) -> Resume:
    values: dict[str, Any] = {
        "title": "Master resume",
        "full_name": "Ana Rivera",
        "email": "ana@example.org",
        "phone": "713-555-0100",
        "location": "Houston, TX",
        "summary": "Pharmacy technician with hospital experience.",
        "experience": [
            {
                "title": "Pharmacy Technician",
                "employer": "Memorial Hospital",
                "location": "Houston, TX",
                "dates": "Jan 2021 \u2013 Present",
                "bullets": [
                    "Answered phones and filed paperwork",
                    "Compounded IV admixtures under USP <797> using aseptic technique",
                ],
            }
        ],
        "education": [
            {
                "program": "Pharmacy Technician Program",
                "institution": "Houston Community College",
                "dates": "2019 \u2013 2020",
                "details": [],
            }
        ],
        "certifications": ["Texas Pharmacy Technician Registration"],
        "skills": ["Customer service", "Aseptic technique"],
    }
    values.update(fields)
    return Resume.objects.create(owner=owner, **values)


def docx_bytes(
    *, table: bool = False, header: str = "", paragraphs: list[str] | None = None
) -> bytes:
    document = Document()
    for text in paragraphs or [
        "Ana Rivera",
        "ana@example.org | 713-555-0100 | Houston, TX",
        "SUMMARY",
        "Pharmacy technician with two years in a hospital IV room.",
        "EXPERIENCE",
        "Pharmacy Technician | Memorial Hospital | Jan 2021 - Present",
        "- Compounded IV admixtures under USP <797>",
        "EDUCATION",
        "Pharmacy Technician Program | Houston Community College | 2019 - 2020",
        "SKILLS",
        "Aseptic technique, Customer service",
    ]:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=1, cols=2)
        grid.cell(0, 0).text = "Pyxis"
        grid.cell(0, 1).text = "Omnicell"
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
