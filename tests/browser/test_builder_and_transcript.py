"""The resume builder and the CE transcript in a real browser, at 1280 and 390 px: the
builder's fields, add/move with the keyboard, the live preview as the member types, saving;
the transcript's tags in words and the PDF choice. No sideways scroll, axe clean, and a
screenshot of each (RXGUILD_SCREENSHOTS, default /tmp/rxguild-screenshots) for review."""

from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from tests.browser.conftest import format_violations
from tests.resumes.builder.conftest import make_resume

from rxguild.accounts.models import User
from rxguild.ce.models import CeRecord
from rxguild.resumes.models import Resume

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "builder.member@example.org"
PASSWORD = "a long passphrase for the pharmacy"
SHOTS = Path(os.environ.get("RXGUILD_SCREENSHOTS", "/tmp/rxguild-screenshots"))
WIDTHS = [1280, 390]
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _sign_in(page, live_server) -> User:
    user = User.objects.create_user(
        email=EMAIL, password=PASSWORD, first_name="Ana", last_name="Rivera"
    )
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return user


def _check_page(page, axe_scan, name: str) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{name} scrolls sideways"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)


@pytest.mark.parametrize("width", WIDTHS)
def test_resume_builder_live_preview(live_server, page, axe_scan, width):
    page.set_viewport_size({"width": width, "height": 900})
    user = _sign_in(page, live_server)
    resume = make_resume(user)
    page.goto(f"{live_server.url}/resumes/{resume.pk}/")
    preview = page.locator("#resume-preview")
    assert page.get_by_label("Job title").input_value() == "Pharmacy Technician"
    assert page.get_by_label("Employer").input_value() == "Memorial Hospital"
    _check_page(page, axe_scan, f"resume-builder-{width}")

    # Typing re-renders the preview (debounced) without saving.
    page.get_by_label("Full name").fill("Ana M. Rivera")
    preview.get_by_text("Ana M. Rivera").wait_for()
    bullets = page.get_by_label("What you did")
    bullets.fill(bullets.input_value() + "\nChecked **TPN** orders")
    preview.locator("li strong", has_text="TPN").wait_for()
    assert Resume.objects.get(pk=resume.pk).full_name == "Ana Rivera"

    # Add a job with the keyboard: focus lands in the new entry's first field.
    page.get_by_role("button", name="Add a job").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Added job 2. Not saved yet.").wait_for()
    assert page.evaluate("document.activeElement.id") == "id_experience-1-title"
    page.keyboard.type("Lead Technician")
    page.get_by_label("Employer").nth(1).fill("St. Luke's Health")
    preview.get_by_text("Lead Technician, St. Luke's Health").wait_for()
    # The typed name survived the swap of the editor.
    assert page.get_by_label("Full name").input_value() == "Ana M. Rivera"

    # Move it to the top, then save.
    page.get_by_role("button", name="Move up job 2").click()
    page.get_by_text("Moved job 2 to position 1. Not saved yet.").wait_for()
    assert page.get_by_label("Job title").first.input_value() == "Lead Technician"
    # The preview follows the new order (HX-Trigger from the editor's answer).
    preview.locator(".paper-entry").first.filter(has_text="Lead Technician").wait_for()
    _check_page(page, axe_scan, f"resume-builder-edited-{width}")
    page.get_by_role("button", name="Save resume").first.click()
    page.locator("#builder-status", has_text="Saved.").wait_for()
    resume.refresh_from_db()
    assert resume.full_name == "Ana M. Rivera"
    assert [entry["title"] for entry in resume.experience] == [
        "Lead Technician",
        "Pharmacy Technician",
    ]
    assert resume.experience[1]["bullets"][-1] == "Checked **TPN** orders"


@pytest.mark.parametrize("width", WIDTHS)
def test_ce_transcript_at_width(live_server, page, axe_scan, width):
    page.set_viewport_size({"width": width, "height": 900})
    user = _sign_in(page, live_server)
    today = date.today()
    CeRecord.objects.create(
        member=user,
        title="Texas Pharmacy Law and Rules Update for Technicians",
        provider_name="RxCe",
        uan="0669-0000-26-023-H03-T",
        completed_on=today - timedelta(days=40),
        hours=Decimal("1"),
        format="H",
        topic_code="03",
        audience="T",
        tags=["state_law:tx", "pharmacy_law"],
        cpe_monitor_status=CeRecord.CpeMonitor.CONFIRMED,
    )
    CeRecord.objects.create(
        member=user,
        title="USP <797> Beyond-Use Dates and Sterile Compounding Essentials",
        provider_name="Postgraduate Healthcare Education (PowerPak)",
        uan="0430-0000-26-052-H07-T",
        completed_on=today - timedelta(days=10),
        hours=Decimal("2"),
        format="H",
        topic_code="07",
        audience="T",
        tags=["sterile_compounding"],
        cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
    )
    page.goto(f"{live_server.url}/ce/transcript/")
    page.get_by_role("heading", name="My CE transcript").wait_for()
    assert page.get_by_text("Texas law, Pharmacy law").is_visible()
    assert "state_law" not in page.content()
    assert page.get_by_label("PDF transcript (proof) for").is_visible()
    _check_page(page, axe_scan, f"ce-transcript-{width}")
