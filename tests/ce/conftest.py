"""CE test fixtures: members with credentials and records, PDFs made in the test."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fpdf import FPDF

from rxguild.accounts.models import User
from rxguild.catalog.models import Credential
from rxguild.ce.models import CeRecord
from rxguild.profiles.models import CredentialHeld, Profile

TODAY = date(2026, 11, 26)


def make_member(email: str = "tech@example.org", **extra: Any) -> User:
    return User.objects.create_user(
        email=email, password="x" * 16, first_name="Tess", last_name="Tech", **extra
    )


def credential(code: str, name: str, state: str = "") -> Credential:
    obj, _ = Credential.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": Credential.Kind.STATE_REGISTRATION if state else Credential.Kind.CERTIFICATION,
            "issuer": "Board",
            "state": state,
            "source": "test",
            "confidence": "high",
        },
    )
    return obj


def hold(
    member: User, code: str, name: str, *, expires_on: date, state: str = ""
) -> CredentialHeld:
    profile, _ = Profile.objects.get_or_create(user=member)
    return CredentialHeld.objects.create(
        profile=profile,
        credential=credential(code, name, state),
        state=state,
        expires_on=expires_on,
    )


def add_record(member: User, **fields: Any) -> CeRecord:
    values: dict[str, Any] = {
        "title": "Medication safety",
        "completed_on": TODAY - timedelta(days=100),
        "hours": Decimal("2"),
        "format": "H",
        "topic_code": "05",
        "audience": "T",
        "kind": "acpe",
        "uan": "",
        "cpe_monitor_status": CeRecord.CpeMonitor.CONFIRMED,
    }
    values.update(fields)
    return CeRecord.objects.create(member=member, **values)


def certificate_pdf(lines: list[str], pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 8, "\n".join(lines))
    return bytes(pdf.output())


@pytest.fixture
def member(db: Any) -> User:
    return make_member()


@pytest.fixture
def other_member(db: Any) -> User:
    return make_member("other@example.org")


@pytest.fixture
def member_client(client: Any, member: User) -> Any:
    client.force_login(member)
    return client


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin 'today' for everything that asks django.utils.timezone.localdate()."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY
