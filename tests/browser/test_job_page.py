"""A job page at desktop and phone width: credentials by name with what meets them, its own
workplace distance note, pay compared with the reference; no sideways scroll, axe clean.
Screenshots go to var/screenshots/ (kept as a CI artifact)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from tests.browser.conftest import format_violations
from tests.jobs.factories import EmployerFactory, credential, make_catalog, member_with, publish

from rxguild.catalog.models import Wage

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_job_page_reads_well_at_desktop_and_phone_width(live_server, page, axe_scan, width):
    catalog = make_catalog()
    adv = credential("ptcb-cpht-adv", "Advanced Certified Pharmacy Technician", "CPhT-Adv")
    Wage.objects.create(
        code="us-oews-2023", area="US", period="May 2023", hourly_median=Decimal("19.37"),
        confidence="high", source="BLS OOH — https://www.bls.gov/ooh/healthcare/pharmacy-technicians.htm",
    )  # fmt: skip
    employer = EmployerFactory(name="Lone Star Health System")
    posting = publish(
        employer,
        title="IV Room Pharmacy Technician",
        description="Prepare sterile products under USP <797>.\n\nRequired: ptcb-cpht.",
        zip_code="77030",
        pay_min="21.00",
        pay_max="26.00",
        required_credentials=["ptcb-cpht", "state-tx-technician"],
    )
    _log_in(page, live_server, member_with(adv, catalog["tx"]))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/jobs/{posting.public_id}/")
    text = page.locator("main").inner_text()
    assert "Required: Certified Pharmacy Technician (CPhT)." in text
    assert "you meet this: you hold Advanced Certified Pharmacy Technician." in text
    assert "distances to this job are measured to the centre of ZIP 77030" in text
    assert "is above the national median for pharmacy technicians" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"job-page-{width}.png"), full_page=True)
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
