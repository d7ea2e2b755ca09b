"""Adding, changing and removing transcript records; CPE Monitor confirmation; the feed secret."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.ce.models import CalendarFeedToken, CeRecord, StaffAccessLog, new_feed_token
from rxguild.ce.validation import CleanRecord, record_clean
from rxguild.core.uploads import JPEG, PDF, PNG, random_storage_name, upload_check

PROOF_KINDS = (PDF, PNG, JPEG)


class RecordInvalid(ValidationError):
    """Bad record fields; `.message_dict` maps field -> message."""


def _today() -> date:
    return timezone.localdate()


def _clean_or_raise(raw: Mapping[str, object], today: date) -> CleanRecord:
    clean, errors = record_clean(raw, today=today)
    if clean is None:
        raise RecordInvalid(errors)
    return clean


def _apply(record: CeRecord, clean: CleanRecord) -> None:
    record.title = clean.title
    record.provider_name = clean.provider_name
    record.uan = clean.uan
    assert clean.completed_on is not None and clean.hours is not None
    record.completed_on = clean.completed_on
    record.hours = clean.hours
    record.format = clean.format
    record.topic_code = clean.topic_code
    record.audience = clean.audience
    record.kind = clean.kind
    record.tags = clean.tags


def _initial_cpe_status(clean: CleanRecord) -> str:
    # Only ACPE activities reach CPE Monitor; others have nothing to confirm there.
    if clean.kind == "acpe" and clean.uan:
        return CeRecord.CpeMonitor.PENDING
    return CeRecord.CpeMonitor.NOT_APPLICABLE


def duplicates_refresh(*, member_id: int, keys: Iterable[tuple[str, date]]) -> None:
    """Flag all but the first record of each (UAN, date) pair; never merge or delete."""
    for uan, completed_on in set(keys):
        if not uan:
            continue
        ids = list(
            CeRecord.objects.filter(member_id=member_id, uan=uan, completed_on=completed_on)
            .order_by("id")
            .values_list("id", flat=True)
        )
        CeRecord.objects.filter(id__in=ids[:1]).update(is_duplicate=False)
        CeRecord.objects.filter(id__in=ids[1:]).update(is_duplicate=True)


def proof_attach(record: CeRecord, proof: UploadedFile) -> None:
    checked = upload_check(proof, name=proof.name or "", size=proof.size or 0, kinds=PROOF_KINDS)
    record.proof_file.save(
        random_storage_name("ce-proof", checked.kind.extension), proof, save=False
    )
    record.proof_name = checked.original_name
    record.proof_status = CeRecord.ProofStatus.READ


@transaction.atomic
def ce_record_add(
    *,
    member: User,
    data: Mapping[str, object],
    source: str = CeRecord.Source.MANUAL,
    proof: UploadedFile | None = None,
    notes: str = "",
    today: date | None = None,
) -> CeRecord:
    clean = _clean_or_raise(data, today or _today())
    record = CeRecord(member=member, source=source, notes=notes[:2000])
    _apply(record, clean)
    record.cpe_monitor_status = _initial_cpe_status(clean)
    if proof is not None:
        proof_attach(record, proof)
    record.save()
    duplicates_refresh(member_id=member.id, keys=[(record.uan, record.completed_on)])
    record.refresh_from_db(fields=["is_duplicate"])
    return record


@transaction.atomic
def ce_record_update(
    *,
    record: CeRecord,
    data: Mapping[str, object],
    proof: UploadedFile | None = None,
    today: date | None = None,
) -> CeRecord:
    old_key = (record.uan, record.completed_on)
    clean = _clean_or_raise(data, today or _today())
    _apply(record, clean)
    if record.cpe_monitor_status != CeRecord.CpeMonitor.CONFIRMED:
        record.cpe_monitor_status = _initial_cpe_status(clean)
    if proof is not None:
        old_file = record.proof_file.name
        proof_attach(record, proof)
        if old_file:
            transaction.on_commit(lambda: record.proof_file.storage.delete(old_file))
    record.save()
    duplicates_refresh(
        member_id=record.member_id, keys=[old_key, (record.uan, record.completed_on)]
    )
    record.refresh_from_db(fields=["is_duplicate"])
    return record


@transaction.atomic
def ce_record_delete(*, record: CeRecord) -> None:
    key = (record.uan, record.completed_on)
    member_id = record.member_id
    file_name = record.proof_file.name
    storage = record.proof_file.storage
    record.delete()
    duplicates_refresh(member_id=member_id, keys=[key])
    if file_name:
        transaction.on_commit(lambda: storage.delete(file_name))


@transaction.atomic
def ce_record_mark_reported(*, record: CeRecord, confirmed: bool = True) -> CeRecord:
    """The member saw the record in their CPE Monitor e-Profile (or takes that back)."""
    if confirmed:
        record.cpe_monitor_status = CeRecord.CpeMonitor.CONFIRMED
        record.cpe_monitor_confirmed_at = timezone.now()
    else:
        record.cpe_monitor_status = CeRecord.CpeMonitor.PENDING
        record.cpe_monitor_confirmed_at = None
    record.save(update_fields=["cpe_monitor_status", "cpe_monitor_confirmed_at", "updated_at"])
    return record


@transaction.atomic
def calendar_feed_rotate(*, member: User) -> CalendarFeedToken:
    """A new secret: the old feed URL stops working at once."""
    feed, created = CalendarFeedToken.objects.select_for_update().get_or_create(member=member)
    if not created:
        feed.token = new_feed_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    return feed


@transaction.atomic
def staff_transcript_access_log(*, staff: User, member: User, reason: str) -> StaffAccessLog:
    if not (staff.is_authenticated and staff.is_staff):
        raise PermissionDenied("Only staff may open another member's transcript.")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Give a reason of at least 10 characters; it is logged."})
    return StaffAccessLog.objects.create(staff=staff, member=member, reason=reason[:300])
