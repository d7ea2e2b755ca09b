"""Uploads on local disk that are stored whole or not at all.

Django's FileSystemStorage writes straight into the final name, so a full disk (ENOSPC, or a
quota: EDQUOT) leaves a partial file behind under a name a row may point to. Here the bytes go
to a scratch file beside it first and are renamed into place only once all of them are
written (a rename within a directory is atomic); on a failed write the scratch file is removed
and `StorageFull` is raised, which the error handler answers with a 507 saying so
(core.errors). S3-compatible storage needs none of this: an object appears whole or not.
"""

from __future__ import annotations

import errno
import os
import tempfile
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import FileSystemStorage

NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


class StorageFull(OSError):
    """The upload storage has no room left; nothing was stored."""


class _Scratch(File):
    """A finished scratch file, handed to FileSystemStorage to move into place."""

    def temporary_file_path(self) -> str:
        return str(self.name)


class LocalStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        directory = os.path.dirname(self.path(name))
        try:
            os.makedirs(directory, exist_ok=True)
            descriptor, scratch = tempfile.mkstemp(dir=directory, prefix=".partial-")
        except OSError as error:
            raise _full(error) from error
        try:
            with self._scratch_writer(descriptor) as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            return super()._save(name, _Scratch(None, name=scratch))  # type: ignore[misc]
        except OSError as error:
            raise _full(error) from error
        finally:
            if os.path.exists(scratch):  # moved into place on success: only a failure's
                os.unlink(scratch)

    def _scratch_writer(self, descriptor: int) -> IO[bytes]:
        # A seam for the fault test where no small file system can be mounted.
        return os.fdopen(descriptor, "wb")


def _full(error: OSError) -> OSError:
    """StorageFull for "no space left" (or over quota), the error itself otherwise."""
    if error.errno in NO_SPACE:
        return StorageFull(error.errno, "The upload storage is full")
    return error
