"""CE journey in a real browser: a member adds a dozen records (by hand with UAN lookup, a
certificate PDF, a CSV) and sees correct status for CPhT plus Texas. Pages scanned with axe."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from tests.browser.conftest import format_violations
from tests.ce.conftest import certificate_pdf, hold

from rxguild.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "ce.member@example.org"
PASSWORD = "a long passphrase for the pharmacy"


def test_member_builds_transcript_and_sees_status(live_server, page, axe_scan, tmp_path):
    today = timezone.localdate()
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, first_name="Casey")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    expires = (today + timedelta(days=200)).replace(day=15)
    hold(user, "ptcb-cpht", "Certified Pharmacy Technician", expires_on=expires)
    hold(user, "state-tx-technician", "Texas technician", state="TX", expires_on=expires)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="CE", exact=True).click()
    assert axe_scan(page) == [], format_violations(axe_scan(page))

    # 1. By hand: typing the UAN fills topic and audience through htmx.
    page.goto(live_server.url + "/ce/records/add/")
    page.get_by_label("ACPE activity number (UAN)").fill("0669-0000-25-023-H03-T")
    page.get_by_label("ACPE activity number (UAN)").press("Tab")
    page.get_by_text("Read from the UAN: RxCe").wait_for()
    assert page.get_by_label("ACPE topic").input_value() == "03"
    assert page.get_by_label("Audience").input_value() == "T"
    page.get_by_label("Activity title").fill("Updates to Texas pharmacy laws and rules")
    page.get_by_label("Completion date").fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("Contact hours").fill("1")
    page.get_by_label("Tags").fill("state_law:tx")
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
    page.get_by_role("button", name="Save record").click()
    page.get_by_text("Saved “Updates to Texas pharmacy laws and rules”.").wait_for()

    # 2. A certificate PDF, confirmed before it is saved.
    pdf_path = tmp_path / "certificate.pdf"
    done = (today - timedelta(days=20)).strftime("%m/%d/%Y")
    pdf_path.write_bytes(
        certificate_pdf(
            [
                "Activity: Human trafficking prevention for health care practitioners",
                "Provider: RxCe",
                "UAN: 0669-0000-25-120-H04-T",
                "Contact hours: 1",
                f"Date: {done}",
            ]
        )
    )
    page.goto(live_server.url + "/ce/certificates/upload/")
    page.get_by_label("File").set_input_files(str(pdf_path))
    page.get_by_role("button", name="Read the certificate").click()
    page.get_by_role("heading", name="Check what we found").wait_for()
    assert page.get_by_label("ACPE activity number (UAN)").input_value() == (
        "0669-0000-25-120-H04-T"
    )
    page.get_by_label("Tags").fill("human_trafficking")
    page.get_by_role("button", name="Save record").click()
    page.get_by_text("Saved “Human trafficking prevention").wait_for()

    # 3. Ten more from a CSV: preview, then import.
    rows = ["title,completed_on,hours,uan,tags"]
    for n in range(10):
        day = date.fromordinal(today.toordinal() - 40 - n * 20)
        topic = "05" if n == 0 else "01"
        rows.append(f"Course {n},{day.isoformat()},2,0204-0000-25-{100 + n}-H{topic}-T,")
    csv_path = tmp_path / "transcript.csv"
    csv_path.write_text("\n".join(rows) + "\n")
    page.goto(live_server.url + "/ce/import/")
    page.get_by_label("File").set_input_files(str(csv_path))
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("10 rows: 10 valid, 0 with errors.").wait_for()
    page.get_by_role("button", name="Import all 10 records").click()
    page.get_by_text("Imported 10 record(s).").wait_for()
    assert page.get_by_text("12 records, 22 contact hours in all.").is_visible()
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)

    # Status: CPhT met (22 h, law, patient safety); Texas met too.
    page.goto(live_server.url + "/ce/")
    articles = page.get_by_role("article")
    assert articles.count() == 2
    for index in range(2):
        assert "✓ All requirements met" in articles.nth(index).inner_text()
    violations = axe_scan(page)
    assert violations == [], format_violations(violations)
