"""The main navigation: which entry is current, and the markup the phone menu relies on."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.accounts.factories import UserFactory

from rxguild.core.navigation import nav_items_for


def _current(items: list[dict[str, object]]) -> list[object]:
    return [item["label"] for item in items if item["current"]]


def test_dashboard_is_current_only_on_the_dashboard_not_elsewhere_in_core():
    assert _current(nav_items_for("core", "dashboard")) == ["Dashboard"]
    assert _current(nav_items_for("core", "home")) == []


def test_jobs_is_current_on_the_trackers_pages():
    assert _current(nav_items_for("tracker", "board")) == ["Jobs"]
    assert _current(nav_items_for("ce", "dashboard")) == ["CE"]
    assert _current(nav_items_for(None, None)) == []


@pytest.mark.django_db
def test_signed_in_page_folds_the_entries_into_a_menu_disclosure(client):
    client.force_login(UserFactory())
    html = client.get(reverse("core:dashboard")).content.decode()
    # A <details> needs no script to open; its summary is announced as a button.
    assert '<details class="site-menu">' in html
    assert "<span>Menu</span></summary>" in html
    assert '<nav aria-label="Main" class="site-nav">' in html
    assert f'<a href="{reverse("core:dashboard")}" aria-current="page">Dashboard</a>' in html
    assert html.count('aria-current="page"') == 1
    assert f'<a href="{reverse("accounts:settings")}">Account</a>' in html


@pytest.mark.django_db
def test_visitor_gets_log_in_and_join_without_a_menu(client):
    html = client.get(reverse("core:home")).content.decode()
    assert "site-menu" not in html
    assert f'<a href="{reverse("account_signup")}" class="nav-cta">Join</a>' in html
