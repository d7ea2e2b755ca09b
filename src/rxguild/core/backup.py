"""Backup and restore: the database and every uploaded file, in one archive.

`backup_create` writes `rxguild-backup-<UTC time>.tar`: the database (SQLite through its
online backup API, which copies a consistent snapshot while the site runs; PostgreSQL through
`pg_dump --format=custom`), the upload folder, and `manifest.json` with the SHA-256 of each
member. The archive is written under a temporary name and renamed when complete, so a full
disk or a crash never leaves a partial file that looks like a backup.

The database is copied before the files: a file is stored before the row that names it is
committed, so every file the snapshot names is in the archive (a file added in between is
there too, harmlessly).

`backup_restore` checks the whole archive first (format, every checksum), unpacking into a
temporary folder beside the uploads; only then does it replace the database and the uploads.
Uploads must be on the local file system (the default storage); other storages are refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

FORMAT = "rxguild-backup/1"
MANIFEST = "manifest.json"
UPLOADS = "uploads"


class BackupError(RuntimeError):
    """The backup or restore could not be done; the message says why, nothing was changed."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    database: str
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root() -> Path:
    storage_class = default_storage.__class__
    if not issubclass(storage_class, FileSystemStorage):
        raise BackupError(
            f"Uploads are kept by {storage_class.__name__}, not on this machine's disk: back them "
            "up with that storage's own tools; this command covers the local file system only."
        )
    return Path(settings.MEDIA_ROOT)


def _pg_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools (the same major "
            "version as the server) and run this again."
        )
    return program


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args, env


def _database_dump(work: Path) -> Path:
    if connection.vendor == "sqlite":
        target = work / "database.sqlite3"
        connection.ensure_connection()
        source = connection.connection
        with sqlite3.connect(target) as copy:
            source.backup(copy)  # a consistent snapshot, readers and writers carry on
        copy.close()
        return target
    if connection.vendor == "postgresql":
        target = work / "database.pgdump"
        args, env = _pg_environment()
        result = subprocess.run(  # noqa: S603  (our program, arguments from settings)
            [
                _pg_program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return target
    raise BackupError(f"Backups cover SQLite and PostgreSQL, not {connection.vendor}.")


def backup_create(*, folder: Path) -> BackupReport:
    media_root = _media_root()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = folder / f"rxguild-backup-{stamp}.tar"
    partial = folder / f".{final.name}.partial"
    with tempfile.TemporaryDirectory(dir=folder) as work_name:
        work = Path(work_name)
        database = _database_dump(work)
        files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": {
                "vendor": connection.vendor,
                "member": database.name,
                "sha256": _sha256(database),
            },
            "files": [
                {
                    "path": p.relative_to(media_root).as_posix(),
                    "size": p.stat().st_size,
                    "sha256": _sha256(p),
                }
                for p in files
            ],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1))
        try:
            with tarfile.open(partial, "w") as archive:
                archive.add(work / MANIFEST, arcname=MANIFEST)
                archive.add(database, arcname=database.name)
                for entry, path in zip(manifest["files"], files, strict=True):
                    archive.add(path, arcname=f"{UPLOADS}/{entry['path']}")
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
    return BackupReport(
        path=final,
        database=connection.vendor,
        files=len(files),
        bytes=final.stat().st_size,
    )


@dataclass(frozen=True)
class RestoreReport:
    database: str
    files: int
    created_at: str


def _checked_manifest(archive: tarfile.TarFile, unpacked: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((unpacked / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError("This is not an RxGuild backup: it has no readable manifest.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; expected {FORMAT}.")
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup holds a {manifest['database']['vendor']} database; this site runs on "
            f"{connection.vendor}."
        )
    expected = {manifest["database"]["member"]: manifest["database"]["sha256"]}
    expected.update({f"{UPLOADS}/{f['path']}": f["sha256"] for f in manifest["files"]})
    present = {
        member.name
        for member in archive.getmembers()
        if member.isfile() and member.name != MANIFEST
    }
    if present != set(expected):
        raise BackupError("The archive's files differ from its manifest: it is incomplete.")
    for name, digest in expected.items():
        if _sha256(unpacked / name) != digest:
            raise BackupError(f"{name} does not match its checksum: the archive is damaged.")
    return manifest


def _database_load(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        with (
            sqlite3.connect(dump) as source,
            sqlite3.connect(connection.settings_dict["NAME"]) as live,
        ):
            source.backup(live)
        return
    args, env = _pg_environment()
    connection.close()
    result = subprocess.run(  # noqa: S603  (our program, arguments from settings)
        [_pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", *args, str(dump)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (the database is as it was): {result.stderr.strip()}")


def backup_restore(*, archive_path: Path) -> RestoreReport:
    """Replace the database and the uploads with the archive's, after checking all of it."""
    media_root = _media_root()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work_name:
        work = Path(work_name)
        try:
            archive = tarfile.open(archive_path)  # noqa: SIM115  (closed by the `with` below)
        except (OSError, tarfile.TarError):
            raise BackupError(f"{archive_path} is not a readable backup archive.") from None
        with archive:
            try:
                # The "data" filter refuses absolute paths, "..", links out of the folder and
                # device files: a tampered archive cannot write outside `work`.
                archive.extractall(work, filter="data")
            except (OSError, tarfile.TarError) as error:
                raise BackupError(f"The archive could not be unpacked: {error}") from None
            manifest = _checked_manifest(archive, work)
        _database_load(work / manifest["database"]["member"])
        restored = work / UPLOADS
        restored.mkdir(exist_ok=True)
        # Swap folders by rename (same file system), so the uploads are never half replaced.
        previous = work / "previous-uploads"
        if media_root.exists():
            os.replace(media_root, previous)
        os.replace(restored, media_root)
    return RestoreReport(
        database=connection.vendor,
        files=len(manifest["files"]),
        created_at=str(manifest["created_at"]),
    )
