"""The profile photo: validated, re-encoded, stored under a random name."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from rxguild.core.images import image_validate_and_reencode
from rxguild.profiles.models import Profile


def _delete_file_after_commit(storage: Any, name: str) -> None:
    # The old file goes only once the new state is committed: a rollback keeps it valid.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def profile_photo_set(*, profile: Profile, upload: BinaryIO, filename: str) -> Profile:
    """Validate, re-encode and store a new photo under a random name (see core.uploads)."""
    try:
        image = image_validate_and_reencode(upload, filename=filename)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from None
    old_name = (profile.photo.name or "") if profile.photo else ""
    profile.photo.save(image.name, ContentFile(image.content), save=False)
    profile.save(update_fields=["photo", "updated_at"])
    _delete_file_after_commit(profile.photo.storage, old_name)
    return profile


@transaction.atomic
def profile_photo_clear(*, profile: Profile) -> Profile:
    old_name = (profile.photo.name or "") if profile.photo else ""
    storage = profile.photo.storage
    profile.photo = ""
    profile.save(update_fields=["photo", "updated_at"])
    _delete_file_after_commit(storage, old_name)
    return profile
