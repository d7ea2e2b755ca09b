"""Completion-certificate PDFs: read in the sandbox, shown to the member, saved on confirm."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from rxguild.accounts.models import User
from rxguild.ce.certificate_text import certificate_fields_from_text
from rxguild.ce.models import CeRecord, CertificateUpload
from rxguild.ce.services.records import (
    _apply,
    _clean_or_raise,
    _initial_cpe_status,
    _today,
    duplicates_refresh,
)
from rxguild.core.sandbox import pdf_text_extract
from rxguild.core.uploads import PDF, random_storage_name, upload_check


def ce_certificate_extract(*, member: User, upload: UploadedFile) -> CertificateUpload:
    """Check the file, read its text in the sandbox and keep it pending confirmation.

    Raises UploadRejected (size/type). A file the sandbox cannot read is kept, marked
    unreadable, so the member can still type the details and keep the file as proof.
    """
    checked = upload_check(upload, name=upload.name or "", size=upload.size or 0, kinds=(PDF,))
    # The parser gets a private temporary copy, never the stored file's path.
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        temp_path = handle.name
    try:
        result = pdf_text_extract(temp_path)
    finally:
        os.unlink(temp_path)
    with transaction.atomic():
        pending = CertificateUpload(member=member, original_name=checked.original_name)
        if result.ok:
            pending.status = CertificateUpload.Status.READ
            pending.extracted_text = result.text[:20000]
            pending.found = certificate_fields_from_text(result.text)
        else:
            assert result.failure is not None
            pending.status = CertificateUpload.Status.UNREADABLE
            pending.failure = result.failure.message
        upload.seek(0)
        pending.file.save(random_storage_name("ce-proof", ".pdf"), upload, save=False)
        pending.save()
    return pending


@transaction.atomic
def ce_certificate_confirm(
    *,
    pending: CertificateUpload,
    data: Mapping[str, object],
    today: date | None = None,
) -> CeRecord:
    """Save what the member confirmed as a record, with the PDF as its proof."""
    if pending.status == CertificateUpload.Status.CONFIRMED:
        raise ValueError("This certificate was already saved.")
    clean = _clean_or_raise(data, today or _today())
    record = CeRecord(member=pending.member, source=CeRecord.Source.PDF)
    _apply(record, clean)
    record.cpe_monitor_status = _initial_cpe_status(clean)
    record.proof_file.name = pending.file.name
    record.proof_name = pending.original_name
    record.proof_status = (
        CeRecord.ProofStatus.READ
        if pending.status == CertificateUpload.Status.READ
        else CeRecord.ProofStatus.UNREADABLE
    )
    record.save()
    pending.status = CertificateUpload.Status.CONFIRMED
    pending.save(update_fields=["status"])
    duplicates_refresh(member_id=record.member_id, keys=[(record.uan, record.completed_on)])
    record.refresh_from_db(fields=["is_duplicate"])
    return record
