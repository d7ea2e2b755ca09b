from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from rxguild.accounts.next_steps import accounts_next_steps

pytestmark = pytest.mark.django_db


def test_member_without_mfa_is_nudged_on_the_dashboard(client, member):
    assert [step.title for step in accounts_next_steps(member)] == [
        "Turn on two-factor authentication"
    ]
    client.force_login(member)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Turn on two-factor authentication" in html


def test_member_with_totp_is_not_nudged(member):
    Authenticator.objects.create(user=member, type=Authenticator.Type.TOTP, data={})
    assert accounts_next_steps(member) == []
