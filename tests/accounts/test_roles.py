from __future__ import annotations

import pytest
from django.urls import reverse
from tests.accounts.factories import UserFactory

from rxguild.accounts.models import Role, RoleGrant
from rxguild.accounts.services import RoleError, role_grant, role_revoke

pytestmark = pytest.mark.django_db


def test_member_can_hold_several_roles(member):
    role_grant(user=member, role=Role.MENTOR)
    role_grant(user=member, role=Role.EMPLOYER)
    role_grant(user=member, role=Role.MENTOR)  # idempotent
    assert member.role_names == ["employer", "member", "mentor"]
    assert RoleGrant.objects.filter(user=member).count() == 3
    assert member.has_role(Role.CE_PROVIDER) is False


def test_revoke_role(member):
    role_grant(user=member, role=Role.MODERATOR)
    role_revoke(user=member, role=Role.MODERATOR)
    role_revoke(user=member, role=Role.MODERATOR)  # idempotent
    assert member.role_names == ["member"]


def test_staff_role_is_the_is_staff_flag(member):
    role_grant(user=member, role=Role.STAFF)
    member.refresh_from_db()
    assert member.is_staff is True
    assert member.has_role(Role.STAFF) is True
    assert RoleGrant.objects.filter(user=member, role=Role.STAFF).count() == 0
    role_revoke(user=member, role=Role.STAFF)
    member.refresh_from_db()
    assert member.is_staff is False


def test_unknown_role_is_refused(member):
    with pytest.raises(RoleError, match="Unknown role"):
        role_grant(user=member, role="wizard")
    assert member.role_names == ["member"]


def test_settings_page_lists_roles_and_links(client, member):
    role_grant(user=member, role=Role.MENTOR)
    client.force_login(member)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert '<span class="badge">member</span>' in html
    assert '<span class="badge">mentor</span>' in html
    for name in (
        "account_email",
        "account_change_password",
        "mfa_index",
        "usersessions_list",
        "accounts:tokens",
    ):
        assert f'href="{reverse(name)}"' in html, name


def test_admin_user_page_shows_role_grants_inline(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    member = UserFactory(email="tech@example.org")
    client.force_login(admin)
    response = client.get(reverse("admin:accounts_user_change", args=[member.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "role_grants-0-role" in html
    assert "access_tokens" in html


def test_admin_can_add_user_by_email(client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    password = "a staff-chosen passphrase"
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "added@example.org",
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    from rxguild.accounts.models import User

    added = User.objects.get(email="added@example.org")
    assert added.username == "added@example.org"
    assert added.check_password(password) is True


def test_non_staff_cannot_open_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
