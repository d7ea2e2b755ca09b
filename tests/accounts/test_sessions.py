from __future__ import annotations

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(email: str, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_sessions_page_lists_both_and_logs_out_the_other(member):
    laptop = _signed_in(member.email, "Laptop browser")
    phone = _signed_in(member.email, "Phone browser")
    assert UserSession.objects.filter(user=member).count() == 2

    response = laptop.get(reverse("usersessions_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<tr>") == 3  # header + 2 sessions
    assert "Laptop browser" in html
    assert "Phone browser" in html
    assert '<button type="submit">Log out everywhere else</button>' in html

    response = laptop.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert list(UserSession.objects.filter(user=member).values_list("user_agent", flat=True)) == [
        "Laptop browser"
    ]
    assert phone.get(reverse("accounts:settings")).status_code == 302  # signed out
    assert laptop.get(reverse("accounts:settings")).status_code == 200  # still in


def test_sessions_page_shows_only_own_sessions(member, other_member):
    _signed_in(other_member.email, "Someone else's browser")
    mine = _signed_in(member.email, "My browser")
    html = mine.get(reverse("usersessions_list")).content.decode()
    assert "Someone else" not in html
    assert "This is your only session." in html
