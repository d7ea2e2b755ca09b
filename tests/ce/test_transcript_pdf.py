"""The proof PDF is headed with the member's name and says what it covers."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rxguild.profiles.models import Profile

from .conftest import add_record, hold, make_member

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_whole_transcript_heading_names_member_and_dates(member_client, member, fixed_today):
    add_record(member, title="Older", completed_on=date(2025, 1, 10), tags=["state_law:tx"])
    add_record(member, title="Newer", completed_on=date(2026, 11, 1), topic_code="07")
    text = _pdf_text(member_client.get(reverse("ce:export_pdf")))
    lines = text.splitlines()
    assert lines[0] == "Continuing education transcript: Tess Tech"
    assert lines[1] == "All activities on record, completed Jan 10, 2025 to Nov 1, 2026."
    assert "Generated Nov 26, 2026 by RxGuild. 2 activities, 4 contact hours." in text
    assert "Texas law" in text
    assert "state_law" not in text
    assert "07 Compounding" in text


def test_one_credential_cycle(member_client, member, fixed_today):
    held = hold(member, "ptcb-cpht", "Certified Pharmacy Technician", expires_on=date(2027, 3, 31))
    held.number = "1234567"
    held.save()
    add_record(member, title="Before the cycle", completed_on=date(2024, 12, 1))
    add_record(member, title="In the cycle", completed_on=date(2026, 2, 1), hours=Decimal("3"))
    page = member_client.get(reverse("ce:transcript")).content.decode()
    assert f'<option value="{held.id}">Certified Pharmacy Technician: this cycle' in page
    text = _pdf_text(member_client.get(reverse("ce:export_pdf"), {"credential": held.id}))
    assert text.splitlines()[1] == (
        "Certified Pharmacy Technician, no. 1234567: activities completed in the renewal cycle "
        "Apr 1, 2025 to Mar 31, 2027."
    )
    assert "In the cycle" in text
    assert "Before the cycle" not in text
    assert "1 activities, 3 contact hours" in text


def test_display_name_when_account_has_no_name(client, fixed_today):
    member = make_member("noname@example.org")
    member.first_name = member.last_name = ""
    member.save()
    client.force_login(member)
    page = client.get(reverse("ce:transcript")).content.decode()
    assert "Your PDF is headed with your email address" in page
    Profile.objects.create(user=member, display_name="Maria Alvarez")
    text = _pdf_text(client.get(reverse("ce:export_pdf")))
    assert text.splitlines()[0] == "Continuing education transcript: Maria Alvarez"
    assert text.splitlines()[1] == "No activities on record yet."
    assert "Your PDF is headed" not in client.get(reverse("ce:transcript")).content.decode()


def test_someone_elses_credential_is_404(member_client, member, fixed_today):
    other = make_member("other@example.org")
    theirs = hold(other, "ptcb-cpht", "Certified Pharmacy Technician", expires_on=date(2027, 3, 31))
    assert member_client.get(reverse("ce:export_pdf"), {"credential": theirs.id}).status_code == 404


def test_bad_credential_value_says_so(member_client, fixed_today):
    response = member_client.get(reverse("ce:export_pdf"), {"credential": "abc"}, follow=True)
    assert response.redirect_chain == [(reverse("ce:transcript"), 302)]
    assert "Choose one of your credentials, or the whole transcript." in response.content.decode()


def test_empty_transcript_page_renders(member_client, fixed_today):
    response = member_client.get(reverse("ce:transcript"))
    assert response.status_code == 200
    assert "0 records, 0 contact hours in all." in response.content.decode()
