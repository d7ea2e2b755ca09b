"""Background tasks of the accounts capability (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from rxguild.accounts.data_services import export_build, purge_due


@task()
def build_member_export(export_id: int) -> int:
    """Build a member's data export; running it twice for one export builds it once."""
    export = export_build(export_id)
    return export.size if export is not None else 0


@task()
def purge_accounts_task() -> list[int]:
    """Deleted accounts past their grace period and expired exports (idempotent)."""
    return list(purge_due())
