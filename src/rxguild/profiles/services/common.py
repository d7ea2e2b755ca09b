"""What every profile service shares: apply changes, validate them together, undo on refusal,
and say whether anything changed at all (pages say "Saved" only when something was)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """The result of an update: the object and the names of the fields that changed.

    An update that changes nothing writes nothing, so a page can say "Nothing changed"
    instead of a misleading "Saved".
    """

    item: T
    changed: frozenset[str]

    @property
    def nothing_changed(self) -> bool:
        return not self.changed


def changed_fields(instance: models.Model, snapshot: Mapping[str, Any]) -> frozenset[str]:
    """Which of the snapshot's fields now hold another value than before `_apply`."""
    return frozenset(
        name
        for name, old in snapshot.items()
        if getattr(instance, model_field(instance, name).attname) != old
    )


def today() -> dt.date:
    return timezone.localdate()


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def model_field(instance: models.Model, name: str) -> models.Field[Any, Any]:
    field = instance._meta.get_field(name)
    assert isinstance(field, models.Field)  # only concrete fields are changed here
    return field


def apply_changes(
    instance: models.Model, changes: Mapping[str, Any], allowed: frozenset[str]
) -> dict[str, Any]:
    """Set the changes on the instance; return the old values so a refusal can undo them."""
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field can't be changed here."))
    # By column (attname): reading a foreign key of a new instance would raise.
    snapshot = {name: getattr(instance, model_field(instance, name).attname) for name in changes}
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        if value is None and isinstance(field, models.CharField | models.TextField):
            value = ""  # text columns store "not given" as empty, never NULL
        setattr(instance, name, strip(value))
    return snapshot


def full_clean(
    instance: models.Model,
    extra: Mapping[str, str],
    *,
    restore: Mapping[str, Any],
    exclude: Iterable[str] = (),
) -> None:
    """Model checks (lengths, choices, required) plus ours, reported together by field.

    On refusal the instance gets its old values back, so the caller's object still matches
    the database.
    """
    errors: dict[str, list[str]] = {}
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors.update({k: list(v) for k, v in error.message_dict.items()})
    for concrete in instance._meta.concrete_fields:
        # Django enforces a TextField's max_length only in forms: check it here too.
        value = getattr(instance, concrete.attname)
        limit = concrete.max_length
        if isinstance(concrete, models.TextField) and limit and len(value or "") > limit:
            errors.setdefault(concrete.name, []).append(
                f"Ensure this value has at most {limit} characters (it has {len(value)})."
            )
    for field_name, message in extra.items():
        errors.setdefault(field_name, []).append(message)
    if errors:
        for name, value in restore.items():
            field = model_field(instance, name)
            setattr(instance, field.attname, value)
            if isinstance(field, models.ForeignKey) and field.is_cached(instance):
                field.delete_cached_value(instance)
        raise ValidationError(errors)
