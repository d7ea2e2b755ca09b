"""A member's own data: the export (a task builds a ZIP of JSON and files, downloaded by the
owner until it expires) and account deletion (password, closed at once, purged with every
row and file after the grace period, cancellable by the emailed link)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.ce.conftest import certificate_pdf

from rxguild.accounts.data_services import purge_due
from rxguild.accounts.models import AccountDeletion, DataExport, PersonalAccessToken, User
from rxguild.accounts.tokens import token_create
from rxguild.ce.services import ce_record_add
from rxguild.core.demo import DEMO_MEMBER_EMAIL, DEMO_PASSWORD, seed_all
from rxguild.profiles.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, catalog: Any) -> dict[str, Any]:
    """The demo data of every app, plus a CE proof file for the demo member and one for
    someone else (which must survive the demo member's deletion)."""
    seed_all()
    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    other = User.objects.exclude(pk=member.pk).filter(is_staff=False).first()
    assert other is not None
    pdf = certificate_pdf(["Certificate", "Sterile compounding"])
    mine = ce_record_add(
        member=member,
        data={"title": "Sterile compounding", "completed_on": "2026-10-01", "hours": "2"},
        proof=SimpleUploadedFile("proof.pdf", pdf),
    )
    theirs = ce_record_add(
        member=other,
        data={"title": "Other course", "completed_on": "2026-10-01", "hours": "1"},
        proof=SimpleUploadedFile("theirs.pdf", certificate_pdf(["Other"])),
    )
    return {"member": member, "other": other, "pdf": pdf, "mine": mine, "theirs": theirs}


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows_pointing_to(user_id: int) -> dict[str, int]:
    """Rows of any model with a foreign key or one-to-one to this user id."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is User:
                count = model._default_manager.filter(**{field.attname: user_id}).count()
                if count:
                    found[f"{model._meta.label_lower}.{field.name}"] = count
    return found


def _files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_export_is_built_by_a_task_and_holds_the_members_rows_and_files_only(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    member = demo["member"]
    token_create(user=member, name="laptop")
    client = _signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:export_request"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=member)
    assert (export.status, export.progress) == (DataExport.Status.READY, 100)
    assert export.expires_at is not None
    assert timedelta(days=6) < export.expires_at - timezone.now() <= timedelta(days=7)
    assert [message.subject for message in mail.outbox] == ["[RxGuild] Your data export is ready"]

    page = client.get(reverse("accounts:data")).content.decode()
    assert "Ready to download" in page
    download = client.get(reverse("accounts:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    data = json.loads(archive.read("member-data.json"))
    deleted = data["deleted_with_account"]

    assert [row["email"] for row in deleted["accounts.user"]] == [DEMO_MEMBER_EMAIL]
    # What the member entered, from every app that has demo data for them.
    for label in ("profiles.profile", "ce.cerecord", "accounts.personalaccesstoken"):
        assert deleted[label], label
    titles = [row["title"] for row in deleted["ce.cerecord"]]
    assert "Sterile compounding" in titles and "Other course" not in titles
    assert all(row["member"] == member.pk for row in deleted["ce.cerecord"])
    # Their uploaded file, byte for byte; nobody else's.
    assert archive.read(f"files/{demo['mine'].proof_file.name}") == demo["pdf"]
    assert f"files/{demo['theirs'].proof_file.name}" not in archive.namelist()
    # No secrets: password hash, token digests, MFA secrets.
    text = archive.read("member-data.json").decode()
    assert member.password not in text
    assert '"password"' not in text and '"token_hash"' not in text
    assert "mfa.authenticator" not in text
    assert export.rows == sum(len(rows) for section in data.values() for rows in section.values())


def test_someone_elses_export_is_404_and_an_expired_one_is_gone(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    member = demo["member"]
    with django_capture_on_commit_callbacks(execute=True):
        _signed_in(member).post(reverse("accounts:export_request"))
    export = DataExport.objects.get(user=member)
    url = reverse("accounts:export_download", args=[export.pk])
    assert _signed_in(demo["other"]).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the log-in page

    stored = Path(settings.MEDIA_ROOT) / export.file.name
    assert stored.is_file()
    assert purge_due(now=timezone.now() + timedelta(days=8)) == (0, 1)
    assert not stored.exists()
    export.refresh_from_db()
    assert (export.status, export.file.name) == (DataExport.Status.EXPIRED, "")
    response = _signed_in(member).get(url, follow=True)
    assert (
        "This export has expired and was deleted. Ask for a new one." in response.content.decode()
    )


def test_deletion_needs_the_password_and_changes_nothing_without_it(
    demo: dict[str, Any],
) -> None:
    member = demo["member"]
    client = _signed_in(member)
    response = client.post(reverse("accounts:delete"), {"password": "wrong one", "confirm": "on"})
    assert response.status_code == 422
    assert "That is not your current password. Nothing was changed." in response.content.decode()
    response = client.post(reverse("accounts:delete"), {"password": DEMO_PASSWORD})
    assert response.status_code == 422  # the confirmation box is required
    member.refresh_from_db()
    assert member.is_active is True
    assert not AccountDeletion.objects.exists()


def test_deletion_closes_the_account_at_once_then_purges_every_row_and_file(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    member = demo["member"]
    member_id = member.pk
    token = token_create(user=member, name="script")
    handle = Profile.objects.get(user=member).handle
    assert Client().get(f"/p/{handle}/").status_code == 200
    elsewhere = _signed_in(member)  # another browser, signed in
    assert elsewhere.get(reverse("accounts:settings")).status_code == 200
    media = Path(settings.MEDIA_ROOT)
    before = _files(media)
    assert demo["mine"].proof_file.name in before

    client = _signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:delete"), {"password": DEMO_PASSWORD, "confirm": "on"}
        )
    assert response.status_code == 200
    assert "Your account is closed" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active is False
    # Signed out everywhere, tokens refused, no sign-in.
    assert elsewhere.get(reverse("accounts:settings")).status_code == 302
    assert client.get(reverse("accounts:settings")).status_code == 302
    assert (
        Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token.secret}").status_code
        == 401
    )
    assert PersonalAccessToken.objects.get(pk=token.token.pk).revoked_at is not None
    login = Client().post(
        reverse("account_login"), {"login": DEMO_MEMBER_EMAIL, "password": DEMO_PASSWORD}
    )
    assert "_auth_user_id" not in login.wsgi_request.session
    # Their public profile is gone at once.
    assert Client().get(f"/p/{handle}/").status_code == 404
    assert _signed_in(demo["other"]).get(f"/p/{handle}/").status_code == 404
    [notice] = [m for m in mail.outbox if m.subject == "[RxGuild] Your account will be deleted"]
    assert notice.to == [DEMO_MEMBER_EMAIL]

    # Within the grace period nothing is purged.
    assert purge_due(now=timezone.now() + timedelta(days=13)) == (0, 0)
    assert _rows_pointing_to(member_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_due(now=timezone.now() + timedelta(days=15)) == (1, 0)
    assert not User.objects.filter(pk=member_id).exists()
    assert _rows_pointing_to(member_id) == {}
    assert [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(member_id)
    ] == []
    after = _files(media)
    assert demo["mine"].proof_file.name not in after
    assert demo["theirs"].proof_file.name in after  # someone else's file stays
    assert after <= before


def test_the_emailed_link_keeps_the_account(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    member = demo["member"]
    with django_capture_on_commit_callbacks(execute=True):
        _signed_in(member).post(
            reverse("accounts:delete"), {"password": DEMO_PASSWORD, "confirm": "on"}
        )
    [notice] = [m for m in mail.outbox if m.subject == "[RxGuild] Your account will be deleted"]
    path = re.search(r"http://[^/]+(/account/delete/cancel/\S+/)", notice.body)
    assert path is not None
    visitor = Client()
    page = visitor.get(path.group(1))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert visitor.post(path.group(1)).status_code == 302
    member.refresh_from_db()
    assert member.is_active is True
    assert not AccountDeletion.objects.exists()
    assert purge_due(now=timezone.now() + timedelta(days=30)) == (0, 0)
    # Used once: the same link again says so, and changes nothing.
    again = visitor.post(path.group(1))
    assert again.status_code == 400
    assert "no longer valid" in again.content.decode()


def test_api_exports_and_deletion_answer_a_session_but_never_a_token(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    member = demo["member"]
    token = token_create(user=member, name="all", scopes=["read", "write"])
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    for method, path in (
        ("get", "/api/v1/accounts/data/exports"),
        ("post", "/api/v1/accounts/data/exports"),
        ("post", "/api/v1/accounts/data/delete-account"),
    ):
        response = getattr(Client(), method)(path, content_type="application/json", **bearer)
        assert response.status_code == 403, path
    assert not DataExport.objects.exists()

    client = _signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/accounts/data/exports")
    assert created.status_code == 202
    listed = client.get("/api/v1/accounts/data/exports").json()
    assert [(e["status"], e["progress"]) for e in listed] == [("ready", 100)]
    assert listed[0]["download_url"] == reverse("accounts:export_download", args=[listed[0]["id"]])

    wrong = client.post(
        "/api/v1/accounts/data/delete-account",
        {"password": "nope"},
        content_type="application/json",
    )
    assert wrong.status_code == 422
    done = client.post(
        "/api/v1/accounts/data/delete-account",
        {"password": DEMO_PASSWORD},
        content_type="application/json",
    )
    assert done.status_code == 202
    member.refresh_from_db()
    assert member.is_active is False
