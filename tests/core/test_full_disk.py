"""A full disk during an upload (issue #18): the member gets a clear 507 ("Your file was not
saved … nothing was changed"), no partial file is left in the upload storage, no row was
written, and once there is room again the same upload works.

The disk is a real one: a 128 KB tmpfs mounted over MEDIA_ROOT in a mount namespace of this
test process (root in CI and here), nearly filled, so the kernel answers ENOSPC mid-write.
Where no file system can be mounted, the storage's scratch writer stops with ENOSPC after the
same number of bytes instead."""

from __future__ import annotations

import ctypes
import errno
import io
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.ce.conftest import certificate_pdf, make_member

from rxguild.ce.models import CeRecord, CertificateUpload
from rxguild.core.storage import LocalStorage
from rxguild.tracker.models import ApplicationResume

pytestmark = pytest.mark.django_db

DISK = 128 * 1024
ROOM = 16 * 1024  # free space left on the disk: less than the upload
CLONE_NEWNS = 0x00020000  # <sched.h>
_namespace: list[bool] = []  # unshared once per test process


def _own_mount_namespace() -> bool:
    if not _namespace:
        try:
            # This thread only (os.unshare is Python 3.12+): no one else sees the mount.
            if ctypes.CDLL(None, use_errno=True).unshare(CLONE_NEWNS) != 0:
                raise OSError(ctypes.get_errno(), "unshare")
            subprocess.run(["mount", "--make-rprivate", "/"], check=True, capture_output=True)
            _namespace.append(True)
        except (OSError, subprocess.CalledProcessError):
            _namespace.append(False)
    return _namespace[0]


class _FillsUp(io.FileIO):
    """Writes until ROOM bytes are on disk, then fails as a full disk does."""

    def write(self, data: Any) -> int:
        room = ROOM - self.tell()
        if len(data) > room:
            super().write(bytes(data[: max(room, 0)]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


class _SmallDiskStorage(LocalStorage):
    def _scratch_writer(self, descriptor: int) -> Any:
        return _FillsUp(descriptor, "wb")


@dataclass
class Disk:
    media: Path
    make_room: Callable[[], None]


@pytest.fixture
def full_disk(settings: Any, tmp_path: Path) -> Iterator[Disk]:
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    settings.DEBUG = False
    mounted = _own_mount_namespace() and (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(media)],
            capture_output=True,
        ).returncode
        == 0
    )
    normal = settings.STORAGES
    if mounted:
        (media / "filler").write_bytes(b"\0" * (DISK - ROOM))
    else:
        settings.STORAGES = {**normal, "default": {"BACKEND": f"{__name__}._SmallDiskStorage"}}
        (media / "filler").write_bytes(b"\0")

    def make_room() -> None:
        (media / "filler").unlink()
        settings.STORAGES = normal  # Django's setting_changed rebuilds the storage

    yield Disk(media, make_room)
    if mounted:
        subprocess.run(["umount", str(media)], check=True)


def _big_pdf() -> bytes:
    # A real certificate, padded with a PDF comment to well over the room left.
    return certificate_pdf(["Certificate of completion", "Sterile compounding"]) + (
        b"\n%" + b"x" * (4 * ROOM)
    )


def _files(media: Path) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def _pdf_file(pdf: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("certificate.pdf", pdf, content_type="application/pdf")


def test_a_full_disk_during_an_upload_says_so_and_leaves_nothing(full_disk: Disk) -> None:
    media = full_disk.media
    member = make_member()
    client = Client(raise_request_exception=False)
    client.force_login(member)
    pdf = _big_pdf()

    response = client.post("/ce/certificates/upload/", {"file": _pdf_file(pdf)})

    assert response.status_code == 507
    text = response.content.decode()
    assert "Your file was not saved" in text
    assert "storage is full" in text and "Nothing was changed" in text
    assert "Traceback" not in text
    assert _files(media) == {"filler"}  # no partial file, no scratch file
    assert CertificateUpload.objects.count() == 0
    assert CeRecord.objects.count() == 0

    # The API says the same in JSON, and changes nothing either.
    response = client.post("/api/v1/jobs/tracker/resumes", {"file": _pdf_file(pdf)})
    assert response.status_code == 507
    assert "storage is full" in response.json()["detail"]
    assert _files(media) == {"filler"}
    assert ApplicationResume.objects.count() == 0

    # Room again: the same upload is stored, whole.
    full_disk.make_room()
    response = client.post("/ce/certificates/upload/", {"file": _pdf_file(pdf)})
    assert response.status_code == 302
    [stored] = CertificateUpload.objects.all()
    assert (media / stored.file.name).read_bytes() == pdf
    assert _files(media) == {stored.file.name}
