"""Moving to another state: the new registration, the CE that differs, what carries over."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.catalog.models import Credential
from rxguild.profiles.models import CredentialHeld
from rxguild.roadmap.models import Target

pytestmark = pytest.mark.django_db


def test_texas_to_florida(member, member_client):
    CredentialHeld.objects.create(
        profile=member.profile,
        credential=Credential.objects.get(code="state-tx-technician"),
        state="TX",
    )
    body = member_client.get(reverse("roadmap:state_move") + "?from=TX&to=FL").content.decode()
    assert 'Apply for: <a href="/catalog/credentials/state-fl-technician/">' in body
    assert "2 h · Medication errors (board-approved) <strong>new for you</strong>" in body
    assert "1 h · Human trafficking <small>(also asked in TX)</small>" in body
    assert "CPhT (national, not tied to a state)" in body
    assert "What stays behind:" in body


def test_unknown_state_says_confirm_with_the_board(member_client):
    body = member_client.get(reverse("roadmap:state_move") + "?from=TX&to=ZZ").content.decode()
    assert "RxGuild has no registration on record for ZZ" in body


def test_a_registration_can_be_aimed_at_from_the_checklist(member, member_client):
    body = member_client.get(reverse("roadmap:state_move") + "?from=FL&to=TX").content.decode()
    assert '<input type="hidden" name="code" value="state-tx-technician">' in body
    # A trainee permit is not a target: no button for it.
    assert 'value="state-tx-technician-trainee"' not in body
    response = member_client.post(reverse("roadmap:target_add"), {"code": "state-tx-technician"})
    target = Target.objects.get(member=member)
    assert target.kind == "registration"
    assert response["Location"] == reverse("roadmap:target", args=[target.pk])
