"""Sign-up, email confirmation, log-in by email, log-out, password reset and change."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from tests.accounts.factories import PASSWORD

from rxguild.accounts.models import Role, RoleGrant, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long enough passphrase for tests"


def _link_in(body: str) -> str:
    match = re.search(r"http://testserver(/\S+)", body)
    assert match is not None, body
    return match.group(1)


def test_signup_page_has_stable_labels_and_button(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_email">Email</label>' in html
    assert '<label for="id_password1">Password</label>' in html
    assert '<label for="id_password2">Password (again)</label>' in html
    assert '<button type="submit">Sign up</button>' in html
    assert "<h1>Sign up</h1>" in html
    assert "<script>" not in html  # CSP: no inline JavaScript


def test_login_page_has_stable_labels_and_button(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert '<label for="id_login">Email</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert '<button type="submit">Sign in</button>' in html
    assert "<title>Sign in · RxGuild</title>" in html


def test_signup_confirm_email_then_logged_in_as_member(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.tech@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.tech@example.org")
    assert user.username == "new.tech@example.org"
    assert list(user.role_grants.values_list("role", flat=True)) == [Role.MEMBER]
    assert EmailAddress.objects.get(user=user).verified is False
    # Mandatory verification: not signed in until the address is confirmed.
    assert client.get(reverse("accounts:settings")).status_code == 302

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.tech@example.org"]
    assert mail.outbox[0].subject.startswith("[RxGuild] ")
    confirm_url = _link_in(mail.outbox[0].body)
    assert client.get(confirm_url).status_code == 200  # a page with a button, never a GET change
    assert EmailAddress.objects.get(user=user).verified is False
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_two_signups_both_get_unique_usernames(client):
    for email in ("a.tech@example.org", "b.tech@example.org"):
        client.post(
            reverse("account_signup"),
            {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        client.cookies.clear()
    assert User.objects.count() == 2
    assert RoleGrant.objects.filter(role=Role.MEMBER).count() == 2


def test_signup_username_falls_back_when_email_taken_as_username(client, member):
    # A member who changed address leaves the old one as their hidden username.
    member.username = "taken@example.org"
    member.save()
    client.post(
        reverse("account_signup"),
        {"email": "taken@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    user = User.objects.get(email="taken@example.org")
    assert user.username.startswith("member-")
    assert user.has_role(Role.MEMBER) is True


def test_signup_with_mismatched_passwords_saves_nothing_and_links_error(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert len(mail.outbox) == 0
    assert 'id="id_password2_error"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*id_password2_error', html) is not None


def test_login_by_email(client, member):
    response = client.post(
        reverse("account_login"), {"login": "maria@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")
    assert client.get(reverse("accounts:settings")).wsgi_request.user == member


def test_login_with_wrong_password_is_refused_with_message(client, member):
    response = client.post(
        reverse("account_login"), {"login": "maria@example.org", "password": "wrong password!!"}
    )
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert response.wsgi_request.user.is_authenticated is False


def test_logout_needs_post(client, member):
    client.force_login(member)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200  # a confirmation page; GET does not log out
    assert client.get(reverse("accounts:settings")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_password_reset_via_emailed_link(client, member):
    response = client.post(reverse("account_reset_password"), {"email": "maria@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = _link_in(mail.outbox[0].body)
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key out of the URL
    form_url = response.url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD) is True
    assert member.check_password(PASSWORD) is False


def test_password_reset_for_unknown_email_sends_no_reset_link(client, member):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    # allauth tells the unknown address that no account exists (no enumeration on the page).
    assert len(mail.outbox) == 1
    assert "password/reset/key" not in mail.outbox[0].body


def test_password_change(client, member):
    client.force_login(member)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD) is True
    # The member is told (ASVS 2.2.3), in case it was not them.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria@example.org"]
    assert mail.outbox[0].subject == "[RxGuild] Password Changed"


def test_password_change_with_wrong_current_password_changes_nothing(client, member):
    client.force_login(member)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "not my password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert b'id="id_oldpassword_error"' in response.content
    member.refresh_from_db()
    assert member.check_password(PASSWORD) is True
    assert len(mail.outbox) == 0


def test_adding_email_needs_reauthentication(client, member):
    client.force_login(member)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "second@example.org"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert EmailAddress.objects.filter(email="second@example.org").count() == 0

    # After the password, allauth resumes the stashed request: the address is added.
    response = client.post(response.url, {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("account_email")
    assert EmailAddress.objects.filter(user=member, email="second@example.org").count() == 1
    assert mail.outbox[-1].to == ["second@example.org"]


def test_account_pages_render_in_our_layout_without_scripts(client, member):
    client.force_login(member)
    for name in ("account_email", "account_change_password", "mfa_index", "usersessions_list"):
        response = client.get(reverse(name))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'class="skip-link"' in html, name
        assert html.count("<h1") == 1, name
        assert "allauth" not in re.findall(r'<script[^>]*src="([^"]+)"', html), name
        assert re.findall(r"<script(?![^>]*src=)[^>]*>", html) == [], name


def test_signup_with_taken_email_reveals_nothing_and_creates_nothing(client, member):
    response = client.post(
        reverse("account_signup"),
        {"email": "maria@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    # Same answer as a fresh sign-up (no account enumeration); the owner gets a note instead.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    member.refresh_from_db()
    assert member.check_password(PASSWORD) is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria@example.org"]
    assert "already" in mail.outbox[0].subject.lower() + mail.outbox[0].body.lower()


def test_unverified_member_cannot_sign_in_until_confirmed(client, member):
    EmailAddress.objects.filter(user=member).update(verified=False)
    response = client.post(
        reverse("account_login"), {"login": "maria@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:settings")).status_code == 302
    assert len(mail.outbox) == 1  # a fresh confirmation link
