"""The tracker journey in a real browser: apply with a resume, see it on the board, move it
with the keyboard, track an outside job beside it, and the employer sees the applicant."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect
from tests.browser.conftest import format_violations
from tests.tracker.factories import (
    EmployerFactory,
    PostingFactory,
    UserFactory,
    pdf_bytes,
    recruiter_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user) -> None:
    """Reuse a session made by Django's test client (the login form has its own tests)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_apply_track_move_and_employer_sees_applicant(live_server, page, axe_scan, tmp_path):
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    employer = EmployerFactory(name="Lone Star Health")
    posting = PostingFactory(employer=employer, title="Inpatient Pharmacy Technician")
    recruiter = recruiter_for(employer)
    member = UserFactory(first_name="Maria", last_name="Alvarez", email="maria@example.org")
    resume = tmp_path / "Maria-Alvarez.pdf"
    resume.write_bytes(pdf_bytes())

    log_in(page, live_server, member)
    # Apply from the job's page with a resume and a note.
    page.goto(f"{live_server.url}/jobs/{posting.public_id}/")
    page.get_by_role("button", name="Apply with RxGuild").click()
    page.get_by_label("Upload a new file").check()
    page.get_by_label("Upload a resume").set_input_files(str(resume))
    page.get_by_label("Note to the employer").fill("Two years inpatient; CPhT.")
    page.get_by_role("button", name="Send application").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inpatient Pharmacy Technician"
    assert "Maria-Alvarez.pdf" in page.content()

    # Track an outside job beside it.
    page.goto(f"{live_server.url}/jobs/tracker/external/")
    page.get_by_label("Title").fill("CPhT, Rivera Family Pharmacy")
    page.get_by_label("Job address (URL)").fill("https://careers.example.com/rivera")
    page.get_by_role("button", name="Add to my tracker").click()

    page.goto(f"{live_server.url}/jobs/tracker/")
    applied = page.locator("section.tracker-column", has=page.locator("#col-applied"))
    saved = page.locator("section.tracker-column", has=page.locator("#col-saved"))
    assert applied.locator("h3").all_inner_texts() == ["Inpatient Pharmacy Technician"]
    assert saved.locator("h3").all_inner_texts() == ["CPhT, Rivera Family Pharmacy"]

    # Keyboard: focus "move right" on the applied card and press Enter; htmx swaps the board
    # and focus comes back to the same button, so Enter again moves it one more column.
    move_right = page.get_by_role("button", name="Move Inpatient Pharmacy Technician right")
    move_right.focus()
    page.keyboard.press("Enter")
    interviewing = page.locator("section.tracker-column", has=page.locator("#col-interviewing"))
    interviewing.locator("h3", has_text="Inpatient Pharmacy Technician").wait_for()
    assert page.locator("#board-status").inner_text() == (
        "“Inpatient Pharmacy Technician” is in Interviewing."
    )
    # Focus is restored on htmx:afterSettle, a moment after the swap: wait for it.
    expect(
        page.get_by_role("button", name="Move Inpatient Pharmacy Technician right")
    ).to_be_focused()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move Inpatient Pharmacy Technician right (next stage)"
    )
    page.keyboard.press("Enter")
    offer = page.locator("section.tracker-column", has=page.locator("#col-offer"))
    offer.locator("h3", has_text="Inpatient Pharmacy Technician").wait_for()
    # Mouse: drag the outside job into the Hired column (progressive enhancement over the
    # same form post).
    page.drag_and_drop(
        "[data-card] >> text=CPhT, Rivera Family Pharmacy",
        ".tracker-cards[data-stage=hired]",
    )
    hired = page.locator("section.tracker-column", has=page.locator("#col-hired"))
    hired.locator("h3", has_text="CPhT, Rivera Family Pharmacy").wait_for()
    assert saved.locator("h3").count() == 0
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    # The employer sees the applicant, with what was shared and only that.
    page.context.clear_cookies()
    log_in(page, live_server, recruiter)
    page.goto(f"{live_server.url}/jobs/employer/postings/{posting.public_id}/applicants/")
    page.get_by_role("link", name="Maria Alvarez").click()
    body = page.locator("main").inner_text()
    assert "Two years inpatient; CPhT." in body
    assert "Maria-Alvarez.pdf" in body
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    assert console_errors == []
