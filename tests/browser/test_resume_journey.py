"""Resume journey in a real browser (issue 5's "done means"): a member uploads a DOCX resume,
picks a hospital IV-room posting, sees score, matches and gaps, adds what they truly have,
and exports a DOCX and a PDF that open and contain the text. Pages scanned with axe."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader
from tests.browser.conftest import format_violations
from tests.jobs.factories import EmployerFactory, make_catalog, publish
from tests.resumes.builder.conftest import IV_POSTING, docx_bytes

from rxguild.accounts.models import User
from rxguild.resumes import selectors
from rxguild.resumes.models import Resume

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "resume.member@example.org"
PASSWORD = "a long passphrase for the pharmacy"


def _score(page) -> int:
    text = page.locator("#score-value").inner_text()
    return int(text.removeprefix("Score: ").removesuffix(" / 100"))


def test_upload_analyze_improve_and_export(live_server, page, axe_scan, tmp_path):
    user = User.objects.create_user(email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    catalog = make_catalog()
    publish(
        EmployerFactory(name="St. Luke's Health"),
        title="IV Room Pharmacy Technician",
        description=IV_POSTING,
        required_credentials=[catalog["cpht"].code],
    )
    resume_path = tmp_path / "ana-rivera.docx"
    resume_path.write_bytes(docx_bytes())

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Resumes", exact=True).click()
    page.get_by_role("heading", name="Resumes", level=1).wait_for()
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    # 1. Upload the DOCX; confirm what was read.
    page.get_by_role("button", name="Import a PDF or Word file").click()
    page.get_by_label("Resume file (PDF or Word .docx, up to 5 MB)").set_input_files(
        str(resume_path)
    )
    page.get_by_role("button", name="Read my resume").click()
    page.get_by_role("heading", name="Check what we read from ana-rivera.docx").wait_for()
    assert page.get_by_label("Full name").input_value() == "Ana Rivera"
    assert page.get_by_label("Email").input_value() == "ana@example.org"
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.get_by_role("button", name="Save this resume").click()

    # 2. Pick the hospital IV-room posting: score, matches and gaps.
    page.get_by_role(
        "heading", name="Analyze “Imported: ana-rivera.docx” against a posting"
    ).wait_for()
    page.get_by_label("A posting from your tracker or the job board").select_option(
        label="IV Room Pharmacy Technician — St. Luke's Health"
    )
    page.get_by_role("button", name="Analyze", exact=True).click()
    page.get_by_text("Now checking against").wait_for()
    first_score = _score(page)
    expected = selectors.resume_analysis(Resume.objects.get(owner=user))
    assert expected is not None
    assert first_score == expected.score
    assert page.locator(".analysis-table tbody tr").count() == len(expected.matched)
    assert page.locator(".gap-list li").count() == len(expected.missing)
    assert page.locator(".gap-list li").first.inner_text().startswith("[REQUIRED]")
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    # 3. Add what they truly have, a field per skill: the score updates in place, then save.
    skill_fields = page.locator("input[name^='skills-'][name$='-name']")
    skills_before = skill_fields.count()
    page.get_by_role("button", name="Add a skill").click()
    expect(skill_fields).to_have_count(skills_before + 1)
    expect(skill_fields.last).to_be_focused()  # htmx moved focus to the new field
    skill_fields.last.fill("TPN compounding")
    expect(page.locator("#score-value")).not_to_have_text(f"Score: {first_score} / 100")
    page.get_by_text("(with your unsaved edits)").wait_for()
    assert _score(page) > first_score
    # "I have this" goes through the same form: the typed skill stays, the wording joins it.
    have = page.get_by_role("button", name=re.compile("^I have this: add")).first
    wording = have.get_attribute("value")
    have.click()
    page.get_by_text(f"Added “{wording}” to your skills. Not saved yet.").wait_for()
    expect(skill_fields).to_have_count(skills_before + 2)
    assert skill_fields.nth(skills_before).input_value() == "TPN compounding"
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Resume saved.").wait_for()
    assert _score(page) > first_score

    # 4. Export DOCX and PDF: they open and hold the text.
    resume = Resume.objects.get(owner=user)
    assert "TPN compounding" in resume.skills and wording in resume.skills
    page.goto(f"{live_server.url}/resumes/{resume.pk}/")
    with page.expect_download() as docx_download:
        page.get_by_role("button", name="Download Word (.docx)").click()
    docx_text = "\n".join(p.text for p in Document(str(docx_download.value.path())).paragraphs)
    assert "Ana Rivera" in docx_text
    assert "TPN compounding" in docx_text
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download PDF").click()
    reader = PdfReader(pdf_download.value.path())
    pdf_text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Ana Rivera" in pdf_text
    assert "TPN compounding" in pdf_text
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
