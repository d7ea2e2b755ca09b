"""Rules RxGuild cannot check are said plainly on the status page, outside any fold; rules it
can check (Texas sterile compounding, Washington health equity) are requirements."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from rxguild.ce.selectors import rule_sets

from .conftest import add_record, hold

pytestmark = pytest.mark.django_db


def _visible(html: str) -> str:
    """The page without its <details> folds (what a member sees without opening anything)."""
    return re.sub(r"<details>.*?</details>", "", html, flags=re.S)


def test_washington_law_hour_is_said_not_checked_and_health_equity_is_checked(
    member_client, member, fixed_today
):
    hold(
        member,
        "state-wa-technician",
        "Washington pharmacy technician",
        state="WA",
        expires_on=date(2027, 5, 31),
    )
    add_record(member, title="Health equity in pharmacy", tags=["health_equity"], hours=Decimal(2))
    html = _visible(member_client.get(reverse("ce:dashboard")).content.decode())
    assert "Not checked here: confirm with the board" in html
    assert (
        "A Washington pharmacy-law hour is not checked: the old annual rule required 1 hour, and "
        "our sources do not say whether the two-year rule (WAC 246-945-205) still does."
    ) in html.replace("&#x27;", "'")
    assert "<h4>Health-equity CE</h4>" in html
    wa = rule_sets()["state-wa-technician"]
    health_equity = next(r for r in wa.requirements if r.code == "health_equity")
    assert (health_equity.kind, health_equity.confidence) == ("training", "medium")


def test_texas_sterile_compounding_is_a_requirement_and_high_risk_hours_are_explained(
    member_client, member, fixed_today
):
    hold(
        member,
        "state-tx-technician",
        "Texas registered pharmacy technician",
        state="TX",
        expires_on=date(2027, 6, 30),
    )
    html = _visible(member_client.get(reverse("ce:dashboard")).content.decode())
    assert "<h4>Sterile-compounding CE (ACPE)</h4>" in html
    assert "Applies only if you compound sterile preparations." in html
    assert (
        "Not checked: 4 hours of sterile-compounding CE instead of 2 for high-risk sterile "
        "compounding."
    ) in html
    tx = rule_sets()["state-tx-technician"]
    sterile = next(r for r in tx.requirements if r.code == "sterile_compounding")
    assert (sterile.required, sterile.applies_if) == (Decimal(2), "compounds_sterile")
