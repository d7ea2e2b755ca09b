"""What belongs to a member, for their export and their deletion: one definition for both.

A member's data is what Django would delete with their user row: every row that points to
them with on_delete=CASCADE, and what cascades from those rows (profile sections, CE records,
tracker items, posts and their replies, messages, goals, …), plus the rows that only lose
their link to them (SET_NULL: groups they created, moderation they did), which are kept. It
is found by Django's own deletion Collector, so an app added later is covered the day its
models point to the user, with no list to keep up to date; each app's models say by their
on_delete what a deletion takes (docs/data-policy.md).

Secrets are never exported: password hashes, token and link digests, MFA secrets, email
confirmation keys, session keys.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router
from django.db.models.deletion import Collector
from django.utils import timezone

from rxguild.accounts.models import User

# Whole models that are secrets or machinery, never exported (still deleted with the member).
SECRET_MODELS = frozenset(
    {"mfa.authenticator", "account.emailconfirmation", "accounts.accountdeletion"}
)
# Field names holding secrets or their digests, in any model.
SECRET_FIELDS = frozenset(
    {"password", "token_hash", "link_digest", "digest", "secret", "session_key", "key"}
)


@dataclass
class MemberRows:
    """Rows by model label ('app_label.model'): deleted with the member, or kept unlinked."""

    deleted: dict[str, list[models.Model]] = field(default_factory=dict)
    unlinked: dict[str, list[models.Model]] = field(default_factory=dict)

    def all_rows(self) -> Iterator[models.Model]:
        for rows in (*self.deleted.values(), *self.unlinked.values()):
            yield from rows


def _add(into: dict[str, list[models.Model]], rows: Iterable[models.Model]) -> None:
    for row in rows:
        bucket = into.setdefault(row._meta.label_lower, [])
        bucket.append(row)


def _unique(group: dict[str, list[models.Model]]) -> None:
    for label, rows in group.items():
        group[label] = sorted({row.pk: row for row in rows}.values(), key=lambda row: str(row.pk))


def member_rows(user: User) -> MemberRows:
    """Everything deleting `user` would delete or unlink, found by Django's Collector."""
    collector = Collector(using=router.db_for_write(User), origin=user)
    collector.collect([user])
    found = MemberRows()
    for instances in collector.data.values():
        _add(found.deleted, instances)
    for queryset in collector.fast_deletes:
        _add(found.deleted, queryset)
    for batches in collector.field_updates.values():
        for batch in batches:  # a queryset or a list of instances
            _add(found.unlinked, batch if isinstance(batch, Iterable) else [batch])
    _unique(found.deleted)
    _unique(found.unlinked)
    return found


def row_files(row: models.Model) -> list[str]:
    """Storage names of the files a row holds."""
    names = []
    for model_field in row._meta.concrete_fields:
        if isinstance(model_field, models.FileField):
            value = getattr(row, model_field.attname)
            if value:
                names.append(str(value))
    return names


def member_files(rows: MemberRows) -> list[str]:
    """Files of the rows that go with the member (unlinked rows keep theirs)."""
    return sorted(
        {name for group in rows.deleted.values() for row in group for name in row_files(row)}
    )


def row_data(row: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {"id": row.pk}
    for model_field in row._meta.concrete_fields:
        if model_field.primary_key or model_field.name in SECRET_FIELDS:
            continue
        data[model_field.name] = model_field.value_from_object(row)
        if isinstance(model_field, models.FileField):
            data[model_field.name] = str(data[model_field.name] or "")
    for many in row._meta.many_to_many:
        data[many.name] = sorted(related.pk for related in getattr(row, many.name).all())
    return data


README = """Your data from {site}, exported {when} UTC.

member-data.json holds every record you entered or that is about you, by part of the site
("profiles.workexperience", "ce.cerecord", …): "deleted_with_account" lists what deleting the
account removes, "kept_without_your_name" what stays without a link to you (e.g. a group you
created). Fields are the stored values; ids link records to each other. Files you uploaded are
under files/ with their stored names (the "file" fields). Passwords, token digests and
two-factor secrets are never included.
"""


def export_write(
    user: User, out: IO[bytes], *, site: str, progress: Callable[[int], None]
) -> tuple[int, int]:
    """Write the member's ZIP to `out`; returns (rows, files). `progress` gets percents."""
    rows = member_rows(user)
    document: dict[str, dict[str, list[dict[str, Any]]]] = {
        "deleted_with_account": {},
        "kept_without_your_name": {},
    }
    groups = [("deleted_with_account", rows.deleted), ("kept_without_your_name", rows.unlinked)]
    total = sum(len(group) for _, group in groups) + 1
    done = 0
    row_count = 0
    for section, group in groups:
        for label, instances in sorted(group.items()):
            if label in SECRET_MODELS:
                done += 1
                continue
            document[section][label] = [row_data(row) for row in instances]
            row_count += len(instances)
            done += 1
            progress(min(80, 80 * done // total))
    file_names = member_files(rows)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt", README.format(site=site, when=timezone.now().strftime("%Y-%m-%d %H:%M"))
        )
        archive.writestr(
            "member-data.json",
            json.dumps(document, cls=DjangoJSONEncoder, indent=1, ensure_ascii=False),
        )
        missing = []
        for index, name in enumerate(file_names, start=1):
            if name.startswith("exports/"):
                continue  # earlier exports are not put inside this one
            try:
                with (
                    default_storage.open(name, "rb") as stored,
                    archive.open(f"files/{name}", "w") as target,
                ):
                    for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                        target.write(chunk)
            except FileNotFoundError:
                missing.append(name)
            progress(80 + 19 * index // max(1, len(file_names)))
        if missing:
            archive.writestr("files/MISSING.txt", "\n".join(missing) + "\n")
    return row_count, len([name for name in file_names if not name.startswith("exports/")])
