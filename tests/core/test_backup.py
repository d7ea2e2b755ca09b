"""`manage.py backup` / `restore`: a round trip gives back every table row and every file;
a damaged or foreign archive is refused before anything changes."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from tests.accounts.factories import UserFactory

from rxguild.accounts.models import User
from rxguild.accounts.tokens import token_create

pytestmark = pytest.mark.django_db(transaction=True)  # the backup reads committed data


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


def every_file(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _backup(folder: Path) -> Path:
    out = io.StringIO()
    call_command("backup", folder=str(folder), stdout=out)
    return Path(out.getvalue().split(" (", 1)[0])


def test_round_trip_gives_back_every_row_and_file(tmp_path: Path, settings: Any) -> None:
    member = UserFactory(email="maria@example.org")
    token_create(user=member, name="cli")
    default_storage.save("ce-certificates/cert.pdf", ContentFile(b"%PDF-1.7 certificate"))
    default_storage.save("photos/me.jpg", ContentFile(b"\xff\xd8\xff photo"))
    tables_before, files_before = every_table(), every_file(settings.MEDIA_ROOT)
    assert tables_before["accounts_user"] != []

    archive = _backup(tmp_path / "backups")
    assert archive.name.startswith("rxguild-backup-") and archive.suffix == ".tar"
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [archive.name]  # no leftovers

    # Afterwards: a member leaves, another joins, a file goes and a stray one appears.
    member.delete()
    UserFactory(email="late@example.org")
    default_storage.delete("photos/me.jpg")
    default_storage.save("stray.txt", ContentFile(b"not in the backup"))
    assert every_table() != tables_before

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert out.getvalue().startswith(f"Restored the {connection.vendor} database and 2 files")
    assert every_table() == tables_before
    assert every_file(settings.MEDIA_ROOT) == files_before
    assert User.objects.get().email == "maria@example.org"


def test_restore_needs_yes(tmp_path: Path) -> None:
    UserFactory()
    archive = _backup(tmp_path)
    with pytest.raises(CommandError, match="Run it again with --yes"):
        call_command("restore", str(archive))


def test_a_damaged_archive_changes_nothing(tmp_path: Path, settings: Any) -> None:
    UserFactory(email="maria@example.org")
    default_storage.save("photos/me.jpg", ContentFile(b"\xff\xd8\xff photo"))
    archive = _backup(tmp_path)
    # Replace the photo inside the archive by other bytes of the same name.
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]  # files only
            if member.name == "uploads/photos/me.jpg":
                data = b"\xff\xd8\xff swapped"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    UserFactory(email="late@example.org")
    tables, files = every_table(), every_file(settings.MEDIA_ROOT)
    with pytest.raises(CommandError, match=r"uploads/photos/me\.jpg does not match its checksum"):
        call_command("restore", str(tampered), "--yes")
    assert every_table() == tables
    assert every_file(settings.MEDIA_ROOT) == files


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="is not a readable backup archive"):
        call_command("restore", str(junk), "--yes")
