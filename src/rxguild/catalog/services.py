"""Operations that change catalog data. The only writer is `catalog_load`, used by the
`load_catalog` command, `make setup` and the test fixture alike."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from rxguild.catalog import datafiles
from rxguild.catalog.models import (
    Credential,
    DataFileLoad,
    PracticeSetting,
    Skill,
    Specialization,
    Wage,
)


@dataclass
class FileReport:
    name: str
    version: str
    status: str  # "unchanged" (same sha256 as last load) or "loaded"
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept_referenced: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.status == "unchanged":
            return f"{self.name} v{self.version}: unchanged, skipped"
        text = (
            f"{self.name} v{self.version}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.removed)} removed"
        )
        if self.removed:
            text += f" ({', '.join(self.removed)})"
        if self.kept_referenced:
            text += (
                f"; {len(self.kept_referenced)} no longer in the file but kept because members or "
                f"postings use them: {', '.join(self.kept_referenced)}"
            )
        return text


@dataclass
class LoadReport:
    files: list[FileReport]

    def file(self, name: str) -> FileReport:
        return next(f for f in self.files if f.name == name)

    @property
    def changed(self) -> bool:
        return any(f.status == "loaded" for f in self.files)

    def summary(self) -> str:
        return "\n".join(f.summary() for f in self.files)


def _is_referenced_outside_catalog(instance: models.Model) -> bool:
    """True if a member, posting or any other app points at this row.

    Catalog-internal links (a setting's typical credentials) follow the data files, so they do not
    count; anything else is a member's data and must never vanish because a data file changed.
    Looks at forward fields of every other model, because most point here with related_name="+"
    and so have no reverse accessor. Only runs for rows a file dropped, which is rare.
    """
    from django.apps import apps

    target = type(instance)
    for model in apps.get_models():
        if model._meta.app_label == "catalog":
            continue
        for relation in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            remote = relation.remote_field
            if not relation.is_relation or remote is None or remote.model is not target:
                continue
            if model._default_manager.filter(**{relation.name: instance}).exists():
                return True
    return False


def _upsert(
    model: type[models.Model],
    entries: Sequence[Any],
    values: Callable[[Any], dict[str, Any]],
    report: FileReport,
) -> tuple[dict[str, Any], set[str]]:
    """Create or update rows by code; delete rows the file dropped unless someone uses them."""
    existing = {obj.code: obj for obj in model._default_manager.all()}  # type: ignore[attr-defined]
    to_create = []
    to_update = []
    unchanged: set[str] = set()
    changed_fields: set[str] = set()
    for entry in entries:
        wanted = values(entry)
        obj = existing.get(entry.code)
        if obj is None:
            to_create.append(model(code=entry.code, **wanted))
            continue
        diff = [name for name, value in wanted.items() if getattr(obj, name) != value]
        if diff:
            for name in diff:
                setattr(obj, name, wanted[name])
            changed_fields.update(diff)
            to_update.append(obj)
        else:
            unchanged.add(entry.code)
    model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    report.created = len(to_create)
    report.updated = len(to_update)
    report.unchanged = len(unchanged)
    in_file = {entry.code for entry in entries}
    for code in sorted(set(existing) - in_file):
        obj = existing[code]
        if _is_referenced_outside_catalog(obj):
            report.kept_referenced.append(code)
        else:
            obj.delete()
            report.removed.append(code)
    rows = {obj.code: obj for obj in model._default_manager.all()}  # type: ignore[attr-defined]
    return rows, unchanged


def _set_links(
    rows: dict[str, Any],
    entries: Sequence[Any],
    attr: str,
    targets: dict[str, Any],
    report: FileReport,
    unchanged: set[str],
) -> None:
    """Point each row's M2M at the codes in the file; a row whose links moved counts as updated."""
    for entry in entries:
        manager = getattr(rows[entry.code], attr)
        wanted = {targets[code].pk for code in getattr(entry, attr)}
        current = set(manager.values_list("pk", flat=True))
        if wanted != current:
            manager.set(wanted)
            if entry.code in unchanged:
                unchanged.discard(entry.code)
                report.unchanged -= 1
                report.updated += 1


def _sourced(entry: Any, version: str) -> dict[str, Any]:
    return {"source": entry.source, "confidence": entry.confidence, "data_version": version}


def _load_credentials(data_file: datafiles.DataFile, report: FileReport) -> None:
    def values(e: datafiles.CredentialEntry) -> dict[str, Any]:
        return {
            "name": e.name,
            "abbreviation": e.abbreviation,
            "kind": e.kind,
            "issuer": e.issuer,
            "state": e.state,
            "description": e.description,
            "url": e.url,
            **_sourced(e, data_file.version),
        }

    rows, unchanged = _upsert(Credential, data_file.entries, values, report)
    _set_links(rows, data_file.entries, "requires", rows, report, unchanged)


def _load_practice_settings(data_file: datafiles.DataFile, report: FileReport) -> None:
    def values(e: datafiles.PracticeSettingEntry) -> dict[str, Any]:
        return {"name": e.name, "description": e.description, **_sourced(e, data_file.version)}

    rows, unchanged = _upsert(PracticeSetting, data_file.entries, values, report)
    credentials = {c.code: c for c in Credential.objects.all()}
    _set_links(rows, data_file.entries, "typical_credentials", credentials, report, unchanged)


def _load_specializations(data_file: datafiles.DataFile, report: FileReport) -> None:
    def values(e: datafiles.SpecializationEntry) -> dict[str, Any]:
        return {
            "name": e.name,
            "description": e.description,
            "typical_training": e.typical_training,
            **_sourced(e, data_file.version),
        }

    rows, unchanged = _upsert(Specialization, data_file.entries, values, report)
    credentials = {c.code: c for c in Credential.objects.all()}
    settings = {s.code: s for s in PracticeSetting.objects.all()}
    _set_links(rows, data_file.entries, "typical_credentials", credentials, report, unchanged)
    _set_links(rows, data_file.entries, "settings", settings, report, unchanged)


def _load_skills(data_file: datafiles.DataFile, report: FileReport) -> None:
    def values(e: datafiles.SkillEntry) -> dict[str, Any]:
        return {
            "name": e.name,
            "category": e.category,
            "synonyms": list(e.synonyms),
            "description": e.description,
            "onet_element_id": e.onet_element_id,
            **_sourced(e, data_file.version),
        }

    _upsert(Skill, data_file.entries, values, report)


_WAGE_FIELDS = (
    "area",
    "msa_code",
    "msa_name",
    "setting",
    "occupation_code",
    "period",
    "hourly_median",
    "annual_median",
    "hourly_mean",
    "annual_mean",
    "hourly_p10",
    "hourly_p90",
    "annual_p10",
    "annual_p90",
    "employment",
    "note",
)


def _load_wages(data_file: datafiles.DataFile, report: FileReport) -> None:
    def values(e: datafiles.WageEntry) -> dict[str, Any]:
        return {
            **{name: getattr(e, name) for name in _WAGE_FIELDS},
            **_sourced(e, data_file.version),
        }

    _upsert(Wage, data_file.entries, values, report)


# Order matters: later files link to rows created by earlier ones.
_LOADERS: tuple[tuple[str, Callable[[datafiles.DataFile, FileReport], None]], ...] = (
    ("credentials", _load_credentials),
    ("practice_settings", _load_practice_settings),
    ("specializations", _load_specializations),
    ("skills", _load_skills),
    ("wages", _load_wages),
)


def _all_files_unchanged(path: Path, loaded: dict[str, DataFileLoad]) -> LoadReport | None:
    reports = []
    for name in datafiles.FILE_NAMES:
        file_path = path / name
        previous = loaded.get(name)
        if previous is None or not file_path.is_file():
            return None
        if hashlib.sha256(file_path.read_bytes()).hexdigest() != previous.sha256:
            return None
        reports.append(FileReport(name=name, version=previous.version, status="unchanged"))
    return LoadReport(files=reports)


def catalog_check(*, path: Path) -> datafiles.CatalogData:
    """Validate the data files without writing (raises datafiles.CatalogDataError)."""
    return datafiles.read_catalog(path)


@transaction.atomic
def catalog_load(*, path: Path) -> LoadReport:
    """Load the data files in `path` into the database, all or nothing.

    Files whose sha256 matches the last load are skipped, so running this on every deploy is
    cheap and leaves the data untouched. Raises datafiles.CatalogDataError, naming file, entry and
    field, before anything is written.
    """
    loaded = {load.name: load for load in DataFileLoad.objects.all()}
    unchanged = _all_files_unchanged(path, loaded)
    if unchanged is not None:
        # Every file was validated when it was loaded; re-parsing would only cost time on
        # each deploy (`make setup` runs this every time).
        return unchanged
    data = datafiles.read_catalog(path)
    reports = []
    for attr, loader in _LOADERS:
        data_file: datafiles.DataFile = getattr(data, attr)
        report = FileReport(name=data_file.name, version=data_file.version, status="loaded")
        previous = loaded.get(data_file.name)
        if previous is not None and previous.sha256 == data_file.sha256:
            report.status = "unchanged"
        else:
            loader(data_file, report)
            DataFileLoad.objects.update_or_create(
                name=data_file.name,
                defaults={"version": data_file.version, "sha256": data_file.sha256},
            )
        reports.append(report)
    return LoadReport(files=reports)
